"""debugex: verified debugging exercises from correct beginner Python programs."""

__version__ = "0.1.0"
