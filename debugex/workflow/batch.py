"""A draft batch on disk: its drafts, and the append-only log of review decisions."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..formats import cannot_write

ACCEPTED, REJECTED = "accepted", "rejected"


class BatchError(ValueError):
    """A batch folder that cannot be used; says what is wrong."""


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

    def decisions(self) -> dict[str, dict]:
        """The latest decision per draft id (the log is append-only; later lines win)."""
        latest: dict[str, dict] = {}
        if not self.decisions_path.exists():
            return latest
        for line in self.decisions_path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash: the decisions before it stand
            if isinstance(record, dict) and "draft" in record:
                latest[record["draft"]] = record
        return latest

    def decide(self, draft_id: str, decision: str, note: str = "",
               assistant_xml: str | None = None) -> dict:
        """Append one decision and make it durable before returning."""
        self.draft(draft_id)  # must exist
        record = {"draft": draft_id, "decision": decision, "note": note,
                  "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        if assistant_xml is not None:
            record["assistant_xml"] = assistant_xml  # accepted after an edit
        try:
            with open(self.decisions_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise cannot_write(self.decisions_path, exc) from None
        return record

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


def load_batch(path: Path) -> Batch:
    path = Path(path)
    if not (path / "drafts.jsonl").exists():
        raise BatchError(f"{path} is not a batch folder (no drafts.jsonl)")
    try:
        meta = json.loads((path / "batch.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BatchError(f"{path / 'batch.json'}: cannot be read ({exc})") from None
    drafts = []
    for number, line in enumerate((path / "drafts.jsonl").read_text(encoding="utf-8")
                                  .splitlines(), start=1):
        if not line.strip():
            continue
        try:
            drafts.append(json.loads(line))
        except json.JSONDecodeError:
            raise BatchError(f"{path / 'drafts.jsonl'}:{number}: invalid JSON") from None
    return Batch(path, meta, drafts)
