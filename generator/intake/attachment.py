"""A workbook attached to an issue, fetched with strict bounds.

Whoever opens an issue chooses what its body links to, so only a file GitHub itself stores
for an issue is fetched: an https address on github.com under /user-attachments/files/,
whose redirect leads to GitHub's file storage (for a public repository it needs no token,
and none is ever sent). Every hop is checked before it is followed; the answer must say a
spreadsheet type, stay under a size cap while it is read, and begin as a workbook or a
UTF-8 text does. Each refusal says, in Vietnamese, what to send instead.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .read import SUPPORTED

ATTACHMENT_BYTES = 10_000_000  # as much as the import reads from disk; the template is about 60 KB
REDIRECTS = 3
TIMEOUT = 30  # seconds
# Only what GitHub stores for an issue; a link to any other place is not fetched.
ATTACHMENT = re.compile(r"https://github\.com/user-attachments/files/\d{1,20}/[^\s/?#()<>\[\]\"']{1,200}")
# Where github.com sends the download: its own storage, never any other bucket.
_STORAGE = re.compile(r"objects\.githubusercontent\.com|github-production-user-asset-[0-9a-f]{1,12}\.s3\.amazonaws\.com")
_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-excel.sheet.macroenabled.12", "application/octet-stream", "application/zip",
          "text/csv", "text/plain", "application/csv", "binary/octet-stream"}
_ZIP = b"PK\x03\x04"
_ADVICE = "Hãy kéo thả tệp .xlsx (hoặc .csv) vào ô 'Bảng tính' của biểu mẫu, rồi lưu lại."


class Refused(Exception):
    """An attachment not fetched; the message says why and what to do, in Vietnamese."""


@dataclass(frozen=True)
class Attachment:
    url: str
    name: str  # the file's name as sent, decoded
    suffix: str  # .xlsx, .xlsm or .csv


def attachments(text: str) -> tuple[list[Attachment], list[str]]:
    """The attachment addresses in a form's answer, and the other links it holds (not fetched)."""
    found: list[Attachment] = []
    for url in dict.fromkeys(ATTACHMENT.findall(text)):
        name = urllib.parse.unquote(url.rsplit("/", 1)[1])
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        found.append(Attachment(url, name, suffix))
    others = [url for url in dict.fromkeys(re.findall(r"https?://[^\s)<>\]]+", text)) if not ATTACHMENT.fullmatch(url)]
    return found, others


def _allowed_hop(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or parts.username or parts.password or parts.port not in (None, 443):
        return False
    host = (parts.hostname or "").lower()
    return (host == "github.com" and parts.path.startswith("/user-attachments/files/")) or bool(_STORAGE.fullmatch(host))


class _Hops(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to GitHub's file storage, and only a few times."""

    max_redirections = REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not _allowed_hop(newurl):
            raise Refused(f"tệp đính kèm dẫn tới một nơi không phải kho tệp của GitHub nên không được tải. {_ADVICE}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener(*handlers: Any) -> urllib.request.OpenerDirector:
    """urllib with the redirect check and no proxy, cookie or other handler in between."""
    return urllib.request.build_opener(_Hops(), *handlers)


def fetch(attachment: Attachment, open_url: Callable[..., Any] | None = None) -> bytes:
    """The attachment's bytes, or Refused saying why."""
    if attachment.suffix not in SUPPORTED:
        raise Refused(f"tệp '{attachment.name}' không phải bảng tính .xlsx hay .csv. Nếu là tệp .xls hay .ods, hãy mở "
                      f"bằng Excel và lưu lại dạng .xlsx. {_ADVICE}")
    if not _allowed_hop(attachment.url):
        raise Refused(f"chỉ tải được tệp đính kèm vào biểu mẫu. {_ADVICE}")
    request = urllib.request.Request(attachment.url, headers={"User-Agent": "ketnghia-import"})
    open_url = open_url or opener().open
    try:
        with open_url(request, timeout=TIMEOUT) as answer:
            kind = str(answer.headers.get("Content-Type", "")).split(";")[0].strip().lower()
            if kind not in _TYPES:
                raise Refused(f"tệp '{attachment.name}' không phải bảng tính (máy chủ gửi về loại '{kind or 'không rõ'}'). {_ADVICE}")
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > ATTACHMENT_BYTES:
                raise Refused(_too_large(attachment))
            data = answer.read(ATTACHMENT_BYTES + 1)
    except Refused:
        raise
    except (urllib.error.URLError, OSError, ValueError) as error:
        status = f" (mã {error.code})" if isinstance(error, urllib.error.HTTPError) else ""
        raise Refused(f"không tải được tệp '{attachment.name}'{status}. Kho dữ liệu phải công khai để tải được tệp "
                      f"đính kèm; hãy thử đính kèm lại. {_ADVICE}") from None
    if len(data) > ATTACHMENT_BYTES:
        raise Refused(_too_large(attachment))
    _check_start(attachment, data)
    return data


def _too_large(attachment: Attachment) -> str:
    return (f"tệp '{attachment.name}' nặng hơn {ATTACHMENT_BYTES // 1_000_000} MB, quá giới hạn của một lần gửi. "
            "Hãy tách thành nhiều bảng tính nhỏ hơn.")


def _check_start(attachment: Attachment, data: bytes) -> None:
    if attachment.suffix == ".csv":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Refused(f"tệp '{attachment.name}' không ở bảng mã UTF-8. Trong Excel, hãy lưu bằng 'CSV UTF-8', "
                          "hoặc lưu dạng .xlsx.") from None
        if data.startswith(_ZIP):
            raise Refused(f"tệp '{attachment.name}' là một sổ làm việc Excel mang đuôi .csv: hãy đổi lại đuôi .xlsx.")
    elif not data.startswith(_ZIP):
        raise Refused(f"tệp '{attachment.name}' không phải một sổ làm việc Excel (.xlsx) thật. Hãy mở trong Excel, "
                      "lưu lại dạng .xlsx rồi đính kèm lại.")
