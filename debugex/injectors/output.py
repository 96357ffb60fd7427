"""Output: a print or call left out, the text of a message changed, two printed values
swapped.

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .helpers import _block_of, _body_statements, _has_input, _statement_is_one_line
from .program import ProgramIndex


def _print_call(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) \
        and node.func.value == "print"


@register
class DroppedCall(Injector):
    """A `print` or a call of the program's own function left out, or just the `print`.

    Just the `print` round a call of the program's own function: its value is worked out
    and lost (`vowels(word)` for `print(vowels(word))`)."""

    id = "dropped_call"
    error_class = LOGICAL
    label = "a print or function call left out"
    why = ("Novices write a function and forget to call it, or believe that computing a "
           "value also shows it, so the line that prints or calls is left out.")
    examples = (
        Example("total = 3 + 4\nprint('Total:', total)\nprint('Done')\n",
                "total = 3 + 4\nprint('Done')\n", line=2),
        Example("def greet():\n    print('Hello')\n\n\ngreet()\nprint('Bye')\n",
                "def greet():\n    print('Hello')\n\n\nprint('Bye')\n", line=5),
        Example("def double(n):\n    return n * 2\n\n\nprint(double(4))\n",
                "def double(n):\n    return n * 2\n\n\ndouble(4)\n", line=5),
    )
    no_site = "print('only line')\n"

    def sites(self, program: ProgramIndex):
        functions = {f.name.value for f in program.nodes(cst.FunctionDef)}
        last_line = len(program.source.rstrip("\n").split("\n"))
        for line in program.nodes(cst.SimpleStatementLine):
            if len(line.body) != 1 or not isinstance(line.body[0], cst.Expr) \
                    or not _statement_is_one_line(program, line) or _has_input(line):
                continue
            call = line.body[0].value
            if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Name):
                continue
            name = call.func.value
            unwrapped = _value_only(call, functions)
            if unwrapped is not None:
                start, end = program.span(call)
                yield self.edit(program, start, end, program.text(unwrapped),
                                statement=program.text(call), name="print",
                                kept=program.text(unwrapped),
                                effect="the value is worked out but never shown")
            if name == "print":
                effect = "this output never appears"
            elif name in functions:
                effect = f"nothing that `{name}` does happens"
            else:
                continue
            block, _index = _block_of(program, line)
            number = program.line(line)
            if block is None or len(_body_statements(block)) < 2 or number >= last_line:
                continue
            start, end = program.line_span(number)
            yield self.edit(program, start, end, "", statement=program.text(call), name=name,
                            effect=effect)


def _value_only(call: cst.Call, functions: set[str]) -> cst.Call | None:
    """`f(x)` when `call` is `print(f(x))` with `f` one of the program's functions."""
    if not _print_call(call) or len(call.args) != 1 or call.args[0].keyword \
            or call.args[0].star:
        return None
    inner = call.args[0].value
    return inner if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) \
        and inner.func.value in functions else None


def _printed_text(program: ProgramIndex, node: cst.SimpleString) -> bool:
    parent = program.parent(node)
    return isinstance(parent, cst.Arg) and parent.keyword is None \
        and _print_call(program.parent(parent))


def _misspelt_word(text: str) -> str | None:
    """The literal with two neighbouring letters of its longest word swapped."""
    words = [w for w in text.split() if w.isalpha() and len(w) >= 4]
    if not words:
        return None
    word = max(words, key=len)
    middle = len(word) // 2
    if word[middle - 1] == word[middle]:
        return None
    typo = word[:middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:]
    return text.replace(word, typo, 1)


@register
class ChangedOutputText(Injector):
    """The text of a printed message changed (`'total:'` for `'Total:'`, a letter swap)."""

    id = "changed_output_text"
    error_class = LOGICAL
    label = "the text of a printed message changed"
    why = ("Novices treat the words of a message as unimportant decoration and retype them "
           "from memory, while the task (and any checker) expects the exact text.")
    examples = (
        Example("total = 7\nprint('Total:', total)\n", "total = 7\nprint('total:', total)\n",
                line=2),
        Example("print('Welcome to the quiz')\n", "print('Weclome to the quiz')\n", line=1),
    )
    no_site = "x = 3\nprint(x)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.SimpleString):
            if not _printed_text(program, node) or "b" in node.prefix.lower():
                continue
            value = node.raw_value
            quote = node.quote
            start, end = program.span(node)
            letters = [c for c in value if c.isalpha()]
            if letters and value[0].isalpha():
                flipped = value[0].swapcase() + value[1:]
                yield self.edit(program, start, end, node.prefix + quote + flipped + quote,
                                old=program.text(node),
                                new=node.prefix + quote + flipped + quote,
                                how="the first letter has the wrong case")
            typo = _misspelt_word(value)
            if typo is not None:
                yield self.edit(program, start, end, node.prefix + quote + typo + quote,
                                old=program.text(node), new=node.prefix + quote + typo + quote,
                                how="a word is misspelt")


def _a_value(node: cst.CSTNode) -> bool:
    """A computed value, not a literal: swapping a label with a value is another bug."""
    return not isinstance(node, cst.SimpleString | cst.FormattedString | cst.ConcatenatedString
                          | cst.Integer | cst.Float)


@register
class SwappedOutputs(Injector):
    """Two printed values in the wrong order (`print(low, high)` for `print(high, low)`)."""

    id = "swapped_outputs"
    error_class = LOGICAL
    label = "two printed values in each other's places"
    why = ("When a print lists several values, novices write them in the order they come "
           "to mind rather than the order the message or the task gives.")
    examples = (
        Example("high = 9\nlow = 2\nprint('Highest and lowest:', high, low)\n",
                "high = 9\nlow = 2\nprint('Highest and lowest:', low, high)\n", line=3),
    )
    no_site = "x = 3\nprint('x is', x)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Call):
            if not _print_call(node):
                continue
            args = [a for a in node.args if a.keyword is None and not a.star]
            for first, second in zip(args, args[1:], strict=False):
                if not (_a_value(first.value) and _a_value(second.value)):
                    continue
                a, b = program.text(first.value), program.text(second.value)
                if a == b:
                    continue
                start, end = program.span(first.value)[0], program.span(second.value)[1]
                middle = program.source[program.span(first.value)[1]:program.span(
                    second.value)[0]]
                yield self.edit(program, start, end, b + middle + a, first=b, second=a,
                                old=program.text(node),
                                new=program.text(node).replace(a + middle + b, b + middle + a, 1))
