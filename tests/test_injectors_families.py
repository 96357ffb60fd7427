"""Table-driven cases for the injectors added for real novice mistakes: where each one
must offer its edit, and the look-alike places it must leave alone."""

import pytest

from debugex.changes.candidates import find_sites
from debugex.injectors import REGISTRY, ProgramIndex


def results(injector_id: str, source: str) -> list[str]:
    """The changed lines of every edit the injector offers, in source order."""
    found = find_sites(ProgramIndex(source), [REGISTRY[injector_id]])
    lines = []
    for edit in sorted(found, key=lambda e: (e.start, e.replacement)):
        lines.append(edit.apply(source).split("\n")[edit.line - 1].strip())
    return lines


CASES = [
    # variable_misuse: another variable of the same role; never the list being walked
    # as the collection of its own loop, never a list grown while it is walked
    ("variable_misuse", "price = 3\ncost = 4\nprint(price - cost)\n", []),
    ("variable_misuse", "seen = []\nitems = [1, 1]\nfor x in items:\n    if x not in seen:\n"
     "        seen.append(x)\nprint(seen)\n", ["if items not in seen:", "if x not in items:",
                                           "seen.append(items)", "print(items)"]),
    ("variable_misuse", "name = input()\nage = int(input())\nprint(name)\n", []),  # text vs number
    # condition_part_dropped: both parts, but never the guard of an index
    ("condition_part_dropped", "c = input()\nif c == 'y' or c == 'Y':\n    print(1)\n",
     ["if c == 'Y':", "if c == 'y':"]),
    ("condition_part_dropped", "s = input()\ni = 0\nif i < len(s) and s[i] == 'a':\n"
     "    print(1)\n", ["if i < len(s):"]),
    # not_dropped_or_added: not around membership and names, never in a loop test
    ("not_dropped_or_added", "d = {}\nk = input()\nif k in d:\n    d[k] += 1\n", []),
    ("not_dropped_or_added", "n = 3\nwhile not n == 0:\n    n -= 1\nprint(n)\n", []),
    # wrong_equality_operator: <= only against a number, never on a remainder
    ("wrong_equality_operator", "n = int(input())\nif n % 2 == 0:\n    print('even')\n",
     ["if n % 2 != 0:"]),
    ("wrong_equality_operator", "n = int(input())\nif n == 5:\n    print('five')\n",
     ["if n != 5:", "if n <= 5:", "if n >= 5:"]),
    # wrong_empty_container: only comparisons with an empty container
    ("wrong_empty_container", "xs = []\nif xs == []:\n    print(0)\n",
     ["if xs == ():", "if xs == None:"]),
    ("wrong_empty_container", "s = ''\nif s == '':\n    print(0)\n", []),
    # method_not_called: only a statement that calls an in-place method without arguments
    ("method_not_called", "xs = [2, 1]\nxs.sort()\nprint(xs)\n", ["xs.sort"]),
    ("method_not_called", "xs = [2, 1]\nys = sorted(xs)\nprint(ys, xs.count(1))\n", []),
    # inplace_result_assigned
    ("inplace_result_assigned", "xs = []\nxs.append(1)\nprint(xs)\n", ["xs = xs.append(1)"]),
    # wrong_function: not when the call normalises input that a test then reads
    ("wrong_function", "a = input().lower()\nif a == 'y':\n    print(1)\n", []),
    ("wrong_function", "xs = [3, 4]\nprint(max(xs))\n", ["print(min(xs))"]),
    ("wrong_function", "xs = []\nxs.append(5)\nprint(xs)\n", []),  # extend(5) would crash
    # brackets_for_call: never `list[...]`, which is valid
    ("brackets_for_call", "print(len('ab'), list('ab'))\n", ["print(len['ab'], list('ab'))"]),
    # wrong_index: pairs and records, never a list that may hold one item
    ("wrong_index", "pair = ('a', 1)\nprint(pair[1])\n", ["print(pair[0])"]),
    ("wrong_index", "xs = input().split()\nprint(xs[0])\n", []),
    # swapped_assignment: only when the target already has a value
    ("swapped_assignment", "best = 0\nfor x in [3, 5]:\n    if x > best:\n        best = x\n"
     "print(best)\n", ["x = best"]),
    ("swapped_assignment", "x = 4\nbest = x\nprint(best)\n", []),
    # wrong_value_used: a returned number or a slice end
    ("wrong_value_used", "def f(xs):\n    n = len(xs)\n    return n\nprint(f([1]))\n",
     ["return n + 1", "return n - 1"]),
    ("wrong_value_used", "def f(s):\n    return s\nprint(f('a'))\n", []),
    # dropped_call: a print or a call of the program's own function, never the last line
    ("dropped_call", "print('a')\nprint('b')\n", ["print('b')"]),
    ("dropped_call", "x = len('a')\nprint(x)\n", []),
    # changed_output_text: a literal printed directly
    ("changed_output_text", "t = 3\nprint('Total:', t)\n", ["print('total:', t)"]),
    ("changed_output_text", "label = 'Total:'\nprint(label)\n", []),
    # swapped_outputs: two computed values, never a label and a value
    ("swapped_outputs", "a = 1\nb = 2\nprint('Values:', a, b)\n", ["print('Values:', b, a)"]),
    ("swapped_outputs", "a = 1\nprint('Value:', a)\n", []),
    # boundary_slip: the loop guard is offered; a guard of a division is not
    ("boundary_slip", "k = int(input())\nwhile k > 0:\n    k -= 1\nprint(k)\n", ["while k >= 0:"]),
    ("boundary_slip", "c = int(input())\nt = 4\nif c > 0:\n    print(t / c)\n", []),
    ("reversed_comparison", "k = int(input())\nwhile k > 0:\n    k -= 1\nprint(k)\n", []),
]


@pytest.mark.parametrize("injector_id,source,expected", CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_injector_sites(injector_id, source, expected):
    assert results(injector_id, source) == expected
