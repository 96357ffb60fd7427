"""Syntax injectors: see novice-mistakes.md."""

from __future__ import annotations

import tokenize

import libcst as cst

from .base import SYNTAX, Example, Injector, register
from .program import ProgramIndex

# Compound statements whose header ends in a colon, and the keyword a teacher names.
_HEADERS = (cst.If, cst.Else, cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Try,
            cst.ExceptHandler, cst.Finally, cst.With)


@register
class MissingColon(Injector):
    """Colon left off a block header (`if x > 2` instead of `if x > 2:`)."""

    id = "missing_colon"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: the colon at the end of the `{{ keyword }}` line is missing, so "
        "Python reports a syntax error.",
        "Line {{ line }}: a `{{ keyword }}` header must end with a colon; without it Python "
        "cannot tell where the block starts, which is a syntax error.",
        "Line {{ line }}: the `{{ keyword }}` statement has lost its closing colon, a syntax "
        "error that stops the program before it runs.",
    )
    why = ("Beginners read the colon as punctuation rather than as the part of the syntax "
           "that opens a block, so it is one of the first things they forget.")
    examples = (
        Example("x = 3\nif x > 2:\n    print('big')\n", "x = 3\nif x > 2\n    print('big')\n",
                line=2),
        Example("for i in range(3):\n    print(i)\n", "for i in range(3)\n    print(i)\n",
                line=1),
    )

    def sites(self, program: ProgramIndex):
        for node in program.nodes(*_HEADERS):
            colon = program.header_colon(node)
            if colon is None:
                continue
            line = program.source.count("\n", 0, colon[0]) + 1
            keyword = program.line_text(line).split(None, 1)[0].rstrip(":")
            yield self.edit(program, colon[0], colon[1], "", keyword=keyword)


# -- shared helpers ------------------------------------------------------------------

_OPENERS = {"(": ")", "[": "]", "{": "}"}
_BRACKET_WORDS = {"(": "round bracket", "[": "square bracket", "{": "curly bracket"}
# A first token that would turn two juxtaposed expressions into a valid call, index or
# subtraction (`print(a (b))`, `print -x`), so no syntax error can be promised.
_GLUE_TOKENS = {"(", "[", "-", "+", "~", "*", "**", "."}


def _tokens(program: ProgramIndex, node: cst.CSTNode):
    return program.tokens_between(*program.span(node))


def _first_token(program: ProgramIndex, node: cst.CSTNode):
    located = _tokens(program, node)
    return located[0] if located else None


def _keyword_token(program: ProgramIndex, node: cst.CSTNode, word: str):
    """The located NAME token `word` that opens the statement `node`."""
    for located in _tokens(program, node):
        token = located[0]
        if token.type == tokenize.NAME and token.string == word:
            return located
        if token.type == tokenize.NAME and token.string not in ("async",):
            return None
    return None


def _header_keyword(program: ProgramIndex, node: cst.CSTNode) -> str:
    """The keyword a teacher names for a compound statement (`elif` for an elif)."""
    if isinstance(node, cst.If):
        return "elif" if isinstance(program.parent(node), cst.If) else "if"
    return {cst.Else: "else", cst.For: "for", cst.While: "while", cst.FunctionDef: "def",
            cst.ClassDef: "class", cst.Try: "try", cst.ExceptHandler: "except",
            cst.Finally: "finally", cst.With: "with"}[type(node)]


def _one_line(program: ProgramIndex, node: cst.CSTNode) -> bool:
    where = program.range(node)
    return where.start.line == where.end.line


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


def _line_of(program: ProgramIndex, offset: int) -> int:
    return program.source.count("\n", 0, offset) + 1


@register
class AssignInCondition(Injector):
    """`=` written for `==` in an if/elif/while condition (`if x = 3:` for `if x == 3:`)."""

    id = "assign_in_condition"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: the condition of the `{{ keyword }}` uses `=`, which stores a "
        "value, where `==` is needed to compare `{{ left }}` with `{{ right }}`; Python "
        "reports a syntax error.",
        "Line {{ line }}: `{{ left }} = {{ right }}` tries to store a value inside the "
        "condition of the `{{ keyword }}` line; a comparison needs the double `==`, so this is "
        "a syntax error.",
        "Line {{ line }}: a single `=` cannot be used to test whether `{{ left }}` equals "
        "`{{ right }}`; the `{{ keyword }}` line needs `==`, and without it the program has a "
        "syntax error.",
    )
    why = ("In maths `=` both states and tests equality, so novices write the one sign they "
           "know when they mean \"is equal to\".")
    examples = (
        Example("answer = input('2 + 2 = ')\nif answer == '4':\n    print('right')\n",
                "answer = input('2 + 2 = ')\nif answer = '4':\n    print('right')\n", line=2),
        Example("n = 0\nwhile n == 0:\n    n = n + 1\nprint(n)\n",
                "n = 0\nwhile n = 0:\n    n = n + 1\nprint(n)\n", line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print(x == 3)\n"

    def sites(self, program: ProgramIndex):
        for statement in program.nodes(cst.If, cst.While):
            keyword = _header_keyword(program, statement)
            for comparison in self._tested(statement.test):
                left = comparison.left
                for target in comparison.comparisons:
                    if isinstance(target.operator, cst.Equal):
                        start, end = program.span(target.operator)
                        yield self.edit(program, start, end, "=", keyword=keyword,
                                        left=program.text(left),
                                        right=program.text(target.comparator))
                        break  # one `=` per comparison
                    left = target.comparator

    def _tested(self, test: cst.BaseExpression):
        """Comparisons that are the condition itself or joined by and/or/not: never one
        inside a call, where `f(a = b)` is a valid keyword argument."""
        if isinstance(test, cst.Comparison):
            yield test
        elif isinstance(test, cst.BooleanOperation):
            yield from self._tested(test.left)
            yield from self._tested(test.right)
        elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            yield from self._tested(test.expression)


@register
class UnclosedBracket(Injector):
    """Closing bracket left off at the end of a line (`int(input()` for `int(input())`)."""

    id = "unclosed_bracket"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: the `{{ opener }}` of {{ owner }} is opened but never closed with "
        "`{{ closer }}`, which is a syntax error.",
        "Line {{ line }}: count the brackets - {{ owner }} opens a `{{ opener }}` that has "
        "no matching `{{ closer }}`, so Python keeps reading past the end of the line and "
        "reports a syntax error.",
        "Line {{ line }}: the closing `{{ closer }}` of {{ owner }} is missing; every "
        "{{ word }} that is opened must be closed, so this is a syntax error.",
    )
    why = ("When calls are nested, novices close the inner bracket and forget that the outer "
           "one still needs its own; they do not yet count brackets in pairs.")
    examples = (
        Example("age = int(input('Age: '))\nprint(age + 1)\n",
                "age = int(input('Age: ')\nprint(age + 1)\n", line=1),
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
    explanations = (
        "Line {{ line }}: the brackets do not match - {{ problem }}, which is a syntax error.",
        "Line {{ line }}: {{ problem }}; each `{{ opener }}` must be closed by exactly one "
        "`{{ closer }}`, so Python reports a syntax error.",
        "Line {{ line }}: {{ problem }}. Brackets come in pairs of the same shape, and a "
        "line where they do not pair up is a syntax error.",
    )
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
