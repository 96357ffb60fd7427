"""The OS confinement the sandbox asks for, built in the parent with maintained libraries.

- seccomp: the filter is written with libseccomp (the `pyseccomp` binding), which knows
  every architecture's system-call numbers, and exported as a BPF program that each child
  loads with one `prctl` (see `harness/lockdown.py`).
- Landlock: a ruleset is built with the `landlock` package for each zygote, then handed to
  it as a file descriptor; each child restricts itself with it.

Either may be missing (another OS, an old kernel, no libseccomp): the sandbox then runs
with the layers that remain and says so once on stderr (see SECURITY.md).
"""

from __future__ import annotations

import errno
import os
import sys
import sysconfig
import tempfile
from pathlib import Path

HARNESS_DIR = str(Path(__file__).resolve().parent / "harness")

# Denied with EPERM, so that a program sees an ordinary Python exception.
_DENIED = (
    # running other programs
    "execve", "execveat",
    # new processes (threads are allowed: they die with the child)
    "fork", "vfork",
    # sockets of every kind
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
    "sendto", "sendmsg", "sendmmsg", "recvfrom", "recvmsg", "recvmmsg",
    # other processes' memory and state
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_open",
    "pidfd_getfd", "pidfd_send_signal", "tgkill", "tkill", "rt_sigqueueinfo",
    "rt_tgsigqueueinfo",
    # limits and identity
    "setrlimit", "setpgid", "setsid", "setuid", "setgid", "setreuid", "setregid",
    "setresuid", "setresgid", "setgroups", "setfsuid", "setfsgid", "capset",
    # the system itself
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns", "reboot",
    "swapon", "swapoff", "init_module", "finit_module", "delete_module", "kexec_load",
    "kexec_file_load", "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key",
    "request_key", "personality", "quotactl", "syslog", "acct", "settimeofday",
    "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
    "iopl", "ioperm", "name_to_handle_at", "open_by_handle_at", "mknod", "mknodat",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "fanotify_init",
    "lookup_dcookie", "vhangup", "move_pages", "migrate_pages", "mbind",
)
_CLONE_THREAD = 0x00010000


def seccomp_filter() -> tuple[bytes | None, str | None]:
    """The BPF program every child loads, or (None, why not)."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as exc:  # OSError: libseccomp.so missing
        return None, f"libseccomp is not available ({exc})"
    try:
        rules = seccomp.SyscallFilter(seccomp.ALLOW)
        deny = seccomp.ERRNO(errno.EPERM)
        for name in _DENIED:
            try:
                rules.add_rule(deny, name)
            except (ValueError, OSError):
                pass  # not a system call on this architecture
        # kill() only towards itself: pid 0 is its own process group, of which it is the
        # only member (it cannot make new processes).
        rules.add_rule(deny, "kill", seccomp.Arg(0, seccomp.NE, 0))
        # clone() only for threads; clone3 hides its flags in memory, so refuse it as
        # unknown and let the C library fall back to clone().
        rules.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, _CLONE_THREAD, 0))
        rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
        # prlimit64 may read limits (new limit NULL), never set them.
        rules.add_rule(deny, "prlimit64", seccomp.Arg(2, seccomp.NE, 0))
        with tempfile.TemporaryFile() as handle:
            rules.export_bpf(handle)
            handle.seek(0)
            program = handle.read()
    except (OSError, ValueError, RuntimeError) as exc:
        return None, f"libseccomp could not build the filter ({exc})"
    return program, None


def readable_paths() -> list[str]:
    """What a child may read: the Python installation's standard library and the harness."""
    paths = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")}
    paths.add(HARNESS_DIR)
    return sorted(p for p in paths if os.path.isdir(p))


def landlock_ruleset(scratch: str) -> tuple[int | None, str | None]:
    """A Landlock ruleset fd: read the standard library, read and write `scratch` only."""
    if not sys.platform.startswith("linux"):
        return None, "Landlock is a Linux feature"
    try:
        import landlock
        from landlock import FSAccess
    except ImportError as exc:
        return None, f"the landlock package is not installed ({exc})"
    try:
        handled = FSAccess.all()
        ruleset = landlock.Ruleset(handled)
        read = FSAccess.READ_FILE | FSAccess.READ_DIR
        ruleset.allow(*readable_paths(), rules=read)
        ruleset.allow(scratch, rules=handled & ~FSAccess.EXECUTE)
    except (OSError, landlock.LandlockError) as exc:
        return None, f"the kernel does not offer Landlock ({exc})"
    return ruleset._fd, None  # the package keeps the descriptor; we hand it over
