"""One module per CLI command: each runs library functions and presents their results."""

from .options import (
    StrictLevels,
    cluster_option,
    content_option,
    locations_option,
    parse_max_per_class,
    parse_shard,
    play_options,
    style_option,
    teacher_export_options,
    workers_option,
)

__all__ = ["StrictLevels", "cluster_option", "content_option", "locations_option",
           "parse_max_per_class", "parse_shard", "play_options", "style_option",
           "teacher_export_options",
           "workers_option"]
