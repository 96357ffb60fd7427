"""Load exercises from `content/<slug>/`: description, correct program, scenarios.

Every problem is reported as a ContentError that names the file (and the scenario or
TOML line where there is one), so that a teacher can fix their folder without reading
a traceback.

Files are taken as teachers' editors save them. Normalised on reading: a UTF-8 byte
order mark is dropped, CRLF and lone CR line endings become LF, and a program without a
final newline gets one (the XML format puts the closing tag on the line after the
program). Kept exactly as written: everything else, including tabs, trailing spaces,
blank lines and comments, so the line numbers and the text a student sees are the
teacher's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

SLUG = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
SCENARIO_KEYS = ("name", "stdin", "stdout", "calls", "returns", "raises", "tolerance",
                 "unordered")


class ContentError(ValueError):
    """A located problem with an exercise folder."""

    def __init__(self, where: Path | str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = str(where)
        self.problem = problem


@dataclass(frozen=True)
class Scenario:
    name: str
    stdin: tuple[str, ...]
    stdout: str | None = None  # exact expected output, when the author gives it
    # Function scenarios: expressions evaluated in order after the top level ran, and the
    # expected repr() of the first len(returns) of their values.
    calls: tuple[str, ...] = ()
    returns: tuple[str, ...] = ()
    # How the calls' values are judged, as a test file means them (see docs/scenarios.md):
    # the exception the last call must raise, a tolerance for numbers, and whether the
    # order of a returned sequence matters. Values are compared with ==, not as text.
    raises: str | None = None
    tolerance: float | None = None
    unordered: bool = False


@dataclass(frozen=True)
class Exercise:
    slug: str
    description: str
    source: str
    scenarios: tuple[Scenario, ...]
    path: Path | None = None
    scenarios_given: bool = True  # False: no scenarios.toml, scenarios were derived


def default_content_dir() -> Path:
    """`./content` when it exists, else the library bundled beside the package."""
    here = Path.cwd() / "content"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "content"


def read_text(path: Path) -> str:
    """UTF-8 text with LF line endings; a located error for anything else."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(path, "file is missing") from None
    except OSError as exc:
        raise ContentError(path, f"cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(f"{path}:{line}",
                           f"is not UTF-8 text (byte 0x{data[exc.start]:02x})") from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_program(text: str) -> str:
    """A program's text as debugex keeps it: LF endings and exactly one final newline
    added where the file had none; nothing else changes."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text if not text or text.endswith("\n") else text + "\n"


def read_program(path: Path) -> str:
    """A program file (see the module notes for what is normalised); never empty."""
    return normalise_program(_required_text(path))


def _required_text(path: Path) -> str:
    text = read_text(path)
    if not text.strip():
        raise ContentError(path, "file is empty")
    return text


def parse_scenarios(text: str, where: Path | str) -> tuple[Scenario, ...]:
    """Scenarios from the text of a scenarios.toml."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(where, f"invalid TOML: {exc}") from None
    unknown = sorted(set(data) - {"scenario"})
    if unknown:
        raise ContentError(where, f"unknown top-level key {unknown[0]!r} "
                                  "(scenarios are written as [[scenario]] tables)")
    tables = data.get("scenario")
    if tables is None:
        raise ContentError(where, "no [[scenario]] tables")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ContentError(where, "'scenario' must be written as [[scenario]] tables")
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        label = f"scenario {number}"
        name = table.get("name")
        if name is not None:
            if not isinstance(name, str) or not name.strip():
                raise ContentError(where, f"{label}: 'name' must be a non-empty string")
            label = f"scenario {number} ({name!r})"
        else:
            name = f"scenario_{number}"
        extra = sorted(set(table) - set(SCENARIO_KEYS))
        if extra:
            raise ContentError(where, f"{label}: unknown key {extra[0]!r} "
                                      f"(allowed: {', '.join(SCENARIO_KEYS)})")
        if name in seen:
            raise ContentError(where, f"{label}: duplicate scenario name {name!r}")
        seen.add(name)
        if "stdin" not in table and "calls" not in table:
            raise ContentError(where, f"{label}: missing 'stdin' "
                                      "(use stdin = [] for a program that reads nothing)")
        stdin = table.get("stdin", [])
        if not isinstance(stdin, list) or not all(isinstance(s, str) for s in stdin):
            raise ContentError(where, f"{label}: 'stdin' must be a list of strings, "
                                      "one per input() call")
        stdout = table.get("stdout")
        if stdout is not None and not isinstance(stdout, str):
            raise ContentError(where, f"{label}: 'stdout' must be a string")
        calls, returns = _calls_and_returns(table, where, label)
        scenarios.append(Scenario(name, tuple(stdin), stdout, calls, returns,
                                  *_expectations(table, calls, returns, where, label)))
    return tuple(scenarios)


def _expectations(table: dict, calls: tuple[str, ...], returns: tuple[str, ...],
                  where: Path | str, label: str) -> tuple[str | None, float | None, bool]:
    """A scenario's `raises`, `tolerance` and `unordered` keys, checked."""
    raises = table.get("raises")
    if raises is not None:
        if not isinstance(raises, str) or not raises.isidentifier():
            raise ContentError(where, f"{label}: 'raises' must be the name of an exception "
                                      "class, such as \"ValueError\"")
        if not calls:
            raise ContentError(where, f"{label}: 'raises' needs 'calls' (the last call is "
                                      "the one that must raise)")
        if len(returns) >= len(calls):
            raise ContentError(where, f"{label}: 'raises' says the last call raises, so "
                                      "'returns' can hold values for the calls before it only")
    tolerance = table.get("tolerance")
    if tolerance is not None and (isinstance(tolerance, bool)
                                  or not isinstance(tolerance, int | float) or tolerance < 0):
        raise ContentError(where, f"{label}: 'tolerance' must be a number >= 0")
    unordered = table.get("unordered", False)
    if not isinstance(unordered, bool):
        raise ContentError(where, f"{label}: 'unordered' must be true or false")
    return raises, None if tolerance is None else float(tolerance), unordered


def _calls_and_returns(table: dict, where: Path | str, label: str
                       ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A scenario's `calls` (Python expressions) and `returns` (expected reprs)."""
    found: dict[str, tuple[str, ...]] = {}
    for key, what in (("calls", "one Python expression per call"),
                      ("returns", "the expected repr() of each call's value")):
        items = table.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ContentError(where, f"{label}: '{key}' must be a list of strings, {what}")
        found[key] = tuple(items)
    calls, returns = found["calls"], found["returns"]
    for number, call in enumerate(calls, start=1):
        try:
            compile(call, "<call>", "eval", dont_inherit=True)
        except (SyntaxError, ValueError):
            raise ContentError(where, f"{label}: call {number} ({call!r}) is not a Python "
                                      "expression") from None
    if len(returns) > len(calls):
        raise ContentError(where, f"{label}: 'returns' has {len(returns)} values but "
                                  f"'calls' only {len(calls)} (one value per call)")
    return calls, returns


def load_exercise(folder: Path) -> Exercise:
    """One exercise folder; raises ContentError with the file and the problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ContentError(folder, "is not a folder")
    slug = folder.name
    if not SLUG.fullmatch(slug):
        raise ContentError(folder, f"slug {slug!r} is not lower_snake_case "
                                   "(letters, digits and single underscores): rename the "
                                   "folder, or bring it in with `debugex import`, which "
                                   "names it for you")
    description = _required_text(folder / "description.txt").strip() + "\n"
    source = read_program(folder / "correct.py")
    scenarios_file = folder / "scenarios.toml"
    if scenarios_file.exists():
        scenarios = parse_scenarios(read_text(scenarios_file), scenarios_file)
        given = True
    else:
        scenarios = ()
        given = False
    return Exercise(slug, description, source, scenarios, folder, given)


def exercise_folders(root: Path) -> list[Path]:
    """Exercise folders under root, in slug order (hidden folders skipped)."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError(root, "content folder does not exist")
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def find_exercise(root: Path, slug: str) -> Path:
    folder = Path(root) / slug
    if not folder.is_dir():
        raise ContentError(root, f"no exercise named {slug!r}")
    return folder
