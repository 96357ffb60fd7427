"""Candidate stdin inputs for a program, derived from its text.

Reads what each `input()` expects from how its value is used (`int(...)`/`float(...)`
around it), harvests the values the program compares with (strings in `==`/`in`,
numbers in conditions and their neighbours, menu options) and the ones its description
names, and builds input sequences from them: random ones of the kinds the program reads,
and ones aimed at the boundaries of its comparisons. `synthesis` runs them.
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass

SEQUENCE_LENGTH = 24
_DEFAULT_WORDS = ("hello", "Python is fun", "racecar", "Anna", "level up", "x", "banana")
_DEFAULT_NUMBERS = ("0", "1", "2", "3", "5", "7", "10", "12", "-1", "4", "25", "100")
_DEFAULT_DECIMALS = ("2.5", "0.5", "3.75", "12.4")


@dataclass(frozen=True)
class InputSite:
    kind: str  # "int", "float" or "str"
    line: int


def _number_text(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


class Harvest(ast.NodeVisitor):
    """Input sites in source order, and the constants the program compares with."""

    def __init__(self) -> None:
        self.sites: list[InputSite] = []
        self.numbers: set[float] = set()
        self.strings: set[str] = set()
        self.words: set[str] = set()
        self.all_numbers: set[float] = set()
        self.separators: set[str] = set()  # what the program splits its text on

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and node.func.attr == "split":
            first = node.args[0] if node.args else None
            if first is None or (isinstance(first, ast.Constant) and first.value is None):
                self.separators.add(" ")
            elif isinstance(first, ast.Constant) and isinstance(first.value, str) \
                    and 0 < len(first.value) <= 3:
                self.separators.add(first.value)
        if _is_input(node) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            self.strings |= quoted_examples(node.args[0].value)
        if isinstance(node.func, ast.Name) and node.func.id in ("int", "float") and node.args:
            inner = _strip_methods(node.args[0])
            if _is_input(inner):
                self.sites.append(InputSite(node.func.id, node.lineno))
                self.generic_visit(inner)
                return
        if _is_input(node):
            self.sites.append(InputSite("str", node.lineno))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        # Every short word and number of the program is a plausible input too (dict keys,
        # accepted values in a list compared with `in` through a name).
        if isinstance(node.value, str) and 0 < len(node.value) <= 15 \
                and node.value.strip() == node.value and " " not in node.value:
            self.words.add(node.value)
        elif isinstance(node.value, int | float) and not isinstance(node.value, bool) \
                and abs(node.value) <= 10_000:
            self.all_numbers.add(node.value)

    def visit_Compare(self, node: ast.Compare) -> None:
        for operand in (node.left, *node.comparators):
            self._constants(operand)
        self.generic_visit(node)

    def _constants(self, node: ast.AST) -> None:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return
            if isinstance(node.value, int | float):
                self.numbers.add(node.value)
            elif isinstance(node.value, str) and len(node.value) <= 30:
                self.strings.add(node.value)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
                and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, int | float):
            self.numbers.add(-node.operand.value)
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            for element in node.elts:
                self._constants(element)


def _strip_methods(node: ast.AST) -> ast.AST:
    """`input().strip().lower()` -> the `input()` call."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return node


def _is_input(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
        and node.func.id == "input"


def analyse(source: str) -> Harvest:
    harvest = Harvest()
    harvest.visit(ast.parse(source))
    return harvest


_MIXED_WORDS = ("mARIA", "tom", "KEVIN  o", "li", "Ravi")


def _free_text(harvest: Harvest) -> set[str]:
    """Text a person types: several words joined by a separator the program splits on
    (or spaces), in mixed case, with stray spaces around; one word; one letter."""
    separators = {" "} | {w for w in harvest.words if len(w) == 1 and not w.isalnum()}
    texts = {"a", "Zo", "  eVA  "}
    for separator in separators:
        for count in (2, 3, 5):
            joined = separator.join(_MIXED_WORDS[:count])
            texts |= {joined, f"  {joined} ", joined.lower(), joined.title(),
                      separator.join((*_MIXED_WORDS[:count], _MIXED_WORDS[0].lower()))}
    return texts


def quoted_examples(text: str) -> set[str]:
    """What a prompt or a description shows in quotes as something to type ("1,1",
    'quit', “yes”): short, at most one space, one line."""
    parts = text.replace("“", '"').replace("”", '"').split('"')[1::2]
    parts += text.split("'")[1::2] if text.count("'") % 2 == 0 else []
    return {p for p in parts if 0 < len(p) <= 15 and p.count(" ") <= 1 and "\n" not in p}


def _joined_numbers(separators: set[str]) -> set[str]:
    """Numbers a person types on one line, split by the program: "1,1", "3 5 7"."""
    rows = (("1", "1"), ("2", "3"), ("3", "1", "2"), ("10", "4", "7", "1"))
    return {separator.join(row) for separator in separators for row in rows}


def value_pools(harvest: Harvest) -> dict[str, list[str]]:
    numbers: set[str] = set(_DEFAULT_NUMBERS)
    for value in harvest.numbers:
        for delta in (-1, 0, 1):
            numbers.add(_number_text(value + delta))
    numbers |= {_number_text(v) for v in harvest.all_numbers}
    decimals = set(_DEFAULT_DECIMALS) | {_number_text(v + 0.5) for v in harvest.numbers}
    decimals |= {_number_text(v) for v in harvest.numbers if isinstance(v, float)}
    strings = set(harvest.strings) | set(_DEFAULT_WORDS) | harvest.words
    strings |= {s.upper() for s in harvest.strings if s.islower()}
    strings |= _free_text(harvest) | _joined_numbers(harvest.separators)
    strings.discard("")
    return {"int": sorted(numbers), "float": sorted(numbers | decimals),
            "str": sorted(strings) + sorted(numbers)[:4]}


def random_sequence(rng: random.Random, pools: dict[str, list[str]], sites: list[InputSite],
               harvest: Harvest) -> tuple[str, ...]:
    """A long input sequence: each position mostly of the kind the program order
    suggests, sometimes any kind (loops and menus reorder the inputs)."""
    kinds = [s.kind for s in sites] or ["str"]
    sentinels = sorted(harvest.strings | harvest.words)
    values = []
    # Some sequences hold whole numbers wherever a number is read: a menu read with
    # int() and its amounts read with float() then go round several times.
    whole = rng.random() < 0.3
    for position in range(SEQUENCE_LENGTH):
        kind = kinds[position % len(kinds)] if rng.random() < 0.7 else rng.choice(
            ["int", "float", "str"])
        pool = pools["int" if whole and kind == "float" else kind]
        if kind == "str" and sentinels and rng.random() < 0.5:
            pool = sentinels
        values.append(rng.choice(pool))
    return tuple(values)


def add_description_values(harvest: Harvest, description: str) -> None:
    """Numbers the description names are compared with too (\"18 or over\"), and a
    quoted word is a plausible input (type "quit" to stop)."""
    for word in description.split():
        word = word.strip(".,;:!?()[]'\"")
        try:
            value = float(word)
        except ValueError:
            continue
        if abs(value) <= 10_000:
            harvest.numbers.add(int(value) if value.is_integer() else value)
    for quote in ('"', "'"):
        parts = description.split(quote)
        harvest.strings |= {p for p in parts[1::2] if 0 < len(p) <= 15 and " " not in p}
    harvest.strings |= described_values(description)
    # an example set apart on a line of its own ("For example, I type:\n\n  My name is
    # Ann") is what a person types
    harvest.strings |= {line.strip() for line in description.splitlines()
                        if line[:1] in (" ", "\t") and 0 < len(line.strip()) <= 40}


def described_values(description: str) -> set[str]:
    """Values of the shape the description asks for: "a 4-digit number" gives 1000, 4096
    and 9999; "binary" gives strings of 0s and 1s (of that many digits when it says)."""
    words = description.lower().replace("-", " ").split()
    digits = [int(w) for w, n in zip(words, words[1:], strict=False) if n.startswith("digit")
              and w.isdigit() and 0 < int(w) <= 12]
    values: set[str] = set()
    binary = "binary" in words
    for count in digits or ([8] if binary else []):
        if binary:
            values |= {("1011" * count)[:count], ("0110" * count)[:count], "1" * count,
                       "1" + "0" * (count - 1)}
        else:
            values |= {"1" + "0" * (count - 1), "9" * count, ("4096" * count)[:count],
                       "".join(str(d % 10) for d in range(1, count + 1))}
    return values


def merged(harvest: Harvest, other: Harvest) -> Harvest:
    """`harvest` with the values of `other` added (in place); its sites unless it has none."""
    harvest.numbers |= other.numbers
    harvest.strings |= other.strings
    harvest.words |= other.words
    harvest.all_numbers |= other.all_numbers
    if not harvest.sites:
        harvest.sites = other.sites
    return harvest


def boundary_candidates(rng: random.Random, harvest: Harvest,
                        pools: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Input sequences aimed at the program's comparisons: each compared constant c as
    c - 1, c and c + 1, given at every input, at the first input, and at a random one."""
    candidates = []
    for value in sorted(harvest.numbers, key=float):
        for delta in (-1, 0, 1):
            text = _number_text(value + delta)
            candidates.append((text,) * SEQUENCE_LENGTH)
            for position in (0, rng.randrange(min(4, SEQUENCE_LENGTH))):
                filler = list(random_sequence(rng, pools, harvest.sites, harvest))
                filler[position] = text
                candidates.append(tuple(filler))
    for word in sorted(harvest.strings):
        candidates.append((word,) * SEQUENCE_LENGTH)
    # A loop over input until a sentinel: none, one and many values before it.
    # A blank line is always among them: reading until the user enters nothing
    # (`while len(item) > 0`, `while item:`) compares with no constant to harvest.
    sentinels = sorted(harvest.strings | {""}) + [
        _number_text(v) for v in sorted(harvest.numbers, key=float)]
    # Runs of readings: a new maximum, a drop below zero, a tie for the maximum last (or
    # first); and all below zero (a running maximum started at 0 shows).
    mixed = ("3", "15", "-2", "8", "15")
    runs = (mixed, mixed[::-1], ("-3", "-7", "-1", "-5"))
    for sentinel in sentinels:
        for count in (0, 1, 4):
            filler = list(random_sequence(rng, pools, harvest.sites, harvest))
            candidates.append(tuple(filler[:count]) + (sentinel,) * (SEQUENCE_LENGTH - count))
        for run in runs:
            candidates.append(run + (sentinel,) * (SEQUENCE_LENGTH - len(run)))
    return candidates


def pair_candidates(rng: random.Random, harvest: Harvest, pools: dict[str, list[str]],
                    limit: int = 300) -> list[tuple[str, ...]]:
    """A compared constant next to another constant of the program, at the first
    inputs: a computed bound (`weight / (height_cm / 100) ** 2 < 25`) is met by
    constants together (25 kg at 100 cm)."""
    numbers = sorted(harvest.numbers, key=float)
    others = sorted(harvest.all_numbers | harvest.numbers, key=float)
    reach = min(3, max(1, len(harvest.sites) - 1))
    candidates: list[tuple[str, ...]] = []
    for first in numbers:
        for second in others:
            for position in range(reach):
                filler = list(random_sequence(rng, pools, harvest.sites, harvest))
                filler[position:position + 2] = [_number_text(first), _number_text(second)]
                candidates.append(tuple(filler[:SEQUENCE_LENGTH]))
                filler[position:position + 2] = [_number_text(second), _number_text(first)]
                candidates.append(tuple(filler[:SEQUENCE_LENGTH]))
    return candidates[:limit]
