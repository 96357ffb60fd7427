"""Messages between the sandbox's processes: length-prefixed JSON, capped, never pickle.

A frame is a 4-byte big-endian length and that many bytes of UTF-8 JSON. Nothing richer
crosses a process boundary: whatever the other side sends is data to validate, never code
to run (unpickling a hostile frame would run code in the reader).
"""

from __future__ import annotations

import json
import os
import struct

HEADER = struct.Struct(">I")


class WireError(ValueError):
    """The other side sent something that is not a well-formed frame within the cap."""


def pack(message: object) -> bytes:
    body = json.dumps(message, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return HEADER.pack(len(body)) + body


def unpack_body(body: bytes) -> object:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None


class FrameReader:
    """Incremental reader: feed it bytes as they arrive, take whole frames out."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[object]:
        self._buffer += data
        frames = []
        while len(self._buffer) >= HEADER.size:
            (length,) = HEADER.unpack_from(self._buffer)
            if length > self.cap:
                raise WireError(f"a frame of {length} bytes is over the cap of {self.cap}")
            if len(self._buffer) < HEADER.size + length:
                break
            body = bytes(self._buffer[HEADER.size:HEADER.size + length])
            del self._buffer[:HEADER.size + length]
            frames.append(unpack_body(body))
        if len(self._buffer) > self.cap + HEADER.size:
            raise WireError("too much data without a whole frame")
        return frames

    @property
    def pending(self) -> int:
        return len(self._buffer)


def read_exactly(fd: int, size: int) -> bytes | None:
    """Blocking read of `size` bytes; None at end of file."""
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, cap: int) -> object | None:
    """Blocking read of one frame from a trusted-format stream; None at end of file."""
    header = read_exactly(fd, HEADER.size)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    if length > cap:
        raise WireError(f"a frame of {length} bytes is over the cap of {cap}")
    body = read_exactly(fd, length)
    if body is None:
        return None
    return unpack_body(body)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
