"""Writing a file whole or not at all, and saying in Vietnamese why a disk refused."""
from __future__ import annotations

import contextlib
import errno
import os

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


def replace_whole(path: str, data: bytes) -> None:
    """Write `path` whole or not at all: a reader, or a disk that fills up, never leaves half
    a file. The temporary name starts with a dot, so that MkDocs never publishes it and the
    validator does not read it as a record."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
