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

_OPENERS = "([{"
_BRACKET_WORDS = {"(": "round bracket", "[": "square bracket", "{": "curly bracket"}
# A first token that would turn two juxtaposed expressions into a valid call, index or
# subtraction (`print(a (b))`, `print -x`), so no syntax error can be promised.
_GLUE_TOKENS = {"(", "[", "-", "+", "~", "*", "**", "."}


def _tokens(program: ProgramIndex, node: cst.CSTNode):
    return program.tokens_between(*program.span(node))


def _first_token(program: ProgramIndex, node: cst.CSTNode):
    located = _tokens(program, node)
    return located[0] if located else None


_LAYOUT = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)


def _code_token_after(program: ProgramIndex, offset: int):
    """The first located token of code that starts at or after `offset`."""
    for located in program.located_tokens:
        if located[1] >= offset and located[0].type not in _LAYOUT:
            return located
    return None


def _code_token_before(program: ProgramIndex, offset: int):
    """The last located token of code that ends at or before `offset`."""
    found = None
    for located in program.located_tokens:
        if located[2] > offset:
            break
        if located[0].type not in _LAYOUT:
            found = located
    return found


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
                "answer = input('2 + 2 = ')\nif answer = '4':\n    print('right')\n",
                stdin=(("4",), ("5",)), line=2),
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


_OTHER_QUOTE = {'"': "'", "'": '"'}


@register
class UnterminatedString(Injector):
    """Closing quote of a string missing or of the other kind (`"hello` / `"hello'`)."""

    id = "unterminated_string"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: the string `{{ broken }}` {{ problem }}, so it never ends and "
        "Python reports a syntax error.",
        "Line {{ line }}: a string must close with the same quote it opens with; "
        "`{{ broken }}` {{ problem }}, which is a syntax error.",
        "Line {{ line }}: Python reads everything after the opening `{{ quote }}` as text "
        "until it finds another `{{ quote }}`; in `{{ broken }}` there is none, so the line "
        "has a syntax error.",
    )
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
    explanations = (
        "Line {{ line }}: the comma between `{{ before }}` and `{{ after }}` is missing, so "
        "Python cannot separate the two {{ items }} - a syntax error.",
        "Line {{ line }}: {{ items }} must be separated by commas; `{{ before }}` is followed "
        "directly by `{{ after }}`, which is a syntax error.",
        "Line {{ line }}: without a comma after `{{ before }}`, Python sees two values side by "
        "side with nothing joining them and reports a syntax error.",
    )
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


def _block_header(program: ProgramIndex, block: cst.IndentedBlock) -> cst.CSTNode | None:
    parent = program.parent(block)
    return parent if isinstance(parent, _HEADERS) else None


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString))


@register
class MissingBlockIndent(Injector):
    """First line of a block not indented (`if x > 0:` followed by `print(x)` at its level)."""

    id = "missing_block_indent"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: this line belongs inside the `{{ keyword }}` block that starts on "
        "line {{ header_line }}, but it is not indented, so Python reports an "
        "IndentationError.",
        "Line {{ line }}: after the colon of the `{{ keyword }}` on line {{ header_line }} "
        "Python expects an indented line; this one starts at the same level, which is an "
        "IndentationError (a syntax error).",
        "Line {{ line }}: the body of the `{{ keyword }}` must be moved in by one level; as "
        "written the block is empty, and Python stops with an IndentationError.",
    )
    why = ("Novices read indentation as layout, the way a word processor indents a "
           "paragraph, not as the thing that tells Python which lines belong to the block.")
    examples = (
        Example("x = 5\nif x > 0:\n    print(x)\n", "x = 5\nif x > 0:\nprint(x)\n", line=3),
        Example("def greet(name):\n    print('Hi', name)\n\n\ngreet('Ann')\n",
                "def greet(name):\nprint('Hi', name)\n\n\ngreet('Ann')\n", line=2),
    )
    no_site = "x = 5\nprint(x)\n"

    def sites(self, program: ProgramIndex):
        for block in program.nodes(cst.IndentedBlock):
            header = _block_header(program, block)
            if header is None or not block.body:
                continue
            first = block.body[0]
            if _is_docstring(first):
                continue  # beginners' blocks start with code, not documentation
            start = program.span(first)[0]
            line_start = program.line_span(program.line(first))[0]
            header_line = program.line(header)
            yield self.edit(program, line_start, start, program.indent_of(header_line),
                            keyword=_header_keyword(program, header), header_line=header_line)


@register
class StrayIndent(Injector):
    """Line indented though no block opens there (`print(x)` written as `    print(x)`)."""

    id = "stray_indent"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: this line is indented further than line {{ previous }}, but no "
        "block was opened there, so Python reports an IndentationError (unexpected indent).",
        "Line {{ line }}: the extra spaces at the start of this line make Python expect a "
        "new block, and none was started; the line must line up with line {{ previous }} - an "
        "IndentationError.",
        "Line {{ line }}: indentation is part of Python's grammar, and this line is pushed in "
        "for no reason, which is an IndentationError.",
    )
    why = ("Novices indent lines to make the program look tidy or to group them visually, "
           "not knowing that Python only accepts indentation after a block header.")
    examples = (
        Example("x = 5\nprint(x)\n", "x = 5\n    print(x)\n", line=2),
        Example("for i in range(3):\n    n = i * 2\n    print(n)\n",
                "for i in range(3):\n    n = i * 2\n        print(n)\n", line=3),
    )
    no_site = "if True:\n    print('hello')\n"

    def sites(self, program: ProgramIndex):
        unit = program.module.default_indent
        for body in (program.module.body, *(b.body for b in program.nodes(cst.IndentedBlock))):
            for previous, statement in zip(body, body[1:], strict=False):
                if not isinstance(previous, cst.SimpleStatementLine):
                    continue  # after a block, one level in would join that block (valid)
                start = program.span(statement)[0]
                yield self.edit(program, start, start, unit, previous=program.line(previous))


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
    explanations = (
        "Line {{ line }}: the keyword `{{ keyword }}` is {{ how }} as `{{ typo }}`, so Python "
        "cannot read the statement and reports a syntax error.",
        "Line {{ line }}: `{{ typo }}` is not a Python keyword; Python takes it for an "
        "ordinary name, the rest of the line stops making sense, and the result is a syntax "
        "error - it should be `{{ keyword }}`.",
        "Line {{ line }}: keywords must be written exactly, all in lower case: `{{ typo }}` "
        "should read `{{ keyword }}`. As it stands the line is a syntax error.",
    )
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
        keyword = _first_token(program, node)
        first = _code_token_after(program, keyword[2]) if keyword else None
        return first is not None and first[0].string not in _GLUE_TOKENS


@register
class ElseIf(Injector):
    """`elif` written as two words, as in other languages (`else if x > 0:`)."""

    id = "else_if"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: Python writes \"else if\" as the single keyword `elif`; `else if` "
        "is a syntax error.",
        "Line {{ line }}: after `else` Python expects a colon straight away, so `else if "
        "{{ condition }}:` is a syntax error - the keyword is `elif`.",
        "Line {{ line }}: other languages chain conditions with `else if`, but Python uses "
        "`elif {{ condition }}:`; the two-word form is a syntax error.",
    )
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
    explanations = (
        "Line {{ line }}: `print` is a function in Python 3 and needs brackets round what it "
        "prints: `print({{ arguments }})`. Without them the line is a syntax error.",
        "Line {{ line }}: the brackets after `print` are missing; Python 3 only calls a "
        "function when its arguments are in brackets, so this is a syntax error.",
        "Line {{ line }}: `print {{ arguments }}` is the old Python 2 form; in Python 3 it is "
        "a syntax error and must be written `print({{ arguments }})`.",
    )
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


# Assignment targets: a value of one of these kinds on the left of `=` is still valid.
_ASSIGNABLE = (cst.Name, cst.Attribute, cst.Subscript, cst.Tuple, cst.List, cst.StarredElement)


@register
class ReversedAssignment(Injector):
    """Assignment written backwards (`5 = x` for `x = 5`, `a + b = t` for `t = a + b`)."""

    id = "reversed_assignment"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: the assignment is backwards: the variable being set, `{{ name }}`, "
        "goes on the left of `=` and the value `{{ value }}` on the right. Python cannot "
        "store anything in `{{ value }}`, so this is a syntax error.",
        "Line {{ line }}: `=` is not a symmetric equals sign; it copies the value on its "
        "right into the name on its left, so `{{ value }} = {{ name }}` is a syntax error.",
        "Line {{ line }}: to give `{{ name }}` a value, write `{{ name }} = {{ value }}`; "
        "the reversed order tries to assign to an expression, which is a syntax error.",
    )
    why = ("In maths `x = 5` and `5 = x` say the same thing, so novices treat Python's `=` "
           "as symmetric instead of as \"store the right side in the left\".")
    examples = (
        Example("x = 5\nprint(x)\n", "5 = x\nprint(x)\n", line=1),
        Example("a = 2\nb = 3\nt = a + b\nprint(t)\n", "a = 2\nb = 3\na + b = t\nprint(t)\n",
                line=3),
    )
    no_site = "x = y = 5\nz = x\nprint(z)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Assign):
            if len(node.targets) != 1 or not _one_line(program, node):
                continue
            target, value = node.targets[0].target, node.value
            if not isinstance(target, cst.Name) or not self._reversible(value):
                continue
            target_start, target_end = program.span(target)
            value_start, value_end = program.span(value)
            middle = program.source[target_end:value_start]
            yield self.edit(program, target_start, value_end,
                            program.text(value) + middle + program.text(target),
                            name=target.value, value=program.text(value))

    @staticmethod
    def _reversible(value: cst.BaseExpression) -> bool:
        """Values novices put on the left: a literal, a calculation or one simple call
        (`sqrt(y) = x`); never a name (`y = x` is valid) nor a line that reads input."""
        if isinstance(value, _ASSIGNABLE):
            return False
        calls = [n for n in _descendants(value) if isinstance(n, cst.Call)]
        return len(calls) <= 1 and not any(
            isinstance(c.func, cst.Name) and c.func.value == "input" for c in calls)


def _descendants(node: cst.CSTNode):
    yield node
    for child in node.children:
        yield from _descendants(child)


# Each two-character comparison and the backwards way a novice types it.
_INVERTED = {cst.GreaterThanEqual: ("=>", "greater than or equal to"),
             cst.LessThanEqual: ("=<", "less than or equal to"),
             cst.NotEqual: ("=!", "not equal to")}


@register
class InvertedOperator(Injector):
    """Comparison operator typed backwards (`x => 2` for `x >= 2`, `=<`, `=!`)."""

    id = "inverted_operator"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: \"{{ meaning }}\" is written `{{ old }}`; `{{ new }}` is not a "
        "Python operator, so this is a syntax error.",
        "Line {{ line }}: the two characters of `{{ old }}` are the wrong way round: Python "
        "reads `{{ new }}` as `=` followed by a stray `{{ new[1] }}`, a syntax error.",
        "Line {{ line }}: in Python the `=` always comes second in a comparison, as in "
        "`{{ old }}`; `{{ new }}` is a syntax error.",
    )
    why = ("Novices say \"greater than or equal\" or think of the arrow `=>` from maths and "
           "type the symbols in whatever order feels natural.")
    examples = (
        Example("x = 3\nif x >= 2:\n    print('ok')\n", "x = 3\nif x => 2:\n    print('ok')\n",
                line=2),
        Example("x = 3\nif x != 2:\n    print('ok')\n", "x = 3\nif x =! 2:\n    print('ok')\n",
                line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print('ok')\n"

    def sites(self, program: ProgramIndex):
        for kind, (new, meaning) in _INVERTED.items():
            for node in program.nodes(kind):
                start, end = program.span(node)
                yield self.edit(program, start, end, new, old=program.text(node), new=new,
                                meaning=meaning)


@register
class FStringBrace(Injector):
    """f-string placeholder left unclosed or empty (`f"Hi {name"` / `f"Hi {}"`)."""

    id = "fstring_brace"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: {{ problem }}; a placeholder in an f-string must hold a value "
        "between a pair of curly brackets, so this is a syntax error.",
        "Line {{ line }}: in the f-string the placeholder for `{{ expression }}` is broken - "
        "{{ problem }}. Python cannot read the string, a syntax error.",
        "Line {{ line }}: every opening curly bracket in an f-string starts a placeholder "
        "that needs a value and a closing bracket; here {{ problem }}, which is a syntax "
        "error.",
    )
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


# Names a beginner wants that are Python keywords.
_KEYWORD_WISHES = {"password": "pass", "class_name": "class", "school_class": "class",
                   "from_unit": "from", "global_total": "global"}


@register
class BadIdentifier(Injector):
    """Variable name with a space or hyphen, or a keyword (`my name = ...`, `first-name`)."""

    id = "bad_identifier"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: `{{ bad }}` is not a valid name: {{ problem }}. Python cannot read "
        "the line, a syntax error.",
        "Line {{ line }}: a name in Python must be one word made of letters, digits and "
        "underscores, and not a keyword; `{{ bad }}` {{ problem_short }}, so this is a syntax "
        "error - `{{ name }}` works.",
        "Line {{ line }}: Python does not see `{{ bad }}` as one name, because {{ problem }}; "
        "this is a syntax error.",
    )
    why = ("Novices name variables the way they would label a box in English, with spaces "
           "or hyphens between the words, and do not know which words Python reserves.")
    examples = (
        Example("full_name = 'Ann Lee'\nprint(full_name)\n",
                "full name = 'Ann Lee'\nprint(full_name)\n", line=1),
        Example("full_name = 'Ann Lee'\nprint(full_name)\n",
                "full-name = 'Ann Lee'\nprint(full_name)\n", line=1),
        Example("password = input('Password: ')\nprint(len(password))\n",
                "pass = input('Password: ')\nprint(len(password))\n", stdin=(("abc",),),
                line=1),
    )
    no_site = "name = 'Ann'\nprint(name)\n"

    def sites(self, program: ProgramIndex):
        seen: set[str] = set()
        for node in self._bindings(program):
            name = node.value
            if name in seen:
                continue
            seen.add(name)
            start, end = program.span(node)
            words = name.split("_")
            if len(words) > 1 and all(words) and not name.isupper():  # not CONSTANTS
                yield self.edit(program, start, end, " ".join(words), name=name,
                                bad=" ".join(words), problem="a name cannot contain spaces",
                                problem_short="has a space in it")
                yield self.edit(program, start, end, "-".join(words), name=name,
                                bad="-".join(words),
                                problem="the hyphen is read as a minus sign",
                                problem_short="has a hyphen, which Python reads as a minus")
            wish = _KEYWORD_WISHES.get(name)
            if wish is not None:
                yield self.edit(program, start, end, wish, name=name, bad=wish,
                                problem=f"`{wish}` is a Python keyword",
                                problem_short="is a keyword")

    @staticmethod
    def _bindings(program: ProgramIndex):
        """Names where the program first creates a variable, function or parameter, in
        source order: an assignment or loop target, a def or a parameter."""
        for node in program.nodes(cst.AssignTarget, cst.AnnAssign, cst.For, cst.FunctionDef,
                                  cst.Param):
            if isinstance(node, cst.FunctionDef | cst.Param):
                yield node.name
                continue
            target = node.target
            for part in (target, *getattr(target, "elements", ())):
                part = getattr(part, "value", part) if isinstance(part, cst.Element) else part
                if isinstance(part, cst.Name):
                    yield part
