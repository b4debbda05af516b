"""A second province is configuration: its records and its mkdocs.yml, no code.

An invented province (tỉnh Thử Nghiệm, one district, two communes, its own programme and
document) is generated with the package as it is; its pages carry its own name, localities and
programme, and nothing of Quảng Nam or Đà Nẵng. The package itself names no programme,
province or period: a search of its source for the shipped ledger's names finds none."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.cli import main

from site_records import SOURCE, activity, partnership, sponsor, write_record
from support import PROJECT, TODAY

# The names and dates of the shipped ledger's programmes and places, as code could hold them.
SHIPPED = re.compile(r"quảng nam|quang[-_ ]nam|đà nẵng|da[-_ ]nang|1100|2020-2025|16/4/2020|2020-04-16|2025-07-01|1/7/2025",
                     re.IGNORECASE)


def test_the_package_names_no_programme_province_or_period():
    found = []
    shipped = [*(PROJECT / "generator").rglob("*"), *(PROJECT / "schemas").glob("*.json")]  # the schemas ship in it
    for path in sorted(shipped):
        if path.suffix in {".py", ".pot", ".js", ".html", ".css", ".json"} and "__pycache__" not in path.parts:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if SHIPPED.search(line):
                    found.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert found == []


def _province(root: Path) -> Path:
    records = root / "records"
    shutil.copytree(PROJECT / "records" / "vocabularies", records / "vocabularies")
    for path in (records / "vocabularies").glob("*.yaml"):  # the lists, without the shipped documents they cite
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^documents:\n(?:- .*\n)+", "", text), encoding="utf-8")
    mkdocs = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = re.sub(r"(?m)^site_name: .*$", "site_name: Sổ kết nghĩa tỉnh Thử Nghiệm", mkdocs)
    mkdocs = re.sub(r"(?m)^site_description: .*$", "site_description: Kết nghĩa các xã vùng cao của tỉnh Thử Nghiệm", mkdocs)
    mkdocs = re.sub(r"(?m)^repo_url: .*$", "repo_url: https://example.org/tinh-thu-nghiem/so-ket-nghia", mkdocs)
    (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    (root / "docs").mkdir()

    def place(lid, name, level, parent=None, **extra):
        write_record(records, "localities", {"id": lid, "name": name, "level": level,
                                             **({"parent": parent} if parent else {}), **extra, "sources": SOURCE})

    place("tinh-thu-nghiem", "Thử Nghiệm", "tinh")
    place("huyen-nui-cao", "Núi Cao", "huyen", "tinh-thu-nghiem", mountainous=True)
    place("xa-suoi-da", "Suối Đá", "xa", "huyen-nui-cao")
    place("xa-deo-gio", "Đèo Gió", "xa", "huyen-nui-cao")
    write_record(records, "documents", {"id": "kh-7-kh-ubnd-2024", "number": "7/KH-UBND", "kind": "ke-hoach",
                                        "title": "Kế hoạch kết nghĩa các xã vùng cao", "issuer": "UBND tỉnh Thử Nghiệm",
                                        "date": "2024-01-10", "sources": SOURCE})
    write_record(records, "programmes", {
        "id": "kh-7-2024", "name": "Kế hoạch kết nghĩa các xã vùng cao tỉnh Thử Nghiệm",
        "short_name": "Kế hoạch 7 (Thử Nghiệm)", "basis": ["kh-7-kh-ubnd-2024"], "area": "tinh-thu-nghiem",
        "period": {"start": "2024-01-10"}, "targets": {"within": ["huyen-nui-cao"], "date": "2024-01-10", "count": 2},
        "sources": SOURCE,
    })
    sponsor(records, "so-thu-nghiem", "Sở Thử Nghiệm")
    partnership(records, "so-thu-nghiem-xa-suoi-da", ["so-thu-nghiem"], "xa-suoi-da", programme="kh-7-2024",
                basis=["kh-7-kh-ubnd-2024"], period={"start": "2024-02-01"})
    activity(records, "2024-03-01-mo-hinh-ga", "so-thu-nghiem-xa-suoi-da", "2024-03-01", "mo-hinh-sinh-ke",
             "Mô hình nuôi gà cho 5 hộ", value={"delivered": {"cash": 25_000_000}})
    return root


def test_an_invented_province_builds_its_own_site(tmp_path, capsys):
    root = _province(tmp_path / "thu-nghiem")
    today = ["--today", TODAY.isoformat()]
    assert main(["--project", str(root), "validate", *today]) == 0, capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["--project", str(root), "generate", "--out", str(out), *today]) == 0, capsys.readouterr().out
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "# Sổ kết nghĩa tỉnh Thử Nghiệm" in home and "Kết nghĩa các xã vùng cao của tỉnh Thử Nghiệm. Mỗi số liệu" in home
    assert "Kế hoạch 7 (Thử Nghiệm)" in home and "25 triệu đồng" in home
    programme = (out / "chuong-trinh" / "kh-7-2024" / "index.md").read_text(encoding="utf-8")
    assert "đang thực hiện (từ 10/1/2024)" in programme and "xa-deo-gio/" in programme
    coverage = (out / "do-phu" / "index.md").read_text(encoding="utf-8")
    assert "1 trong số 2 xã mục tiêu" in coverage and "xa-deo-gio/" in coverage
    assert (out / "dia-ban" / "xa-suoi-da" / "index.md").is_file()
    every_page = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))
    assert not re.search(r"quảng nam|đà nẵng", every_page, re.IGNORECASE)
