"""Parts of a program that keep it from crashing, left alone by the logical injectors
(the changed program raises or shows nothing, so no wrong output could be proven), each
shown by running the changed program; and the shape next to each that is still offered."""

from __future__ import annotations

import pytest

from debugex.changes.candidates import find_sites
from debugex.injectors import REGISTRY, ProgramIndex
from debugex.sandbox import Job

COUNTS = ("def tally(words):\n    seen = {}\n    for w in words:\n        if w not in seen:\n"
          "            seen[w] = 0\n        seen[w] += 1\n    return seen\n\n\n"
          "print(tally(['ox', 'yak', 'ox']))\n")
UNIQUE = ("def unique(words):\n    kept = []\n    for w in words:\n        if w not in kept:\n"
          "            kept.append(w)\n    return kept\n\n\nprint(unique(['ox', 'yak', 'ox']))\n")
FIRST_PAIR = ("def first_pair(cards):\n    if not any(cards):\n        return []\n"
              "    return [cards[0], cards[-1]]\n\n\nprint(first_pair([]), first_pair([3, 4]))\n")
NEIGHBOURS = ("def around(grid, r, c):\n    total = 0\n    for d in (-1, 1):\n"
              "        row = r + d\n        if 0 <= row < len(grid) and total < 5:\n"
              "            total += grid[row][c]\n    return total\n\n\n"
              "print(around([[1, 2], [3, 4]], 1, 0))\n")
DEFAULT = ("def apply(values, rule=None):\n    rule = rule or (lambda v: v)\n"
           "    return [rule(v) for v in values]\n\n\nprint(apply([1, 2]))\n")
DIGITS_ONLY = ("def read_age(text):\n    if not text or not text.isdigit():\n"
               "        return -1\n    return int(text)\n\n\n"
               "print(read_age('12'), read_age('x1'), read_age(''))\n")
LETTERS = ("def spread(word):\n    out = []\n    for ch in word:\n        out.append(ch)\n"
           "    return out\n\n\nprint(spread('ab'))\n")
PICTURE = ("def rows(picture):\n    return [picture[i][:2] for i in range(3)]\n\n\n"
           "ART = ['ab ', 'cd ', 'ef ']\nprint(rows(ART))\n")
SEARCH = ("def where(names, wanted):\n    for i in range(len(names)):\n"
          "        if names[i] == wanted:\n            return i\n    return -1\n\n\n"
          "NAMES = ['Al', 'Bo', 'Cy']\nprint(where(NAMES, 'Cy'))\n")

TRUNCATED = ("import math\n\n\ndef boxes(items, size):\n    return math.floor(items / size)\n"
             "\n\nprint(boxes(7, 2), boxes(9, 3))\n")
COMMON = ("from math import gcd\n\n\ndef reduce(top, bottom):\n    half = top // 2\n"
          "    return gcd(half, bottom)\n\n\nprint(reduce(12, 9))\n")
STEPS = ("def steps(end):\n    return list(range(end))\n\n\ndef first_half(n):\n"
         "    return steps(n // 2)\n\n\nprint(first_half(5))\n")

TABLE = ("def ways(n):\n    table = [0] * (n + 1)\n    table[n] = 1\n    return table\n\n\n"
         "print(ways(3))\n")
COUNTDOWN = ("def total_down(k):\n    total = 0\n    while k > 0:\n        total = total + 2 * k\n"
             "        k = k - 1\n    return total\n\n\nprint(total_down(4))\n")

FIRST_ITEM = ("def ends(items):\n    if not items:\n        return []\n"
              "    return [items[0], items[-1]]\n\n\nprint(ends([]), ends([2, 5]))\n")
TOTAL = ("def total(items):\n    if not items:\n        return 0\n    return sum(items)\n"
         "\n\nprint(total([]), total([2, 5]))\n")
NEXT = ("def after(row, i):\n    if i < len(row) - 1:\n        return row[i + 1]\n"
        "    return None\n\n\nprint(after([1, 2, 3], 2), after([1, 2, 3], 0))\n")


DIGITS_OF = ("def digits(n):\n    out = []\n    while n > 0:\n        out.append(n % 10)\n"
             "        n //= 10\n    return out\n\n\nprint(digits(907))\n")
TICKS = "k = 3\nwhile k > 0:\n    print(k)\n    k = k - 1\n"
FACTORS = ("def factors(n):\n    found = []\n    d = 2\n    while n > 1:\n"
           "        while n % d == 0:\n            found.append(d)\n            n //= d\n"
           "        d += 1\n    return found\n\n\nprint(factors(12))\n")
HALVES = ("def halves(n):\n    steps = 0\n    while n > 1:\n        n //= 2\n"
          "        steps += 1\n    return steps\n\n\nprint(halves(8))\n")
BISECT = ("def find(xs, v):\n    low, high = 0, len(xs) - 1\n    while low <= high:\n"
          "        mid = (low + high) // 2\n        if xs[mid] > v:\n            high = mid - 1\n"
          "        elif xs[mid] < v:\n            low = mid + 1\n        else:\n"
          "            return mid\n    {after}\n\n\nprint(find([1, 3, 5, 7], 7))\n")
WINDOW = ("def find(xs, v):\n    low = 0\n    high = len(xs) - 1\n    while low <= high:\n"
          "        mid = (low + high) // 2\n        if xs[mid] < v:\n            low = mid + 1\n"
          "        elif xs[mid] > v:\n            high = mid - 1\n        else:\n"
          "            return mid\n    {after}\n\n\nprint(find([1, 3, 5, 7], 1), "
          "find([1, 3, 5, 7], 7))\n")
NEXT_AT_LEAST = ("def first_from(xs, v):\n    i = 0\n    while i < len(xs):\n"
                 "        if xs[i] >= v:\n            return i\n        i += 1\n"
                 "    return -1\n\n\nprint(first_from([1, 3, 5], 2))\n")
CELL = ("def cell(grid, r, c):\n    if 0 <= r < len(grid) and 0 <= c < len(grid[0]):\n"
        "        return grid[r][c]\n    return 0\n\n\nprint(cell([[1, 2], [3, 4]], 1, 5))\n")
BOTH = ("def both(a, b):\n    if a > 0 and b > 0:\n        return a + b\n    return 0\n\n\n"
        "print(both(2, -1))\n")
PARTS = ("def label(parts):\n    if len(parts) == 1:\n        return parts[0]\n"
         "    elif len(parts) == 2:\n        return parts[0] + '-' + parts[1]\n    else:\n"
         "        return parts[0] + '-' + parts[{last}]\n\n\n"
         "print(label(['a']), label(['a', 'b']), label(['a', 'b', 'c']))\n")
UNITS = ("def unit(n):\n    if n < 1000:\n        name = 'g'\n    elif n >= 1000:\n"
         "        name = 'kg'\n{rest}    return name\n\n\nprint(unit(5), unit(2500))\n")
KINDS = ("def kind(c):\n    if c == 'a':\n        word = 'vowel'\n    elif c == 'b':\n"
         "        word = 'other'\n    return word\n\n\nprint(kind('a'), kind('b'))\n")
MARKED = ("def mark(text):\n    if not text.isdigit():\n        text = '?' + text\n"
          "    return text\n\n\nprint(mark('12'), mark('x1'))\n")
SIZES = ("def size(n):\n    if n < 10:\n        word = 'small'\n    elif n <= 99:\n"
         "        word = 'medium'\n{rest}    return word\n\n\nprint(size(99))\n")


def _offered(injector_id: str, source: str) -> set[str]:
    return {e.apply(source).split("\n")[e.line - 1].strip()
            for e in find_sites(ProgramIndex(source), [REGISTRY[injector_id]])}


def _changed(source: str, line: int, text: str) -> str:
    lines = source.split("\n")
    old = lines[line - 1]
    lines[line - 1] = old[:len(old) - len(old.lstrip())] + text
    return "\n".join(lines)


# (injector, program, line, the change typed there (not offered), how the changed
# program ends: "exception", "timeout", or "same" for an output equal to the correct one)
LEFT_ALONE = [
    ("not_dropped_or_added", COUNTS, 4, "if w in seen:", "exception"),  # KeyError
    ("not_dropped_or_added", FIRST_PAIR, 2, "if any(cards):", "exception"),  # IndexError
    ("condition_part_dropped", NEIGHBOURS, 5, "if total < 5:", "exception"),  # IndexError
    ("condition_part_dropped", DEFAULT, 2, "rule = rule", "exception"),  # None called
    ("condition_part_dropped", DIGITS_ONLY, 2, "if not text:", "exception"),  # int('x1')
    ("item_added_as_list", LETTERS, 4, "out += ch", "same"),  # one letter: the same list
    ("missing_comma_strings", PICTURE, 5, "ART = ['ab ' 'cd ', 'ef ']", "exception"),
    ("integer_division", TRUNCATED, 5, "return math.floor(items // size)", "same"),
    ("integer_division", COMMON, 5, "half = top / 2", "exception"),  # gcd of a float
    ("integer_division", STEPS, 6, "return steps(n / 2)", "exception"),  # range(2.5)
    ("wrong_operator", TABLE, 2, "table = [0] * (n - 1)", "exception"),  # table[n]
    ("wrong_operator", COUNTDOWN, 5, "k = k + 1", "timeout"),  # k never reaches 0
    ("wrong_operator", NEXT, 2, "if i < len(row) + 1:", "exception"),  # row[3]
    ("print_instead_of_return", FIRST_ITEM, 3, "print([])", "exception"),  # items[0]
    ("boundary_slip", DIGITS_OF, 3, "while n >= 0:", "timeout"),  # 0 // 10 is 0
    ("boundary_slip", FACTORS, 4, "while n >= 1:", "timeout"),  # 1 has no divisor
    ("boundary_slip", BISECT.format(after="raise ValueError(v)"), 3, "while low < high:",
     "exception"),
    ("boundary_slip", BISECT.format(after="raise ValueError(v)"), 5, "if xs[mid] >= v:",
     "exception"),
    ("boundary_slip", SIZES.format(rest=""), 4, "elif n < 99:", "exception"),  # word unbound
    # a search followed by `raise`: pointed the wrong way or with its window moved, it
    # misses (a raise) or reads past the end
    ("reversed_comparison", WINDOW.format(after="raise ValueError(v)"), 6,
     "if xs[mid] > v:", "exception"),
    ("wrong_constant", WINDOW.format(after="raise ValueError(v)"), 2, "low = 1", "exception"),
    ("wrong_operator", WINDOW.format(after="raise ValueError(v)"), 3, "high = len(xs) + 1",
     "exception"),  # xs[4]
    # both bounds of a grid's index: with `or`, c runs past the end of the row
    ("and_or_confusion", CELL, 2, "if 0 <= r < len(grid) or 0 <= c < len(grid[0]):",
     "exception"),
    # a length that keeps a short list from the branches reading further: made `!=`
    ("wrong_equality_operator", PARTS.format(last=2), 2, "if len(parts) != 1:", "exception"),
    ("wrong_equality_operator", PARTS.format(last=2), 4, "elif len(parts) != 2:",
     "exception"),
    # the last test of a chain with no `else` turned the other way: its values fall through
    ("reversed_comparison", UNITS.format(rest=""), 4, "elif n <= 1000:", "exception"),
    ("wrong_equality_operator", KINDS, 4, "elif c != 'b':", "exception"),
    ("wrong_equality_operator", KINDS, 2, "if c != 'a':", "exception"),  # 'a' passes 'b' too
    # a digit test that turns text away before `int()`: undone, 'x1' reaches `int()`
    ("not_dropped_or_added", DIGITS_ONLY, 2, "if not text or text.isdigit():", "exception"),
    ("print_instead_of_return", DIGITS_ONLY, 3, "print(-1)", "exception"),
    # the `return` is the loop's only way on: printed, the same pass again and again
    ("print_instead_of_return", WINDOW.format(after="return -1"), 11, "print(mid)",
     "limit_exceeded"),
]


@pytest.mark.parametrize("injector_id,source,line,text,ending", LEFT_ALONE,
                         ids=[f"{r[0]}-{n}" for n, r in enumerate(LEFT_ALONE)])
def test_left_alone_where_the_change_crashes_or_shows_nothing(
        injector_id, source, line, text, ending, sandbox):
    assert text not in _offered(injector_id, source)
    before, after = sandbox.run_many([Job(source, timeout=0.5),
                                      Job(_changed(source, line, text), timeout=0.5)])
    assert before.kind == "finished"
    if ending == "same":
        assert after.kind == "finished" and after.stdout == before.stdout
    else:
        assert after.kind == ending, after


@pytest.mark.parametrize("injector_id,source,text", [
    ("not_dropped_or_added", UNIQUE, "if w in kept:"),  # no entry made for a later read
    ("condition_part_dropped", NEIGHBOURS, "if 0 <= row < len(grid):"),  # total is no index
    ("condition_part_dropped", DEFAULT, "rule = lambda v: v"),  # the given rule ignored
    ("condition_part_dropped", DIGITS_ONLY, "if not text.isdigit():"),
    ("missing_comma_strings", SEARCH, "NAMES = ['Al' 'Bo', 'Cy']"),  # walked by its length
    ("integer_division", STEPS.replace("steps(n // 2)", "n // 2"), "return n / 2"),
    ("wrong_operator", COUNTDOWN, "total = total + 2 + k"),  # the loop still ends
    ("print_instead_of_return", TOTAL, "print(0)"),  # sum([]) is 0: the call gives None
    ("boundary_slip", TICKS, "while k >= 0:"),  # counts down by subtraction: one pass more
    ("boundary_slip", HALVES, "while n >= 1:"),  # 1 // 2 is 0: one halving more, then ends
    ("boundary_slip", BISECT.format(after="return -1"), "while low < high:"),  # -1: not found
    ("boundary_slip", SIZES.format(rest="    else:\n        word = 'large'\n"), "elif n < 99:"),
    ("reversed_comparison", WINDOW.format(after="return -1"), "if xs[mid] > v:"),  # -1
    # the `elif` made to repeat the `if`: its values go to `else: return mid`, a wrong index
    ("reversed_comparison", WINDOW.format(after="raise ValueError(v)"), "elif xs[mid] < v:"),
    ("wrong_constant", WINDOW.format(after="return -1"), "low = 1"),  # -1 for 1
    ("print_instead_of_return", NEXT_AT_LEAST, "print(i)"),  # i += 1 moves on
    ("not_dropped_or_added", MARKED, "if text.isdigit():"),  # marks the other texts
    ("and_or_confusion", BOTH, "if a > 0 or b > 0:"),  # no index: 1 for (2, -1)
    ("reversed_comparison", UNITS.format(rest="    else:\n        name = 't'\n"),
     "elif n <= 1000:"),  # 2500 is 't'
    ("wrong_equality_operator", KINDS.replace("    return", "    else:\n        word = '-'\n"
                                              "    return"), "if c != 'a':"),  # 'a' is '-'
    ("wrong_equality_operator", PARTS.format(last=0), "if len(parts) != 1:"),  # 'a-a'...
])
def test_still_offered_where_a_wrong_output_shows(injector_id, source, text):
    assert text in _offered(injector_id, source)


QUOTIENT = ("def scaled(n):\n    return n / 1000, 'k'\n\n\ndef label(n):\n"
            "    value, unit = scaled(n)\n    value = int(value) if value.is_integer() else value\n"
            "    return f'{value} {unit}'\n\n\nprint(label(4700), label(3000))\n")


@pytest.mark.parametrize("injector_id,text", [("integer_division", "return n // 1000, 'k'"),
                                               ("wrong_operator", "return n * 1000, 'k'")])
def test_a_quotient_asked_is_integer_is_left_alone_where_int_lacks_it(
        injector_id, text, sandbox):
    """An `int` answers `is_integer()` from Python 3.12 on (the changed program shows
    `4 k` for `4.7 k`: offered); before, it raises an AttributeError: left alone."""
    changed = sandbox.run(_changed(QUOTIENT, 2, text), (), timeout=0.5)
    if hasattr(int, "is_integer"):
        assert text in _offered(injector_id, QUOTIENT)
        assert changed.kind == "finished" and changed.stdout != sandbox.run(
            QUOTIENT, (), timeout=0.5).stdout
    else:
        assert text not in _offered(injector_id, QUOTIENT)
        assert (changed.kind, changed.exc_class) == ("exception", "AttributeError")
