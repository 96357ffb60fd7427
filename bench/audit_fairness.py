"""How fairly `debugex audit` grades hand-written records: the labelled set in
bench/audit_labels/ (clean records that use the format's freedoms, and records with one
real defect each, labelled with its kind). Set v2 is v1 (`clean.jsonl`,
`defective.jsonl`, on content exercises) and the records v2 adds (`clean_v2.jsonl`,
`defective_v2.jsonl`, on the programs of `bench/audit_labels/programs/`).

- recall: the share of defective records on which the audit reports the labelled
  defect kind (a record flagged only for something else is not counted as found);
- false alarms: clean records with any defect (notes do not count: they are readings
  the audit chose and format quirks a loader can read).

Per record: its label, the defect kinds and note kinds reported. Targets: recall 1.0,
false alarms 0.

    python bench/audit_fairness.py [--json] [--workers N] [--set v1|v2]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from debugex.audit import audit_records  # noqa: E402
from debugex.content import Exercise  # noqa: E402
from debugex.formats import load_jsonl  # noqa: E402
from debugex.sandbox import Sandbox  # noqa: E402
from debugex.scenarios import load_for_check  # noqa: E402

LABELS = ROOT / "bench" / "audit_labels"
TARGETS = {"recall": 1.0, "false_alarms": 0}
SETS = {"v1": ("clean", "defective"),
        "v2": ("clean", "defective", "clean_v2", "defective_v2")}


def measure(workers: int | None = None, which: str = "v2") -> dict:
    exercises = [e for folder in (ROOT / "content", LABELS / "programs")
                 for e in load_for_check(folder, []) if isinstance(e, Exercise)]
    names = SETS[which]
    rows = {name: [json.loads(line) for line in
                   (LABELS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
                   if line.strip()] for name in names}
    with Sandbox(workers=workers) as sandbox:
        audits = {name: audit_records(load_jsonl(LABELS / f"{name}.jsonl"), sandbox, exercises)
                  for name in rows}
    records = []
    for name in names:
        kind = name.split("_")[0]
        for number, (row, audit) in enumerate(zip(rows[name], audits[name], strict=True), 1):
            kinds = sorted({d["kind"] for d in audit.defects})
            label = row["label"]
            entry = {"set": kind, "file": f"{name}.jsonl", "record": number,
                     "exercise": row["metadata"]["exercise"],
                     "defects": kinds, "notes": sorted({n["kind"] for n in audit.notes})}
            if kind == "clean":
                entry["freedoms"] = label["freedoms"]
                entry["false_alarm"] = bool(audit.failing("defects"))
            else:
                entry["label"] = label["defect"]
                entry["found"] = label["defect"] in kinds
            records.append(entry)
    defective = [r for r in records if r["set"] == "defective"]
    clean = [r for r in records if r["set"] == "clean"]
    found = sum(r["found"] for r in defective)
    alarms = sum(r["false_alarm"] for r in clean)
    return {"records": records, "totals": {
        "defective": len(defective), "found": found,
        "recall": round(found / len(defective), 4) if defective else None,
        "missed": [f"{r['file']} {r['record']} ({r['exercise']}: {r['label']})"
                   for r in defective if not r["found"]],
        "clean": len(clean), "false_alarms": alarms,
        "false_alarm_records": [f"{r['file']} {r['record']} ({r['exercise']}: "
                                f"{', '.join(r['defects'])})" for r in clean if r["false_alarm"]],
        "targets": TARGETS,
        "met": found == len(defective) and alarms == TARGETS["false_alarms"]}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--set", choices=sorted(SETS), default="v2",
                        help="v1: the first 74 records only; v2 (default): all of them")
    args = parser.parse_args()
    result = measure(args.workers, args.set)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for r in result["records"]:
            verdict = (("FALSE ALARM" if r["false_alarm"] else "clean") if r["set"] == "clean"
                       else ("found" if r["found"] else "MISSED") + f" ({r['label']})")
            print(f"{r['file']:20} {r['record']:3} {r['exercise']:24} {verdict:38} "
                  f"defects: {', '.join(r['defects']) or '-'}; notes: "
                  f"{', '.join(r['notes']) or '-'}")
        t = result["totals"]
        print(f"\nrecall {t['found']}/{t['defective']} = {t['recall']}; false alarms "
              f"{t['false_alarms']}/{t['clean']}; targets met: {t['met']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
