"""The `debugex` command line. This module only parses options and calls the commands."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .commands import (
    StrictLevels,
    cluster_option,
    content_option,
    locations_option,
    parse_max_per_class,
    parse_shard,
    play_options,
    style_option,
    teacher_export_options,
    workers_option,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="debugex")
def main() -> None:
    """Make verified debugging exercises from correct beginner Python programs.

    \b
    The usual loop:
      debugex check       every correct program compiles, runs and is deterministic
      debugex inject      one exercise now: exactly the requested errors, proven
      debugex generate    many drafts into generated/<batch>/, on every core
      debugex review      accept, reject or edit drafts (terminal, or --html)
      debugex merge       accepted drafts become numbered examples
      debugex audit       grade examples or model answers claim by claim
      debugex export      JSONL for fine-tuning (or CodeRunner, Jupyter for a class)
      debugex play        the student's side: fix one exercise, checked on each save
    Also: debugex injectors (the catalogue; --survey proves it),
          debugex scenarios suggest (scenarios for a program without them),
          debugex scenarios import (autograder test files as function scenarios).
    Every command takes --help.
    """


@main.command()
@click.argument("slugs", nargs=-1)
@content_option
@workers_option
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object (each exercise's status, problems and coverage) "
              "instead of the table.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no table: only failures and the summary line.")
def check(slugs: tuple[str, ...], content: Path | None, workers: int | None,
          as_json: bool, quiet: bool) -> None:
    """Check exercises: each correct program compiles, finishes on every scenario,
    matches any expected stdout, is deterministic; report line coverage.

    SLUGS limits the check to those exercises. Exit code 1 when any exercise fails,
    2 for unusable arguments.
    """
    from .commands import check as command

    raise SystemExit(command.from_options(content, slugs, as_json, workers, quiet))


@main.command()
@click.option("--survey", "do_survey", is_flag=True,
              help="Verify every site of every injector over the content library.")
@content_option
@workers_option
@click.option("--json", "as_json", is_flag=True,
              help="Print the catalogue (with --survey: the survey) as JSON.")
@click.option("--quiet", "-q", is_flag=True,
              help="With --survey: no progress bar and no table, only the summary and any "
              "injector below the threshold.")
def injectors(do_survey: bool, content: Path | None, workers: int | None,
              as_json: bool, quiet: bool) -> None:
    """List the injectors (id, class, description, before/after example).

    With --survey, run every injector over every exercise and report, per injector,
    the sites offered, the sites that verify as its class and the rejections by reason;
    exit code 1 when an injector verifies below 80% or offers no site.
    """
    from .commands import injectors as command

    raise SystemExit(command.from_options(do_survey, content, as_json, workers, quiet))


@main.command()
@click.argument("program", required=False, type=click.Path(path_type=Path, dir_okay=False,
                exists=True))
@click.option("--exercise", "slug", help="Use this exercise from the content folder instead "
              "of PROGRAM.")
@content_option
@click.option("--description", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Text file saying what the program must do (with PROGRAM). Without it the "
              "exercise says only \"The program NAME.\", and a note says so.")
@click.option("--scenarios", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="scenarios.toml with stdin scenarios (with PROGRAM).")
@click.option("--syntax", type=click.IntRange(min=0), default=0, show_default=True,
              help="Number of syntax errors.")
@click.option("--runtime", type=click.IntRange(min=0), default=0, show_default=True,
              help="Number of runtime errors.")
@click.option("--logical", type=click.IntRange(min=0), default=0, show_default=True,
              help="Number of logical errors.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Same seed, same output, byte for byte.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object: both messages and the evidence for every error "
              "(default: the user and assistant messages as XML).")
@click.option("--format", "output", type=click.Choice(["xml", "json"]), default="xml",
              hidden=True, help="Older spelling: --format json is --json.")
@click.option("--allow-partial", is_flag=True,
              help="Inject what the program allows when it cannot carry the full request.")
@style_option
@locations_option
@workers_option
def inject(program: Path | None, slug: str | None, content: Path | None,
           description: Path | None, scenarios: Path | None, syntax: int, runtime: int,
           logical: int, seed: int, as_json: bool, output: str, allow_partial: bool,
           style: str, locations: str, workers: int | None) -> None:
    """Inject exactly the requested errors into one program, prove each one, and print
    the exercise (bugged program, error lines, explanations).

    Give a PROGRAM file (with --description and --scenarios), or --exercise SLUG from the
    content folder. Exit code 1 when the request cannot be met (the message says which
    class falls short and what the program offers), 2 for unusable arguments.
    """
    from .commands import inject as command

    raise SystemExit(command.from_options(program, slug, content, description, scenarios,
                                          syntax, runtime, logical, seed, as_json, output,
                                          allow_partial, style, workers, locations))


@main.command(cls=StrictLevels)
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
@click.option("--requests", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="JSONL of requests (chat records or {\"user\": ...}) for a model's answers.")
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="JSONL of the model's answers, line by line with --requests.")
@content_option
@workers_option
@click.option("--scenarios", "scenarios", type=click.Path(path_type=Path, dir_okay=False,
              exists=True), help="scenarios.toml for programs that match no content exercise "
              "(a one-off program); without it their scenarios are synthesised.")
@click.option("--json", "as_json", is_flag=True, help="Print everything as one JSON object.")
@click.option("--strict", is_flag=True,
              help="Exit code 1 when any record has a defect; --strict=all also counts "
              "unverified claims (no input found that shows them) and notes (format "
              "quirks read one way only, readings the audit chose).")
@click.option("--strict-all", "strict_all", is_flag=True, hidden=True)
@click.option("--quiet", "-q", is_flag=True,
              help="Print only the summary line (no defect lines, no table).")
def audit(path: Path | None, requests: Path | None, responses: Path | None,
          content: Path | None, workers: int | None, scenarios: Path | None, as_json: bool,
          strict: bool, strict_all: bool, quiet: bool) -> None:
    """Grade (request, response) pairs claim by claim: an examples folder (training/ and
    testing/ with user_content/ and assistant_content/), a generated batch folder, a
    JSONL file of chat records, or --requests/--responses for a model's answers.

    Each change between the correct and the incorrect program is recovered (lines,
    then tokens: independent edits on one line are separate changes) and run alone;
    each claimed line and explanation is matched to a change; every defect is
    reported. Programs that match a content exercise (by tokens) run on its scenarios.
    A change with no visible difference is searched again with inputs aimed at it:
    not_an_error only when proven (the same syntax tree), else unverified. A record
    with no answer counts as unmet in every figure; an input with no records exits 2.
    """
    from .commands import audit as command

    raise SystemExit(command.from_options(path, requests, responses, content, workers,
                                          scenarios, as_json, strict, strict_all, quiet))


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
def generate(content: Path | None, slugs: tuple[str, ...], per_exercise: int | None,
             grid: int | None, max_per_class: int | dict | None, max_density: float,
             allow_same_line: bool, partial_share: float, distribution: Path | None,
             seed: int, workers: int | None, cluster: str | None, out: Path | None,
             shard: tuple[int, int], as_json: bool, style: str, locations: str,
             quiet: bool) -> None:
    """Write a new batch of verified drafts to generated/<batch-id>/ (batch.json,
    drafts.jsonl, decisions.jsonl), using every core (or a Dask cluster: --cluster).

    The same arguments and seed give the same drafts. Ctrl-C or SIGTERM stops early and
    leaves a valid batch with every draft finished so far (exit code 130 or 143). An
    exercise that fails is reported and skipped; the rest goes on.
    """
    from .commands import generate as command

    raise SystemExit(command.from_options(content, slugs, per_exercise, grid, max_per_class,
                                          max_density, allow_same_line, partial_share,
                                          distribution, seed, workers, out, shard, as_json,
                                          style, quiet, locations, cluster))


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
@content_option
def review(batch: Path, accept: tuple[str, ...], reject: tuple[str, ...], note: str,
           as_html: bool, style: str | None, as_list: bool, as_json: bool, serve: bool,
           port: int | None, host: str, no_browser: bool, content: Path | None) -> None:
    """Review a batch's drafts one at a time: the description, a coloured diff with the
    error lines marked, the explanations and their proof.

    \b
    Keys: a accept, r reject (asks for a note), s skip, e edit ($EDITOR on the
    assistant XML; the edited text must audit clean), q quit.
    Every decision is appended to decisions.jsonl at once. The interactive review
    needs a terminal (exit code 2 without one); scripts use --accept/--reject,
    --list and --json.

    \b
    --serve opens the same review in the browser (list with filters, side-by-side
    diff, accept / reject with a note / edit / undo; keys a, r, e, u, j/k). The page
    and a terminal review can run at once: decisions share the batch's lock.
    """
    from .commands import review as command

    raise SystemExit(command.run(batch, accept, reject, note, as_html, content, as_list,
                                 as_json, style, serve=serve, port=port, host=host,
                                 open_browser=not no_browser))


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
    from .commands import merge as command

    raise SystemExit(command.run(batch, examples, split, test_fraction, dry_run,
                                 not no_wait, as_json, quiet))


@main.command()
@click.option("--examples", type=click.Path(path_type=Path, file_okay=False),
              default=Path("fine-tuning-examples"), show_default=True,
              help="Examples folder to export (training/ and testing/).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("export"), show_default=True,
              help="Folder for the JSONL files, metadata.jsonl, statistics.json and README.md "
              "(created if needed; files in it are replaced).")
@teacher_export_options
@click.option("--system-prompt", "prompt_file", type=click.Path(path_type=Path,
              dir_okay=False, exists=True), help="Use this system prompt instead of ours.")
@click.option("--allow-defects", is_flag=True,
              help="Export even when some examples do not audit clean; they are marked in "
              "metadata.jsonl, listed in statistics.json and counted in the card. Examples "
              "that cannot be parsed are left out and named.")
@click.option("--token-budget", type=click.IntRange(min=1), default=16_385, show_default=True,
              help="Warn about examples longer than this (approximate tokens).")
@content_option
@click.option("--json", "as_json", is_flag=True, help="Print files, statistics, warnings.")
@click.option("--quiet", "-q", is_flag=True,
              help="Print only the one-line summary (warnings and errors still go to stderr).")
def export(**options) -> None:
    """Write the examples as chat JSONL for fine-tuning (training, testing, full), with
    statistics and a dataset card (README.md with a YAML header).

    --format coderunner|jupyter: Moodle CodeRunner questions or a notebook per exercise
    for a class, from the accepted drafts of --batch, --exercise, or the examples.

    Refuses (exit code 1) when the examples do not audit clean, unless --allow-defects.
    """
    from .commands import export as command

    raise SystemExit(command.main(**options))


@main.command()
@click.argument("target", required=False)
@play_options
def play(target: str | None, **options) -> None:
    """The student's side: fix the errors of one exercise.

    TARGET is a content exercise (a draft is made now) or a draft id of a batch. Its
    bugged program goes to a file; on each save the scenarios run and you see how many
    errors are fixed and which scenarios fail (input, expected and actual output,
    exception), never the answer. Ctrl-C stops; `--check FILE [--hint]` checks once.
    Exit codes: 0 done (or stopped), 1 errors left (--check), 2 bad input.
    """
    from .commands import play as command

    raise SystemExit(command.main(target, **options))


@main.group()
def scenarios() -> None:
    """Scenarios: derive them for programs that have none, or import autograder tests."""


@scenarios.command("suggest")
@click.argument("target")
@content_option
@click.option("--write", is_flag=True,
              help="Write scenarios.toml beside the program (never over an existing one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with the coverage reached.")
def scenarios_suggest(target: str, content: Path | None, write: bool, as_json: bool) -> None:
    """Synthesise 2-5 scenarios for TARGET (an exercise slug or a program file): infer
    what each input() expects, harvest values from the program, search for inputs under
    which it finishes cleanly, keep a small set with the best line coverage.

    A program that reads no input and defines public functions gets function scenarios
    instead: calls with arguments inferred from how each parameter is used, chosen to
    reach every line and tell the injectable logical mistakes apart, with the values
    the program returns.

    Exit code 1 when no scenario under which the program finishes could be found.
    """
    from .commands import scenarios as command

    raise SystemExit(command.suggest(target, content, write, as_json))


@scenarios.command("import")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              help="Where --write puts the scenarios (default: scenarios.toml beside "
                   "correct.py in FOLDER or the folder above it, else in FOLDER).")
@click.option("--write", is_flag=True,
              help="Write the scenarios file (never over an existing one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def scenarios_import(folder: Path, target: Path | None, write: bool, as_json: bool) -> None:
    """Turn an autograder's test files into function scenarios: each pair of
    input_N.txt (one call expression) and output_N.txt (the expected repr() of its
    value) in FOLDER becomes a scenario with that call and expected value.

    Exit code 2 for a file without its partner, an empty file or a call that is not a
    Python expression.
    """
    from .commands import scenarios as command

    raise SystemExit(command.import_tests(folder, target, write, as_json))


@main.command()
@click.argument("action", type=click.Choice(["info", "prune"]))
@click.option("--older-than", metavar="AGE", help="prune: proofs unused for AGE (30d, 12h).")
@click.option("--max-size", metavar="SIZE", help="prune: then the least recently used until "
              "the rest fits in SIZE (500M, 2G). Neither option: down to the bound.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def cache(action: str, older_than: str | None, max_size: str | None, as_json: bool) -> None:
    """The proof cache ($DEBUGEX_CACHE): `info` (size, entries, bound, the last generate's
    hit rate) or `prune`. generate keeps it under $DEBUGEX_CACHE_MAX (default 512M; none:
    no bound), dropping the least recently used proofs first."""
    from .commands import cache as command

    raise SystemExit(command.run(action, older_than, max_size, as_json))

if __name__ == "__main__":
    main()

