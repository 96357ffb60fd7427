"""A draft batch on disk: its drafts, and the append-only log of review decisions.

Every reader and writer of the log holds the batch's own lock (`.decisions.lock`, taken
with `formats.locked` like the examples folder's): a decision is appended whole under the
exclusive lock, and read under the shared one, so the terminal review, the review page
and merge can run at once without a decision lost or half read. A decision may name the
draft's version it was made on (how many decisions the draft had then): when another
review decided the draft since, it is refused (`StaleDecision`) instead of written.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..formats import cannot_write, loads_bounded, locked, scrub_data

ACCEPTED, REJECTED = "accepted", "rejected"
UNDECIDED = "undecided"  # an undo: the draft goes back to no decision
DECISIONS_LOCK = ".decisions.lock"


class BatchError(ValueError):
    """A batch folder that cannot be used; says what is wrong."""


class StaleDecision(BatchError):
    """The draft was decided by another review since the caller last read it."""

    def __init__(self, draft_id: str, expected: int, latest: dict | None) -> None:
        self.draft_id, self.latest = draft_id, latest
        now = (f"{latest['decision']} at {latest.get('time', '?')}"
               + (f", with the note {latest['note']!r}" if latest.get("note") else "")
               if latest else "undecided")
        super().__init__(f"draft {draft_id} was decided elsewhere since this view of it "
                         f"(it is now {now}); nothing was written: look at it again first")


@dataclass
class Batch:
    path: Path
    meta: dict
    drafts: list[dict]

    @property
    def id(self) -> str:
        return self.path.name

    def draft(self, draft_id: str) -> dict:
        for draft in self.drafts:
            if draft["id"] == draft_id:
                return draft
        raise BatchError(f"batch {self.id} has no draft {draft_id!r}")

    @property
    def decisions_path(self) -> Path:
        return self.path / "decisions.jsonl"

    def _records(self) -> list[dict]:
        """Every decision in the log, oldest first. Call with the lock held."""
        if not self.decisions_path.exists():
            return []
        records = []
        for line in self.decisions_path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash: the decisions before it stand
            if isinstance(record, dict) and "draft" in record:
                records.append(record)
        return records

    def history(self) -> tuple[dict[str, dict], dict[str, int]]:
        """(latest decision per draft id, version per draft id): an undone draft has no
        decision; its version is how many decisions it has had, undos included."""
        with locked(self.path, exclusive=False, finish_pending=False, name=DECISIONS_LOCK):
            records = self._records()
        latest: dict[str, dict] = {}
        versions: dict[str, int] = {}
        for record in records:
            versions[record["draft"]] = versions.get(record["draft"], 0) + 1
            if record.get("decision") == UNDECIDED:
                latest.pop(record["draft"], None)
            else:
                latest[record["draft"]] = record
        return latest, versions

    def decisions(self) -> dict[str, dict]:
        """The latest decision per draft id (the log is append-only; later lines win)."""
        return self.history()[0]

    def decide(self, draft_id: str, decision: str, note: str = "",
               assistant_xml: str | None = None, expect: int | None = None,
               reviewer: str | None = None, tags: list[str] | None = None) -> dict:
        """Append one decision and make it durable before returning.

        With `expect` (the draft's version the decision was made on) a draft decided
        elsewhere since raises StaleDecision and nothing is written. `reviewer` (who
        decided) and `tags` (reasons, as short words) are written when given."""
        self.draft(draft_id)  # must exist
        record = _record(draft_id, decision, note, reviewer, tags)
        if assistant_xml is not None:
            record["assistant_xml"] = assistant_xml  # accepted after an edit
        written, refused = self._append([(record, expect)])
        if refused:
            raise refused[0]
        return written[0]

    def decide_many(self, drafts: list[tuple[str, int]], decision: str, note: str = "",
                    reviewer: str | None = None,
                    tags: list[str] | None = None) -> tuple[list[dict], list[StaleDecision]]:
        """One decision on each (draft id, version it was made on), under one hold of the
        lock and one flush to disk: (records written, StaleDecision of each draft decided
        elsewhere since, which is not written)."""
        for draft_id, _ in drafts:
            self.draft(draft_id)
        return self._append([(_record(draft_id, decision, note, reviewer, tags), expect)
                             for draft_id, expect in drafts])

    def _append(self, records: list[tuple[dict, int | None]]
                ) -> tuple[list[dict], list[StaleDecision]]:
        written: list[dict] = []
        refused: list[StaleDecision] = []
        try:
            with locked(self.path, name=DECISIONS_LOCK):
                history: dict[str, list[dict]] = {}
                if any(expect is not None for _, expect in records):
                    for old in self._records():
                        history.setdefault(old["draft"], []).append(old)
                for record, expect in records:
                    mine = history.setdefault(record["draft"], [])
                    if expect is not None and len(mine) != expect:
                        latest = mine[-1] if mine and mine[-1]["decision"] != UNDECIDED \
                            else None
                        refused.append(StaleDecision(record["draft"], expect, latest))
                        continue
                    mine.append(record)
                    written.append(record)
                if written:
                    with open(self.decisions_path, "a", encoding="utf-8") as handle:
                        handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                             for r in written))
                        handle.flush()
                        os.fsync(handle.fileno())
        except OSError as exc:
            raise cannot_write(self.decisions_path, exc) from None
        return written, refused

    def listing(self) -> list[dict]:
        """Every draft with its exercise, request and the decision so far, in batch order."""
        decisions = self.decisions()
        return [{"id": draft["id"], "exercise": draft["exercise"], "request": draft["request"],
                 "decision": decisions.get(draft["id"], {}).get("decision", "undecided")}
                for draft in self.drafts]

    def accepted(self) -> list[tuple[dict, str]]:
        """(draft, assistant XML to use) for every draft whose latest decision is accept."""
        decisions = self.decisions()
        chosen = []
        for draft in self.drafts:
            decision = decisions.get(draft["id"])
            if decision and decision["decision"] == ACCEPTED:
                chosen.append((draft, decision.get("assistant_xml") or draft["assistant_xml"]))
        return chosen


def _record(draft_id: str, decision: str, note: str, reviewer: str | None,
            tags: list[str] | None) -> dict:
    record = {"draft": draft_id, "decision": decision, "note": note,
              "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if tags:
        record["tags"] = list(tags)
    if reviewer:
        record["reviewer"] = reviewer
    return record


def load_batch(path: Path) -> Batch:
    path = Path(path)
    if not (path / "drafts.jsonl").exists():
        raise BatchError(f"{path} is not a batch folder (no drafts.jsonl)")
    try:  # not UTF-8 and nested too deeply are ValueErrors too
        meta = loads_bounded((path / "batch.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BatchError(f"{path / 'batch.json'}: cannot be read ({exc})") from None
    try:
        text = (path / "drafts.jsonl").read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise BatchError(f"{path / 'drafts.jsonl'}: cannot be read ({exc})") from None
    drafts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:  # a lone surrogate (a JSON escape) is read as U+FFFD: UTF-8 can write it
            drafts.append(scrub_data(loads_bounded(line))[0])
        except ValueError:
            raise BatchError(f"{path / 'drafts.jsonl'}:{number}: invalid JSON") from None
    return Batch(path, meta, drafts)
