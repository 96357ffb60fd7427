"""Phrasings of the `indentation` injectors (`debugex.injectors.indentation`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "missing_block_indent": (
        "this line should be inside the `{keyword}` block opened on line {header_line}, but "
        "it is not indented, so that block has no body",
        "after the colon of the `{keyword}` on line {header_line} Python expects an indented "
        "line, and this one starts at the same level",
    ),
    "stray_indent": (
        "this line is indented further than line {previous}, although no block was opened "
        "there",
        "the extra spaces at the start of this line make Python expect a new block, and "
        "none was started",
    ),
}

TERSE: dict[str, str] = {
    "missing_block_indent": "this line should be indented.",
    "stray_indent": "unexpected indentation.",
}

WHY: dict[str, tuple[str, ...]] = {
    "missing_block_indent": (
        "Beginners treat indentation as layout, so a line under the `{keyword}` on line "
        "{header_line} looks fine to them at any depth.",
        "Whether a line belongs to the `{keyword}` block is decided by its indentation, "
        "which novices see as cosmetic.",
    ),
    "stray_indent": (
        "Beginners indent lines to group them visually, not knowing that Python only "
        "accepts indentation after a block header.",
        "An extra indent looks tidy to a student; Python reads it as structure.",
    ),
}
