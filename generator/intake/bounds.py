"""How much of a workbook the import reads, and how much it says: every limit in one place.

A workbook comes from anyone (a pull request from a fork runs the import in CI), so its
size is decided before anything is parsed: the file must be a plain file under a size cap,
its zip's entries are counted and unpacked under caps, and only then does openpyxl read it,
sheet by sheet, with caps on sheets, rows, columns and merged cells. Each refusal names
what was too large and the limit, in Vietnamese.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import zipfile
from pathlib import Path

from ..view.formats import megabytes, number

# --- the file and its zip -----------------------------------------------------------------------
FILE_BYTES = 10_000_000  # an .xlsx or .csv on disk; the template with 500 rows is about 60 KB
UNPACKED_BYTES = 40_000_000  # all parts of the zip once unpacked
ZIP_ENTRIES = 500  # parts of the zip (sheets, styles, images…)
RATIO = 200  # unpacked / packed size of one large part; Excel's XML packs about 10 to 30 times
RATIO_FROM = 1_000_000  # parts smaller than this are not held to RATIO
CSV_LINE = 100_000  # characters of one line of a CSV

# --- the sheets ----------------------------------------------------------------------------------
SHEETS = 50
ROWS = 30_000  # the last row number a value may sit in
COLUMNS = 100  # the last column a value may sit in (CV); the widest template has about 30
MERGED_RANGES = 2_000
MERGED_CELLS = 200_000  # all merged ranges of a sheet together
CELLS = 300_000  # cells holding a value, all sheets together
STRINGS = 300_000  # distinct texts of a workbook (its shared strings)
NAME_CHARS = 300  # of a name the import suggests near names for (a pair's name is under 200)
DIGITS = 15  # of a number: as many as Excel keeps; 999 nghìn tỷ đồng is more than any budget

WORKBOOKS = 50  # read in one import; each is validated with the whole ledger, about a second each

# --- what the import says -----------------------------------------------------------------------
FINDING_CHARS = 600  # of one finding shown: a cell's text may be 100,000 characters
PROBLEMS_SHOWN = 200  # findings per workbook, printed and in the job summary; the rest counted
RECORDS_SHOWN = 500  # planned records per workbook in the job summary
ANNOTATIONS = 10  # GitHub annotations per workbook: GitHub shows only a few per step anyway
SUMMARY_BYTES = 900_000  # the job summary, under GitHub's limit of 1 MiB per step

_FIX = "Hãy tách thành nhiều bảng tính nhỏ hơn, hoặc chép các dòng số liệu sang tệp mẫu rồi nhập lại."


class Unopenable(Exception):
    """A file the import cannot read at all, or will not: beyond a limit, damaged, a link. The
    message says what and how to fix it, in Vietnamese."""


def read_capped(path: Path) -> bytes:
    """The bytes of a plain file no larger than FILE_BYTES. A link, folder, device or pipe is
    refused before it is opened for reading: a link could point at /dev/zero or outside the
    project. The check and the read go through one open file, so nothing swaps in between."""
    if path.is_symlink():
        raise Unopenable(f"{path.name}: tệp là một liên kết (symlink), không được đọc. Hãy đặt chính bảng tính vào đây.")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise Unopenable(f"{path.name}: không mở được tệp ({_reason(error)}).") from None
    with os.fdopen(handle, "rb") as file:
        found = os.fstat(file.fileno())
        if not stat.S_ISREG(found.st_mode):
            raise Unopenable(f"{path.name}: không phải một tệp bảng tính thường (là thư mục, thiết bị hay đường ống), "
                             "không được đọc.")
        if found.st_size > FILE_BYTES:
            raise Unopenable(f"{path.name}: tệp {_over(found.st_size, FILE_BYTES)} của một lần nhập. {_FIX}")
        data = file.read(FILE_BYTES + 1)
    if len(data) > FILE_BYTES:  # grew while being read
        raise Unopenable(f"{path.name}: tệp nặng hơn giới hạn {megabytes(FILE_BYTES)} của một lần nhập. {_FIX}")
    return data


def _over(size: int, limit: int) -> str:
    """'nặng 60 MB, quá giới hạn 40 MB'; just over a limit, 'nặng hơn giới hạn 10 MB' (never '10 MB, over 10 MB')."""
    if megabytes(size) == megabytes(limit):
        return f"nặng hơn giới hạn {megabytes(limit)}"
    return f"nặng {megabytes(size)}, quá giới hạn {megabytes(limit)}"


def _reason(error: OSError) -> str:
    return "tệp là liên kết" if error.errno == errno.ELOOP else "không có quyền đọc, hoặc tệp đã bị xoá"


# Marks counted in the unpacked XML before openpyxl builds anything of it: a sheet of the
# workbook, a merged range, a text of the shared strings, a cell's value (a styled empty cell has
# none), and a document type (Excel never writes one; its entities can expand a few bytes to gigabytes).
_MARKS = (re.compile(rb"<(?:\w+:)?sheet[\s/>]"), re.compile(rb"<(?:\w+:)?mergeCell[\s/>]"),
          re.compile(rb"<(?:\w+:)?si[\s/>]"), re.compile(rb"<(?:\w+:)?(?:v|is)[\s>]"), re.compile(rb"<!DOCTYPE|<!ENTITY"))
UNMERGE = "Hãy bỏ gộp ô (Trang đầu → Gộp và căn giữa) rồi nhập lại."


def check_zip(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse a zip beyond the caps, before openpyxl parses any of it: sizes as declared,
    then each part unpacked in full (its real size, its checksum) without keeping it."""
    entries = archive.infolist()
    if len(entries) > ZIP_ENTRIES:
        raise Unopenable(f"{name}: sổ làm việc có {number(len(entries))} phần, quá giới hạn {number(ZIP_ENTRIES)}. {_FIX}")
    declared = sum(entry.file_size for entry in entries)
    if declared > UNPACKED_BYTES:
        raise Unopenable(f"{name}: sổ làm việc khi giải nén {_over(declared, UNPACKED_BYTES)}. {_FIX}")
    unpacked = values = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise Unopenable(f"{name}: sổ làm việc được đặt mật khẩu hoặc mã hoá nên không đọc được. "
                             "Hãy bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi nhập lại.")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unopenable(f"{name}: sổ làm việc được nén theo cách Excel không dùng nên không đọc được. "
                             "Hãy mở tệp trong Excel, lưu lại dạng .xlsx rồi nhập lại.")
        if entry.file_size > RATIO_FROM and entry.file_size > RATIO * max(entry.compress_size, 1):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise Unopenable(f"{name}: một phần của sổ làm việc nén chặt gấp {number(ratio)} "
                             f"lần, quá giới hạn {number(RATIO)} lần của một bảng tính thật. {_FIX}")
        size, (sheets, merges, strings, cells, doctypes) = _unpacked(archive, entry, UNPACKED_BYTES - unpacked)
        if size is None:
            raise Unopenable(f"{name}: sổ làm việc khi giải nén nặng hơn giới hạn {megabytes(UNPACKED_BYTES)}. {_FIX}")
        unpacked += size
        if doctypes:
            raise Unopenable(f"{name}: sổ làm việc có phần khai báo kiểu tài liệu (DOCTYPE) mà Excel không bao giờ "
                             "viết, nên không được đọc. Hãy mở tệp trong Excel, lưu lại dạng .xlsx rồi nhập lại.")
        if sheets > SHEETS:
            raise Unopenable(f"{name}: sổ làm việc có {number(sheets)} trang tính, quá giới hạn {number(SHEETS)}. {_FIX}")
        if merges > MERGED_RANGES:
            raise Unopenable(f"{name}: một trang tính có {number(merges)} vùng ô gộp, quá giới hạn "
                             f"{number(MERGED_RANGES)}. {UNMERGE}")
        values += cells
        if values > CELLS:
            raise Unopenable(too_many_cells(name))
        if strings > STRINGS:
            raise Unopenable(f"{name}: sổ làm việc có {number(strings)} đoạn chữ khác nhau, quá giới hạn "
                             f"{number(STRINGS)}. {_FIX}")


def _unpacked(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, room: int) -> tuple[int | None, list[int]]:
    """The real unpacked size of a part (None past `room`), and how many of each of _MARKS
    it holds; the part is read in pieces and none of it kept."""
    size = 0
    counts = [0] * len(_MARKS)
    tail = b""  # the end of the last piece: a mark cut in two by the pieces is counted once, whole
    with archive.open(entry) as part:
        while piece := part.read(1 << 16):
            size += len(piece)
            if size > room:
                return None, counts
            text = tail + piece
            for index, mark in enumerate(_MARKS):
                counts[index] += sum(1 for found in mark.finditer(text) if found.end() > len(tail))
            tail = text[-32:]
    return size, counts


def too_many_cells(name: str) -> str:
    return (f"{name}: sổ làm việc có hơn {number(CELLS)} ô có số liệu, quá giới hạn của một lần nhập. "
            "Hãy tách thành nhiều bảng tính nhỏ hơn.")


def damaged(name: str) -> str:
    """A workbook openpyxl or zipfile cannot read, said without their English."""
    return (f"{name}: không mở được sổ làm việc (tệp hỏng, không phải tệp Excel, hoặc lưu dở). Hãy mở tệp trong "
            "Excel, lưu lại dạng .xlsx rồi nhập lại.")

