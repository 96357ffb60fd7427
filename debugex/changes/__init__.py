"""What one change is: the units of a line, the changes between two programs, and the
injectors' candidate edits that a diff reads as exactly one change."""

from .candidates import find_sites
from .change import Piece
from .diffing import Change, line_changes, readable_as, recover_changes
from .tokens import Token, code_key, tokens

__all__ = [
    "Change",
    "Piece",
    "Token",
    "code_key",
    "find_sites",
    "line_changes",
    "readable_as",
    "recover_changes",
    "tokens",
]
