"""When debugex runs as root, the zygote becomes nobody before it confines itself.

Programs then run as uid and gid 65534 with no supplementary groups and no capabilities:
they cannot signal root's processes (not even through a descriptor's owner), change a
root-owned file's metadata, or look into folders closed to other users.

Nobody must still read the Python installation (which may sit under a folder closed to
others, such as /root with mode 0700) and write the zygote's scratch folder (under the
pool's private folder). So the zygote first takes a mount namespace of its own, private
to it, and covers each closed folder on those paths with an empty tmpfs that holds only
the way through: a bind mount of the one entry needed. Every path stays the same (so
modules, tracebacks and lazily imported modules behave as before), and the rest of the
closed folder is gone from the sandbox's view altogether.

This module runs in the zygote, so it imports nothing of debugex and nothing outside the
standard library.
"""

from __future__ import annotations

import ctypes
import os
import stat

NOBODY = 65534
_CLONE_NEWNS = 0x00020000
_MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_REC, _MS_PRIVATE = 2, 4, 4096, 0x4000, 1 << 18
_MAX_DEPTH = 16


def become_nobody(readable: list[str], writable: str) -> str | None:
    """Make this (root) process uid/gid 65534, with `readable` and `writable` still
    reachable; return None, or why it could not (it then stays root, without
    capabilities, as before)."""
    libc = ctypes.CDLL(None, use_errno=True)
    needed = sorted({os.path.realpath(p) for p in readable} | {os.path.realpath(writable)})
    try:
        os.chown(writable, NOBODY, NOBODY)
        os.chmod(writable, 0o700)
        made_namespace = False
        for _ in range(_MAX_DEPTH):
            closed = _closed_folders(needed)
            if not closed:
                break
            if not made_namespace and libc.unshare(_CLONE_NEWNS) != 0:
                if not _open_scratch_parent(closed, writable):
                    _check(-1, "unshare")
                continue
            if not made_namespace:
                # Nothing done here may reach the host's mounts.
                _check(libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None),
                       "private mounts")
                made_namespace = True
            for folder, names in closed.items():
                _open_a_way(libc, folder, names)
        else:
            return "the Python installation is too deeply hidden from other users"
        os.setgroups([])
        os.setresgid(NOBODY, NOBODY, NOBODY)
        os.setresuid(NOBODY, NOBODY, NOBODY)
    except OSError as exc:
        return f"could not run the sandbox as nobody ({exc})"
    return None


def _open_scratch_parent(closed: dict[str, set[str]], writable: str) -> bool:
    """Without a mount namespace (a container without CAP_SYS_ADMIN): when the only closed
    folder is the pool's own folder of scratch folders, let others pass through it (not
    list it); the scratch folder itself stays nobody's, mode 0700."""
    parent, name = os.path.split(os.path.realpath(writable))
    if closed != {parent: {name}} or os.stat(parent).st_uid != os.getuid():
        return False
    os.chmod(parent, 0o711)
    return True


def _closed_folders(paths: list[str]) -> dict[str, set[str]]:
    """For each path, its first folder that other users cannot pass through, with the
    names of the entries under it that the paths go through."""
    closed: dict[str, set[str]] = {}
    for path in paths:
        here = "/"
        for name in path.strip("/").split("/"):
            if not os.stat(here).st_mode & stat.S_IXOTH:
                closed.setdefault(here, set()).add(name)
                break
            here = os.path.join(here, name)
    return closed


def _open_a_way(libc, folder: str, names: set[str]) -> None:
    """Cover `folder` with an empty tmpfs that others may pass through, holding a bind
    mount of each entry in `names` (opened before it is covered)."""
    handles = {name: os.open(os.path.join(folder, name), os.O_PATH | os.O_NOFOLLOW)
               for name in names}
    try:
        _check(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV,
                          b"mode=755,size=16k"), f"tmpfs on {folder}")
        for name, handle in handles.items():
            target = os.path.join(folder, name)
            if stat.S_ISDIR(os.fstat(handle).st_mode):
                os.mkdir(target, 0o755)
            else:
                os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))
            _check(libc.mount(f"/proc/self/fd/{handle}".encode(), target.encode(), None,
                              _MS_BIND | _MS_REC, None), f"bind {target}")
    finally:
        for handle in handles.values():
            os.close(handle)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")
