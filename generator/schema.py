"""JSON Schema validation with errors a staff member can act on.

A compiled validator (fastjsonschema) answers "is this record valid?" quickly;
only records that fail are checked again with `jsonschema`, which lists every
error with its path. Both use the same format checkers, and a test keeps them
in agreement.
"""
from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Callable, Iterator
from functools import cache, cached_property
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .catalogue import severity
from .dates import span, written
from .diagnostics import Diagnostic, field_path
from .loader import INT, MAX_INT_DIGITS, Document

if TYPE_CHECKING:
    from jsonschema import ValidationError

# The top-level schemas/ folder, which editors and CI read, is shipped as the package
# `generator.schemas` (pyproject.toml maps it): one copy, found the same way installed or not.
SCHEMA_PACKAGE = "generator.schemas"
SCHEMA_SUFFIX = ".schema.json"


def _schema_folder() -> Traversable:
    """The schemas of this copy of the tool: schemas/ beside the package when it runs from its
    source tree (installed editable or not at all), else the installed package data."""
    beside = Path(__file__).resolve().parent.parent / "schemas"
    if (beside / "__init__.py").is_file() and (beside / f"common{SCHEMA_SUFFIX}").is_file():
        return beside
    return files(SCHEMA_PACKAGE)


def schema_texts() -> dict[str, str]:
    """file name -> text of every schema of the tool."""
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in sorted(_schema_folder().iterdir(), key=lambda e: e.name)
        if entry.name.endswith(SCHEMA_SUFFIX)
    }

_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+\Z")


def is_date(value) -> bool:
    if not isinstance(value, str):
        return True  # the type keyword reports it
    return bool(_FULL_DATE.match(value)) and is_partial_date(value)


def is_partial_date(value) -> bool:
    if not isinstance(value, str):
        return True  # the type keyword reports it
    if not _PARTIAL_DATE.match(value):
        return False
    year, month, day = (value.split("-") + ["1", "1"])[:3]
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return 1900 <= int(year) <= 2100


def is_uri(value) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


FORMATS = {"date": is_date, "partial-date": is_partial_date, "uri": is_uri}


def _format_checker():
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return checker


def _shown(value) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "một số quá lớn"  # never "inf"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(trống)"
    if isinstance(value, (dict, list)):
        return "một bảng" if isinstance(value, dict) else "một danh sách"
    return str(value)


_TYPE_NAMES = {
    "string": "chữ", "integer": "số nguyên", "boolean": "true hoặc false",
    "object": "một bảng trường", "array": "một danh sách",
}


def _date_hint(value: Any, hint: str) -> str:
    """The date staff meant, when they wrote it as they write it elsewhere (15/3/2024)."""
    meant = written(" ".join(str(value).lower().split()))
    try:
        span(meant or "")
    except ValueError:
        return hint
    return hint.split(", ví dụ")[0] + f"; hãy ghi \"{meant}\"" if meant != str(value) else hint


def _type_hint(expected: str, value) -> str:
    if value is None:
        return "chưa có giá trị: hãy điền giá trị, hoặc xoá cả dòng nếu không dùng trường này"
    said = f"tệp ghi {_shown(value)}"
    if expected == "string" and isinstance(value, (int, bool)):
        return f"{said}, nhưng ở đây cần chữ: hãy đặt trong ngoặc kép, ví dụ \"{_shown(value)}\""
    if expected == "integer" and isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+", value):
        # Digits the loader kept as text: too many of them, a leading zero, or quotes around them.
        if len(value) > MAX_INT_DIGITS:
            return f"tệp ghi một số có {len(value)} chữ số: quá lớn để là số tiền hay số lượng, hãy kiểm tra lại"
        if not INT.match(value):
            return f"tệp ghi {value}: số không viết số 0 ở đầu, ví dụ {int(value)}"
        return f"tệp ghi \"{value}\" trong ngoặc kép: số không đặt trong ngoặc, hãy bỏ dấu ngoặc"
    if expected == "integer" and isinstance(value, str):
        return (f"{said}, nhưng ở đây cần một số nguyên viết liền, không dấu chấm, dấu phẩy hay đơn vị "
                f"(ví dụ 90000000 cho 90 triệu đồng)")
    if expected == "boolean":
        return f"{said}: chỉ dùng true hoặc false (chữ thường)"
    if expected == "array" and value is not None and not isinstance(value, list):
        return f"{said}, nhưng ở đây cần một danh sách, ví dụ [{_shown(value)}] hoặc các dòng bắt đầu bằng '- '"
    return f"{said}, nhưng ở đây cần {_TYPE_NAMES.get(expected, expected)}"


class SchemaSet:
    """The schemas of every record type, compiled once."""

    def __init__(self) -> None:
        self.raw: dict[str, dict[str, Any]] = {name: json.loads(text) for name, text in schema_texts().items()}

    # jsonschema (and what it imports for formats) takes about 0.9 s to import; it is
    # only needed to explain a record that the compiled validator refused.
    @cached_property
    def registry(self):
        from referencing import Registry, Resource

        return Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in self.raw.items())

    @cached_property
    def checker(self):
        return _format_checker()

    @cached_property
    def _fast(self) -> dict[str, Callable[[Any], Any]]:
        handlers = {"": lambda uri: self.raw[uri]}
        return {
            name: fastjsonschema.compile(schema, handlers=handlers, formats=FORMATS)
            for name, schema in self.raw.items() if name != "common.schema.json"
        }

    @cached_property
    def _detailed(self) -> dict[str, Any]:  # file name -> jsonschema validator
        import jsonschema

        validator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _ecma_pattern})
        return {
            name: validator(schema, registry=self.registry, format_checker=self.checker)
            for name, schema in self.raw.items() if name != "common.schema.json"
        }

    def is_valid(self, record_type: str, data) -> bool:
        try:
            self._fast[f"{record_type}.schema.json"](data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def iter_errors(self, record_type: str, data: Any) -> Iterator[ValidationError]:
        return self._detailed[f"{record_type}.schema.json"].iter_errors(data)

    def errors(self, record_type: str, data: Any) -> list[ValidationError]:
        return list(self.iter_errors(record_type, data))

    def check(self, record_type: str, doc: Document) -> list[Diagnostic]:
        if self.is_valid(record_type, doc.data):
            return []
        found = []
        for error in self.iter_errors(record_type, doc.data):  # lazily: the loop may stop early
            found.extend(_diagnostics(error, doc))
            if len(found) >= MAX_SCHEMA_FINDINGS:
                # A list of 100,000 wrong codes would take seconds to explain and bury the report.
                del found[MAX_SCHEMA_FINDINGS:]
                found.append(_diagnostic(doc, (), "SCHEMA_TOO_MANY",
                             f"dừng kiểm tra lược đồ của tệp sau {len(found)} lỗi: hãy sửa các lỗi trên rồi kiểm tra lại"))
                break
        if not found:  # the two validators disagree: never let a record through silently
            found.append(_diagnostic(doc, (), "SCHEMA_OTHER", "hồ sơ không khớp lược đồ"))
        return found


def _ecma_pattern(validator, pattern: str, instance, schema):
    """`pattern` as JSON Schema means it (ECMA-262, like fastjsonschema and the editor): a
    final `$` ends the text. Python's `$` also matches before a trailing newline, so an id
    written as a `|` block would pass here after failing the fast check."""
    import jsonschema

    if validator.is_type(instance, "string") and not re.search(_ecma(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma(pattern: str) -> str:
    # The schemas' patterns use `$` only as their last character.
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern


def _odd_letters(value) -> str:
    """Field names and codes are plain ASCII: name what only looks like it (a Cyrillic 'а',
    a zero-width space pasted in)."""
    if not isinstance(value, str) or value.isascii():
        return ""
    odd = ", ".join(f"U+{ord(c):04X} '{c}'" if c.isprintable() else f"U+{ord(c):04X} (không nhìn thấy)"
                    for c in dict.fromkeys(c for c in value if not c.isascii()))
    return f" (có ký tự không phải chữ Latin không dấu: {odd}; hãy xoá và gõ lại)"


MAX_SCHEMA_FINDINGS = 50

# The pattern of the text fields: at least one character that is not a space.
BLANK = "\\S"


def _diagnostic(doc: Document, path, code: str, message: str) -> Diagnostic:
    line, col = doc.position(path)
    return Diagnostic(doc.file, line, col, severity(code), code, field_path(path), message)


def _diagnostics(error: ValidationError, doc: Document) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    keyword, value = error.validator, error.instance
    if keyword == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else str(error.validator_value)
        where = field_path(path) or "hồ sơ"
        return [_diagnostic(doc, path, "SCHEMA_REQUIRED",
                            f"thiếu trường bắt buộc '{name}' trong {where}: hãy thêm dòng '{name}: …'")]
    if keyword == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        return [
            _diagnostic(doc, path + (key,), "SCHEMA_UNKNOWN_FIELD",
                        f"trường '{key}' không có trong lược đồ{_odd_letters(key)}; "
                        f"các trường được dùng: {', '.join(sorted(allowed))}")
            for key in value if key not in allowed
        ]
    if keyword == "type":
        return [_diagnostic(doc, path, "SCHEMA_TYPE", _type_hint(error.validator_value, value))]
    if keyword == "enum":
        codes = ", ".join(map(str, error.validator_value))
        return [_diagnostic(doc, path, "SCHEMA_ENUM",
                            f"mã '{_shown(value)}' không có trong danh mục{_odd_letters(value)}; chọn một trong: {codes}")]
    if keyword == "format":
        hints = {
            "date": "không phải một ngày có thật dạng NNNN-TT-NN, ví dụ 2023-01-06",
            "partial-date": "không phải ngày (NNNN-TT-NN), tháng (NNNN-TT) hay năm (NNNN) có thật, ví dụ 2023-01-06",
            "uri": "không phải đường dẫn đầy đủ, ví dụ https://baoquangnam.vn/…",
        }
        hint = hints.get(error.validator_value, "sai định dạng")
        if error.validator_value in ("date", "partial-date"):
            hint = _date_hint(value, hint)
        return [_diagnostic(doc, path, "SCHEMA_FORMAT", f"tệp ghi {_shown(value)}: {hint}")]
    if keyword == "pattern" and error.validator_value == BLANK:
        # An empty string is minLength's finding already; this one is for spaces alone.
        return [] if value == "" else [_diagnostic(doc, path, "SCHEMA_LENGTH", "chỉ có khoảng trắng: hãy điền nội dung")]
    if keyword == "pattern":
        # The field's own description says what it must look like.
        hint = error.schema.get("description") or f"phải khớp mẫu {error.validator_value}"
        return [_diagnostic(doc, path, "SCHEMA_PATTERN", f"tệp ghi '{_shown(value)}': {hint}")]
    if keyword in ("minLength", "maxLength", "minItems", "maxItems", "uniqueItems"):
        hints = {
            "minLength": "không được để trống",
            "maxLength": f"quá dài (tối đa {error.validator_value} ký tự)",
            "minItems": f"cần ít nhất {error.validator_value} mục",
            "maxItems": f"tối đa {error.validator_value} mục",
            "uniqueItems": "có mục bị lặp lại",
        }
        return [_diagnostic(doc, path, "SCHEMA_LENGTH", hints[keyword])]
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        limit = _shown(error.validator_value)
        said = {"minimum": f"nhỏ hơn mức thấp nhất {limit}: hãy ghi một số từ {limit} trở lên",
                "maximum": f"lớn hơn mức cao nhất {limit}: hãy ghi một số không quá {limit}",
                "exclusiveMinimum": f"phải lớn hơn {limit}", "exclusiveMaximum": f"phải nhỏ hơn {limit}"}[keyword]
        return [_diagnostic(doc, path, "SCHEMA_OTHER", f"tệp ghi {_shown(value)}, {said}")]
    # Any other keyword: the field's own description says what it holds; jsonschema's English never reaches staff.
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if keyword in ("minProperties", "maxProperties"):
        said = "thiếu trường" if keyword == "minProperties" else "có quá nhiều trường"
        return [_diagnostic(doc, path, "SCHEMA_OTHER", f"{said}{': ' + described if described else ''}")]
    return [_diagnostic(doc, path, "SCHEMA_OTHER",
                        f"tệp ghi {_shown(value)}: giá trị không hợp lệ ở đây{'; ' + described if described else ''}")]
