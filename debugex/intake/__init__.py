"""Bring a teacher's own course in: programs, autograder tests and question banks found on
disk (`sources.py`, `coderunner.py`), named and turned into scenarios (`slugs.py`,
`plan.py`), written into a content folder and checked against their own tests
(`write.py`). Test files are read, never run outside the sandbox."""

from .plan import Planned, plan, python2_reason
from .slugs import slug_of, unique
from .sources import Found, find
from .write import Imported, check_imported, toml_text, write

__all__ = ["Found", "Imported", "Planned", "check_imported", "find", "plan",
           "python2_reason", "slug_of", "toml_text", "unique", "write"]
