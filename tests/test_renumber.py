"""An edit's own proof, renumbered for the draft it is placed in (engine/renumber.py)."""

import pytest

from debugex.engine.renumber import in_draft, renumbered
from debugex.engine.verify import Verdict
from debugex.injectors import Edit, apply_edits

SOURCE = "import math\nx = 4\ny = math.sqrt(x)\nif y > 1:\n    print(y)\nprint('end')\n"


def edit(old: str, new: str, injector: str = "x") -> Edit:
    start = SOURCE.index(old)
    return Edit(injector, "syntax", start, start + len(old), new,
                SOURCE.count("\n", 0, start) + 1)


DROP_IMPORT = edit("import math\n", "")  # a line fewer above everything else
SPLIT = edit("x = 4\n", "x = (\n4)\n")  # a line more
COLON = edit("if y > 1:", "if y > 1")
PRINT_END = edit("print('end')", "print('end'")


@pytest.mark.parametrize(("edits", "index", "line", "expected"), [
    ((DROP_IMPORT, COLON), 1, 4, 3),       # the edit's own line moves up with the import
    ((DROP_IMPORT, COLON), 1, 5, 4),       # a line below it too
    ((DROP_IMPORT, COLON), 0, 2, 2),       # the import's own crash, further down
    ((SPLIT, COLON), 1, 4, 5),             # a line added above
    ((COLON, PRINT_END), 0, 4, 4),         # edits below change nothing above them
    ((DROP_IMPORT, SPLIT, PRINT_END), 2, 6, 6),  # one line fewer, one more
    ((DROP_IMPORT, SPLIT), 1, 3, 2),       # within the edit's own (two-line) text
    ((DROP_IMPORT, SPLIT), 1, 4, 3),       # just after it
])
def test_a_line_of_the_edit_alone_is_found_in_the_draft(edits, index, line, expected):
    alone = apply_edits(SOURCE, [edits[index]]).splitlines()
    draft = apply_edits(SOURCE, list(edits)).splitlines()
    assert in_draft(SOURCE, edits, index, line) == expected
    if line - 1 < len(alone) and alone[line - 1] in draft:
        assert draft[expected - 1] == alone[line - 1]


def test_the_verdict_keeps_everything_but_its_line_numbers():
    verdict = Verdict("syntax", exc_class="IndentationError", reported_line=5,
                      message="expected an indented block after 'if' statement on line 4")
    moved = renumbered(verdict, SOURCE, (DROP_IMPORT, COLON), 1)
    assert (moved.reported_line, moved.message) == (
        4, "expected an indented block after 'if' statement on line 3")
    assert (moved.status, moved.exc_class) == (verdict.status, verdict.exc_class)
    logical = Verdict("logical", difference="output line 2: expected '2', got '3'")
    assert renumbered(logical, SOURCE, (DROP_IMPORT, COLON), 1) is logical
