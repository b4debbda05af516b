"""The one strict YAML loader used by every tool and test.

Built on libyaml's C composer. Our own resolver keeps every scalar as the
text that was written; only plain `true`/`false`, `null`/`~`/empty and plain
decimal integers without a leading zero become other types. So `NO`, `0123`,
`12:30`, `3.10` and `2021-02-30` stay strings and the schema reports them,
quoting what the file says.
"""
from __future__ import annotations

import bisect
import errno
import os
import re
import stat
import sys
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser

from .diagnostics import ERROR, Diagnostic, FieldPath

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 16
MAX_FLOW_BRACKETS = 2_000

_IMPLICIT = "?"
INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# Longer than any amount (a trillion đồng has 13 digits); past 4,300 digits int() refuses.
MAX_INT_DIGITS = 30
# Tabs and the odd spaces that Word and web pages paste in (no-break, ideographic…).
_ODD_SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000"  # a character class's inside
_BAD_INDENT = re.compile(f"^[ ]*[\t{_ODD_SPACES}]", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Path = FieldPath  # a value's place: keys and list indexes from the root
Positions = dict[FieldPath, tuple[int, int]]  # 1-based line and column
_INTERNED_LENGTH = 64


@dataclass
class Document:
    """A loaded record: its data and where each value was written."""

    file: str
    data: Any
    positions: Positions | PackedPositions = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int]:
        """Line and column of `path`, or of its nearest written ancestor."""
        path = tuple(path)
        while path:
            found = self.positions.get(path)
            if found:
                return found
            path = path[:-1]
        return self.positions.get(()) or (1, 1)


def _paths(value: Any, path: Path) -> Iterator[Path]:
    """Every place in `value`, in the order the parse met them: a value before what it holds."""
    yield path
    if value.__class__ is dict:
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif value.__class__ is list:
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


class PackedPositions:
    """Takes the place of Document.positions once a record's own checks are done.

    As a dict, a record's positions cost more memory than its data. Cross-record rules
    rarely report anything, so only the numbers are kept (line and column of each place, in
    the order the parse met them, which is the order of a walk through the data) and the
    dict is made again from them, without reading the file, when a rule reports on it."""

    __slots__ = ("data", "numbers", "path", "_loaded")

    def __init__(self, doc: Document, path: str):
        self.data = doc.data
        positions = doc.positions
        self.numbers: array[int] = positions.numbers if isinstance(positions, PackedPositions) else array(
            "I", [number for place in positions.values() for number in place])
        self.path = path  # read again only if the data was changed since, and the walk no longer fits
        self._loaded: Positions | None = None

    def get(self, path: Path, default: tuple[int, int] | None = None) -> tuple[int, int] | None:
        if self._loaded is None:
            self._loaded = self._unpack()
        return self._loaded.get(path, default)

    def _unpack(self) -> Positions:
        places = list(_paths(self.data, ()))
        if 2 * len(places) == len(self.numbers):
            numbers = iter(self.numbers)
            return {place: (line, col) for place, line, col in zip(places, numbers, numbers, strict=False)}
        doc, _ = load_file(self.path, self.path)
        return doc.positions if doc is not None and isinstance(doc.positions, dict) else {}


class LoadError(Exception):
    def __init__(self, code: str, line: int, col: int, message: str):
        super().__init__(message)
        self.code, self.line, self.col, self.message = code, line, col, message


class _Composer(CParser):
    """libyaml's composer with a resolver that decides nothing."""

    def resolve(self, kind, value, implicit):
        return _IMPLICIT

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


# libyaml's problems, in words a staff member can act on.
_PROBLEMS = [
    ("found character '\\t'", "có ký tự Tab: YAML chỉ thụt lề bằng dấu cách"),
    ("mapping values are not allowed", "dấu hai chấm đặt sai chỗ; nếu giá trị có dấu ':' hãy đặt nó trong ngoặc kép"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường, hoặc một chuỗi chưa đóng ngoặc kép"),
    ("found unexpected end of stream", "tệp kết thúc khi một chuỗi trong ngoặc kép chưa được đóng"),
    ("did not find expected key", "thụt lề không thẳng hàng: các trường cùng cấp phải thẳng cột"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không thẳng hàng"),
    ("did not find expected node content", "thiếu giá trị hoặc có ký tự không hợp lệ"),
    ("found undefined tag handle", "có thẻ YAML (bắt đầu bằng '!') không được phép"),
    ("control characters are not allowed", "tệp có ký tự điều khiển không in được"),
    ("found unknown escape character", "chuỗi trong ngoặc kép có dấu '\\' không hợp lệ; dùng ngoặc đơn hoặc bỏ dấu '\\'"),
    ("while scanning an alias", "dấu '*' ở đầu giá trị là ký hiệu alias; hãy đặt giá trị trong ngoặc kép"),
    ("while scanning an anchor", "dấu '&' ở đầu giá trị là ký hiệu anchor; hãy đặt giá trị trong ngoặc kép"),
    ("found character that cannot start any token", "giá trị bắt đầu bằng ký tự đặc biệt; hãy đặt nó trong ngoặc kép"),
    ("expected <block end>, but found '-'", "phần tử danh sách thụt lề sai"),
    ("expected <block end>", "thụt lề không thẳng hàng: các trường cùng cấp phải thẳng cột"),
    ("expected ',' or ']'", "danh sách trong ngoặc vuông chưa đóng hoặc thiếu dấu phẩy"),
    ("expected ',' or '}'", "bảng trong ngoặc nhọn chưa đóng hoặc thiếu dấu phẩy"),
    ("expected a single document", "tệp có nhiều tài liệu YAML (dấu '---'): mỗi tệp chỉ chứa một hồ sơ"),
    ("did not find expected <document start>", "có nội dung sau dòng '...' (kết thúc tài liệu): hãy xoá dòng '...'"),
    ("found incompatible YAML document", "chỉ thị %YAML không được hỗ trợ: hãy xoá dòng bắt đầu bằng '%'"),
    ("block sequence entries are not allowed", "mỗi mục danh sách ('- ') phải nằm trên một dòng riêng, thụt lề dưới tên trường"),
    ("exceeded maximum nesting depth", "cấu trúc lồng quá sâu; một hồ sơ không cần sâu như vậy"),
    ("found invalid Unicode character escape code", "chuỗi trong ngoặc kép có mã '\\u' không hợp lệ: hãy gõ thẳng ký tự"),
]

_OS_ERRORS = {
    errno.ENOENT: "tệp không tồn tại (một liên kết trỏ tới tệp đã mất?)",
    errno.EACCES: "không có quyền đọc tệp",
    errno.EISDIR: "đây là một thư mục",
    errno.ELOOP: "liên kết vòng quanh, không trỏ tới tệp nào",
}


def _explain(problem: str | None, context: str | None) -> str:
    text = f"{context or ''} {problem or ''}"
    for needle, words in _PROBLEMS:
        if needle in text:
            return words
    return f"cú pháp YAML không hợp lệ ({problem})"


# The start of a field name: indentation, maybe a list dash, a first character that is no
# quote, comment, colon or dash.
_FIELD_START = r"""^[ ]*(?:-[ ]+)?[^\s:'"#\-]"""
# A line that starts a new field: what follows a quote that was never closed.
_KEY_LINE = re.compile(_FIELD_START + r"[^:#]*:(?:[ ]|$)")


def _unclosed_quote(text: str, before_line: int) -> tuple[int, str] | None:
    """(line, quote) of the first quoted value before `before_line` that runs on into a line
    that looks like the next field.

    libyaml lets a quoted string run over several lines, so a missing closing quote
    surfaces lines later; staff need the line where it opened. A string that is meant to
    run on (its next line does not look like a field) is left alone."""
    lines = text.split("\n")
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            start, end = token.start_mark.line, token.end_mark.line
            if start + 1 >= before_line:
                break
            if (token.__class__ is yaml.ScalarToken and token.style in ('"', "'") and end > start
                    and _KEY_LINE.match(lines[start + 1])):
                return start + 1, token.style
    except yaml.YAMLError:
        pass  # the tokens up to the error are the ones that matter
    return None


# A field name followed by a full-width colon, or by a colon and an odd space pasted from Word.
_ODD_COLON = re.compile(_FIELD_START + f"[^:：#\n]*(：|:[{_ODD_SPACES}])", re.MULTILINE)


def _odd_colon(text: str, before_line: int) -> tuple[str, int, int, str] | None:
    """Explains a syntax error caused by what looks like a colon and a space but is not."""
    for found in _ODD_COLON.finditer(text):
        line, col = _position_of(text, found.start(1))
        if line > before_line:
            break
        if found.group(1) == "：":
            return "YAML_SYNTAX", line, col, "dấu hai chấm '：' (toàn chiều rộng) không phải dấu ':': hãy gõ lại bằng dấu ':' thường"
        space = ord(found.group(1)[1])
        return ("YAML_TAB", line, col + 1,
                f"sau dấu ':' là khoảng trắng đặc biệt U+{space:04X}: hãy xoá và gõ lại bằng dấu cách thường")
    return None


def _decode(raw: bytes) -> str:
    # UTF-32 first: its byte order mark begins as UTF-16's, and ASCII in it has three NULs.
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or b"\x00\x00\x00" in raw[:4]:
        raise LoadError("FILE_ENCODING", 1, 1, "tệp được lưu bằng UTF-32; hãy lưu lại bằng mã UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and (raw[0] == 0 or raw[1] == 0)):
        raise LoadError("FILE_ENCODING", 1, 1, "tệp được lưu bằng UTF-16; hãy lưu lại bằng mã UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise LoadError(
            "FILE_ENCODING", line, col,
            f"byte 0x{raw[error.start]:02x} không phải UTF-8; hãy lưu tệp bằng mã UTF-8",
        ) from None
    return text


def _position_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_CONTENT = re.compile(r"^[ \t]*[^#\s]", re.MULTILINE)


# Every character that _BAD_INDENT or _CONTROL needs: one scan with a plain character
# class (fast in `re`) rules both out; two scans, or one alternation of the two, cost 3-4x more.
_ODD_CHARACTER = re.compile("[\t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# What git writes into a file when a merge conflicts: always at a line's start, where no
# value of a record can be.
_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)


def _precheck(text: str) -> None:
    if not _CONTENT.search(text):
        raise LoadError("YAML_EMPTY", 1, 1, "tệp trống: mỗi tệp phải chứa một hồ sơ")
    if "<<<<<<<" in text or "=======" in text or ">>>>>>>" in text:
        found = _CONFLICT.search(text)
        if found:
            raise LoadError("FILE_MERGE_CONFLICT", _position_of(text, found.start())[0], 1,
                            f"còn dấu xung đột khi gộp nhánh '{found.group().strip()}': hãy giữ một trong hai phiên bản "
                            "rồi xoá các dòng <<<<<<<, ======= và >>>>>>>")
    if _ODD_CHARACTER.search(text) is None and (
            len(text) <= MAX_FLOW_BRACKETS or text.count("[") + text.count("{") <= MAX_FLOW_BRACKETS):
        return  # the common case: nothing below can fire
    found = _BAD_INDENT.search(text)
    if found:
        line, col = _position_of(text, found.end() - 1)
        name = "Tab" if found.group()[-1] == "\t" else f"khoảng trắng đặc biệt U+{ord(found.group()[-1]):04X}"
        raise LoadError("YAML_TAB", line, col, f"thụt lề bằng ký tự {name}: hãy xoá và gõ lại bằng dấu cách thường")
    control = _CONTROL.search(text)
    if control:
        line, col = _position_of(text, control.start())
        name = "NUL" if control.group() == "\x00" else f"U+{ord(control.group()):04X}"
        raise LoadError("FILE_CONTROL_CHAR", line, col, f"tệp có ký tự điều khiển {name}: hãy xoá nó")
    if text.count("[") + text.count("{") > MAX_FLOW_BRACKETS:
        raise LoadError("YAML_NESTING", 1, 1, "tệp có quá nhiều ngoặc lồng nhau; một hồ sơ không cần cấu trúc sâu như vậy")


def _check_anchors(text: str) -> None:
    """Anchors and aliases are refused; look for them only when '&' or '*' appear."""
    if "&" not in text and "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor and event.start_mark is not None:
                kind = "alias '*" if isinstance(event, yaml.AliasEvent) else "anchor '&"
                raise LoadError(
                    "YAML_ALIAS", event.start_mark.line + 1, event.start_mark.column + 1,
                    f"{kind}{anchor}' không được phép: hãy viết đầy đủ giá trị",
                )
    except yaml.YAMLError:
        return  # the composer reports syntax errors with their place


def _scalar(node) -> Any:
    value = node.value
    if node.style:  # quoted or block scalars are always text
        control = _CONTROL.search(value) if node.style == '"' else None
        if control:
            # An escape (\0, \x01, \e) writes what the raw-text check cannot see.
            mark = node.start_mark
            raise LoadError("FILE_CONTROL_CHAR", mark.line + 1, mark.column + 1,
                            f"chuỗi có ký tự điều khiển U+{ord(control.group()):04X} (viết bằng dấu '\\'): hãy xoá nó")
        return value
    if value in ("true", "false"):
        return value == "true"
    if value in ("", "~", "null"):
        return None
    if len(value) <= MAX_INT_DIGITS and INT.match(value):
        return int(value)
    return value


class _Builder:
    """Turns composed nodes into plain values, remembering positions.

    Aliases never reach here: `_check_anchors` refuses any anchor first, so
    every node is visited once and an alias bomb cannot expand."""

    def __init__(self):
        self.positions: Positions = {}

    def build(self, node, path: Path, depth: int) -> Any:
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if node.tag != _IMPLICIT:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise LoadError("YAML_TAG", mark.line + 1, mark.column + 1,
                            f"thẻ YAML '{tag}' không được phép: hãy xoá phần bắt đầu bằng '!'")
        if depth > MAX_DEPTH:
            raise LoadError("YAML_NESTING", mark.line + 1, mark.column + 1,
                            f"cấu trúc lồng quá {MAX_DEPTH} cấp; một hồ sơ không cần sâu như vậy")
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return _scalar(node)
        if kind is yaml.SequenceNode:
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _mapping(self, node, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        positions = self.positions
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag != _IMPLICIT:
                raise LoadError("YAML_KEY", key_mark.line + 1, key_mark.column + 1,
                                "tên trường phải là một chữ đơn giản")
            key = sys.intern(key_node.value)  # the same field names in every record: keep one copy
            if key in result:
                first = positions.get(path + (key,), (0, 0))[0]
                raise LoadError("YAML_DUPLICATE_KEY", key_mark.line + 1, key_mark.column + 1,
                                f"trường '{key}' xuất hiện hai lần (lần đầu ở dòng {first}): hãy giữ một")
            if value_node.__class__ is yaml.ScalarNode and value_node.tag == _IMPLICIT:
                # The common case, inlined: this loop runs for every field of every record.
                value_mark = value_node.start_mark
                positions[path + (key,)] = (value_mark.line + 1, value_mark.column + 1)
                value = _scalar(value_node)
                if value.__class__ is str and len(value) <= _INTERNED_LENGTH:
                    value = sys.intern(value)  # codes, ids, dates, publishers repeat across records
                result[key] = value
            else:
                result[key] = self.build(value_node, path + (key,), depth + 1)
                # A nested block starts on the next line: point at its key instead.
                positions[path + (key,)] = (key_mark.line + 1, key_mark.column + 1)
        return result


class _OriginalColumns:
    """Columns as the file on disk has them, for a file that was not NFC.

    The parse sees the NFC text, where "ệ" written as e + two combining marks is one
    character; an editor counts three. NFC only joins a character with the combining marks
    that follow it, so each run of them maps to one place."""

    def __init__(self, original: str):
        self.lines = original.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.maps: dict[int, list[tuple[int, int]]] = {}  # line -> (NFC offset, original offset) of each run

    def column(self, line: int, col: int) -> int:
        if not 0 < line <= len(self.lines):
            return col
        if line not in self.maps:
            starts: list[tuple[int, int]] = []
            nfc_length = 0
            text = self.lines[line - 1]
            run = 0
            for i in range(1, len(text) + 1):
                if i == len(text) or not unicodedata.combining(text[i]):
                    starts.append((nfc_length, run))
                    nfc_length += len(unicodedata.normalize("NFC", text[run:i]))
                    run = i
            self.maps[line] = starts
        # The last run that starts at or before the column; a search, not a scan, since
        # one long line may hold thousands of values to place.
        starts = self.maps[line]
        at = bisect.bisect_right(starts, (col - 1, float("inf"))) - 1
        if at < 0:
            return col
        nfc_offset, offset = starts[at]
        return offset + (col - 1 - nfc_offset) + 1

    def document(self, doc: Document) -> Document:
        if isinstance(doc.positions, dict):
            doc.positions = {path: (line, self.column(line, col)) for path, (line, col) in doc.positions.items()}
        return doc


def parse_text(text: str, file: str) -> Document:
    """Parse already-decoded text; raises LoadError."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        columns = _OriginalColumns(text)
        try:
            return columns.document(_parse(unicodedata.normalize("NFC", text), file))
        except LoadError as error:
            error.col = columns.column(error.line, error.col)
            raise
    return _parse(text, file)


def _parse(text: str, file: str) -> Document:
    if "\r" in text:  # Windows or old Mac line ends: one kind of line break for every check
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    _precheck(text)
    _check_anchors(text)
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "end of stream" in str(error.problem) and error.context_mark:
            mark = error.context_mark  # an unclosed quote: point where it opened
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        said = f"{error.context} {error.problem}"
        code = "YAML_MULTI_DOC" if "single document" in said else "YAML_NESTING" if "nesting depth" in said else "YAML_SYNTAX"
        odd = _odd_colon(text, line) if code == "YAML_SYNTAX" else None
        if odd:
            raise LoadError(*odd) from None
        opened = _unclosed_quote(text, line) if code == "YAML_SYNTAX" else None
        if opened:
            at, quote = opened
            name = "dấu ngoặc kép (\")" if quote == '"' else "dấu nháy đơn (')"
            raise LoadError(code, at, 1, f"{name} mở ở dòng {at} chưa được đóng: hãy thêm nó ở cuối giá trị") from None
        raise LoadError(code, line, col, _explain(error.problem, error.context)) from None
    except (yaml.YAMLError, RecursionError, MemoryError) as error:
        raise LoadError("YAML_SYNTAX", 1, 1, f"không đọc được tệp YAML ({type(error).__name__})") from None
    if node is None:
        raise LoadError("YAML_EMPTY", 1, 1, "tệp trống: mỗi tệp phải chứa một hồ sơ")
    builder = _Builder()
    data = builder.build(node, (), 0)
    if not isinstance(data, dict):
        line, col = builder.positions[()]
        raise LoadError("YAML_NOT_MAPPING", line, col,
                        "tệp phải là một bảng các trường dạng 'tên: giá trị', không phải danh sách hay giá trị đơn")
    return Document(file, data, builder.positions)


def _too_large(size: int) -> LoadError:
    def grouped(number: int) -> str:
        return f"{number:,}".replace(",", ".")

    return LoadError("FILE_TOO_LARGE", 1, 1,
                     f"tệp nặng {grouped(size)} byte, vượt giới hạn {grouped(MAX_FILE_BYTES)} byte của một hồ sơ")


def load_bytes(raw: bytes, file: str) -> Document:
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(len(raw))
    return parse_text(_decode(raw), file)


def read_file(path) -> bytes:
    """The bytes of a record file; LoadError or OSError when it cannot be one."""
    # Non-blocking, so that a pipe does not wait for a writer; one fstat then says what it is.
    # System calls cost here: a file object would make three more per file (20,000 at province scale).
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode):
            # A link to a device or a pipe: reading it could wait or read forever.
            raise LoadError("FILE_UNREADABLE", 1, 1, "không mở được tệp: đây không phải một tệp thường")
        size = found.st_size
        if size > MAX_FILE_BYTES:
            raise _too_large(size)
        raw = os.read(descriptor, size + 1)
        if len(raw) <= size:  # the whole file, as it was when looked at: the common case
            return raw
        parts = [raw]  # it grew since (being written?): read on to its end, within the limit
        while parts[-1]:
            read = sum(map(len, parts))
            if read > MAX_FILE_BYTES:
                raise _too_large(read)
            parts.append(os.read(descriptor, 1 << 16))
        return b"".join(parts)
    finally:
        os.close(descriptor)


def load_file(path, file: str) -> tuple[Document | None, list[Diagnostic]]:
    """Load one record file; never raises for bad content."""
    try:
        return load_bytes(read_file(path), file), []
    except LoadError as error:
        return None, [Diagnostic(file, error.line, error.col, ERROR, error.code, "", error.message)]
    except OSError as error:
        reason = _OS_ERRORS.get(error.errno or 0, f"lỗi hệ thống số {error.errno}")
        return None, [Diagnostic(file, 1, 1, ERROR, "FILE_UNREADABLE", "", f"không mở được tệp: {reason}")]
