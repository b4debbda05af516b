"""Small record trees for the site tests: the real reference data plus invented records.

Invented organizations, partnerships and activities are written here, in tmp_path only;
they never go into records/.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 26)
SOURCE = [
    {
        "title": "Bài báo thử nghiệm",
        "publisher": "Báo thử nghiệm",
        "date": "2023-01-07",
        "url": "https://example.org/bai-bao",
    }
]


def write_record(records: Path, folder: str, data: dict) -> Path:
    path = records / folder / f"{data['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def sponsor(records: Path, oid: str, name: str, **extra) -> None:
    write_record(
        records, "organizations", {"id": oid, "name": name, "kind": "co-quan-tinh", "sources": SOURCE, **extra}
    )


def partnership(records: Path, pid: str, sponsors: list[str], locality: str, **extra) -> None:
    write_record(
        records,
        "partnerships",
        {
            "id": pid,
            "programme": "qd-1100-2020-2025",
            "sponsors": sponsors,
            "locality": locality,
            "basis": ["qd-1100-qd-ubnd-2020"],
            "period": {"start": "2020-04-16", "end": "2025-06-30"},
            "status": "dang-ket-nghia",
            "sources": SOURCE,
            **extra,
        },
    )


def activity(records: Path, aid: str, pid: str, date: str, category: str, title: str, **extra) -> None:
    write_record(
        records,
        f"activities/{date[:4]}",
        {
            "id": aid,
            "partnership": pid,
            "date": date,
            "category": category,
            "status": "hoan-thanh",
            "title": title,
            "sources": SOURCE,
            **extra,
        },
    )


def reference_tree(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    for folder in ("vocabularies", "localities", "documents", "programmes"):
        shutil.copytree(PROJECT / "records" / folder, records / folder)
    (records / "organizations").mkdir()
    shutil.copy(PROJECT / "records" / "organizations" / "ban-dan-toc-tinh.yaml", records / "organizations")  # a coordinator
    return records


# Target communes named as every commune of some districts (invented for these trees: the shipped
# QĐ 1100 gives only a count per district, which tests/test_records_phases.py checks on the real records).
DISTRICT_TARGETS = {
    "within": ["huyen-bac-tra-my", "huyen-dong-giang", "huyen-hiep-duc", "huyen-nam-giang", "huyen-nam-tra-my",
               "huyen-nong-son", "huyen-phuoc-son", "huyen-tay-giang", "huyen-tien-phuoc"],
    "date": "2020-04-16",
    "count": 65,
}


def targets_by_districts(records: Path, programme_id: str = "qd-1100-2020-2025") -> None:
    path = records / "programmes" / f"{programme_id}.yaml"
    programme = yaml.safe_load(path.read_text(encoding="utf-8"))
    programme["targets"] = DISTRICT_TARGETS
    write_record(records, "programmes", programme)


def small_tree(tmp_path: Path) -> Path:
    """Two sponsors, two partnerships (one with a border commune), four activities; QĐ 1100's
    target communes are those of its districts (DISTRICT_TARGETS)."""
    records = reference_tree(tmp_path)
    targets_by_districts(records)
    sponsor(records, "so-thu-nghiem", "Sở Thử Nghiệm tỉnh Quảng Nam", short_name="Sở Thử Nghiệm")
    sponsor(records, "tp-thu-nghiem", "UBND thành phố Thử Nghiệm")
    partnership(records, "so-thu-nghiem-xa-phuoc-chanh", ["so-thu-nghiem"], "xa-phuoc-chanh")
    partnership(records, "tp-thu-nghiem-xa-la-dee", ["tp-thu-nghiem"], "xa-la-dee")
    activity(
        records,
        "2023-01-06-mo-hinh-heo",
        "tp-thu-nghiem-xa-la-dee",
        "2023-01-06",
        "mo-hinh-sinh-ke",
        "Mô hình nuôi heo cho 10 hộ nghèo",
        value={"delivered": {"cash": 90_000_000}},
        beneficiaries={"households": 10},
    )
    activity(
        records,
        "2023-01-06-qua-tet",
        "tp-thu-nghiem-xa-la-dee",
        "2023-01-06",
        "tham-tang-qua",
        "Tặng quà Tết",
        value={"delivered": {"in_kind": 30_000_000}},
    )
    activity(
        records,
        "2022-05-tap-huan",
        "so-thu-nghiem-xa-phuoc-chanh",
        "2022-05",
        "tap-huan-lam-an",
        "Tập huấn cách làm ăn",
    )
    activity(
        records,
        "2021-qua",
        "so-thu-nghiem-xa-phuoc-chanh",
        "2021",
        "tham-tang-qua",
        "Thăm hỏi",
        value={"delivered": {"cash": 16_400_000_000}},
    )
    return records


def build_shipped_site(root: Path, env: dict[str, str]) -> Path:
    """A copy of the project in `root` (empty): the shipped records generated as `ketnghia
    generate` does (pipeline.generate, the forked shares and the search index included), then a
    real `mkdocs build --strict` with `env`. The built site's folder."""
    from generator.pipeline import generate
    from generator.project import Project
    from generator.view.config import read_context

    shutil.copy(PROJECT / "mkdocs.yml", root)
    for folder in ("overrides", "generator"):
        shutil.copytree(PROJECT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    records = shutil.copytree(PROJECT / "records", root / "records")
    outcome = generate(records, Project(root).generated, read_context(root), TODAY, docs=root / "docs")
    assert not outcome.errors, [d.text() for d in outcome.errors]
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
                          cwd=root, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return root / "site"
