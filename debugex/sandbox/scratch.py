"""The sandbox's scratch folders in the temporary folder: one per sandbox, its owner's pid
in the name, so that a sandbox that never closed (its process killed, a worker terminated)
is removed by this user's next one."""

from __future__ import annotations

import os
import shutil
import tempfile

_SCRATCH_PREFIX = "debugex-sandbox-"


def sweep_stale_scratch(folder: str | None = None) -> int:
    """Remove the scratch folders of this user's sandboxes whose process is gone (one that
    was killed or terminated before it could close them); return how many."""
    folder = folder or tempfile.gettempdir()
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    removed = 0
    for name in names:
        owner = name[len(_SCRATCH_PREFIX):].partition("-")[0]
        if not name.startswith(_SCRATCH_PREFIX) or not owner.isdigit() \
                or int(owner) == os.getpid() or _alive(int(owner)):
            continue
        path = os.path.join(folder, name)
        try:
            if os.stat(path, follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed += not os.path.exists(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def new_root() -> str:
    """A new scratch folder for this process's sandbox, after removing the stale ones."""
    sweep_stale_scratch()
    return tempfile.mkdtemp(prefix=f"{_SCRATCH_PREFIX}{os.getpid()}-")
