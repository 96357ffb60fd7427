"""Options of the commands over a batch of drafts: generate, review, merge."""

from __future__ import annotations

from pathlib import Path

import click

from ..commands import (
    cluster_option,
    content_option,
    locations_option,
    parse_max_per_class,
    parse_shard,
    style_option,
)
from .group import main


@main.command()
@content_option
@click.option("--exercise", "slugs", multiple=True, help="Only this exercise (repeatable).")
@click.option("--per-exercise", type=click.IntRange(min=1), default=None,
              help="Draw K requests per exercise from the distribution (default 5).")
@click.option("--grid", type=click.IntRange(min=1), default=None, metavar="N",
              help="Every (syntax, runtime, logical) in 0..N with total >= 1, per exercise.")
@click.option("--max-per-class", multiple=True, callback=parse_max_per_class,
              metavar="N|CLASS=N", help="Never ask for more than N errors of a class: N for "
              "every class, CLASS=N for one (repeatable); 0 leaves the class out, e.g. "
              "--max-per-class syntax=0.")
@click.option("--max-density", type=click.FloatRange(0, 1, min_open=True), default=0.5,
              show_default=True, help="At most this many errors per non-blank code line "
              "(0.5: one error per two lines). A drawn request over it is drawn again to "
              "fit (with --grid it is not written), unless it is one of the "
              "--partial-share requests.")
@click.option("--allow-same-line", is_flag=True,
              help="Let two errors share a line freely (by default only when the request "
              "cannot be met otherwise).")
@click.option("--partial-share", type=click.FloatRange(0, 1), default=0.05,
              show_default=True, help="Share of requests made larger than their program "
              "can carry and answered as partial drafts that say what fits and why.")
@click.option("--distribution", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help='JSON {"totals": {"1": 4, "2": 3, ...}, "classes": {"syntax": 1, ...}}: '
              "weights of the number of errors and of each class.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Drives every random choice: the same seed gives the same batch.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Generator processes, each with its own sandbox (default: one per core).")
@cluster_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for batches (default: ./generated).")
@click.option("--shard", callback=parse_shard, default="1/1", show_default=True,
              help="Do only part I of N of the work (disjoint parts, for array jobs).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@style_option
@locations_option
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no tables: one summary line (problems on stderr).")
@click.option("--timings", is_flag=True,
              help="Also print where the time went, by phase (plan, sites, compose, prove, "
                   "text, write, prune); --json always holds them.")
def generate(content: Path | None, slugs: tuple[str, ...], per_exercise: int | None,
             grid: int | None, max_per_class: int | dict | None, max_density: float,
             allow_same_line: bool, partial_share: float, distribution: Path | None,
             seed: int, workers: int | None, cluster: str | None, out: Path | None,
             shard: tuple[int, int], as_json: bool, style: str, locations: str,
             quiet: bool, timings: bool) -> None:
    """Write a new batch of verified drafts to generated/<batch-id>/ (batch.json,
    drafts.jsonl, decisions.jsonl), using every core (or a Dask cluster: --cluster).

    The same arguments and seed give the same drafts. Ctrl-C or SIGTERM stops early and
    leaves a valid batch with every draft finished so far (exit code 130 or 143). An
    exercise that fails is reported and skipped; the rest goes on.
    """
    from ..commands import generate as command

    raise SystemExit(command.from_options(content, slugs, per_exercise, grid, max_per_class,
                                          max_density, allow_same_line, partial_share,
                                          distribution, seed, workers, out, shard, as_json,
                                          style, quiet, locations, cluster, timings))


@main.command()
@click.argument("batch", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--accept", multiple=True, metavar="all|ID",
              help="Accept these drafts without the interactive review (repeatable).")
@click.option("--reject", multiple=True, metavar="ID", help="Reject these drafts (repeatable).")
@click.option("--note", default="", help="Note stored with --accept/--reject decisions.")
@click.option("--html", "as_html", is_flag=True,
              help="Write a self-contained review.html into the batch folder instead.")
@click.option("--style", type=click.Choice(("teacher", "terse")), default=None,
              help="When editing (e), start from the explanations re-rendered in this style "
              "(default: the draft's own text).")
@click.option("--list", "as_list", is_flag=True,
              help="List the drafts: id, exercise, request and the decision so far.")
@click.option("--json", "as_json", is_flag=True,
              help="With --list, --accept/--reject or --html: print the result as JSON.")
@click.option("--serve", is_flag=True,
              help="Review in the browser: a page served on this machine until Ctrl-C "
              "(needs the web extra: pip install -e '.[web]').")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="With --serve: the port (default 8765, else any free one; 0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="With --serve: the address to listen on. Anything but loopback lets other "
              "machines read the drafts and decide (a warning says so).")
@click.option("--no-browser", is_flag=True,
              help="With --serve: do not open a browser; only print the address.")
@click.option("--reviewer", metavar="NAME", default=None,
              help="Who decides: written with every decision in decisions.jsonl "
              "(default: the user logged in to this machine).")
@content_option
def review(batch: Path, accept: tuple[str, ...], reject: tuple[str, ...], note: str,
           as_html: bool, style: str | None, as_list: bool, as_json: bool, serve: bool,
           port: int | None, host: str, no_browser: bool, reviewer: str | None,
           content: Path | None) -> None:
    """Review a batch's drafts one at a time: the description, a coloured diff with the
    error lines marked, the explanations and their proof.

    \b
    Keys: a accept, r reject (asks for a note), s skip, e edit ($EDITOR on the
    assistant XML; the edited text must audit clean), q quit.
    Every decision is appended to decisions.jsonl at once. The interactive review
    needs a terminal (exit code 2 without one); scripts use --accept/--reject,
    --list and --json.

    \b
    --serve opens the same review in the browser: list with filters and search,
    side-by-side diff with the explanations beside their lines, accept (with a note),
    reject (reasons as tags, a note), edit, undo, accept all shown; keys a, A, r, e,
    u, j/k, / and ? for all. The page and a terminal review can run at once:
    decisions share the batch's lock. Ctrl-C or SIGTERM stops it with a summary.
    """
    from ..commands import review as command

    raise SystemExit(command.run(batch, accept, reject, note, as_html, content, as_list,
                                 as_json, style, serve=serve, port=port, host=host,
                                 open_browser=not no_browser, reviewer=reviewer))


@main.command()
@click.argument("batch", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--examples", type=click.Path(path_type=Path, file_okay=False),
              default=Path("fine-tuning-examples"), show_default=True,
              help="Examples folder to add to (training/ and testing/ are created as needed).")
@click.option("--split", type=click.Choice(["training", "testing", "auto"]), default="auto",
              show_default=True, help="auto keeps every example of one exercise in one split.")
@click.option("--test-fraction", type=click.FloatRange(0, 1), default=0.2, show_default=True,
              help="With auto: the share of new exercises that go to testing.")
@click.option("--dry-run", is_flag=True,
              help="Print what would be added (numbers, drafts, skips) and write nothing.")
@click.option("--no-wait", is_flag=True,
              help="When another merge holds the folder, exit with code 1 instead of waiting.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object: added numbers, each new example, each skip.")
@click.option("--quiet", "-q", is_flag=True,
              help="Print only the final count (and errors).")
def merge(batch: Path, examples: Path, split: str, test_fraction: float, dry_run: bool,
          no_wait: bool, as_json: bool, quiet: bool) -> None:
    """Add a batch's accepted drafts to the examples as the next numbered examples.

    Atomic (a crash leaves the old examples or the new ones; the next command
    completes a merge cut short), and merging the same batch twice adds nothing. Two
    merges into one folder take turns: the second waits for the first (or, with
    --no-wait, exits with code 1).
    """
    from ..commands import merge as command

    raise SystemExit(command.run(batch, examples, split, test_fraction, dry_run,
                                 not no_wait, as_json, quiet))
