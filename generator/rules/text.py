"""Free text holds no personal data, no markup and no invisible characters; links are http(s)."""
from __future__ import annotations

import re

from ..catalogue import severity
from ..diagnostics import Diagnostic, field_path
from ..loader import Document

_URL_FIELDS = {"url", "website"}

_PHONE = re.compile(r"(?<![\w.,/-])(?:\+\s?84|\(\+84\)|0)[ .-]?[1-9](?:[ .-]?\d){7,9}(?![\w])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ID_NUMBER = re.compile(r"(?<!\w)(?<!\d[.,])(?:\d{12}|\d{9})(?!\w|[.,]\d)")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>|<\s*/?\s*(?:script|iframe|img|svg|style|a)\b|\]\(|javascript\s*:|\bon\w+\s*=", re.I)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_SCHEME = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+", re.I)

_TEXT_CHECKS = (
    (_EMAIL, "PRIVACY_EMAIL", "có địa chỉ thư điện tử '{}': không ghi thông tin liên lạc cá nhân; hãy xoá"),
    (_PHONE, "PRIVACY_PHONE", "có số điện thoại '{}': không ghi số điện thoại cá nhân; hãy xoá"),
    (_ID_NUMBER, "PRIVACY_ID_NUMBER",
     "có dãy số '{}' giống số CMND/CCCD: không ghi giấy tờ cá nhân; nếu là số tiền hãy viết '120 triệu đồng' hoặc '120.000.000'"),
    (_MARKUP, "TEXT_MARKUP", "có mã HTML hoặc liên kết '{}': chỉ ghi chữ thường, đường dẫn để trong trường url của nguồn"),
    (_INVISIBLE, "TEXT_INVISIBLE", "có ký tự vô hình {}: thường do dán từ Word hay trang web; hãy gõ lại đoạn này"),
)


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def _diagnostic(doc: Document, path, code: str, message: str) -> Diagnostic:
    line, col = doc.position(path)
    return Diagnostic(doc.file, line, col, severity(code), code, field_path(path), message)


def check_document(doc: Document) -> list:
    found = []
    for path, value in _strings(doc.data):
        if path and path[-1] in _URL_FIELDS:
            if ":" in value and not _SCHEME.match(value):  # no scheme at all: the schema's format says so
                found.append(_diagnostic(doc, path, "URL_SCHEME",
                             f"đường dẫn '{value[:80]}' không hợp lệ: chỉ nhận địa chỉ bắt đầu bằng https:// hoặc http://"))
            continue
        for pattern, code, message in _TEXT_CHECKS:
            match = pattern.search(value)
            if match:
                shown = repr(match.group()) if code == "TEXT_INVISIBLE" else match.group()[:60]
                found.append(_diagnostic(doc, path, code, message.format(shown)))
                # Blank what was reported, so a phone number is not reported again as an ID number.
                value = pattern.sub(lambda m: " " * len(m.group()), value)
    return found
