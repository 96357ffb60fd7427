"""The repair report's plot: pass and edit precision by difficulty, as a PNG beside
report.md, drawn with matplotlib (the `evaluate` extra) through its Agg canvas, so no
display is needed and no global backend is switched.

Without matplotlib, or when the figure cannot be written, no plot is made and the reason
is returned for the report to say.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PLOT_FILE = "by_difficulty.png"


def plot_by_difficulty(by_difficulty: dict[str, dict], path: Path) -> str | None:
    """Write the plot to `path`; None when written, else why it was not."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return ("matplotlib is not installed (pip install 'debugex[evaluate]', or pip "
                "install matplotlib)")
    if not by_difficulty:
        return "there are no items"
    levels = list(by_difficulty)
    figure = Figure(figsize=(max(5.0, 1.3 * len(levels) + 2.5), 3.8), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    width = 0.38
    for shift, key, label, colour in ((-width / 2, "pass", "pass", "#2b7bba"),
                                      (width / 2, "edit_precision", "edit precision (of edited items)",
                                       "#e08b2c")):
        places = [n + shift for n in range(len(levels))]
        values = [by_difficulty[level][key] for level in levels]
        bars = axes.bar(places, [100 * (v or 0) for v in values], width, label=label,
                        color=colour)
        for bar, value in zip(bars, values, strict=True):
            # precision is undefined where no answer changed anything: said, not drawn as 0
            text = "n/a" if value is None else f"{value:.0%}"
            axes.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                          xytext=(0, 2), textcoords="offset points", ha="center",
                          va="bottom", fontsize=8)
    axes.set_xticks(range(len(levels)),
                    [f"{level}\n{by_difficulty[level]['items']} items, "
                     f"{by_difficulty[level]['items_edited']} edited" for level in levels])
    axes.set_xlabel("difficulty: errors syntax/runtime/logical")
    axes.set_ylabel("%")
    axes.set_ylim(0, 128)  # room above the 100% labels for the legend
    axes.set_yticks(range(0, 101, 20))
    axes.set_title("Repair: pass and edit precision by difficulty")
    axes.legend(loc="upper center", fontsize=8, ncols=2, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    # Drawn beside it and renamed over: a run stopped mid-write leaves no half a PNG.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        figure.savefig(temporary, format="png")
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return f"{path} cannot be written ({exc.strerror or exc})"
    return None
