"""What a teacher already has, found on disk: each exercise's program, tests and words.

Three shapes are recognised, and a SOURCE may hold any mix of the first two:
- an **exercise folder** of the common autograder layout: a reference solution, a
  unittest or pytest file, instructions in Markdown (exercism's `.meta/example.py` and
  `.docs/instructions.md` included);
- a **folder of programs**: every `.py` file that is not a test is an exercise of its own
  (stdin scripts; described by their docstring or header comment);
- a **Moodle question bank** exported as XML with CodeRunner questions (`coderunner.py`).

Nothing is run or imported here: files are only read.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from ..content import read_text

SOLUTION_NAMES = (".meta/example.py", ".meta/exemplar.py", "solution.py", "example.py",
                  "reference.py", "reference_solution.py", "answer.py", "correct.py",
                  "model_answer.py", "main.py")
DESCRIPTION_NAMES = (".docs/instructions.md", "instructions.md", "README.md", "readme.md",
                     "description.md", "description.txt", "problem.md", "task.md")
SKIPPED = {"__init__.py", "setup.py", "conftest.py"}
MAX_DEPTH = 3


@dataclass
class Found:
    """One exercise as found: where, its program, its tests and its description."""

    name: str  # as the teacher wrote it (folder or file name)
    origin: str  # the path it came from, for the report
    source: str
    description: str = ""
    described_by: str = ""  # where the description came from ('' when none)
    tests: list[tuple[str, str]] = field(default_factory=list)  # (file name, text)
    cases_given: list = field(default_factory=list)  # CodeRunner: test cases already read
    echo_input: bool = False  # CodeRunner: the question's tests see each input echoed
    notes: list[str] = field(default_factory=list)


def is_test_file(path: Path) -> bool:
    name = path.name
    return name.endswith("_test.py") or name.startswith("test_") or name == "tests.py"


def find(source: Path) -> tuple[list[Found], list[str]]:
    """The exercises under `source` (a folder or an XML file) and what was passed over."""
    if source.is_file():
        if source.suffix.lower() == ".xml":
            from .coderunner import read_bank

            return read_bank(source)
        if source.suffix == ".py":
            return [_script(source, source.parent)], []
        return [], [f"{source}: not a folder, a .py program or a Moodle XML file"]
    if not source.is_dir():
        return [], [f"{source}: no such file or folder"]
    found: list[Found] = []
    passed: list[str] = []
    _walk(source, 0, found, passed)
    if not found and not passed:
        passed.append(f"{source}: no Python programs found")
    return found, passed


def _walk(folder: Path, depth: int, found: list[Found], passed: list[str]) -> None:
    exercise = _exercise_folder(folder)
    if exercise is not None:
        found.append(exercise)
        return
    scripts = sorted(p for p in folder.glob("*.py")
                     if p.name not in SKIPPED and not is_test_file(p))
    found.extend(_script(p, folder) for p in scripts)
    for xml in sorted(folder.glob("*.xml")):
        from .coderunner import read_bank

        more, skipped = read_bank(xml)
        found.extend(more)
        passed.extend(skipped)
    if depth >= MAX_DEPTH:
        return
    for child in sorted(p for p in folder.iterdir()
                        if p.is_dir() and not p.name.startswith((".", "_"))
                        and not p.is_symlink()):
        _walk(child, depth + 1, found, passed)


def _exercise_folder(folder: Path) -> Found | None:
    """An autograder exercise: a test file beside (or below) one reference solution."""
    tests = sorted(p for p in [*folder.glob("*.py"), *folder.glob("tests/*.py")]
                   if is_test_file(p))
    if not tests:
        return None
    solution = next((folder / n for n in SOLUTION_NAMES if (folder / n).is_file()), None)
    if solution is None:
        others = [p for p in folder.glob("*.py") if p.name not in SKIPPED and p not in tests]
        modules = {t.read_text(encoding="utf-8", errors="replace") for t in tests}
        # the module the tests import: `from leap import leap_year` tests leap.py
        imported = [p for p in others if any(f"import {p.stem}" in m or f"from {p.stem} "
                                             in m for m in modules)]
        candidates = imported or others
        if len(candidates) != 1:
            return None
        solution = candidates[0]
    found = Found(folder.name, str(folder), read_text(solution))
    found.tests = [(t.name, read_text(t)) for t in tests]
    _describe(found, folder, solution)
    if solution.parent != folder and solution.parent.name != ".meta":
        found.notes.append(f"solution read from {solution.relative_to(folder)}")
    return found


def _script(path: Path, folder: Path) -> Found:
    found = Found(path.stem, str(path), read_text(path))
    own_readme = len([p for p in folder.glob("*.py") if not is_test_file(p)]) == 1
    _describe(found, folder if own_readme else None, path)
    return found


def _describe(found: Found, folder: Path | None, program: Path) -> None:
    """The description: an instructions file, else the program's docstring or header
    comment; none found is said in a note (the exercise then says only its name)."""
    for name in DESCRIPTION_NAMES if folder is not None else ():
        path = folder / name
        if path.is_file():
            text = _markdown_text(read_text(path))
            if text:
                found.description, found.described_by = text, name
                return
    text = program_words(found.source)
    if text:
        found.description, found.described_by = text, "the program's docstring or comment"
        return
    found.notes.append("no description found (no instructions file, docstring or header "
                       "comment): write one in description.txt")


def _markdown_text(text: str) -> str:
    """Instructions as plain sentences: headings, code fences and HTML comments dropped."""
    lines, fenced = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced or stripped.startswith(("#", "<!--", "[")):
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip()


def program_words(source: str) -> str:
    """A program's module docstring, else its comment lines before the first statement."""
    try:
        docstring = ast.get_docstring(ast.parse(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        docstring = None
    if docstring:
        return docstring.strip()
    words = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                text = token.string.lstrip("#").strip()
                if text and not text.startswith("!") and "coding" not in text:
                    words.append(text)
            elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING):
                break
    except (tokenize.TokenError, SyntaxError):
        pass
    return " ".join(words).strip()
