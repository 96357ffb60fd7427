"""Options of the commands over a dataset: audit and export."""

from __future__ import annotations

from pathlib import Path

import click

from ..commands import (
    StrictLevels,
    content_option,
    teacher_export_options,
    workers_option,
)
from .group import main


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
    from ..commands import audit as command

    raise SystemExit(command.from_options(path, requests, responses, content, workers,
                                          scenarios, as_json, strict, strict_all, quiet))


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

    --format coderunner|jupyter|prairielearn: Moodle CodeRunner questions, a notebook per
    exercise, or PrairieLearn question folders for a class, from the accepted drafts of
    --batch, --exercise, or the examples.

    Refuses (exit code 1) when the examples do not audit clean, unless --allow-defects.
    """
    from ..commands import export as command

    raise SystemExit(command.main(**options))


@main.command()
@click.option("--task", type=click.Choice(["repair", "generate"]), required=True,
              help="repair: fix each program of a repair benchmark; generate: write the "
              "exercises that requests ask for.")
@click.option("--benchmark", type=click.Path(path_type=Path, exists=True),
              help="repair: the benchmark (repair.jsonl from `debugex export --format "
              "repair`, or its folder).")
@click.option("--examples", type=click.Path(path_type=Path, file_okay=False),
              default=Path("fine-tuning-examples"), show_default=True,
              help="generate: the examples folder whose testing split gives the requests.")
@click.option("--requests", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="generate: JSONL of requests instead (chat records or {\"user\": ...} "
              "lines).")
@click.option("--endpoint", metavar="URL",
              help="Base URL of an OpenAI-compatible API (https://api.openai.com/v1, "
              "http://127.0.0.1:8000/v1 for vLLM, http://127.0.0.1:8080/v1 for llama.cpp).")
@click.option("--model", metavar="NAME", help="The model name the endpoint serves.")
@click.option("--api-key-env", metavar="VAR",
              help="Environment variable that holds the API key (default: OPENAI_API_KEY "
              "when set; local servers take any key).")
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Grade answers produced elsewhere instead of asking: JSONL of "
              "{\"id\", \"answer\"}, or a batch API's output (custom_id = item id).")
@click.option("--write-requests", type=click.Path(path_type=Path, dir_okay=False),
              help="Only write the requests as a batch API's input (JSONL, custom_id = "
              "item or request id; needs --model) and exit: grade the batch's output with "
              "--responses.")
@click.option("--temperature", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Sampling temperature sent to the endpoint (recorded).")
@click.option("--seed", type=int, help="Sampling seed sent to the endpoint (recorded).")
@click.option("--max-tokens", type=click.IntRange(min=1), help="Longest answer asked for.")
@click.option("--concurrency", type=click.IntRange(min=1), default=4, show_default=True,
              help="Requests in flight at once.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0,
              show_default=True, help="Seconds to wait for one answer before trying again.")
@click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True,
              help="Tries after the first on a time-out, 429 or 5xx (exponential backoff, "
              "Retry-After honoured).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("evaluation"), show_default=True,
              help="Folder for run.json, answers.jsonl (the cache a resumed run reads), "
              "results.json, report.md and (repair) by_difficulty.png, its plot.")
@click.option("--system-prompt", "prompt_file", type=click.Path(path_type=Path,
              dir_okay=False, exists=True), help="Use this system prompt instead of ours.")
@click.option("--ask-lines/--no-ask-lines", default=True, show_default=True,
              help="repair: ask the model to list the error lines before the fixed program "
              "(graded as localisation).")
@content_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures and every item "
              "as one JSON object.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def evaluate(**options) -> None:
    """Grade a model on a task through an OpenAI-compatible chat-completions endpoint
    (OpenAI, vLLM, llama.cpp's server, Ollama, TGI), or grade answers given in a file.

    repair: each program of the benchmark is sent with its description and test inputs;
    the fixed program is graded in the sandbox: pass (every scenario), bug recall (share
    of the injected errors fixed), edit precision (share of the changed lines that held
    an error) and localisation (error lines named), by class and by difficulty.

    generate: each request (the testing split of --examples, or --requests) is sent under
    the export's system prompt and the answer is audited: claims that hold per class, line
    accuracy, requests met, malformed answers, and false sentences by the kinds
    bench/truth.py counts (hides, location, quote, premise).

    Every answer is written to OUT/answers.jsonl as it arrives: run the same command
    again after a stop and only the missing answers are asked for. Exit code 1 when not
    one request has an answer (the endpoint unreachable, an unknown model, a refused key:
    said why) or OUT cannot be written; 2 on bad options or input files.
    """
    from ..commands import evaluate as command

    raise SystemExit(command.main(**options))
