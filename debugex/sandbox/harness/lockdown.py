"""Confine a freshly forked sandbox child with what the kernel offers, before it runs anything.

Layers, in the order they are applied (each one is a separate protection; see SECURITY.md):
- its own process group, killed as a whole, and death when the zygote dies;
- every inherited descriptor closed but the reply pipe; stdin/stdout/stderr on /dev/null;
- hard resource limits (soft = hard, so the program cannot raise them): CPU seconds,
  address space, file size, open files, core dumps;
- `no_new_privs`, and no capabilities left when the sandbox runs as root;
- Landlock: read access to the Python installation only, write access to the scratch
  folder only (the ruleset is built by the parent with the `landlock` package);
- a seccomp filter (built by the parent with libseccomp): no exec, no new processes, no
  signals to other processes, no sockets, no ptrace, no raising limits, no namespaces.

This module runs in the zygote and its children, so it imports nothing of debugex and
nothing outside the standard library.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2
# landlock_restrict_self has one number on every architecture (the unified syscall table).
SYS_LANDLOCK_RESTRICT_SELF = 446
_CAP_VERSION_3 = 0x20080522


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


class Lockdown:
    """What a child applies to itself. Built once in the zygote; `apply` runs in each child."""

    def __init__(self, bpf: bytes | None, landlock_fd: int | None, scratch: str) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._prctl = self._libc.prctl
        self._prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong,
                                ctypes.c_ulong, ctypes.c_ulong)
        self._syscall = self._libc.syscall
        # Resolved here, once: a lookup in each child would cost more than the call.
        self._capset = self._libc.capset
        self._capset.argtypes = (ctypes.c_void_p, ctypes.c_void_p)
        self._cap_header = _CapHeader(_CAP_VERSION_3, 0)
        self._cap_data = (_CapData * 2)()
        self.scratch = scratch
        self.landlock_fd = landlock_fd
        self._bpf = None
        self._fprog = None
        if bpf:
            self._bpf = ctypes.create_string_buffer(bpf, len(bpf))
            self._fprog = _SockFprog(len(bpf) // 8, ctypes.addressof(self._bpf))
        self.as_root = os.geteuid() == 0
        self.devnull = os.open(os.devnull, os.O_RDWR)

    def prctl(self, option: int, value: int) -> bool:
        return self._prctl(option, value, 0, 0, 0) == 0

    def protect_zygote(self) -> None:
        """The zygote dies with its parent and cannot be read through /proc by its children."""
        self.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        self.prctl(PR_SET_DUMPABLE, 0)

    def apply(self, reply_fd: int, cpu_seconds: int, address_space: int,
              file_size: int = 16 * 1024 * 1024, open_files: int = 64) -> list[str]:
        """Confine this process; return the names of the layers that could not be applied."""
        failed = []
        os.setpgid(0, 0)
        self.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        for fd in (0, 1, 2):
            os.dup2(self.devnull, fd)
        keep = sorted({reply_fd, self.landlock_fd if self.landlock_fd is not None else reply_fd})
        low = 3
        for fd in keep:
            os.closerange(low, fd)
            low = fd + 1
        os.closerange(low, 1 << 16)
        os.chdir(self.scratch)
        for kind, value in ((resource.RLIMIT_CPU, cpu_seconds),
                            (resource.RLIMIT_AS, address_space),
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
        if self._fprog is not None:
            if self._prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER,
                           ctypes.addressof(self._fprog), 0, 0) != 0:
                failed.append("seccomp")
        return failed

    def _drop_capabilities(self) -> bool:
        return self._capset(ctypes.addressof(self._cap_header),
                            ctypes.addressof(self._cap_data)) == 0
