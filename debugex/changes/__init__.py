"""What one change is: the units of a line, the changes between two programs, and the
injectors' candidate edits that a diff reads as exactly one change."""

from .candidates import find_sites
from .diffing import Change, readable_as, recover_changes
from .tokens import code_key

__all__ = [
    "Change",
    "code_key",
    "find_sites",
    "readable_as",
    "recover_changes",
]
