"""Statements and keywords: block headers, misspelt keywords, Python 2 forms, a statement left out.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import tokenize

import libcst as cst

from .base import LOGICAL, SYNTAX, Example, Injector, register
from .helpers import (
    _HEADERS,
    _block_of,
    _body_statements,
    _dominating_assignment,
    _has_input,
    _header_keyword,
    _loop_control_names,
    _names_in,
    _one_line,
    _statement_is_one_line,
)
from .program import ProgramIndex
from .reads import dead_store, entry_read_past
from .tokens import _GLUE_TOKENS, _code_token_after


@register
class MissingColon(Injector):
    """Colon left off a block header (`if x > 2` instead of `if x > 2:`)."""

    id = "missing_colon"
    error_class = SYNTAX
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


def _tokens(program: ProgramIndex, node: cst.CSTNode):
    return program.tokens_between(*program.span(node))


def _keyword_token(program: ProgramIndex, node: cst.CSTNode, word: str):
    """The located NAME token `word` that opens the statement `node`."""
    for located in _tokens(program, node):
        token = located[0]
        if token.type == tokenize.NAME and token.string == word:
            return located
        if token.type == tokenize.NAME and token.string not in ("async",):
            return None
    return None


# Each keyword and the ways a novice mistypes it: a slipped letter or a capital.
_MISSPELT = {
    "if": ("If",),
    "elif": ("Elif", "elfi"),
    "else": ("esle", "Else"),
    "while": ("whille", "While"),
    "for": ("fro", "For"),
    "def": ("Def",),
    "return": ("retrun", "Return"),
    "import": ("improt", "Import"),
    "from": ("form",),
}


_STATEMENT_KEYWORDS = {cst.Return: "return", cst.Import: "import", cst.ImportFrom: "from"}


_KEYWORD_STATEMENTS = (cst.If, cst.Else, cst.While, cst.For, cst.FunctionDef, *_STATEMENT_KEYWORDS)


@register
class MisspeltKeyword(Injector):
    """Keyword misspelt or capitalised (`whille` for `while`, `esle:` for `else:`, `If`)."""

    id = "misspelt_keyword"
    error_class = SYNTAX
    why = ("Novices expect Python to be as forgiving as a human reader: a swapped letter or "
           "a capital at the start of a line looks like the same word to them.")
    examples = (
        Example("n = 0\nwhile n < 3:\n    n += 1\nprint(n)\n",
                "n = 0\nwhille n < 3:\n    n += 1\nprint(n)\n", line=2),
        Example("x = 1\nif x > 2:\n    print('big')\nelse:\n    print('small')\n",
                "x = 1\nif x > 2:\n    print('big')\nesle:\n    print('small')\n", line=4),
        Example("x = 1\nif x > 2:\n    print('big')\n", "x = 1\nIf x > 2:\n    print('big')\n",
                line=2),
    )
    no_site = "x = 3\nprint(x + 1)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(*_KEYWORD_STATEMENTS):
            keyword = _STATEMENT_KEYWORDS.get(type(node)) or _header_keyword(program, node)
            if isinstance(node, cst.Return) and not self._return_breaks(program, node):
                continue
            located = _keyword_token(program, node, keyword)
            if located is None:
                continue
            _token, start, end, _depth = located
            for typo in _MISSPELT[keyword]:
                how = "capitalised" if typo == keyword.capitalize() else "misspelt"
                yield self.edit(program, start, end, typo, keyword=keyword, typo=typo, how=how)

    @staticmethod
    def _return_breaks(program: ProgramIndex, node: cst.Return) -> bool:
        """`retrun` alone, `retrun (x)` or `retrun -x` are valid expressions (run-time
        NameErrors at most): only a return whose value starts with a name or literal."""
        if node.value is None:
            return False
        # the keyword itself: a return just after a block starts with a DEDENT token
        keyword = _keyword_token(program, node, "return")
        first = _code_token_after(program, keyword[2]) if keyword else None
        return first is not None and first[0].string not in _GLUE_TOKENS


@register
class ElseIf(Injector):
    """`elif` written as two words, as in other languages (`else if x > 0:`)."""

    id = "else_if"
    error_class = SYNTAX
    why = ("Many novices have seen `else if` in another language or simply say it that way, "
           "and do not know Python fuses the two words into `elif`.")
    examples = (
        Example("x = 5\nif x < 0:\n    print('negative')\nelif x > 0:\n    print('positive')\n",
                "x = 5\nif x < 0:\n    print('negative')\nelse if x > 0:\n"
                "    print('positive')\n", line=4),
    )
    no_site = "x = 5\nif x < 0:\n    print('negative')\nelse:\n    print('not negative')\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.If):
            if not isinstance(program.parent(node), cst.If):
                continue
            located = _keyword_token(program, node, "elif")
            if located is None:
                continue
            yield self.edit(program, located[1], located[2], "else if",
                            condition=program.text(node.test))


@register
class PrintStatement(Injector):
    """Python 2 print without brackets (`print "hi"` for `print("hi")`)."""

    id = "print_statement"
    error_class = SYNTAX
    why = ("Printing feels like a command rather than a function call, and many books and "
           "web pages still show the Python 2 statement `print \"hi\"`.")
    examples = (
        Example("print(\"hi\")\n", "print \"hi\"\n", line=1),
        Example("total = 7\nprint(\"Total:\", total)\n", "total = 7\nprint \"Total:\", total\n",
                line=2),
    )
    no_site = "x = 3\nprint()\ny = print\n"

    def sites(self, program: ProgramIndex):
        for statement in program.nodes(cst.Expr):
            call = statement.value
            if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Name)
                    and call.func.value == "print" and call.args and _one_line(program, call)):
                continue
            if call.args[0].star:
                continue
            tokens = program.tokens_between(program.span(call.func)[1], program.span(call)[1])
            opener, first, closer = tokens[0], tokens[1], tokens[-1]
            if first[0].string in _GLUE_TOKENS:
                continue  # `print (a)`, `print -x`, `print [1]` are still valid code
            inside = program.source[opener[2]:closer[1]]
            yield self.edit(program, opener[1], closer[2], " " + inside, arguments=inside)


@register
class MissingStatement(Injector):
    """A needed statement left out (`count += 1` deleted, so the count never changes)."""

    id = "missing_statement"
    error_class = LOGICAL
    why = ("Novices write the steps they think of first and skip the ones that feel "
           "obvious, such as updating a counter or storing a new value.")
    examples = (
        Example("count = 0\nfor word in ['a', 'bb', 'ccc']:\n    print(word)\n"
                "    count += 1\nprint(count)\n",
                "count = 0\nfor word in ['a', 'bb', 'ccc']:\n    print(word)\n"
                "print(count)\n", line=4),
    )
    no_site = "n = int(input())\nwhile n > 0:\n    print(n)\n    n -= 1\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for line in program.nodes(cst.SimpleStatementLine):
            if len(line.body) != 1 or not _statement_is_one_line(program, line):
                continue
            block, _index = _block_of(program, line)
            if block is None or len(_body_statements(block)) < 2 or _has_input(line):
                continue
            small = line.body[0]
            described = self._describe(program, line, small)
            if described is None:
                continue
            changed, effect = described
            if changed & loop_names or self._crashes_or_changes_nothing(program, line):
                continue
            number = program.line(line)
            start, end = program.line_span(number)
            yield self.edit(program, start, end, "", statement=program.text(small),
                            effect=effect)

    @staticmethod
    def _crashes_or_changes_nothing(program: ProgramIndex, line: cst.CSTNode) -> bool:
        """A value nothing reads afterwards (a dead store: leaving it out changes
        nothing), or an entry of a list the program reads at positions counted from
        something else (left out: a read past its end, an IndexError)."""
        return dead_store(program, line) or entry_read_past(program, line)

    @staticmethod
    def _describe(program: ProgramIndex, line: cst.CSTNode, small: cst.CSTNode):
        """(names the statement changes, what goes wrong without it), or None."""
        if isinstance(small, cst.AugAssign):
            target = program.text(small.target)
            return _names_in(small.target), f"`{target}` is not updated"
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                and isinstance(small.value.func, cst.Attribute) \
                and isinstance(small.value.func.value, cst.Name):
            receiver = small.value.func.value.value
            if receiver in ("random", "math", "time", "sys", "os"):
                return None
            method = small.value.func.attr.value
            return {receiver}, f"`{receiver}` is not changed by `.{method}()`"
        if isinstance(small, cst.Del):
            return _names_in(small.target), "the entry is never deleted"
        if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                and isinstance(small.targets[0].target, cst.Name):
            name = small.targets[0].target.value
            if name in _names_in(small.value) or _dominating_assignment(program, line, name):
                verb = ("keeps its old value" if name in _names_in(small.value)
                        else "keeps the value it had before")
                return {name}, f"`{name}` {verb}"
        return None
