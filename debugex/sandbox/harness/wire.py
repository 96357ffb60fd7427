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
# An outcome frame from a zygote: its tag, chunk id and job index, then the outcome's JSON.
OUTCOME = struct.Struct(">cII")
OUTCOME_TAG = b"O"
TAMPERED = "the program tampered with the sandbox's reply"


class WireError(ValueError):
    """The other side sent something that is not a well-formed frame within the cap."""


def _json_encoder():
    """The C encoder behind `json.dumps`, built once: a sandbox child then encodes its
    reply in one C call instead of building an encoder (each object the child touches
    costs it a copied page of memory)."""
    try:
        from json.encoder import c_make_encoder, encode_basestring_ascii
    except ImportError:
        c_make_encoder = None
    if c_make_encoder is None:
        return lambda value: json.dumps(value, ensure_ascii=True, separators=(",", ":"))

    def refuse(value):
        raise TypeError(f"{type(value).__name__} is not JSON")

    encoder = c_make_encoder(None, refuse, encode_basestring_ascii, None, ":", ",",
                             False, False, True)
    return lambda value: "".join(encoder(value, 0))


_encode_text = _json_encoder()


def encode(message: object) -> bytes:
    """Compact ASCII JSON."""
    return _encode_text(message).encode("ascii")


def pack(message: object) -> bytes:
    body = encode(message)
    return HEADER.pack(len(body)) + body


def outcome_tag(chunk: int, index: int) -> bytes:
    """What opens the outcome frame of one job: the tag, its chunk id and its index."""
    return OUTCOME.pack(OUTCOME_TAG, chunk, index)


def pack_outcome(tag: bytes, outcome: bytes) -> bytes:
    """A frame that carries an outcome's JSON text as it is (the reader parses it)."""
    return HEADER.pack(len(tag) + len(outcome)) + tag + outcome


def unpack_body(body: bytes) -> object:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None


class FrameReader:
    """Incremental reader: feed it bytes as they arrive, take whole frames out (parsed
    JSON, or with `raw` the bodies as bytes)."""

    def __init__(self, cap: int, raw: bool = False) -> None:
        self.cap = cap
        self.raw = raw
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
            frames.append(body if self.raw else unpack_body(body))
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
    written = os.write(fd, data)
    if written == len(data):
        return
    view = memoryview(data)[written:]
    while view:
        written = os.write(fd, view)
        view = view[written:]
