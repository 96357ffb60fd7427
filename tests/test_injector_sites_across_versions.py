"""The injectors offer the same sites on every supported Python (3.11 to 3.13).

3.12 changed how f-strings are tokenized; a site list that depends on the interpreter would
make batches differ between machines. The table in tests/data/injector_sites.json holds,
per injector, the number of sites over the bundled content and a digest of them; CI runs
this test once per interpreter, so each one is compared with the same table. After a
deliberate change to an injector or to the content, regenerate the table with

    python tests/test_injector_sites_across_versions.py --write
"""

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from bundled_sites import bundled_sites, shares_sites

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "injector_sites.json"


def site_table() -> dict[str, dict[str, object]]:
    digests: dict[str, hashlib._Hash] = defaultdict(hashlib.sha1)
    counts: dict[str, int] = defaultdict(int)
    for exercise, _, edits in bundled_sites():
        for edit in edits:
            counts[edit.injector] += 1
            digests[edit.injector].update(repr((exercise.slug, edit.start, edit.end,
                                                edit.replacement, edit.line,
                                                edit.details)).encode())
    return {i: {"sites": counts[i], "digest": digests[i].hexdigest()[:16]}
            for i in sorted(counts)}


@shares_sites
def test_sites_are_the_same_on_this_interpreter():
    expected = json.loads(TABLE.read_text())
    found = site_table()
    differing = {i: (expected.get(i), found.get(i)) for i in set(expected) | set(found)
                 if expected.get(i) != found.get(i)}
    assert not differing, (f"Python {sys.version_info[:2]}: sites differ from "
                           f"{TABLE.name} (expected, found): {differing}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        TABLE.write_text(json.dumps(site_table(), indent=1, sort_keys=True) + "\n")
        print(f"wrote {TABLE}")
