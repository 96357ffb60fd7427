"""The styles an explanation can be written in."""

STYLES = ("teacher", "terse")  # teacher: cause and observed symptom; terse: one short sentence
DEFAULT_STYLE = "teacher"
