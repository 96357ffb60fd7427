"""Asking a model: the OpenAI chat-completions protocol through the `openai` package, so
OpenAI, vLLM, llama.cpp's server, Ollama and TGI all answer the same way.

The `openai` client retries 429, 5xx and time-outs itself with exponential backoff (and
honours Retry-After); here the requests go out `concurrency` at a time and every answer
is appended to the run's cache file as it arrives, so a run stopped half-way resumes
asking only what is not cached. Answers are text: nothing in them is run here.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..formats import loads_bounded
from .benchmark import why_not

ANSWERS_FILE = "answers.jsonl"
RUN_FILE = "run.json"


class ClientError(ValueError):
    """Settings or files the client cannot work with; says which and why."""


class EndpointError(RuntimeError):
    """No answer at all, none cached and none of the requests asked answered: grading
    nothing but failures would only report zeros, so the run stops and says why. (With
    some answers, the run is graded and the failures listed: a request a model refuses
    for good must not block the report.)"""


@dataclass(frozen=True)
class Settings:
    endpoint: str
    model: str
    api_key_env: str | None = None
    temperature: float = 0.0
    seed: int | None = None
    max_tokens: int | None = None
    concurrency: int = 4
    timeout: float = 120.0
    retries: int = 4

    def recorded(self) -> dict:
        """What a report records of the run (never the key, only the variable's name)."""
        return asdict(self)


@dataclass(frozen=True)
class Prompt:
    id: str
    messages: tuple[dict, ...]

    @property
    def digest(self) -> str:
        """Which question was asked: a cached answer is reused only for the same one."""
        text = json.dumps(self.messages, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Asked:
    answers: dict[str, str] = field(default_factory=dict)  # prompt id -> answer text
    failed: dict[str, str] = field(default_factory=dict)  # prompt id -> what went wrong
    asked: int = 0  # requests sent in this run (the rest came from the cache)
    cached: int = 0


def api_key(settings: Settings) -> str:
    """The key from the named variable; local servers take any key."""
    if settings.api_key_env is None:
        return os.environ.get("OPENAI_API_KEY") or "not-needed"
    value = os.environ.get(settings.api_key_env)
    if not value:
        raise ClientError(f"--api-key-env {settings.api_key_env}: the variable is not set "
                          "or empty")
    return value


class AnswerCache:
    """`answers.jsonl` of an output folder: one answer a line, appended and flushed as it
    arrives; `run.json` beside it says which model and settings made them."""

    def __init__(self, folder: Path, settings: Settings | None, task: str) -> None:
        self.folder = Path(folder)
        self.path = self.folder / ANSWERS_FILE
        self.folder.mkdir(parents=True, exist_ok=True)
        run = {"task": task, "settings": settings.recorded() if settings else None}
        marker = self.folder / RUN_FILE
        if marker.exists():
            try:
                before = loads_bounded(marker.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                raise ClientError(f"{marker} cannot be read ({exc}); give another --out, or "
                                  "remove the folder to start again") from None
            if not _differs(before, run):
                self._check_writable()
                return
            raise ClientError(f"{self.folder} holds answers of another run ({_differs(before, run)}); "
                              "give another --out, or remove the folder to start again")
        marker.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")

    def _check_writable(self) -> None:
        with open(self.path, "a", encoding="utf-8"):
            pass

    def load(self) -> dict[tuple[str, str], str]:
        """(prompt id, digest) -> answer, for every whole line of the file."""
        if not self.path.exists():
            return {}
        found = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                row = loads_bounded(line)
                found[(str(row["id"]), str(row["prompt"]))] = str(row["answer"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a kill: that prompt is asked again
        return found

    def add(self, prompt: Prompt, answer: str, meta: dict) -> None:
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"id": prompt.id, "prompt": prompt.digest,
                                     "answer": answer, **meta}, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())


_SAME_RUN = ("endpoint", "model", "temperature", "seed", "max_tokens")


def _differs(before: dict, now: dict) -> str:
    """What makes two runs' answers not interchangeable; empty when nothing does."""
    if before.get("task") != now.get("task"):
        return f"task {before.get('task')}, not {now.get('task')}"
    one, two = before.get("settings") or {}, now.get("settings") or {}
    return ", ".join(f"{k} {one.get(k)!r}, not {two.get(k)!r}" for k in
                     _SAME_RUN if one.get(k) != two.get(k))


def ask_all(prompts: Sequence[Prompt], settings: Settings, cache: AnswerCache,
            progress: Callable[[int], None] = lambda n: None) -> Asked:
    """Every prompt answered, from the cache or from the endpoint (bounded concurrency);
    an answer is on disk before the next one is waited for."""
    import openai  # the `evaluate` extra; imported only when a model is asked

    done = Asked()
    known = cache.load()
    todo = []
    for prompt in prompts:
        answer = known.get((prompt.id, prompt.digest))
        if answer is None:
            todo.append(prompt)
        else:
            done.answers[prompt.id] = answer
            done.cached += 1
    progress(done.cached)
    if not todo:
        return done
    client = openai.OpenAI(base_url=settings.endpoint, api_key=api_key(settings),
                           timeout=settings.timeout, max_retries=settings.retries)
    extra = {k: v for k, v in (("seed", settings.seed), ("max_tokens", settings.max_tokens))
             if v is not None}

    def one(prompt: Prompt):
        return client.chat.completions.create(model=settings.model,
                                              messages=list(prompt.messages),
                                              temperature=settings.temperature, **extra)

    def keep(future, prompt: Prompt) -> None:
        """The answer on disk (or why there is none)."""
        try:
            reply = future.result()
        except openai.APITimeoutError:
            done.failed[prompt.id] = (f"no answer within {settings.timeout:g} s "
                                      f"({settings.retries + 1} tries)")
        except openai.APIStatusError as exc:
            done.failed[prompt.id] = _status(exc)
        except openai.APIConnectionError as exc:
            cause = exc.__cause__  # httpx's reason ("[Errno 111] Connection refused")
            done.failed[prompt.id] = (f"cannot connect to {settings.endpoint}"
                                      + (f" ({_short(str(cause))})" if cause else ""))
        except openai.APIError as exc:
            done.failed[prompt.id] = _short(str(exc))
        else:
            choice = reply.choices[0] if reply.choices else None
            text = choice.message.content if choice and choice.message else None
            if text is None:
                done.failed[prompt.id] = "the reply holds no message text"
            else:
                cache.add(prompt, text, {"model": reply.model,
                                         "finish_reason": choice.finish_reason})
                done.answers[prompt.id] = text

    pool = ThreadPoolExecutor(max_workers=settings.concurrency)
    running = {pool.submit(one, p): p for p in todo}
    done.asked = len(todo)
    stopped_by_user = False
    try:
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                keep(future, running.pop(future))
                progress(1)
    except KeyboardInterrupt:
        stopped_by_user = True
        raise
    finally:
        if stopped_by_user:
            # Ctrl-C: stop now. Closing the client ends the requests under way (asked
            # again next run); every answer that arrived is already on disk.
            pool.shutdown(wait=False, cancel_futures=True)
            client.close()
        else:
            # Stopped otherwise: requests not started are dropped, those under way are
            # awaited and their answers kept, so a resumed run asks none of them again.
            pool.shutdown(wait=True, cancel_futures=True)
            for future, prompt in running.items():
                if not future.cancelled():
                    keep(future, prompt)
            client.close()
    if done.asked and not done.answers:  # nothing to grade, asked now or before
        reasons = Counter(done.failed.values())
        raise EndpointError(
            f"no answer from {settings.endpoint} (model {settings.model}) to any of the "
            f"{done.asked} requests asked: " + "; ".join(
                f"{why} ({count} request{'s' if count > 1 else ''})"
                for why, count in reasons.most_common()) + _hint(settings, reasons))
    return done


def _hint(settings: Settings, reasons: Counter) -> str:
    """What the user can check, when every request failed the same way."""
    if all(why.startswith("HTTP 404") for why in reasons) and \
            not settings.endpoint.rstrip("/").endswith("/v1"):
        return " (the URL of an OpenAI-compatible server usually ends in /v1)"
    if all(why.startswith("HTTP 401") for why in reasons):
        if settings.api_key_env is not None:
            return f" (the key sent was the value of {settings.api_key_env})"
        if os.environ.get("OPENAI_API_KEY"):
            return " (the key sent was the value of OPENAI_API_KEY)"
        return (" (no --api-key-env and no OPENAI_API_KEY, so the key sent was a "
                "placeholder: name the environment variable that holds yours with "
                "--api-key-env)")
    return ""


def _status(exc) -> str:
    """An error reply as the server worded it: "HTTP 404: The model `x` does not exist."
    (the package's own message repeats the code)."""
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        said = body["message"]
    elif isinstance(body, str) and body.strip():
        said = body
    else:
        said = exc.response.reason_phrase or "no message"
    return f"HTTP {exc.status_code}: {_short(said)}"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def read_responses(path: Path) -> dict[str, str]:
    """Answers produced elsewhere: JSONL of {"id", "answer"} or of a provider's batch
    output ({"custom_id", "response": {"body": {"choices": [{"message": ...}]}}})."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ClientError(f"--responses {path}: cannot be read "
                          f"({getattr(exc, 'strerror', None) or exc})") from None
    found: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = loads_bounded(line)
            if "custom_id" in row:
                key = row["custom_id"]
                answer = row["response"]["body"]["choices"][0]["message"]["content"]
            else:
                key, answer = row["id"], row["answer"]
            if not isinstance(key, str) or not isinstance(answer, str):
                raise TypeError("id and answer must be strings")
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise ClientError(f"--responses {path}, line {number}: not an answer "
                              f"({why_not(exc)})") from None
        found[key] = answer
    return found


def write_batch_requests(prompts: Sequence[Prompt], path: Path, settings: Settings) -> int:
    """The prompts as a batch API's input (one request a line, `custom_id` = the prompt id),
    so the answers can be made there and graded with `--responses`."""
    extra = {k: v for k, v in (("seed", settings.seed), ("max_tokens", settings.max_tokens))
             if v is not None}
    lines = [json.dumps({"custom_id": p.id, "method": "POST", "url": "/v1/chat/completions",
                         "body": {"model": settings.model, "messages": list(p.messages),
                                  "temperature": settings.temperature, **extra}},
                        ensure_ascii=False) + "\n" for p in prompts]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("".join(lines), encoding="utf-8")
    return len(lines)
