"""The repair task's figures over every item: overall, by error class, by difficulty; and
the Markdown report written beside the answers.

An item with no answer or a malformed one counts as not passed and nothing fixed, so a
model that answers less does not score better; edit precision is over the items whose
answer changed something (it is undefined for an unchanged program).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..injectors import ERROR_CLASSES
from .repair import RepairGrade
from .repair_plot import PLOT_FILE


def _share(part: float, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _figures(grades: Sequence[RepairGrade]) -> dict:
    edited = [g.precision for g in grades if g.precision is not None]
    named = [g.localisation for g in grades if g.localisation is not None]
    return {"items": len(grades), "pass": _share(sum(g.passed for g in grades), len(grades)),
            "bug_recall": _share(sum(g.recall for g in grades), len(grades)),
            "edit_precision": _share(sum(edited), len(edited)),
            "localisation": _share(sum(named), len(named)),
            "items_edited": len(edited), "items_naming_lines": len(named)}


def summarise(grades: Sequence[RepairGrade]) -> dict:
    """Headline figures, per class (share of its errors fixed) and per difficulty."""
    by_class = {}
    for error_class in ERROR_CLASSES:
        fixed = [f for g in grades for c, f in zip(g.classes, g.fixed, strict=True)
                 if c == error_class]
        by_class[error_class] = {"errors": len(fixed), "fixed": sum(fixed),
                                 "bug_recall": _share(sum(fixed), len(fixed))}
    levels = sorted({g.level for g in grades})
    return {**_figures(grades),
            "answered": sum(g.answered for g in grades),
            "unanswered": sum(not g.answered for g in grades),
            "malformed": sum(g.malformed for g in grades),
            "by_class": by_class,
            "by_difficulty": {level: _figures([g for g in grades if g.level == level])
                              for level in levels}}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def table(headers: Sequence[str], rows: Sequence[Sequence]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(summary: dict, run: dict, grades: Sequence[RepairGrade],
             plot_skipped: str | None) -> str:
    """The report: the run's settings, the headline, by class, by difficulty (with the
    plot beside it, or why there is none), per item."""
    settings = run.get("settings") or {}
    source = (f"model `{settings.get('model')}` at {settings.get('endpoint')}, temperature "
              f"{settings.get('temperature')}, seed {settings.get('seed')}"
              if settings else f"answers read from {run.get('responses')}")
    out = [f"# Repair evaluation\n\nBenchmark: {run.get('benchmark')} "
           f"({summary['items']} items). Answers: {source}.\n",
           f"Answered {summary['answered']}, no answer {summary['unanswered']}, malformed "
           f"{summary['malformed']} (both count as not passed, nothing fixed).\n",
           table(("pass", "bug recall", "edit precision", "localisation"),
                 [(_pct(summary["pass"]), _pct(summary["bug_recall"]),
                   _pct(summary["edit_precision"]) + f" (of {summary['items_edited']} edited)",
                   _pct(summary["localisation"]) +
                   f" (of {summary['items_naming_lines']} naming lines)")]),
           "\n## By error class\n",
           table(("class", "errors", "fixed", "bug recall"),
                 [(c, v["errors"], v["fixed"], _pct(v["bug_recall"]))
                  for c, v in summary["by_class"].items()]),
           "\n## By difficulty (errors syntax/runtime/logical)\n",
           table(("difficulty", "items", "pass", "bug recall", "edit precision"),
                 [(k, v["items"], _pct(v["pass"]), _pct(v["bug_recall"]),
                   _pct(v["edit_precision"])) for k, v in summary["by_difficulty"].items()]),
           f"\n![Pass and edit precision by difficulty]({PLOT_FILE})\n" if plot_skipped is None
           else f"\nNo plot: {plot_skipped}.\n",
           "## Items\n",
           table(("item", "difficulty", "pass", "fixed", "changed lines", "error lines",
                  "note"),
                 [(g.id, g.level, "yes" if g.passed else "no",
                   f"{sum(g.fixed)}/{len(g.classes)}",
                   ", ".join(map(str, g.changed_lines)) or "-",
                   ", ".join(map(str, g.error_lines)), g.problem or "")
                  for g in grades])]
    return "\n".join(out) + "\n"
