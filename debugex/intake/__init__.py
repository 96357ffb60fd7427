"""Bring a teacher's own course in: programs, autograder tests and question banks found on
disk (`sources.py`, `coderunner.py`), named and turned into scenarios (`slugs.py`,
`plan.py`), written into a content folder and checked against their own tests
(`write.py`), with what the sandbox cannot run left out or taken back (`settle.py`).
Test files are read, never run outside the sandbox."""

from .plan import Planned, plan, python2_reason
from .settle import leave_out_unfinished, take_back_unrunnable
from .slugs import slug_of, unique
from .sources import Found, find
from .write import Imported, check_imported, toml_text, write

__all__ = ["Found", "Imported", "Planned", "check_imported", "find",
           "leave_out_unfinished", "plan", "python2_reason", "slug_of",
           "take_back_unrunnable", "toml_text", "unique", "write"]
