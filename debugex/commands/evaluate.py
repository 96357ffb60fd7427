"""`debugex evaluate`: grade a model (an OpenAI-compatible endpoint, or answers given in
a file) on fixing a repair benchmark or on writing exercises; figures as a table or JSON,
results.json and report.md in the output folder."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from ..evaluation import (
    REPAIR_SYSTEM,
    REPAIR_SYSTEM_NO_LINES,
    BenchmarkError,
    ClientError,
    EndpointError,
    Evaluation,
    RequestsError,
    Settings,
    evaluate_generate,
    evaluate_repair,
    generate_prompts,
    load_requests,
    repair_prompts,
    write_batch_requests,
)
from ..formats import system_prompt
from .common import print_json, progress_bar, table
from .options import content_or_default


class _Stages:
    """One progress bar per stage (asking, grading), on stderr when it is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.stack = contextlib.ExitStack()
        self.stage: str | None = None
        self.update = None
        self.shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stack.close()
            self.stage, self.shown = stage, 0
            self.update = self.stack.enter_context(progress_bar(total, stage, self.enabled))
        if self.update is not None and done > self.shown:
            self.update(done - self.shown)
        self.shown = done


def _settings(endpoint: str | None, model: str | None, responses: Path | None,
              **options) -> Settings | None:
    if responses is not None:
        if endpoint or model:
            raise click.UsageError("give --endpoint/--model or --responses, not both")
        return None
    if not endpoint or not model:
        raise click.UsageError("give --endpoint URL and --model NAME (or --responses FILE "
                               "with answers produced elsewhere)")
    if not endpoint.startswith(("http://", "https://")):
        raise click.UsageError(f"--endpoint {endpoint}: not an http:// or https:// URL")
    return Settings(endpoint, model, **options)


def _system(path: Path | None, default: str) -> str:
    if path is None:
        return default
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"--system-prompt {path}: cannot be read "
                               f"({getattr(exc, 'strerror', None) or exc})") from None


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def main(task: str, benchmark: Path | None, examples: Path, requests: Path | None,
         responses: Path | None, endpoint: str | None, model: str | None,
         api_key_env: str | None, temperature: float, seed: int | None,
         max_tokens: int | None, concurrency: int, timeout: float, retries: int, out: Path,
         prompt_file: Path | None, ask_lines: bool, content: Path | None, as_json: bool,
         quiet: bool, write_requests: Path | None = None) -> int:
    """`debugex evaluate` with its options."""
    options = dict(api_key_env=api_key_env, temperature=temperature, seed=seed,
                   max_tokens=max_tokens, concurrency=concurrency, timeout=timeout,
                   retries=retries)
    if write_requests is not None:
        if not model or responses is not None:
            raise click.UsageError("--write-requests needs --model (the batch's model) and "
                                   "no --responses")
        settings = Settings(endpoint or "", model, **options)
    else:
        settings = _settings(endpoint, model, responses, **options)
    if task == "repair" and benchmark is None:
        raise click.UsageError("--task repair needs --benchmark (a repair.jsonl written by "
                               "`debugex export --format repair`, or its folder)")
    if task == "repair" and requests is not None:
        raise click.UsageError("--requests goes with --task generate")
    if task == "generate" and benchmark is not None:
        raise click.UsageError("--benchmark goes with --task repair")
    if write_requests is not None:
        return _write_requests(task, benchmark, examples, requests, prompt_file, ask_lines,
                               settings, write_requests, as_json)
    stages = _Stages(enabled=not (as_json or quiet))
    try:
        with stages.stack:
            if task == "repair":
                system = _system(prompt_file, REPAIR_SYSTEM if ask_lines
                                 else REPAIR_SYSTEM_NO_LINES)
                result = evaluate_repair(benchmark, out, settings, responses, system, stages)
            else:
                users = load_requests(examples, requests)
                result = evaluate_generate(
                    users, out, settings, _system(prompt_file, system_prompt()),
                    content_or_default(content), responses, stages,
                    source=str(requests) if requests else f"the testing split of {examples}")
    except (BenchmarkError, ClientError, RequestsError) as exc:
        raise click.UsageError(str(exc)) from None
    except EndpointError as exc:
        click.echo(f"debugex evaluate: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        if responses is not None:  # nothing was asked: the answers are only in that file
            click.echo("\ndebugex evaluate: stopped before the results were written; run "
                       "the same command again to grade them", err=True)
            return 130
        click.echo(f"\ndebugex evaluate: stopped; every answer received is kept in "
                   f"{out / 'answers.jsonl'}: run the same command again to go on", err=True)
        return 130
    except ModuleNotFoundError as exc:
        if exc.name != "openai":
            raise
        click.echo("debugex evaluate: asking a model needs the Python package openai, which "
                   "is not installed: pip install 'debugex[evaluate]' (or pip install openai)",
                   err=True)
        return 1
    except OSError as exc:
        click.echo(f"debugex evaluate: cannot write to {exc.filename or out}: "
                   f"{exc.strerror or exc}", err=True)
        return 1
    if task == "repair":
        _present(result, as_json, quiet)
    else:
        _present_generate(result, as_json, quiet)
    return 0


def _write_requests(task: str, benchmark: Path | None, examples: Path,
                    requests: Path | None, prompt_file: Path | None, ask_lines: bool,
                    settings: Settings, path: Path, as_json: bool) -> int:
    """Only the requests, as a batch API's input: grade its output with --responses."""
    try:
        if task == "repair":
            prompts = repair_prompts(benchmark, _system(
                prompt_file, REPAIR_SYSTEM if ask_lines else REPAIR_SYSTEM_NO_LINES))
        else:
            prompts = generate_prompts(load_requests(examples, requests),
                                       _system(prompt_file, system_prompt()))
        count = write_batch_requests(prompts, path, settings)
    except (BenchmarkError, RequestsError) as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        click.echo(f"debugex evaluate: cannot write {path}: {exc.strerror or exc}", err=True)
        return 1
    if as_json:
        print_json({"requests": count, "file": str(path)})
    else:
        click.echo(f"wrote {count} requests for model {settings.model} to {path} (a batch "
                   "API's input; grade its output with --responses)")
    return 0


def _present(result: Evaluation, as_json: bool, quiet: bool) -> None:
    summary = result.summary
    if as_json:
        print_json({"summary": summary, "items": result.rows, "asked": result.asked,
                    "cached": result.cached, "failed": result.failed,
                    "files": [str(f) for f in result.files],
                    "plot_skipped": result.plot_skipped})
        return
    if not quiet:
        click.echo(table(("class", "errors", "fixed", "bug recall"),
                         [(c, v["errors"], v["fixed"], _pct(v["bug_recall"]))
                          for c, v in summary["by_class"].items()]))
        click.echo()
        click.echo(table(("difficulty", "items", "pass", "bug recall", "edit precision"),
                         [(k, v["items"], _pct(v["pass"]), _pct(v["bug_recall"]),
                           _pct(v["edit_precision"]))
                          for k, v in summary["by_difficulty"].items()]))
        for item, why in result.failed.items():
            click.echo(f"{item}: no answer: {why}", err=True)
    click.echo(f"items: {summary['items']} (asked now {result.asked}, from the cache "
               f"{result.cached}; no answer {summary['unanswered']}, malformed "
               f"{summary['malformed']}); pass {_pct(summary['pass'])}, bug recall "
               f"{_pct(summary['bug_recall'])}, edit precision "
               f"{_pct(summary['edit_precision'])}, localisation "
               f"{_pct(summary['localisation'])}")
    if not quiet:
        for path in result.files:
            click.echo(f"  wrote {path}")
        if result.plot_skipped:
            click.echo(f"  no plot: {result.plot_skipped}")


def _present_generate(result: Evaluation, as_json: bool, quiet: bool) -> None:
    summary = result.summary
    false = summary["false_sentences"]
    if as_json:
        print_json({"summary": summary, "records": result.rows, "asked": result.asked,
                    "cached": result.cached, "failed": result.failed,
                    "files": [str(f) for f in result.files]})
        return
    if not quiet:
        click.echo(table(("class", "claims", "hold", "accuracy"),
                         [(c, v["claims"], v["hold"], _pct(v["accuracy"]))
                          for c, v in summary["claim_accuracy"].items()]))
        for item, why in result.failed.items():
            click.echo(f"{item}: no answer: {why}", err=True)
    click.echo(f"requests: {summary['records']} (asked now {result.asked}, from the cache "
               f"{result.cached}; no answer {summary['answers_missing']}, malformed "
               f"{summary['answers_malformed']}); claims {summary['claims']}, hold "
               f"{summary['claims_hold']}; line accuracy {_pct(summary['line_accuracy'])}; "
               f"requests met {_pct(summary['request_satisfaction'])}; false sentences "
               f"{sum(false.values())} ("
               + ", ".join(f"{kind} {count}" for kind, count in false.items())
               + f") in {summary['records_with_false_sentences']} answer"
               + ("" if summary["records_with_false_sentences"] == 1 else "s"))
    if not quiet:
        for path in result.files:
            click.echo(f"  wrote {path}")
