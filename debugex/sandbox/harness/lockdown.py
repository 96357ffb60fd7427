"""Confine a freshly forked sandbox child with what the kernel offers, before it runs anything.

Layers (each one is a separate protection; see SECURITY.md). Applied once to the zygote,
and so inherited by every child:
- when run as root: uid and gid 65534, no groups, no capabilities (`identity.py`);
- not dumpable (its children cannot read it through /proc), death with its parent;
- hard resource limits (soft = hard, so they cannot be raised): address space, file
  size, open files, core dumps;
- `no_new_privs`, and no capabilities left when the sandbox runs as root;
- Landlock: read access to the Python standard library only, write access to the
  scratch folder only (the ruleset is built by the parent with the `landlock` package),
  and, where the kernel has scopes, no signals or abstract sockets outside the sandbox;
- a seccomp filter (built by the parent with libseccomp): no exec, no sockets, no ptrace,
  no raising limits, no namespaces, no other process's group.
Applied by each child to itself, before the program:
- its own process group, killed as a whole, and death when the zygote dies;
- a Landlock domain of its own that scopes signals (where the kernel has it): it cannot
  signal the zygote either;
- every inherited descriptor closed but the reply pipe (the zygote keeps stdin, stdout
  and stderr on /dev/null, so a child has nothing to replace there);
- a hard CPU-time limit for this run;
- a second, small seccomp filter: no new processes, no signals to other processes, no
  prctl (so its parent-death signal stays), no chmod.

A child does as little as it can: every page of memory it writes costs it a copy of the
zygote's page, which is most of what a run costs.

This module runs in the zygote and its children, so it imports nothing of debugex and
nothing outside the standard library.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal

from .identity import become_nobody

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2
# landlock_restrict_self has one number on every architecture (the unified syscall table).
SYS_LANDLOCK_CREATE_RULESET = 444
SYS_LANDLOCK_RESTRICT_SELF = 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
# Landlock scopes (ABI 6, Linux 6.12): abstract UNIX sockets and signals stay inside the
# domain.
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1, 2
SCOPES = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL
SCOPE_ABI = 6
PR_CAPBSET_DROP = 24
_CAP_VERSION_3 = 0x20080522
EXIT_ORPHANED = 125  # a child whose zygote died before it could ask to die with it


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 without Landlock."""
    return max(0, ctypes.CDLL(None, use_errno=True).syscall(
        SYS_LANDLOCK_CREATE_RULESET, None, 0, _LANDLOCK_CREATE_RULESET_VERSION))


def create_ruleset(handled_fs: int, scoped: int) -> int:
    """A Landlock ruleset descriptor with scopes (which the `landlock` package cannot ask for)."""
    attr = _RulesetAttr(handled_fs, 0, scoped)
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.sizeof(attr), 0)
    if fd < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"landlock_create_ruleset: {os.strerror(err)}")
    return fd


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


class Lockdown:
    """What a child applies to itself. Built once in the zygote; `apply` runs in each child."""

    def __init__(self, bpf: bytes | None, landlock_fd: int | None,
                 zygote_bpf: bytes | None = None) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        # Without argtypes: a call converts plain ints directly, which costs a child less.
        self._prctl = self._libc.prctl
        self._syscall = self._libc.syscall
        self._capset = self._libc.capset
        self._cap_header = _CapHeader(_CAP_VERSION_3, 0)
        self._cap_data = (_CapData * 2)()
        self.landlock_fd = landlock_fd
        self._filters = [_Filter(b) if b else None for b in (bpf, zygote_bpf)]
        self.child_filter = self._filters[0]
        self.as_root = os.geteuid() == 0
        self.parent = os.getpid()  # built in the zygote: every child's parent
        self.nobody_missing: str | None = None
        # Each child enters a Landlock domain of its own that only scopes signals, so it
        # cannot signal the zygote either (the zygote's domain holds both).
        try:
            self.scope_fd = create_ruleset(0, SCOPES) if landlock_abi() >= SCOPE_ABI else None
        except OSError:
            self.scope_fd = None

    def prctl(self, option: int, value: int) -> bool:
        return self._prctl(option, value, 0, 0, 0) == 0

    def confine_zygote(self, address_space: int, readable: list[str], scratch: str,
                       file_size: int = 16 * 1024 * 1024, open_files: int = 64) -> list[str]:
        """The layers every child inherits, applied once to the zygote itself (it runs no
        program, and a child then has less to do): nobody instead of root, not dumpable,
        death with its parent, hard limits on memory, file size, open files and core
        dumps, no_new_privs, no capabilities, Landlock, the larger seccomp filter. Returns
        the names of the layers that could not be applied."""
        failed = []
        if self.as_root:
            # The bounding set goes while CAP_SETPCAP is there (the capabilities in use
            # stay until the identity changes).
            for cap in range(64):
                self.prctl(PR_CAPBSET_DROP, cap)
            # Before the rest: a new identity clears the parent-death signal and dumpable.
            self.nobody_missing = become_nobody(readable, scratch)
            if self.nobody_missing:
                failed.append("unprivileged")
        self.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        self.prctl(PR_SET_DUMPABLE, 0)
        for kind, value in ((resource.RLIMIT_AS, address_space),
                            (resource.RLIMIT_FSIZE, file_size),
                            (resource.RLIMIT_NOFILE, open_files),
                            (resource.RLIMIT_CORE, 0)):
            try:
                resource.setrlimit(kind, (value, value))
            except (ValueError, OSError):
                failed.append(f"rlimit {kind}")
        if not self.prctl(PR_SET_NO_NEW_PRIVS, 1):
            failed.append("no_new_privs")
        if self.as_root and not self._drop_capabilities():
            failed.append("capabilities")
        if self.landlock_fd is not None:
            if self._syscall(SYS_LANDLOCK_RESTRICT_SELF, self.landlock_fd, 0) != 0:
                failed.append("landlock")
            os.close(self.landlock_fd)
        zygote_filter = self._filters[1]
        if zygote_filter is not None and not self._load(zygote_filter):
            failed.append("seccomp")
        return failed

    def apply(self, reply_fd: int, cpu_seconds: int) -> list[str]:
        """Confine this freshly forked child; return the layers that could not be applied."""
        failed = []
        os.setpgid(0, 0)
        self._prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
        if os.getppid() != self.parent:
            # the zygote died between the fork and the line above: no signal will come
            os._exit(EXIT_ORPHANED)
        if self.scope_fd is not None \
                and self._syscall(SYS_LANDLOCK_RESTRICT_SELF, self.scope_fd, 0) != 0:
            failed.append("signal scope")
        os.closerange(3, reply_fd)
        os.closerange(reply_fd + 1, 1 << 16)
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        except (ValueError, OSError):
            failed.append("rlimit cpu")
        if self.child_filter is not None and not self._load(self.child_filter):
            failed.append("seccomp")
        return failed

    def _load(self, program: _Filter) -> bool:
        return self._prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, program.ref, 0, 0) == 0

    def _drop_capabilities(self) -> bool:
        return self._capset(ctypes.byref(self._cap_header), ctypes.byref(self._cap_data)) == 0


class _Filter:
    """A BPF program in memory, ready for prctl(PR_SET_SECCOMP)."""

    def __init__(self, bpf: bytes) -> None:
        self.buffer = ctypes.create_string_buffer(bpf, len(bpf))
        self.fprog = _SockFprog(len(bpf) // 8, ctypes.addressof(self.buffer))
        self.ref = ctypes.byref(self.fprog)
