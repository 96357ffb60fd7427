"""The OS confinement the sandbox asks for, built in the parent with maintained libraries.

- seccomp: the filters are written with libseccomp (the `pyseccomp` binding), which knows
  every architecture's system-call numbers, and exported as two BPF programs: the zygote
  loads the larger once, each child adds the smaller with one `prctl` (see
  `harness/lockdown.py`).
- Landlock: a ruleset is built with the `landlock` package for each zygote (made here
  where it has scopes, which the package cannot ask for), then handed to it as a file
  descriptor; the zygote restricts itself with it, and every child inherits it.

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
from typing import NamedTuple

from .harness.lockdown import SCOPE_ABI, SCOPES, create_ruleset, landlock_abi

HARNESS_DIR = str(Path(__file__).resolve().parent / "harness")

# Denied with EPERM, so that a program sees an ordinary Python exception. These hold for
# the zygote itself (it needs none of them) and so for every child it forks.
_DENIED = (
    # running other programs
    "execve", "execveat",
    # new processes by the old calls (the C library forks with clone)
    "fork", "vfork",
    # sockets of every kind
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
    "sendto", "sendmsg", "sendmmsg", "recvfrom", "recvmsg", "recvmmsg",
    # other processes' memory and state
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_open",
    "pidfd_getfd", "pidfd_send_signal", "tgkill", "tkill", "rt_sigqueueinfo",
    "rt_tgsigqueueinfo",
    # limits and identity
    "setrlimit", "setsid", "setuid", "setgid", "setreuid", "setregid",
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
    # file metadata (Landlock does not cover it): owners, times, extended attributes
    "chown", "fchown", "lchown", "fchownat", "chown32", "fchown32", "lchown32",
    "utime", "utimes", "utimensat", "futimesat", "setxattr", "lsetxattr", "fsetxattr",
    "removexattr", "lremovexattr", "fremovexattr", "getxattr", "lgetxattr", "fgetxattr",
    "listxattr", "llistxattr", "flistxattr",
)
# The *xattrat calls (Linux 6.13) by their number in the unified table, for a libseccomp
# that does not know their names yet: setxattrat, getxattrat, listxattrat, removexattrat.
_XATTRAT = (463, 464, 465, 466)
# Only each child is denied these: the zygote must make a folder a program left without
# permissions its own again to empty it, and it sets its children's parent-death signal.
_CHILD_DENIED = ("chmod", "fchmod", "fchmodat", "fchmodat2", "prctl")
# fcntl commands that send a signal to a process of the caller's choosing (SIGIO or any
# signal, when the descriptor is ready): F_SETOWN, F_SETSIG, F_SETOWN_EX.
_FCNTL_SIGNALS = (8, 10, 15)
# ioctl requests that do the same, or type into a terminal: FIOSETOWN, SIOCSPGRP, TIOCSTI.
_IOCTL_DENIED = (0x8901, 0x8902, 0x5412)
_CLONE_THREAD = 0x00010000


class Filters(NamedTuple):
    """Two BPF programs. Loading a filter costs the kernel a compilation (tens of
    microseconds even for a tiny one), so most rules are loaded once, by the zygote,
    and inherited by every child; a child loads only the few rules the zygote itself
    must be free of (it forks its children and kills them)."""

    zygote: bytes
    child: bytes


def seccomp_filter() -> tuple[Filters | None, str | None]:
    """The zygote's and each child's BPF programs, or (None, why not)."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as exc:  # OSError: libseccomp.so missing
        return None, f"libseccomp is not available ({exc})"
    import resource  # only where seccomp is (a Unix), for the number of RLIMIT_CPU
    try:
        deny = seccomp.ERRNO(errno.EPERM)
        zygote = seccomp.SyscallFilter(seccomp.ALLOW)
        try:  # a binary tree of system calls: every call of every run passes this filter
            zygote.set_attr(seccomp.Attr.CTL_OPTIMIZE, 2)
        except (AttributeError, OSError, ValueError):
            pass  # libseccomp < 2.5: the linear filter, slower but the same rules
        _deny_all(zygote, deny, _DENIED + _XATTRAT)
        for name in ("fcntl", "fcntl64"):
            for command in _FCNTL_SIGNALS:
                _deny_all(zygote, deny, (name,), seccomp.Arg(1, seccomp.EQ, command))
        for request in _IOCTL_DENIED:
            zygote.add_rule(deny, "ioctl", seccomp.Arg(1, seccomp.MASKED_EQ, 0xFFFFFFFF,
                                                       request))
        # A child puts itself in a group of its own (setpgid(0, 0)) and lowers its own
        # CPU-time limit; nothing may change another process's group or raise a limit.
        zygote.add_rule(deny, "setpgid", seccomp.Arg(0, seccomp.NE, 0))
        zygote.add_rule(deny, "setpgid", seccomp.Arg(1, seccomp.NE, 0))
        # prlimit64 may read limits (new limit NULL); it may set only its own CPU limit
        # (which no one can raise: the hard limit is set, and no capability is left).
        zygote.add_rule(deny, "prlimit64", seccomp.Arg(2, seccomp.NE, 0),
                        seccomp.Arg(0, seccomp.NE, 0))
        zygote.add_rule(deny, "prlimit64", seccomp.Arg(2, seccomp.NE, 0),
                        seccomp.Arg(1, seccomp.NE, resource.RLIMIT_CPU))
        # clone3 hides its flags in memory, where a filter cannot read them: refuse it as
        # unknown, so that the C library falls back to clone() (the zygote forks with
        # clone(), and a child may make threads with it, nothing else).
        zygote.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
        child = seccomp.SyscallFilter(seccomp.ALLOW)
        # No prctl at all once the child is confined: it cannot clear its parent-death
        # signal (to outlive the zygote), make itself dumpable or name a ptracer.
        _deny_all(child, deny, _CHILD_DENIED)
        # kill() only towards itself: pid 0 is its own process group, of which it is the
        # only member (it cannot make new processes).
        child.add_rule(deny, "kill", seccomp.Arg(0, seccomp.NE, 0))
        # clone() only for threads.
        child.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, _CLONE_THREAD, 0))
        return Filters(_export(zygote), _export(child)), None
    except (OSError, ValueError, RuntimeError) as exc:
        return None, f"libseccomp could not build the filter ({exc})"


def _deny_all(rules, deny, calls, *args) -> None:
    for call in calls:
        try:
            rules.add_rule(deny, call, *args)
        except (ValueError, OSError):
            pass  # not a system call on this architecture, or unknown to this libseccomp


def _export(rules) -> bytes:
    with tempfile.TemporaryFile() as handle:
        rules.export_bpf(handle)
        handle.seek(0)
        return handle.read()


def readable_paths() -> list[str]:
    """What a child may read: the Python installation's standard library and the harness."""
    paths = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")}
    paths.add(HARNESS_DIR)
    return sorted(p for p in paths if os.path.isdir(p))


def landlock_ruleset(scratch: str) -> tuple[int | None, str | None]:
    """A Landlock ruleset fd: read the standard library, read and write `scratch` only;
    and, where the kernel scopes them (`signal_scope_missing`), no signals to and no
    abstract sockets of processes outside the sandbox."""
    if not sys.platform.startswith("linux"):
        return None, "Landlock is a Linux feature"
    try:
        import landlock
        from landlock import FSAccess
    except ImportError as exc:
        return None, f"the landlock package is not installed ({exc})"
    try:
        handled = FSAccess.all()
        if signal_scope_missing() is None:
            # The package cannot ask for scopes: the ruleset is made here, its rules by it.
            ruleset = object.__new__(landlock.Ruleset)
            object.__setattr__(ruleset, "restrict_rules", handled)
            object.__setattr__(ruleset, "_fd", create_ruleset(int(handled), SCOPES))
        else:
            ruleset = landlock.Ruleset(handled)
        read = FSAccess.READ_FILE | FSAccess.READ_DIR
        ruleset.allow(*readable_paths(), rules=read)
        ruleset.allow(scratch, rules=handled & ~FSAccess.EXECUTE)
    except (OSError, landlock.LandlockError) as exc:
        return None, f"the kernel does not offer Landlock ({exc})"
    return ruleset._fd, None  # the package keeps the descriptor; we hand it over


def signal_scope_missing() -> str | None:
    """Why Landlock cannot scope signals here (it needs Landlock ABI 6, Linux 6.12), or None."""
    if not sys.platform.startswith("linux"):
        return "Landlock is a Linux feature"
    abi = landlock_abi()
    if abi < SCOPE_ABI:
        return f"the kernel's Landlock (ABI {abi}) cannot scope signals (ABI 6, Linux 6.12)"
    return None
