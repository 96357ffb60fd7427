"""Nothing a sandbox started outlives it: its zygotes, their children and their groups are
killed when it closes, when a zygote is replaced, and when the Python process exits."""

from __future__ import annotations

import atexit
import os
import signal
import weakref

_open_sandboxes: weakref.WeakSet = weakref.WeakSet()


def kill_family(pid: int) -> None:
    """SIGKILL the process `pid`, its group, and every child it has (each with its group):
    a child that left the zygote's group, or one stopped by a signal, goes too."""
    children = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # its parent
            children.append(int(entry))
    for target in (-pid, pid, *(-c for c in children), *children):
        try:
            os.kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def close_at_exit(sandbox) -> None:
    """Close `sandbox` when the interpreter exits, if it is still open then."""
    _open_sandboxes.add(sandbox)


@atexit.register
def _close_all() -> None:
    for sandbox in list(_open_sandboxes):
        try:
            sandbox.close()
        except Exception:  # noqa: BLE001, S110 - exiting anyway: the next one must still go
            pass
