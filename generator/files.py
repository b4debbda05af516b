"""Writing a file whole or not at all, and saying in Vietnamese why a disk refused."""
from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Iterator

_WHY = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "thư mục nằm trên ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền ghi vào đó",
    errno.EPERM: "không có quyền ghi vào đó",
    errno.EBUSY: "thư mục hay ổ đĩa đang bận (một chương trình khác đang dùng)",
}


def why(error: OSError) -> str:
    """What a refusal of the system means, for the person at the keyboard."""
    return _WHY.get(error.errno or 0) or error.strerror or str(error)


class Parts:
    """A file too large to hold whole, handed on as its parts, each made as it is read: the open
    data's activity table is some 300 MB at ten times province scale, and joined it was held
    twice over. Read once, by whoever writes it."""

    __slots__ = ("_parts",)

    def __init__(self, parts: Iterable[bytes]) -> None:
        self._parts: Iterator[bytes] | None = iter(parts)

    def __iter__(self) -> Iterator[bytes]:
        parts, self._parts = self._parts, None
        if parts is None:
            raise RuntimeError("the parts of a file are read once")
        return parts


Data = bytes | Parts  # a file's bytes, whole or in parts


def parts_of(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    """The parts of a file given whole (one part) or in parts."""
    return (data,) if isinstance(data, bytes) else data


def whole(data: Data) -> bytes:
    """The bytes of a file given whole or in parts, for those that keep files in memory (tests)."""
    return data if isinstance(data, bytes) else b"".join(data)


def write_all(descriptor: int, data: Data) -> None:
    """Every byte of `data` written to an open file: a write may take less than asked (a
    signal, a full pipe)."""
    for part in parts_of(data):
        written = os.write(descriptor, part)
        while written < len(part):
            written += os.write(descriptor, memoryview(part)[written:])


def replace_whole(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write `path` whole or not at all: a reader, or a disk that fills up, never leaves half
    a file. The temporary name starts with a dot, so that MkDocs never publishes it and the
    validator does not read it as a record."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as file:
            for part in parts_of(data):
                file.write(part)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
