"""Premise sentences judged in any answer: `false_premise` (issue 31's fourth kind).

A stock reason ("Names such as `item` and `items` look alike", "`total` ... so the value
of `price` is ignored", "Python keeps reading the next lines as part of it") is true only
when a fact about the program or its run holds. `bench/truth_premises.py` reads those
facts from debugex's own drafts (the injector and its edit); an answer from elsewhere
has neither, so each fact is computed here from what the audit recovers from the answer
itself: the incorrect program's text, the change at the sentence's line (its text before
and after) and that change's run alone. Only sentences in the forms debugex writes are
read; a sentence whose fact cannot be established (no single change on its line, a
change of another shape) is not judged, never guessed at:
- "indented further than line N": line N stands above, holds code and is indented less;
- "with brackets nested in": the line leaves a bracket open and holds another after it;
- "keeps reading the next lines": that error alone is reported on a later line;
- "`)` ... at the end of the line" / "just before the `X`", for a change that removes
  one closing bracket: what followed that bracket in the correct program;
- "renames a parameter to `new` to match the task's words": `new` is a word of the task;
- "the value of `x` is ignored": nothing in the incorrect program reads `x`;
- "`a` and `b` look alike": the two names share their first three letters, one holds
  the other, or they are at most two letters apart;
- "One dropped letter in `name`" (and the other slips): the change turns `name` into a
  name that differs from it by exactly that slip;
- "outcomes are swapped" / "for exactly the values": the line holds one comparison,
  not joined to another by `and` / `or`;
- "`x` is before `x`": a line placed against itself, never true.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..changes import Change
from ..engine import Verdict
from ..injectors import SYNTAX
from ..text import alike
from .reading import Pending
from .readings import places
from .thinking_check import _line_map, _one, _paragraphs

OPENERS, CLOSERS = "([{", ")]}"
# No teacher's line or name is this long; past it a check stays silent (tokenizing a
# hostile line can take minutes, comparing two long names letter by letter as long).
LONGEST_LINE, LONGEST_NAME = 1000, 100
COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")
VOWELS = set("aeiouAEIOU")


@dataclass
class _Facts:
    """What one sentence about the error on `line` can be judged against."""

    item: Pending
    verdicts: Sequence[Verdict]
    at: dict[int, list[int]]
    line: int

    @property
    def lines(self) -> list[str]:
        return self.item.assistant.program.splitlines()

    def text(self, number: int) -> str:
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    @property
    def change(self) -> int | None:
        return _one(self.at, self.line)


def _indent(text: str) -> int:
    return len(text.expandtabs()) - len(text.expandtabs().lstrip())


def _tokens(text: str) -> list[tokenize.TokenInfo] | None:
    """The tokens of one line, as far as they can be read; None for a line too long."""
    if len(text) > LONGEST_LINE:
        return None
    found: list[tokenize.TokenInfo] = []
    try:
        found.extend(tokenize.generate_tokens(io.StringIO(text.strip() + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        pass  # an unclosed bracket ends the line's tokens, as far as they go
    return found


def _names(text: str) -> list[str]:
    return [t.string for t in _tokens(text) or () if t.type == tokenize.NAME]


def _further(f: _Facts, match: re.Match) -> bool | None:
    above = int(match.group(1))
    shown = f.text(above)
    return 0 < above < f.line and bool(shown.strip()) and _indent(shown) < _indent(f.text(f.line))


def _nested(f: _Facts, match: re.Match) -> bool | None:
    tokens = _tokens(f.text(f.line))
    if tokens is None:
        return None
    brackets = [t for t in tokens if t.type == tokenize.OP and t.string in OPENERS + CLOSERS]
    stack: list[tokenize.TokenInfo] = []
    for token in brackets:
        if token.string in OPENERS:
            stack.append(token)
        elif stack:
            stack.pop()
    return bool(stack) and any(t.start[1] > stack[0].start[1] for t in brackets)


def _reads_on(f: _Facts, match: re.Match) -> bool | None:
    index = f.change
    if index is None or index >= len(f.verdicts):
        return None
    verdict = f.verdicts[index]
    if verdict.status != SYNTAX or verdict.reported_line is None:
        return False
    alone = f.item.changes[index].apply(f.item.user.program)
    reported = _line_map(alone, f.item.assistant.program).get(verdict.reported_line,
                                                             verdict.reported_line)
    return reported > f.line


def _removed_closer(change: Change, correct: str) -> tuple[str, str] | None:
    """(the closing bracket a change removes, the rest of its line in the correct
    program), or None for a change of another shape."""
    if len(change.pieces) != 1:
        return None
    piece = change.pieces[0]
    old = correct[piece.start:piece.end]
    if len(old) > LONGEST_LINE:
        return None
    for i, char in enumerate(old):
        if char in CLOSERS and old[:i] + old[i + 1:] == piece.replacement:
            at = piece.start + i + 1
            end = correct.find("\n", at)
            return char, correct[at:len(correct) if end < 0 else end]
    return None


def _left_off(f: _Facts, match: re.Match) -> bool | None:
    index = f.change
    removed = None if index is None else _removed_closer(f.item.changes[index],
                                                         f.item.user.program)
    if removed is None or removed[0] != match.group(1):
        return None
    rest = removed[1].strip()
    if match.group(3) is None:  # at the end of the line
        return not rest or rest.startswith("#")
    return bool(rest) and rest.startswith(match.group(3))


def _task_words(f: _Facts, match: re.Match) -> bool | None:
    words = set(re.findall(r"[a-z_][a-z0-9_]*", f.item.user.description.lower()))
    return match.group(1).lower() in words


def _ignored(f: _Facts, match: re.Match) -> bool | None:
    try:
        tree = ast.parse(f.item.assistant.program)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # a program that does not parse: what it reads is not known
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}
    return match.group(1) not in read


def _alike(f: _Facts, match: re.Match) -> bool | None:
    a, b = match.group(1), match.group(2)
    if max(len(a), len(b)) > LONGEST_NAME:
        return None
    return alike(a, b)  # the rule the text itself follows


def _slips(name: str, typo: str) -> set[str]:
    """Every slip that turns `name` into `typo`, in the words of debugex's sentences."""
    found = set()
    if name != typo and name.lower() == typo.lower():
        found.add("a capital letter")
    if len(typo) == len(name) - 1 and any(name[:i] + name[i + 1:] == typo
                                          for i in range(len(name))):
        found.add("one dropped letter")
    if len(typo) == len(name) and any(
            name[:i] + name[i + 1] + name[i] + name[i + 2:] == typo and name[i] != name[i + 1]
            for i in range(len(name) - 1)):
        found.add("two swapped letters")
    if len(typo) == len(name) + 1 and any(name[:i + 1] + name[i] + name[i + 1:] == typo
                                          for i in range(len(name))):
        found.add("one doubled letter")
    differ = [i for i, (x, y) in enumerate(zip(name, typo, strict=False)) if x != y]
    if len(name) == len(typo) and len(differ) == 1 and name[differ[0]] in VOWELS \
            and typo[differ[0]] in VOWELS:
        found.add("one wrong vowel")
    if "_" in name and name.replace("_", "") == typo:
        found.add("leaving out the underscores")
    if typo == name + "s":
        found.add("one added `s`")
    return found


def _slip(f: _Facts, match: re.Match) -> bool | None:
    index = f.change
    if index is None:
        return None
    change, name = f.item.changes[index], match.group(2)
    if len(name) > LONGEST_NAME or len(change.before) + len(change.after) > LONGEST_LINE:
        return None
    gone = [n for n in _names(change.before) if n not in _names(change.after)]
    new = [n for n in _names(change.after) if n not in _names(change.before)]
    if len(set(new)) != 1 or len(new[0]) > LONGEST_NAME:
        return None  # not one name turned into another: the slip cannot be read
    if name not in gone:
        return False  # the change does not touch the name the sentence names
    if match.group(1).lower().startswith("spelling"):
        return None  # another spelling: no rule of letters tells it
    return match.group(1).lower() in _slips(name, new[0])


def _whole_test(f: _Facts, match: re.Match) -> bool | None:
    tokens = _tokens(f.text(f.line))
    if tokens is None:
        return None
    count = sum(t.type == tokenize.OP and t.string in COMPARISONS for t in tokens)
    joined = any(t.type == tokenize.NAME and t.string in ("and", "or") for t in tokens)
    return count == 1 and not joined


def _itself(f: _Facts, match: re.Match) -> bool | None:
    return False


_SLIP = ("A capital letter|One dropped letter|Two swapped letters|One doubled letter|"
         "One wrong vowel|Leaving out the underscores|One added `s`|"
         "Spelling one word of the name another way")
# (pattern of the sentence, the fact that makes it true, what the fact is, said when false)
CHECKS: tuple[tuple[re.Pattern, Callable[[_Facts, re.Match], bool | None], str], ...] = (
    (re.compile(r"indented further than line (\d{1,6})\b"), _further,
     "that line is not above this one, holds no code or is not indented less"),
    (re.compile(r"[Ww]ith brackets nested in"), _nested,
     "the line leaves no bracket open with another inside it"),
    (re.compile(r"keeps reading the next lines"), _reads_on,
     "Python reports this error alone on its own line or earlier, not further down"),
    (re.compile(r"`([)\]}])`[^`.;]{0,200}?\b(at the end of the line|just before the `([^`]+)`)"),
     _left_off, "the removed bracket was not there in the correct program"),
    (re.compile(r"renames? a parameter to `(\w+)` to match the task's words"), _task_words,
     "the task's description does not use that word"),
    (re.compile(r"the value of `(\w+)` is ignored"), _ignored,
     "the incorrect program still reads that name"),
    (re.compile(r"`(\w+)` and `(\w+)` look alike"), _alike,
     "the two names share no three first letters, neither holds the other, and they "
     "are more than two letters apart"),
    (re.compile(rf"({_SLIP}) in `(\w+)`", re.IGNORECASE), _slip,
     "the change on this line is not that slip of that name"),
    (re.compile(r"outcomes are swapped|for exactly the values"), _whole_test,
     "the line holds more than one comparison (or one joined by and/or), so its "
     "outcomes are not simply swapped"),
    (re.compile(r"`([^`]+)` is (?:before|after|inside|outside) `\1`"), _itself,
     "it places a line against itself"),
)


def premise_defects(item: Pending, verdicts: Sequence[Verdict]) -> list[tuple[str, str]]:
    """("false_premise", detail) for each premise sentence of the thinking and
    explanations that the answer's own program, changes and runs show false.
    `verdicts`: each recovered change's verdict alone."""
    correct, incorrect = item.user.program, item.assistant.program
    at: dict[int, list[int]] = {}
    for index, change in enumerate(item.changes):
        for line in places(change, correct, incorrect):
            at.setdefault(line, []).append(index)
    found = []
    for line, text in _paragraphs(item):
        if not line:
            continue  # a paragraph about no error line: no fact to read
        facts = _Facts(item, verdicts, at, line)
        for pattern, holds, why in CHECKS:
            for match in pattern.finditer(text):
                if holds(facts, match) is False:
                    found.append(("false_premise", f"line {line}: \"{_around(text, match)}\": "
                                  f"{why}"))
    return found


def _around(text: str, match: re.Match) -> str:
    """The sentence the match stands in, at most 100 characters."""
    before = text.rfind(". ", 0, match.start())
    start = 0 if before < 0 else before + 2
    end = text.find(". ", match.end())
    sentence = text[start:end if end >= 0 else len(text)].strip()
    return sentence if len(sentence) <= 100 else sentence[:97] + "..."
