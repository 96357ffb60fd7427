"""The `debugex` command line: click options only. Each command's body is one call into
its module in `debugex/commands/`; the options live here by what the command works on."""

from . import batches, datasets, exercise, library  # noqa: F401 - each registers its commands
from .group import main

__all__ = ["main"]
