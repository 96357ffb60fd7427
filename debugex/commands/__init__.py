"""One module per CLI command: each runs library functions and presents their results."""

from .options import (
    StrictLevels,
    cluster_option,
    content_option,
    parse_max_per_class,
    parse_shard,
    style_option,
    workers_option,
)

__all__ = ["StrictLevels", "cluster_option", "content_option", "parse_max_per_class", "parse_shard", "style_option",
           "workers_option"]
