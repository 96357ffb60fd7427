"""Plausibility filters: the one place that decides whether an edit is an error a reader
would believe a student wrote. `find_sites` applies them to every injector, and
`bench/realism.py` runs the same checks over finished drafts.

An edit is refused when it
- falls inside a comment or a docstring (no program changes, or text nobody runs);
- writes an expression of a value against itself (`price - price`, `a != a`): a square
  `x * x` or `x ** 2` is ordinary code and stays allowed;
- scales a number by a power of ten (18 -> 180, 0.2 -> 0.02) in a task that is not about
  units, where such a factor is a slip a student could make;
- changes a number that a comment next to the line states (`% 3` under "divide by 2").
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections import Counter
from decimal import Decimal, InvalidOperation
from weakref import WeakKeyDictionary

from .base import Edit
from .program import ProgramIndex

INSIDE_COMMENT = "inside a comment or docstring"
SELF_OPERATION = "a value against itself"
SCALED_BY_TEN = "a number scaled by a power of ten"
CONTRADICTS_COMMENT = "contradicts the comment beside it"
REASONS = (INSIDE_COMMENT, SELF_OPERATION, SCALED_BY_TEN, CONTRADICTS_COMMENT)

# Words that make a task about units, where a factor of ten is the subject itself.
_UNIT_WORDS = frozenset({
    "unit", "units", "convert", "converter", "conversion", "metre", "metres", "meter",
    "meters", "centimetre", "centimetres", "centimeter", "centimeters", "millimetre",
    "millimetres", "kilometre", "kilometres", "kilometer", "kilometers", "cm", "mm", "km",
    "gram", "grams", "kilogram", "kilograms", "kg", "litre", "litres", "liter", "liters",
    "ml", "pence", "penny", "cent", "cents", "percent", "percentage", "decimal", "decimals"})
_NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                 "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10"}
_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")

_self_cache: WeakKeyDictionary[ProgramIndex, Counter] = WeakKeyDictionary()


def absurdities(program: ProgramIndex, edit: Edit, description: str = "") -> list[str]:
    """Why this edit is not an error a student would make (empty: plausible)."""
    reasons = []
    if _inside_comment_or_docstring(program, edit):
        reasons.append(INSIDE_COMMENT)
    if _self_operation(program, edit):
        reasons.append(SELF_OPERATION)
    if _scaled_by_ten(program, edit, description):
        reasons.append(SCALED_BY_TEN)
    if _contradicts_comment(program, edit):
        reasons.append(CONTRADICTS_COMMENT)
    return reasons


def plausible(program: ProgramIndex, edit: Edit, description: str = "") -> bool:
    return not absurdities(program, edit, description)


# -- comments and docstrings -----------------------------------------------------------
def _inside_comment_or_docstring(program: ProgramIndex, edit: Edit) -> bool:
    for start, end in _prose_spans(program):
        if start <= edit.start and edit.end <= end and not (edit.start == edit.end == start):
            return True
    return False


def _prose_spans(program: ProgramIndex) -> list[tuple[int, int]]:
    cached = program.__dict__.get("_prose_spans")
    if cached is not None:
        return cached
    spans = [(start, end) for token, start, end, _depth in program.located_tokens
             if token.type == tokenize.COMMENT]
    import libcst as cst

    for statement in program.nodes(cst.Expr):
        if isinstance(statement.value, cst.SimpleString | cst.ConcatenatedString):
            spans.append(program.span(statement.value))
    program.__dict__["_prose_spans"] = spans
    return spans


# -- a value against itself ----------------------------------------------------------
def _self_operation(program: ProgramIndex, edit: Edit) -> bool:
    brought = re.findall(r"[A-Za-z_]\w*", edit.replacement)
    first = program.source.count("\n", 0, edit.start) + 1
    last = program.source.count("\n", 0, edit.end) + 1
    start, end = program.line_span(first)[0], program.line_span(last)[1]
    if not brought:
        # only a name brought in can pair a value with itself, or an index changed
        # next to the same item (`pair[1] - pair[0]` -> `pair[1] - pair[1]`)
        if "[" not in program.source[start:end]:
            return False
    else:  # ... with a name that is on the line already, or twice in the replacement
        around: set[str] = set()
        for token, s, e, _depth in program.tokens_between(start, end):
            if token.type == tokenize.NAME and not (edit.start <= s and e <= edit.end):
                around.add(token.string)
            elif token.type == tokenize.STRING:  # an f-string's placeholders hold code
                around.update(re.findall(r"[A-Za-z_]\w*", token.string))
        if not (set(brought) & around) and len(set(brought)) == len(brought):
            return False
    before = _self_cache.get(program)
    if before is None:
        before = self_operations(program.source)
        _self_cache[program] = before
    after = self_operations(edit.apply(program.source))
    return after is not None and bool(after - before)


def self_operations(source: str) -> Counter | None:
    """Expressions of a value against itself in the program (None: it does not parse)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    found: Counter = Counter()
    for node in ast.walk(tree):
        pairs: list[tuple[ast.AST, ast.AST]] = []
        if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Mult | ast.Pow):
            pairs.append((node.left, node.right))
        elif isinstance(node, ast.Compare):
            pairs += zip([node.left, *node.comparators], node.comparators, strict=False)
        elif isinstance(node, ast.BoolOp):
            pairs += zip(node.values, node.values[1:], strict=False)
        for left, right in pairs:
            if _has_name(left) and ast.dump(left) == ast.dump(right):
                found[ast.unparse(node)] += 1
    return found


def _has_name(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) for n in ast.walk(node))


# -- powers of ten -------------------------------------------------------------------
def _number(text: str) -> Decimal | None:
    text = text.strip()
    if not text or not (text[0].isdigit() or text[0] == "."):
        return None
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:
        return None


def scaled_by_ten(old: str, new: str) -> bool:
    """True when `new` is `old` times or divided by a power of ten."""
    a, b = _number(old), _number(new)
    if a is None or b is None or a == 0 or b == 0 or a == b:
        return False
    ratio = (b / a) if abs(b) > abs(a) else (a / b)
    return ratio == ratio.to_integral_value() and str(int(ratio)).rstrip("0") == "1"


def about_units(program: ProgramIndex, description: str = "") -> bool:
    words = {w.lower() for w in _WORD.findall(_prose_and_names(program) + " " + description)}
    return bool(words & _UNIT_WORDS)


def _prose_and_names(program: ProgramIndex) -> str:
    return " ".join(t.string for t in program.tokens
                    if t.type in (tokenize.NAME, tokenize.STRING, tokenize.COMMENT))


def _scaled_by_ten(program: ProgramIndex, edit: Edit, description: str) -> bool:
    old = program.source[edit.start:edit.end]
    return scaled_by_ten(old, edit.replacement) and not about_units(program, description)


# -- comments beside the line --------------------------------------------------------
def _adjacent_comments(program: ProgramIndex, line: int) -> str:
    """The comment at the end of the line and the comment lines just above it."""
    texts = []
    own = _comment_on(program.line_text(line))
    if own:
        texts.append(own)
    above = line - 1
    while above >= 1 and program.line_text(above).lstrip().startswith("#") \
            and line - above <= 2:
        texts.append(program.line_text(above).lstrip())
        above -= 1
    return " ".join(texts)


def _comment_on(text: str) -> str:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        return ""
    return " ".join(t.string for t in tokens if t.type == tokenize.COMMENT)


def _numbers_in(text: str) -> set[str]:
    found = set()
    for word in _WORD.findall(text):
        word = _NUMBER_WORDS.get(word.lower(), word)
        number = _number(word)
        if number is not None:
            found.add(str(number.normalize()))
    return found


def _contradicts_comment(program: ProgramIndex, edit: Edit) -> bool:
    """A number of the code replaced by another number that a comment beside it states."""
    added = _numbers_in(edit.replacement)
    if not added:
        return False
    removed = {str(_number(token.string).normalize())
               for token, start, end, _depth in program.tokens_between(edit.start, edit.end)
               if token.type == tokenize.NUMBER and _number(token.string) is not None} - added
    if not removed:
        return False
    first = program.source.count("\n", 0, edit.start) + 1
    last = program.source.count("\n", 0, edit.end) + 1
    stated: set[str] = set()
    for line in range(first, last + 1):
        stated |= _numbers_in(_adjacent_comments(program, line))
    return bool(removed & stated)
