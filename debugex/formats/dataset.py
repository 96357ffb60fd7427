"""Examples on disk: the examples-folder layout, JSONL chat records, request/response files.

Layout (as in the original hand-made dataset, so that it can be audited and extended):
`<root>/{training,testing}/user_content/example_N_user.xml`,
`<root>/{training,testing}/assistant_content/example_N_assistant.xml` and
`<root>/{training,testing}/meta/example_N.json`. A folder that itself holds
`user_content/` and `assistant_content/` is read as one split.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .journal import LOCK, JournalError, locked
from .text import loads_bounded, scrub_data

SPLITS = ("training", "testing")
_USER_FILE = re.compile(r"example_(\d+)_user\.xml")


class DatasetError(ValueError):
    """A dataset file or folder that cannot be read; names the file and the problem."""


@dataclass
class Record:
    """One (request, response) pair, as text, with where it came from."""

    id: str
    user: str | None
    assistant: str | None
    split: str | None = None
    number: int | None = None
    meta: dict = field(default_factory=dict)
    problem: str | None = None  # why the record could not be read whole


def _read(path: Path) -> str:
    """The file's text (bytes that are not UTF-8 read as U+FFFD); DatasetError when it
    cannot be read (a folder, no permission)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return data.decode("utf-8", errors="replace")


def split_folders(root: Path) -> list[tuple[str, Path]]:
    """(split name, folder) pairs under an examples root."""
    root = Path(root)
    if (root / "user_content").is_dir():
        return [(root.name, root)]
    found = [(name, root / name) for name in SPLITS if (root / name).is_dir()]
    if not found:
        raise DatasetError(f"{root}: no training/ or testing/ folder with user_content/ "
                           "and assistant_content/")
    return found


def example_numbers(folder: Path) -> list[int]:
    users = folder / "user_content"
    if not users.is_dir():
        return []
    return sorted(int(m.group(1)) for p in users.iterdir()
                  if (m := _USER_FILE.fullmatch(p.name)))


def load_examples(root: Path) -> list[Record]:
    """Every example under root, read under the folder's shared lock: never mid-merge,
    and a merge cut short by a crash is finished first."""
    root = Path(root)
    lock_root = root.parent if root.name in SPLITS and (root / "user_content").is_dir() \
        else root
    try:
        with locked(lock_root, exclusive=False) as held:
            records = _load_examples(root)
        if not held and (lock_root / LOCK).exists():
            # The first merge ever into this folder started while we read: read again,
            # under its lock (a reader never creates the lock file: the folder stays as is).
            with locked(lock_root, exclusive=False):
                records = _load_examples(root)
    except JournalError as exc:
        raise DatasetError(str(exc)) from None
    except OSError as exc:  # e.g. a cut-short merge in a folder we may not write
        raise DatasetError(f"{lock_root}: {exc.strerror or exc} while finishing a merge that "
                           "was cut short") from None
    return records


def _load_examples(root: Path) -> list[Record]:
    records = []
    for split, folder in split_folders(root):
        numbers = set(example_numbers(folder))
        assistants = folder / "assistant_content"
        if assistants.is_dir():
            numbers |= {int(m.group(1)) for p in assistants.iterdir()
                        if (m := re.fullmatch(r"example_(\d+)_assistant\.xml", p.name))}
        for number in sorted(numbers):
            user_path = folder / "user_content" / f"example_{number}_user.xml"
            assistant_path = assistants / f"example_{number}_assistant.xml"
            meta_path = folder / "meta" / f"example_{number}.json"
            problem = None
            try:
                user = _read(user_path) if user_path.exists() else None
                assistant = _read(assistant_path) if assistant_path.exists() else None
            except DatasetError as exc:  # one unreadable example, the rest still read
                records.append(Record(f"{split}/example_{number}", None, None, split, number,
                                      {}, str(exc)))
                continue
            if user is None:
                problem = f"{user_path} is missing"
            elif assistant is None:
                problem = f"{assistant_path} is missing"
            meta = {}
            if meta_path.exists():
                try:
                    meta = loads_bounded(_read(meta_path))
                except (ValueError, DatasetError) as exc:
                    problem = f"{meta_path}: invalid JSON ({exc})"
                    meta = {}
                if not isinstance(meta, dict):
                    problem, meta = f"{meta_path}: not a JSON object", {}
            records.append(Record(f"{split}/example_{number}", user, assistant, split, number,
                                  meta, problem))
    return records


def _turn(messages: list, role: str) -> str | None:
    for message in messages:
        if isinstance(message, dict) and message.get("role") == role:
            content = message.get("content")
            return content if isinstance(content, str) else None
    return None


def _jsonl(path: Path) -> list[tuple[int, object | None, str | None, str | None]]:
    """(line number, data, why it is not data, why its text was changed) per line."""
    rows = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data, bad = scrub_data(loads_bounded(line))
        except json.JSONDecodeError as exc:
            rows.append((number, None, f"invalid JSON ({exc.msg})", None))
            continue
        except ValueError as exc:  # nested too deeply
            rows.append((number, None, str(exc), None))
            continue
        rows.append((number, data, None, bad and
                     f"line {number} holds a lone surrogate ({bad}, an escape that is not "
                     "a character): read as U+FFFD"))
    return rows


def load_jsonl(path: Path) -> list[Record]:
    """Chat records: {"messages": [{"role": "user", ...}, {"role": "assistant", ...}]},
    or the drafts of a generated batch ({"user_xml": ..., "assistant_xml": ...})."""
    records = []
    for number, data, problem, changed in _jsonl(path):
        record_id = f"{Path(path).name}:{number}"
        if isinstance(data, dict) and _text(data.get("user_xml")) is not None \
                and _text(data.get("assistant_xml")) is not None:
            draft_id = data.get("id")
            records.append(Record(draft_id if isinstance(draft_id, str) else record_id,
                                  data["user_xml"], data["assistant_xml"],
                                  meta={"exercise": data.get("exercise")}, problem=changed))
            continue  # a draft of a generated batch
        if problem or not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            records.append(Record(record_id, None, None, problem=problem or
                                  "no 'messages' list"))
            continue
        messages = data["messages"]
        meta = data.get("metadata")
        records.append(Record(record_id, _turn(messages, "user"), _turn(messages, "assistant"),
                              meta=meta if isinstance(meta, dict) else {}, problem=changed))
    return records


_RESPONSE_KEYS = ("response", "assistant", "completion", "output", "content", "text")
_REQUEST_KEYS = ("request", "user", "prompt", "input")


def _field(data, keys: tuple[str, ...], role: str) -> str | None:
    if isinstance(data, str):
        return data
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("messages"), list):
        return _turn(data["messages"], role)
    for key in keys:
        if isinstance(data.get(key), str):
            return data[key]
    return None


def load_requests_responses(requests: Path, responses: Path) -> list[Record]:
    """A model's answers: line i of responses answers line i of requests (JSONL both)."""
    asked = _jsonl(requests)
    answered = _jsonl(responses)
    records = []
    for index in range(max(len(asked), len(answered))):
        record_id = f"response {index + 1}"
        request = asked[index] if index < len(asked) else None
        response = answered[index] if index < len(answered) else None
        user = _field(request[1], _REQUEST_KEYS, "user") if request else None
        assistant = _field(response[1], _RESPONSE_KEYS, "assistant") if response else None
        problem = None
        if request is None:
            problem = "no request for this response"
        elif response is None:
            problem = "no response for this request"
        elif user is None:
            problem = request[2] or "request has no user message"
        elif assistant is None:
            problem = response[2] or "response has no assistant message"
        changed = [r[3] for r in (request, response) if r and r[3]]
        if problem is None and changed:
            problem = "; ".join(changed)
        records.append(Record(record_id, user, assistant, problem=problem))
    return records


def _text(value) -> str | None:
    return value if isinstance(value, str) else None
