"""The facts that make a stock sentence true, computed from the programs and the runs.

A phrasing that holds only under a premise names it with a `{when_...}` placeholder,
which prints nothing: `fill` uses the phrasing only when `premises` supplied that key
(the fact holds), so each such sentence carries the fact that makes it true. Facts that
are quoted (`slip`, `gap`, `where_left_off`, line numbers mapped into the incorrect
program) are computed here too, and left out when they cannot be established, so that
the phrasing which needs them is skipped and another true one is used.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .facts import ErrorFacts

YES = "yes"  # the value of a premise that holds (a `{when_...}` placeholder prints "")
OPENERS, CLOSERS = "([{", ")]}"
ORDERINGS = ("<", "<=", ">", ">=")
# `<` and `>=` (and `<=` and `>`) are each other's negation: reversing one into the
# other swaps the outcome for every value, the boundary included.
COMPLEMENT = {"<": ">=", ">=": "<", "<=": ">", ">": "<="}
TYPO_SLIPS = {"capitalised": "A capital letter", "dropped letter": "One dropped letter",
              "swapped letters": "Two swapped letters", "doubled letter": "One doubled letter",
              "wrong vowel": "One wrong vowel", "underscore dropped": "Leaving out the underscores",
              "other spelling": "Spelling one word of the name another way",
              "added s": "One added `s`"}


def _tokens(line: str) -> list[tokenize.TokenInfo]:
    """The tokens of one line of code, as far as they can be read (an unclosed bracket
    or a stray character ends the list instead of failing)."""
    found: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline):
            found.append(token)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return found


def _brackets(line: str) -> list[tuple[str, int]]:
    """(bracket, column in the stripped line) of every bracket token on the line."""
    return [(t.string, t.start[1]) for t in _tokens(line)
            if t.type == tokenize.OP and t.string in OPENERS + CLOSERS]


def left_off(facts: ErrorFacts) -> str:
    """Where a removed closing bracket was: 'at the end of the line', or before what
    follows it ('just before the `:`'); '' when the line is not known."""
    if not facts.origin_text.strip():
        return ""
    rest = facts.origin_text[facts.column + len(facts.before):].strip()
    if not rest or rest.startswith("#"):
        return "at the end of the line"
    return f"just before the `{rest[:1]}`"


def _unclosed(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    found: dict[str, str] = {}
    line = facts.origin_text
    indent = len(line) - len(line.lstrip())
    closer_at = facts.column - indent  # the removed bracket, in the stripped line
    stack: list[int] = []
    opener_at = None
    for bracket, column in _brackets(line):
        if bracket in OPENERS:
            stack.append(column)
        elif stack:
            start = stack.pop()
            if column == closer_at:
                opener_at = start
                break
    if opener_at is not None and any(opener_at < c < closer_at for _, c in _brackets(line)):
        found["when_nested"] = YES  # another bracket pair sits inside the unclosed one
    found["where_left_off"] = left_off(facts)
    reported = facts.evidence.reported_line
    if reported is not None and reported > facts.line:
        found["when_reads_on"] = YES  # CPython reads past the line before it complains
    return found


def _several_brackets(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    openers = sum(b in OPENERS for b, _ in _brackets(facts.origin_text))
    return {"when_several": YES} if openers >= 2 else {}


def _strings(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """The line holds several string literals (in the correct program)."""
    count = sum(t.type == tokenize.STRING for t in _tokens(facts.origin_text))
    return {"when_strings": YES} if count >= 2 else {}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z_][a-z0-9_]*", text.lower()))


def _described(facts: ErrorFacts, incorrect: str, description: str) -> dict[str, str]:
    new = facts.info.get("new", "")
    return {"when_described": YES} if new and new.lower() in _words(description) else {}


def _comparisons_on(line: str) -> tuple[int, bool]:
    """(comparison operators on the line, whether `and`/`or` joins parts of it)."""
    tokens = _tokens(line)
    count = sum(t.type == tokenize.OP and t.string in ORDERINGS + ("==", "!=")
                for t in tokens)
    joined = any(t.type == tokenize.NAME and t.string in ("and", "or") for t in tokens)
    return count, joined


def _reversed(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    count, joined = _comparisons_on(_line(incorrect, facts.line))
    if count != 1 or joined:
        return {"when_part": YES}  # one half of a range test, or one part of a longer test
    old, new = facts.info.get("old"), facts.info.get("new")
    if COMPLEMENT.get(old or "") == new:
        return {"when_alone": YES, "when_complement": YES}
    return {"when_alone": YES, "when_tie_kept": YES}


def _boundary(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """What a boundary slip does to the boundary value itself, from the two operators:
    `<=` to `<` leaves it out, `<` to `<=` lets it in."""
    old = facts.info.get("old", "")
    if old not in ORDERINGS:
        return {}
    included = "=" in old
    return {"treated": "left out" if included else "let in",
            "was": "true" if included else "false", "now": "false" if included else "true"}


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _gap(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """How far a mistyped number is from the one the task needs ('10 less')."""
    old, new = _number(facts.info.get("old", "")), _number(facts.info.get("new", ""))
    if old is None or new is None or old == new:
        return {}
    size = abs(new - old)
    amount = str(int(size)) if size == int(size) else f"{size:g}"
    if old and new == old * 10:
        return {"gap": "ten times the value"}
    if new and old == new * 10:
        return {"gap": "a tenth of the value"}
    return {"gap": f"{amount} {'more' if new > old else 'less'} than the value"}


def _names_read(program: str) -> set[str] | None:
    """Every name the program reads, or None when it does not parse."""
    try:
        tree = ast.parse(program)
    except SyntaxError:
        return None
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}


def _unused(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """`reads` is ignored only when nothing in the incorrect program reads it any more."""
    reads = facts.info.get("reads")
    names = _names_read(incorrect)
    if reads and names is not None and reads not in names:
        return {"when_unused": YES}
    return {}


def alike(first: str, second: str) -> bool:
    """Names a reader can confuse by their spelling: a shared start of three letters,
    one inside the other (`item`, `items`), or at most two letters apart."""
    a, b = first.lower(), second.lower()
    if a in b or b in a or (len(a) >= 3 and a[:3] == b[:3]):
        return True
    return _distance(a, b) <= 2


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _alike(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    right, wrong = facts.info.get("right", ""), facts.info.get("wrong", "")
    return {"when_alike": YES} if right and wrong and alike(right, wrong) else {}


def _slip(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    typo, name = facts.info.get("typo", ""), facts.info.get("name", "")
    kind = facts.info.get("kind") or ("capitalised" if typo.lower() == name.lower()
                                      else "")
    slip = TYPO_SLIPS.get(kind)
    return {"slip": slip} if slip else {}


def _line(program: str, number: int) -> str:
    lines = program.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _indent(text: str) -> int:
    return len(text.expandtabs()) - len(text.expandtabs().lstrip())


def _moved(facts: ErrorFacts, number: int) -> int:
    """A line of the correct program above the edit, numbered as in the incorrect one."""
    return number + facts.line - facts.origin_line


def _stray(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """`previous` is the line before, in the incorrect program, and less indented."""
    values = dict(facts.info)
    if not str(values.get("previous", "")).isdigit():
        return {}
    previous = _moved(facts, int(values["previous"]))
    shown, here = _line(incorrect, previous), _line(incorrect, facts.line)
    if 0 < previous < facts.line and shown.strip() and _indent(shown) < _indent(here):
        return {"previous": str(previous)}
    return {"previous": ""}  # not true as numbered: the phrasing naming it is skipped


def _header(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """`header_line` is the block header the line should be under, in the incorrect
    program: a line above that opens a `keyword` block."""
    values = dict(facts.info)
    if not str(values.get("header_line", "")).isdigit():
        return {}
    header = _moved(facts, int(values["header_line"]))
    shown = _line(incorrect, header).strip()
    keyword = str(values.get("keyword", ""))
    if 0 < header < facts.line and shown.split("#")[0].rstrip().endswith(":") and (
            shown.startswith(keyword) or not keyword):
        return {"header_line": str(header)}
    return {"header_line": ""}


def _other_return(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """The function returns a value nowhere else (read from its lines: a `return` with
    a value, in any case, in the lines of its body)."""
    lines = incorrect.splitlines()
    start = next((i for i in range(min(facts.line, len(lines)) - 1, -1, -1)
                  if lines[i].lstrip().startswith("def ")), None)
    if start is None:
        return {}
    depth = _indent(lines[start])
    for i in range(start + 1, len(lines)):
        text = lines[i]
        if text.strip() and _indent(text) <= depth:
            break  # the function's body has ended
        if i + 1 != facts.line and re.match(r"\s*return\s+\S", text, re.IGNORECASE):
            return {}
    return {"when_no_other_return": YES}


def _part_dropped(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """What a test with one of its two parts gone now gets wrong."""
    operator = facts.info.get("operator")
    if operator == "and":
        return {"lost": "values that pass it but fail the missing part now get through"}
    if operator == "or":
        return {"lost": "values that fail it but meet the missing part are now turned "
                        "away"}
    return {}


def _form(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """`when_<form>`: which of its mistake's forms the injector found here (the `form`
    detail of the edit: `s == 0` or `len(s) == 1` for an emptiness test), so that a
    sentence true of one form only is used for that form."""
    form = facts.info.get("form", "")
    return {f"when_{form}": YES} if form.isidentifier() else {}


def _returns(facts: ErrorFacts, incorrect: str) -> dict[str, str]:
    """`when_returns`: the changed line is a `return` statement."""
    return {"when_returns": YES} if _line(incorrect, facts.line).strip().startswith(
        "return") else {}


Finder = Callable[["ErrorFacts", str], dict[str, str]]
FINDERS: dict[str, tuple[Finder, ...]] = {
    "unclosed_bracket": (_unclosed,),
    "extra_or_mismatched_bracket": (_several_brackets,),
    "unterminated_string": (_strings,),
    "reversed_comparison": (_reversed,),
    "boundary_slip": (_boundary,),
    "wrong_constant": (_gap,),
    "variable_misuse": (_unused,),
    "item_collection_mixup": (_alike,),
    "name_typo": (_slip,),
    "stray_indent": (_stray,),
    "missing_block_indent": (_header,),
    "condition_part_dropped": (_part_dropped,),
    "print_instead_of_return": (_other_return,),
    "wrong_return_value": (_returns,),
}


def premises(facts: ErrorFacts, incorrect: str, description: str = "") -> dict[str, str]:
    """The facts this error's phrasings may rely on; a premise that does not hold is
    absent."""
    found: dict[str, str] = _form(facts, incorrect)
    if facts.kind == "renamed_parameter":
        found.update(_described(facts, incorrect, description))
    for finder in FINDERS.get(facts.kind, ()):
        found.update(finder(facts, incorrect))
    return found
