"""What the verification observed, turned into short concrete clauses.

A verdict records the scenario, the first differing output line (logical), the exception
and where Python reported it (runtime, syntax), and for function scenarios the call with
its expected and actual value. These clauses state exactly that, nothing more.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass

MAX_QUOTE = 48  # characters of an output line quoted in an explanation
MAX_INPUTS = 4
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)  # a token of its own from 3.12


@dataclass(frozen=True)
class Evidence:
    """One error's proof, as the text layer needs it (a verdict plus the scenario's input)."""

    status: str
    exc_class: str | None = None
    reported_line: int | None = None
    message: str = ""
    difference: str | None = None
    call: str | None = None
    expected: str | None = None
    actual: str | None = None
    stdin: tuple[str, ...] | None = None  # None: the scenario is not known

    @classmethod
    def of(cls, verdict, stdin: Sequence[str] | None = None) -> Evidence:
        return cls(verdict.status, verdict.exc_class, verdict.reported_line,
                   verdict.message or "", verdict.difference, verdict.call,
                   verdict.expected, verdict.actual,
                   tuple(stdin) if stdin is not None else None)

    @classmethod
    def from_record(cls, record: dict, stdin: Sequence[str] | None = None) -> Evidence:
        """From a stored draft's record (data on disk): a field of the wrong type is taken
        as absent, never used as it is."""
        def text(key: str) -> str | None:
            value = record.get(key)
            return value if isinstance(value, str) else None

        line = record.get("reported_line")
        line = line if isinstance(line, int) and not isinstance(line, bool) else None
        inputs = (tuple(v for v in stdin if isinstance(v, str))
                  if isinstance(stdin, list | tuple) else None)
        return cls(text("status") or "", text("exc_class"), line, text("message") or "",
                   text("difference"), text("call"), text("expected"), text("actual"), inputs)


def article(word: str) -> str:
    """'an' before a vowel sound (an `if`, an IndexError), else 'a'."""
    text = word.lstrip("`'\"").lower()
    if text.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    return "an" if text[:1] in "aeiou" else "a"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def listing(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def shown(text: str) -> str:
    """A quoted text exactly as the program sees or prints it, spaces kept: a tab or
    another control character is written as its escape (`\\t`), so that a reader sees
    it."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _value(text: str) -> str:
    """An input as a teacher writes it: numbers bare, words in quotes; leading and
    trailing spaces kept inside the quotes, tabs shown as `\\t`."""
    stripped = text.strip()
    try:
        float(stripped)
        if stripped == text:
            return stripped
    except ValueError:
        pass
    if '"' not in text:
        return f'"{shown(text)}"'
    return repr(text)


def input_phrase(stdin: tuple[str, ...] | None) -> str:
    """'with the input 75', 'with the inputs "Ada", 90 and 85', '' without input."""
    if not stdin:
        return ""
    shown = [_value(v) for v in stdin[:MAX_INPUTS]]
    if len(stdin) > MAX_INPUTS:
        return f"with the inputs {', '.join(shown)}, … ({len(stdin)} in all)"
    if len(shown) == 1:
        return f"with the input {shown[0]}"
    return f"with the inputs {listing(shown)}"


def _strings(text: str) -> list[str]:
    """The string literals in `text`, in order (read with tokenize, not by pattern).

    The text may come from a cache or a batch on disk, so it is data: each literal is read
    with `ast.literal_eval`, which accepts a plain string and nothing that computes (an
    f-string, a call, an operator); anything else makes the whole text unquotable."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.STRING:
                try:
                    value = ast.literal_eval(token.string)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    return []
                if not isinstance(value, str):
                    return []  # bytes: not what a program printed
                found.append(value)
            elif token.type == _FSTRING_START:
                return []  # an f-string (3.12+ tokens): never what repr() writes
    except (tokenize.TokenError, SyntaxError):
        return []
    return found


def output_lines(difference: str | None) -> tuple[str, str] | None:
    """(expected, actual) first differing output line from a verdict's difference."""
    if not difference or not difference.startswith("output line"):
        return None
    rest = difference.split(": ", 1)[1] if ": " in difference else ""
    values = _strings(rest)
    return (values[0], values[1]) if len(values) == 2 else None


def line_counts(difference: str | None) -> tuple[int, int] | None:
    """(expected, actual) numbers of output lines when only the count differs."""
    if not difference or not difference.startswith("expected "):
        return None
    numbers = [int(w) for w in difference.split() if w.isdigit()]
    return (numbers[0], numbers[1]) if len(numbers) == 2 else None


def shorten(expected: str, actual: str) -> tuple[str, str]:
    """Drop a shared start (echoed prompts) up to a sentence or prompt boundary, then cap
    both lines, so the quote shows where they differ."""
    common = 0
    for a, b in zip(expected, actual, strict=False):
        if a != b:
            break
        common += 1
    cut = 0
    for mark in (": ", "? ", ". ", "! ", "> "):
        at = expected.rfind(mark, 0, common)
        if at >= 0:
            cut = max(cut, at + len(mark))
    if common - cut > MAX_QUOTE - 12:  # the difference is far into one long segment
        cut = max(cut, common - 12)
        head = "…"
    else:
        head = ""
    want, got = expected[cut:], actual[cut:]

    def cap(text: str) -> str:
        return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE - 1].rstrip() + "…"
    return head + cap(want), head + cap(got)


def quoted(text: str) -> str:
    return f'"{shown(text)}"' if text else "an empty line"


def symptom(ev: Evidence) -> tuple[str, str] | None:
    """(case, observation) of a logical error, e.g. ('with the input 75',
    'it prints "Pass" instead of "Pass with merit"'); None when nothing concrete is known."""
    if ev.call is not None and ev.actual is not None:
        return f"`{ev.call}`", f"returns {ev.actual} instead of {ev.expected}"
    if ev.stdin is None:  # a record without its scenario's input
        case = "on one of its test runs"
    else:
        case = input_phrase(ev.stdin) or "when it runs"
    pair = output_lines(ev.difference)
    if pair is not None:
        want, got = shorten(*pair)
        if not pair[1]:
            return case, f"the program prints an empty line where {quoted(want)} should appear"
        return case, f"the program prints {quoted(got)} instead of {quoted(want)}"
    counts = line_counts(ev.difference)
    if counts is not None:
        want, got = counts
        if got == 0:
            return case, (f"the program prints nothing where {plural(want, 'line')} "
                          f"{'is' if want == 1 else 'are'} expected")
        return case, (f"the program prints {plural(got, 'line')} of output where "
                      f"{plural(want, 'line')} {'is' if want == 1 else 'are'} expected")
    return None


def crash(ev: Evidence, line: int) -> str:
    """When and where a runtime error stops the program, e.g. 'with the input 0 the
    program stops on line 7 with a ZeroDivisionError'."""
    exc = ev.exc_class or "an exception"
    named = f"{article(exc)} {exc}" if ev.exc_class else exc
    if ev.call is not None:
        where = "" if ev.reported_line in (None, line) else f" on line {ev.reported_line}"
        return f"the call `{ev.call}` stops{where} with {named}"
    case = input_phrase(ev.stdin) if ev.stdin is not None else "on one of its test runs,"
    where = "" if ev.reported_line in (None, line) else f" on line {ev.reported_line}"
    if case:
        return f"{case} the program stops{where} with {named}"
    return f"when it runs, the program stops{where} with {named}"


def syntax_report(ev: Evidence, line: int) -> str:
    """What Python says and where, when that differs from the edited line."""
    exc = ev.exc_class or "SyntaxError"
    if ev.reported_line is not None and ev.reported_line > line:
        return (f"Python only notices it on line {ev.reported_line} and reports "
                f"{article(exc)} {exc} there")
    if ev.reported_line is not None and ev.reported_line < line:  # not "only" then
        return (f"Python reports {article(exc)} {exc} on line {ev.reported_line}, above "
                "the line where the slip is")
    return ""
