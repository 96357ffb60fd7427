"""What a student is handed: a bugged program with its task, its errors, and the cases
it is checked on (each scenario with what the correct program does on it).

The exports for teachers (CodeRunner, Jupyter) and `debugex play` all start from a list
of `Task`s, read from the accepted drafts of a batch, from an examples folder, or made
now from content exercises by the engine. The cases are the matching content exercise's
scenarios (a program is matched by its code, as the audit does), else synthesised ones,
and what each shows is run in the sandbox: never written from memory.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..changes import code_key
from ..content import ContentError, Exercise, find_exercise, load_exercise
from ..engine import (
    ComposeOptions,
    CorrectProgramError,
    InfeasibleRequest,
    edit_signature,
    prepared_for,
)
from ..formats import (
    DatasetError,
    MessageError,
    Record,
    Request,
    load_examples,
    parse_assistant,
    parse_user,
)
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from .batch import BatchError, load_batch
from .inject import inject

# Modules whose results differ between the sandbox (seeded, frozen clocks) and a
# student's machine: expected output written from the sandbox would be false there.
UNPORTABLE_MODULES = frozenset({"random", "time", "datetime", "secrets", "uuid"})


class TaskError(ValueError):
    """Input that gives no task (unknown exercise or draft, unreadable batch); says why."""


@dataclass(frozen=True)
class Case:
    """One scenario and what the correct program did on it (the oracle)."""

    name: str
    stdin: tuple[str, ...]
    calls: tuple[str, ...]
    stdout: str  # with the sandbox's `>>> CALL` line before each call's output
    returns: tuple[str, ...]  # repr() of each call's value
    unordered: bool = False  # the scenario compares the values in any order


@dataclass(frozen=True)
class Task:
    name: str  # unique in its source: draft id, example id or exercise slug
    exercise: str
    description: str
    correct: str
    bugged: str
    lines: tuple[int, ...]  # line of each error in the bugged program
    explanations: tuple[str, ...]
    cases: tuple[Case, ...]

    @property
    def uses_stdin(self) -> bool:
        return any(c.stdin for c in self.cases)


def unportable(source: str) -> str | None:
    """Why the program's output cannot be predicted off the sandbox, or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        for name in names:
            if name.split(".")[0] in UNPORTABLE_MODULES:
                return (f"it imports {name.split('.')[0]}: outside debugex's sandbox (which "
                        "seeds random and freezes the clocks) what it prints may differ from "
                        "run to run, so an expected output could be false")
    return None


class TaskMaker:
    """Builds tasks; one per (correct program) preparation, one sandbox for all."""

    def __init__(self, sandbox: Sandbox, content: Path | None) -> None:
        self.sandbox = sandbox
        self.content = content
        self._known: dict[tuple, Exercise] | None = None
        self._cases: dict[str, tuple[Case, ...] | str] = {}

    def known(self) -> dict[tuple, Exercise]:
        if self._known is None:
            found = load_for_check(self.content, []) if self.content and \
                self.content.is_dir() else []
            self._known = {code_key(e.source): e for e in found if isinstance(e, Exercise)}
        return self._known

    def cases(self, description: str, correct: str) -> tuple[Case, ...] | str:
        """The cases of a correct program, or why it has none (a reason to leave it out)."""
        if correct in self._cases:
            return self._cases[correct]
        exercise = self.known().get(code_key(correct)) or Exercise(
            "unknown", description, correct, (), None, scenarios_given=False)
        try:
            prepared = prepared_for(exercise, self.sandbox)
        except (CorrectProgramError, SyntaxError, ValueError) as exc:
            result: tuple[Case, ...] | str = f"its correct program cannot be run: {exc}"
        else:
            result = tuple(Case(s.name, s.stdin, s.calls, o.stdout, o.returns, s.unordered)
                           for s, o in zip(prepared.scenarios, prepared.oracle, strict=True))
            if not result:
                result = prepared.note or "no scenario could be run"
        self._cases[correct] = result
        return result

    def task(self, name: str, exercise: str, user_xml: str, assistant_xml: str) -> Task | str:
        """A task from a (request, response) pair, or why it cannot be one."""
        try:
            user, assistant = parse_user(user_xml), parse_assistant(assistant_xml)
        except MessageError as exc:
            return f"it cannot be parsed ({exc})"
        cases = self.cases(user.description, user.program)
        if isinstance(cases, str):
            return cases
        return Task(name, exercise, user.description, user.program, assistant.program,
                    tuple(assistant.locations), tuple(assistant.explanations), cases)

    def from_batch(self, path: Path, draft_ids: Sequence[str] = ()) -> list[Task | tuple]:
        """The accepted drafts of a batch (or the named drafts, whatever their decision)."""
        try:
            batch = load_batch(path)
            if draft_ids:
                chosen = [(batch.draft(d), batch.draft(d)["assistant_xml"]) for d in draft_ids]
                edited = batch.decisions()
                chosen = [(d, edited.get(d["id"], {}).get("assistant_xml") or xml)
                          for d, xml in chosen]
            else:
                chosen = batch.accepted()
        except BatchError as exc:
            raise TaskError(str(exc)) from None
        return [self._or_reason(d["id"], self.task(d["id"], d["exercise"], d["user_xml"], xml))
                for d, xml in chosen]

    def from_examples(self, folder: Path | Sequence[Record]) -> list[Task | tuple]:
        """Every example of a folder (or these records, already loaded)."""
        try:
            records = load_examples(folder) if isinstance(folder, Path) else folder
        except DatasetError as exc:
            raise TaskError(str(exc)) from None
        out: list[Task | tuple] = []
        for record in records:
            if record.user is None or record.assistant is None:
                out.append((record.id, record.problem or "it cannot be read"))
                continue
            slug = (record.meta or {}).get("exercise") or record.id
            out.append(self._or_reason(record.id, self.task(record.id, str(slug), record.user,
                                                             record.assistant)))
        return out

    def from_exercises(self, slugs: Iterable[str], request: Request, seed: int
                       ) -> list[Task | tuple]:
        """One draft made now per content exercise (partial when the request is too big)."""
        out: list[Task | tuple] = []
        for slug in slugs:
            exercise = self.exercise(slug)
            try:
                made = inject(exercise, request, seed, self.sandbox, allow_partial=True)
            except (InfeasibleRequest, CorrectProgramError) as exc:
                out.append((slug, str(exc)))
                continue
            out.append(self._or_reason(slug, self.task(slug, slug, made.user_xml,
                                                       made.assistant_xml)))
        return out

    def variant(self, slug: str, request: Request, seed: int, used: Mapping[tuple, int]
                ) -> tuple[Task | str, tuple[tuple, ...], bool]:
        """One draft made now under the engine's reuse rule (an edit in `used` is taken
        only when fresh ones do not fit): (the task or why none, the signatures of its
        edits, whether any seed would fail alike: the program cannot be run or offers no
        site for the request)."""
        exercise = self.exercise(slug)
        options = ComposeOptions(max_density=None, used=used)
        try:
            made = inject(exercise, request, seed, self.sandbox, allow_partial=True,
                          options=options)
        except CorrectProgramError as exc:
            return str(exc), (), True
        except InfeasibleRequest as exc:
            return str(exc), (), bool(exc.offered)  # offered: decided before any draw
        edits = tuple(edit_signature(p.edit) for p in made.composition.errors)
        task = self.task(slug, slug, made.user_xml, made.assistant_xml)
        return task, edits, isinstance(task, str)

    def exercise(self, slug: str) -> Exercise:
        if self.content is None or not self.content.is_dir():
            raise TaskError(f"no content folder to find exercise {slug!r} in")
        try:
            return load_exercise(find_exercise(self.content, slug))
        except ContentError as exc:
            raise TaskError(str(exc)) from None

    @staticmethod
    def _or_reason(name: str, made: Task | str) -> Task | tuple:
        return (name, made) if isinstance(made, str) else made


def split_tasks(made: Sequence[Task | tuple]) -> tuple[list[Task], dict[str, str]]:
    """(tasks, name -> why it was left out)."""
    tasks = [m for m in made if isinstance(m, Task)]
    return tasks, {m[0]: m[1] for m in made if isinstance(m, tuple)}
