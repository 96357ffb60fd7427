"""bench/simple_mix.py: the simple scripts' mix pooled over several seeds' batches, with
the noise floor of the pooled size beside it."""

import importlib.util
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# bench is not a package, so the module is imported from its file.
_spec = importlib.util.spec_from_file_location("simple_mix", ROOT / "bench" / "simple_mix.py")
simple_mix = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = simple_mix
_spec.loader.exec_module(simple_mix)


def drafts_of(content: Path, seed: int, per_exercise: int) -> list[dict]:
    """Drafts of one error each, the injectors taken in turn from each program's sites."""
    from debugex.changes import find_sites

    drafts = []
    for slug, program in sorted(simple_mix.simple_exercises(content).items()):
        injectors = sorted({e.injector for e in find_sites(program)})
        for n in range(per_exercise):
            injector = injectors[(seed * per_exercise + n) % len(injectors)]
            drafts.append({"exercise": slug, "errors": [{"edit": {"injector": injector}}]})
    return drafts


def test_seeds_are_pooled_and_the_floor_shrinks_with_the_pooled_size(tmp_path):
    for slug in ("times_table", "age_category"):
        shutil.copytree(ROOT / "content" / slug, tmp_path / slug)
    batches = {seed: drafts_of(tmp_path, seed, 6) for seed in range(3)}
    found = simple_mix.pooled_mix(batches, tmp_path)
    assert found["exercises"] == 2
    assert found["errors"] == sum(len(d) for d in batches.values()) == 36
    assert set(found["seeds"]) == {0, 1, 2}
    assert all(row["errors"] == 12 for row in found["seeds"].values())
    one = found["seeds"][0]["sampling_floor"]
    assert 0 < found["sampling_floor"]["injectors"] < one["injectors"]


def test_no_simple_script_generates_nothing(tmp_path):
    assert simple_mix.simple_batches(tmp_path, [0, 1]) == {}
