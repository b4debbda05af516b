"""The offline copy: the site built a second time for file:// (no directory URLs, by Material's
`offline` plugin), its links made to name their index.html, zipped into one file that the
open-data page offers with its size and date.

A page made by the generator links folders ("../dia-ban/x/"): from a disk, a folder opens as
a listing, not as its page, so every relative link that ends in "/" gets "index.html".
Search works from disk: the copy's search index gets its files as scripts too, which
search.js loads there, and its entries link files (search_index.for_disk). Material's offline
plugin would add a shim for its search worker, fetched from another host: the site's search has
no worker, and overrides/main.html leaves Material's polyfills out.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

from ..files import replace_whole
from ..i18n import _
from ..view import formats, urls
from ..view.escape import h
from . import search_index

ENV = "KETNGHIA_OFFLINE"  # "true" in the offline build: read by mkdocs.yml
ROOT = "so-ket-nghia"  # the one folder inside the zip
# Where the open-data page offers the copy: empty and hidden until a build has made the zip
# (a page generated without it links nothing that is not there).
PLACE = '<div class="ledger-offline" data-offline-copy hidden data-date="{date}"></div>'
_PLACED = re.compile(r'<div class="ledger-offline" data-offline-copy hidden data-date="(\d{4}-\d\d-\d\d)"></div>')
# A relative link (no scheme, not from the root) whose path ends in a folder.
_FOLDER_LINK = re.compile(r'((?:href|src)=")((?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)[^"#?]*/)([#?][^"]*)?"')


def announcement(data_date: datetime.date | None) -> str:
    """The open-data page's place for the offline copy, carrying the data date."""
    return f"\n{PLACE.format(date=(data_date or datetime.date.min).isoformat())}\n"


def _offer(day: datetime.date, size: int) -> str:
    text = _(
        "Bản sao ngoại tuyến: {link} (tệp zip, {size}; dữ liệu đến ngày {date}). Giải nén rồi mở tệp "
        "<code>index.html</code> bằng trình duyệt, không cần mạng: các trang, liên kết, bảng tải về và ô tìm kiếm "
        "đều dùng được trên máy."
    ).format(
        link=f'<a href="{h(urls.OFFLINE_FILE)}" download>{h(urls.OFFLINE_FILE)}</a>',
        size=h(formats.megabytes(size)),
        date=formats.date(day),
    )
    return f'<div class="ledger-offline" data-date="{day.isoformat()}"><p>{text}</p></div>'


def relink(page: str) -> str:
    """Every relative link to a folder names the folder's index.html."""
    return _FOLDER_LINK.sub(lambda m: f'{m[1]}{m[2]}index.html{m[3] or ""}"', page)


def relink_tree(folder: Path) -> None:
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        changed = relink(text)
        if changed != text:
            _rewrite(path, changed)


def _rewrite(path: Path, text: str) -> None:
    # A new file, never the old one written in place: a file of the built site may share its
    # bytes with the generated folder (build_parts.link).
    replace_whole(str(path), text.encode("utf-8"))


def zip_tree(folder: Path, target: Path, stamp: datetime.date) -> int:
    """Zip `folder` as ROOT/…, entries in name order, all dated `stamp`: the same site gives
    the same zip. Returns its size in bytes."""
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{ROOT}/{path.relative_to(folder).as_posix()}", when)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=6)
    return target.stat().st_size


def data_date(site_dir: Path) -> datetime.date | None:
    """The data date the generator wrote into the open-data page."""
    page = site_dir / urls.source_file(urls.OPEN_DATA).replace("index.md", "index.html")
    found = _PLACED.search(page.read_text(encoding="utf-8")) if page.exists() else None
    return datetime.date.fromisoformat(found[1]) if found else None


def publish(site_dir: Path, offline_dir: Path) -> int:
    """Make `offline_dir` (a build of the site for file://) the zip offered by `site_dir`.
    Returns the zip's size."""
    relink_tree(offline_dir)
    search_index.make_local(offline_dir)
    own = offline_dir / urls.OPEN_DATA / "index.html"  # the copy does not offer itself
    if own.exists():
        _rewrite(own, _PLACED.sub("", own.read_text(encoding="utf-8"), count=1))
    stamp = data_date(site_dir) or datetime.date(2020, 4, 16)
    target = site_dir / urls.OPEN_DATA / urls.OFFLINE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    # A file of that name (hand-written) may be a link to the generated folder's, and to the
    # copy's, being zipped: the zip is a new file, never written into it.
    target.unlink(missing_ok=True)
    size = zip_tree(offline_dir, target, stamp)
    page = site_dir / urls.OPEN_DATA / "index.html"
    if page.exists():
        text = page.read_text(encoding="utf-8")
        _rewrite(page, _PLACED.sub(lambda m: _offer(stamp, size), text, count=1))
    return size
