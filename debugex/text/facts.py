"""One error as the text layer sees it: what the edit carries and what was observed.

Built from a placed error of a composition or from a draft's stored record, so that a
draft can be re-rendered (another style) without running anything again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .evidence import Evidence, article, plural
from .premises import premises

COMPARISONS = {"<": (-1, False), "<=": (-1, True), ">": (1, False), ">=": (1, True)}


@dataclass(frozen=True)
class ErrorFacts:
    injector: str
    error_class: str
    line: int  # in the incorrect program
    origin_line: int  # where the edit starts in the correct program
    before: str  # the correct text the edit replaced
    after: str  # its replacement
    evidence: Evidence
    info: Mapping[str, str] = field(default_factory=dict)
    origin_text: str = ""  # the correct program's line where the edit starts
    column: int = 0  # where on that line the edit starts

    @classmethod
    def of(cls, placed, correct: str, stdin: Sequence[str] | None = None) -> ErrorFacts:
        edit = placed.edit
        return cls(edit.injector, edit.error_class, placed.line,
                   correct.count("\n", 0, edit.start) + 1, correct[edit.start:edit.end],
                   edit.replacement, Evidence.of(placed.verdict, stdin), edit.info,
                   *_origin(correct, edit.start))

    @classmethod
    def from_record(cls, error: dict, correct: str) -> ErrorFacts:
        edit = error["edit"]
        case = error.get("case") or {}
        return cls(edit["injector"], edit["error_class"], error["line"],
                   correct.count("\n", 0, edit["start"]) + 1,
                   correct[edit["start"]:edit["end"]], edit["replacement"],
                   Evidence.from_record(error.get("evidence") or {}, case.get("stdin")),
                   dict(edit.get("details") or {}), *_origin(correct, edit["start"]))

    @property
    def kind(self) -> str:
        """The phrasing key: the injector id, except that a changed comparison is told
        apart as a boundary slip (same direction) or a reversed comparison, and a
        `print` dropped from round a call it showed (`dropped_print`) from a whole
        line left out."""
        if self.injector == "dropped_call" and "kept" in self.info:
            return "dropped_print"
        old, new = self.info.get("old"), self.info.get("new")
        if old in COMPARISONS and new in COMPARISONS and self.error_class == "logical":
            same_direction = COMPARISONS[old][0] == COMPARISONS[new][0]
            return "boundary_slip" if same_direction else "reversed_comparison"
        return self.injector

    def params(self, incorrect: str, description: str = "") -> dict[str, str]:
        """The edit's details plus computed facts for the phrasings, among them the
        premises (`when_...`) that make a stock sentence true (see `premises`)."""
        lines = incorrect.splitlines()
        values = dict(self.info)
        anchor_at = self.line
        while 0 < anchor_at <= len(lines) and not lines[anchor_at - 1].strip():
            anchor_at += 1  # the first code line that now stands where the statement was
        values["anchor"] = lines[anchor_at - 1].strip() if 0 < anchor_at <= len(lines) else ""
        if values.get("block"):  # it ended its block: the line after it is not its place
            values["anchor"] = ""
            values["where"] = f"at the end of {values['block']} (after line {self.line})"
        elif values["anchor"] and "where" not in self.info:  # an injector's own `where` wins
            values["where"] = f"before `{values['anchor']}`"
        values["code"] = lines[self.line - 1].strip() if 0 < self.line <= len(lines) else ""
        values["line"] = str(self.line)
        if "keyword" in values:
            values["keyword_a"] = article(values["keyword"])
        for key in ("expected", "given"):
            if values.get(key, "").isdigit():
                values[f"{key}_args"] = plural(int(values[key]), "argument")
        values.update(premises(self, incorrect, description))
        return values


def _origin(correct: str, start: int) -> tuple[str, int]:
    """(the correct line where an edit starts, the edit's column on it)."""
    begin = correct.rfind("\n", 0, start) + 1
    end = correct.find("\n", start)
    return correct[begin:end if end >= 0 else len(correct)], start - begin
