"""Brackets and quotes: unclosed, extra or mismatched brackets, unterminated strings, missing commas, broken f-string placeholders.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import tokenize

import libcst as cst

from .base import SYNTAX, Example, Injector, register
from .program import ProgramIndex
from .tokens import _GLUE_TOKENS, _LAYOUT, _code_token_after

_OPENERS = "([{"


_BRACKET_WORDS = {"(": "round bracket", "[": "square bracket", "{": "curly bracket"}


def _code_token_before(program: ProgramIndex, offset: int):
    """The last located token of code that ends at or before `offset`."""
    found = None
    for located in program.located_tokens:
        if located[2] > offset:
            break
        if located[0].type not in _LAYOUT:
            found = located
    return found


def _describe_bracket(program: ProgramIndex, opener_start: int, closer_end: int,
                      opener: str) -> str:
    """What a bracket pair belongs to, in a teacher's words."""
    for node in program.nodes(cst.Call, cst.Subscript):
        if program.span(node)[1] != closer_end:
            continue
        if isinstance(node, cst.Call) and opener == "(":
            callee = node.func
            if isinstance(callee, cst.Name | cst.Attribute):
                return f"the call to `{program.text(callee)}`"
            return "the call"
        if isinstance(node, cst.Subscript) and opener == "[":
            return f"the index after `{program.text(node.value)}`"
    for node in program.nodes(cst.FunctionDef):
        header = program.tokens_between(program.span(node.name)[1], closer_end)
        if header and header[0][1] == opener_start:
            return f"the parameter list of `{node.name.value}`"
    names = {cst.List: "the list", cst.Dict: "the dictionary", cst.Set: "the set",
             cst.Tuple: "the tuple", cst.ListComp: "the list", cst.DictComp: "the dictionary"}
    for node in program.nodes(*names):
        if program.span(node) == (opener_start, closer_end):
            return names[type(node)]
    return "the bracketed expression"


def _line_end_brackets(program: ProgramIndex):
    """The last outermost bracket pair of each logical line, when it opens and closes on
    the same physical line: the closer a novice loses count of at the end of a line.
    Yields (opener located token, closer located token)."""
    stack = []
    last = None
    for located in program.located_tokens:
        token = located[0]
        if token.type == tokenize.OP and token.string in _OPENERS:
            stack.append(located)
        elif token.type == tokenize.OP and token.string in ")]}":
            opener = stack.pop()
            if not stack:
                last = (opener, located) if opener[0].start[0] == token.start[0] else None
        elif token.type == tokenize.NEWLINE:
            if last is not None:
                yield last
            last = None


@register
class UnclosedBracket(Injector):
    """Closing bracket left off at the end of a line (`int(input()` for `int(input())`)."""

    id = "unclosed_bracket"
    error_class = SYNTAX
    why = ("When calls are nested, novices close the inner bracket and forget that the outer "
           "one still needs its own; they do not yet count brackets in pairs.")
    examples = (
        Example("age = int(input('Age: '))\nprint(age + 1)\n",
                "age = int(input('Age: ')\nprint(age + 1)\n", stdin=(("12",),), line=1),
        Example("for i in range(3):\n    print(i)\n", "for i in range(3:\n    print(i)\n",
                line=1),
    )
    no_site = "x = 3\ny = x + 1\n"

    def sites(self, program: ProgramIndex):
        for opener, closer in _line_end_brackets(program):
            bracket = opener[0].string
            yield self.edit(program, closer[1], closer[2], "", opener=bracket,
                            closer=closer[0].string, word=_BRACKET_WORDS[bracket],
                            owner=_describe_bracket(program, opener[1], closer[2], bracket))


# A closing bracket typed with the wrong shape.
_WRONG_CLOSER = {")": "]", "]": ")", "}": ")"}


@register
class ExtraOrMismatchedBracket(Injector):
    """One closing bracket too many, or the wrong kind (`print("hi"))` / `print("hi"]`)."""

    id = "extra_or_mismatched_bracket"
    error_class = SYNTAX
    why = ("Novices type closing brackets until the line \"looks finished\" rather than "
           "pairing each one with its opener, and treat (), [] and {} as interchangeable.")
    examples = (
        Example("print('hi')\n", "print('hi'))\n", line=1),
        Example("print('hi')\n", "print('hi']\n", line=1),
        Example("names = ['Ann', 'Bob']\nprint(names)\n",
                "names = ['Ann', 'Bob')\nprint(names)\n", line=1),
    )
    no_site = "x = 3\ny = x + 1\n"

    def sites(self, program: ProgramIndex):
        for opener, closer in _line_end_brackets(program):
            bracket, shut = opener[0].string, closer[0].string
            owner = _describe_bracket(program, opener[1], closer[2], bracket)
            yield self.edit(program, closer[1], closer[2], shut + shut, opener=bracket,
                            closer=shut, owner=owner,
                            problem=f"there is an extra `{shut}` after {owner}")
            wrong = _WRONG_CLOSER[shut]
            yield self.edit(program, closer[1], closer[2], wrong, opener=bracket,
                            closer=shut, owner=owner,
                            problem=f"{owner} opens with `{bracket}` but closes with `{wrong}`")


_OTHER_QUOTE = {'"': "'", "'": '"'}


@register
class UnterminatedString(Injector):
    """Closing quote of a string missing or of the other kind (`"hello` / `"hello'`)."""

    id = "unterminated_string"
    error_class = SYNTAX
    why = ("Novices see a quote as decoration around the words rather than as the marker "
           "that starts and stops the text, and mix `\"` and `'` because both look alike.")
    examples = (
        Example("print(\"hello\")\n", "print(\"hello)\n", line=1),
        Example("name = 'Ann'\nprint(\"Hi\", name)\n", "name = 'Ann'\nprint(\"Hi', name)\n",
                line=2),
    )
    no_site = "x = 3\nprint(x + 1)\n"

    def sites(self, program: ProgramIndex):
        for token, _start, end, _depth in program.located_tokens:
            if token.type != tokenize.STRING or token.start[0] != token.end[0]:
                continue
            text = token.string
            quote = text[-1]
            opening = text.index(quote)
            prefix = text[:opening]
            if text.endswith(quote * 3) or "b" in prefix.lower() or len(text) - opening < 2:
                continue
            body = text[opening:-1]
            other = _OTHER_QUOTE[quote]
            yield self.edit(program, end - 1, end, "", quote=quote, broken=prefix + body,
                            problem=f"has no closing `{quote}`")
            yield self.edit(program, end - 1, end, other, quote=quote,
                            broken=prefix + body + other,
                            problem=f"opens with `{quote}` but ends with `{other}`")


@register
class MissingComma(Injector):
    """Comma between two arguments or items left out (`print("Total:" t)`)."""

    id = "missing_comma"
    error_class = SYNTAX
    why = ("Novices write what they would say aloud, \"print total and t\", and do not yet see "
           "the comma as the separator that makes two separate values.")
    examples = (
        Example("t = 5\nprint(\"Total:\", t)\n", "t = 5\nprint(\"Total:\" t)\n", line=2),
        Example("marks = [4, 7, 9]\nprint(max(marks))\n",
                "marks = [4 7, 9]\nprint(max(marks))\n", line=1),
    )
    no_site = "names = ['Ann', 'Bob']\nprint(names[0] + names[1])\n"

    _KINDS = ((cst.Call, "args", "arguments"), (cst.List, "elements", "items"),
              (cst.Tuple, "elements", "items"), (cst.Set, "elements", "items"),
              (cst.Dict, "elements", "entries"))

    def sites(self, program: ProgramIndex):
        for kind, field_name, items in self._KINDS:
            for node in program.nodes(kind):
                elements = getattr(node, field_name)
                for first, second in zip(elements, elements[1:], strict=False):
                    edit = self._drop(program, first, second, items)
                    if edit is not None:
                        yield edit

    def _drop(self, program: ProgramIndex, first: cst.CSTNode, second: cst.CSTNode,
              items: str):
        if isinstance(first, cst.StarredElement | cst.StarredDictElement) or \
                isinstance(second, cst.StarredElement | cst.StarredDictElement):
            return None
        if any(getattr(e, "star", "") for e in (first, second)):
            return None
        commas = [t for t in program.tokens_between(program.span(first)[1],
                                                    program.span(second)[0])
                  if t[0].type == tokenize.OP and t[0].string == ","]
        if len(commas) != 1:
            return None
        _token, start, end, _depth = commas[0]
        last, following = _code_token_before(program, start), _code_token_after(program, end)
        if last is None or following is None:
            return None
        if following[0].string in _GLUE_TOKENS:
            return None  # `a (b)`, `a [0]`, `a -b` are valid code: no syntax error
        if last[0].type == tokenize.STRING and following[0].type == tokenize.STRING:
            return None  # two strings side by side join silently: missing_comma_strings
        gap = " " if end == following[1] else ""  # never glue `a,b` into the name `ab`
        return self.edit(program, start, end, gap, before=program.text(first),
                         after=program.text(second), items=items)


@register
class FStringBrace(Injector):
    """f-string placeholder left unclosed or empty (`f"Hi {name"` / `f"Hi {}"`)."""

    id = "fstring_brace"
    error_class = SYNTAX
    why = ("Novices treat the curly brackets of an f-string as decoration, or copy the empty "
           "pair used by `str.format`, without seeing that they mark a piece of code Python "
           "must evaluate.")
    examples = (
        Example("name = 'Ann'\nprint(f\"Hi {name}\")\n", "name = 'Ann'\nprint(f\"Hi {name\")\n",
                line=2),
        Example("name = 'Ann'\nprint(f\"Hi {name}\")\n", "name = 'Ann'\nprint(f\"Hi {}\")\n",
                line=2),
    )
    no_site = "name = 'Ann'\nprint('Hi {name}', f'Hi')\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.FormattedStringExpression):
            if program.inside(node, cst.FormattedStringExpression):
                continue  # a placeholder inside a format spec
            start, end = program.span(node)
            expression = program.text(node.expression)
            yield self.edit(program, end - 1, end, "", expression=expression,
                            problem=f"the curly bracket before `{expression}` is never closed")
            yield self.edit(program, start, end, "{}", expression=expression,
                            problem=f"the curly brackets are empty where `{expression}` should be")
