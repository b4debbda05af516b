"""datapackage.json: the Frictionless description of the downloads, with field descriptions,
keys, the licence and a version that changes exactly when the data does."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from importlib import metadata
from typing import Any

from slugify import slugify

from ..files import Data, Parts, whole
from ..i18n import _
from ..view import formats, urls
from ..view.model import Site
from .dictionary import Described, describe
from .downloads import DATASETS, tables

PACKAGE = "ketnghia-quangnam"  # the distribution of pyproject.toml: its version leads the data's
DATA_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International", "path": urls.DATA_LICENCE}


def code_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "0"


def version(digests: dict[str, bytes]) -> str:
    """The tool's version, then a digest of the data files (`digests`: each file's SHA-256, by
    name): the same records give the same version, any change to a download gives another
    (SemVer build metadata)."""
    digest = hashlib.sha256()
    for name in sorted(digests):
        digest.update(name.encode("utf-8") + b"\0" + digests[name])
    return f"{code_version()}+{digest.hexdigest()[:12]}"


def _description(title: str, en: str, meaning: str) -> str:
    parts = [meaning or title]
    if en:
        parts.append(f"(English) {en}.")
    return " ".join(parts)


def _schema(described: Described) -> dict[str, Any]:
    fields = []
    for entry in described.entries:
        field: dict[str, Any] = {"name": entry.name, "type": entry.type, "title": entry.title,
                                 "description": _description(entry.title, entry.en, entry.meaning)}
        if entry.unit:
            field["unit"] = entry.unit
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""],
                              "primaryKey": list(described.dataset.primary_key)}
    if described.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": target.name, "fields": "id"}}
            for column, target in described.foreign_keys
        ]
    return schema


def _resources(described: Described) -> list[dict[str, Any]]:
    dataset = described.dataset
    title = _(dataset.title)
    return [
        {
            "name": dataset.name,
            "title": title,
            "description": dataset.en,
            "path": f"{dataset.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": _schema(described),
        },
        {
            "name": f"{dataset.name}-json",
            "title": _("{dataset} (JSON, đủ các trường của hồ sơ)").format(dataset=title),
            "description": f"{dataset.en} (JSON, every field of the records)",
            "path": f"{dataset.name}.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        },
    ]


def data_date(site: Site) -> str:
    """The newest record's day, as the package and the open-data page give it ("" with no record)."""
    return site.newest.isoformat() if site.newest else ""


def citation(site: Site, data_version: str = "") -> str:
    """How to cite the data: the ledger's name, the data date, the version (the package's; the
    open-data page points to it instead of computing the tables twice), the licence, the address."""
    date = formats.date(data_date(site)) if site.newest else _("chưa có dữ liệu")
    if data_version:
        text = _("{site}, dữ liệu cập nhật đến {date}, phiên bản {version}. Giấy phép CC BY 4.0.").format(
            site=site.identity.name, date=date, version=data_version)
    else:
        text = _("{site}, dữ liệu cập nhật đến {date}. Giấy phép CC BY 4.0.").format(site=site.identity.name, date=date)
    return f"{text} {site.identity.repository}" if site.identity.repository else text


def package(site: Site, digests: dict[str, bytes]) -> bytes:
    resources = [r for dataset in DATASETS.values() for r in _resources(describe(site, dataset))]
    data_version = version(digests)
    data = {
        "name": slugify(site.identity.name),
        "title": site.identity.name,
        "description": _(
            "Dữ liệu mở sinh từ các hồ sơ YAML đã được kiểm tra. "
            "Tiền tính bằng đồng; ô trống là chưa báo cáo, không phải bằng 0."
        ),
        "homepage": site.identity.repository,
        "version": data_version,
        # The data's own date (the newest record), not the build's: the same records, the same bytes.
        "data_date": data_date(site),
        "citation": citation(site, data_version),
        "licenses": [DATA_LICENCE],
        "resources": resources,
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def open_data(site: Site) -> dict[str, bytes]:
    """{file name below du-lieu-mo/: bytes}: the tables and the package describing them."""
    return {name: whole(data) for name, data in each_file(site)}


def each_file(site: Site) -> Iterator[tuple[str, Data]]:
    """(file name below du-lieu-mo/, its bytes or parts): the tables one at a time, each in parts
    read as they are written (files.Parts), then the package, which needs only their digests,
    taken as the parts pass: no table is held whole. Each table must be read before the next."""
    digests: dict[str, _Digest] = {}
    for name, parts in tables(site):
        digests[name] = digest = _Digest()
        yield name, Parts(digest.of(parts))
    yield "datapackage.json", package(site, {name: digest.value() for name, digest in digests.items()})


class _Digest:
    """The SHA-256 of a table's parts, taken as they pass on to be written."""

    def __init__(self) -> None:
        self.sha, self.read = hashlib.sha256(), False

    def of(self, parts: Iterable[bytes]) -> Iterator[bytes]:
        for part in parts:
            self.sha.update(part)
            yield part
        self.read = True

    def value(self) -> bytes:
        if not self.read:  # the version would not be the data's
            raise RuntimeError("a table was not read to its end before the package was made")
        return self.sha.digest()
