"""Canonical form (`python -m generator format`) and editor support (modeline, VS Code)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.canonical import FormatError, canonical_text
from generator.cli import main
from generator.loader import load_bytes
from generator.records import RECORD_TYPES
from generator.schema_shape import SchemaShape

PROJECT = Path(__file__).resolve().parent.parent
RECORDS = PROJECT / "records"
RECORD_FILES = sorted(RECORDS.rglob("*.yaml"))
SHAPE = SchemaShape()

MESSY_ACTIVITY = """\
# Ghi chú đầu tệp của người nhập liệu.
sources:
    - url: https://baoquangnam.vn/a.html   # bài gốc
      date: 2023-01-07
      publisher: 'Báo Quảng Nam'
      title: "Quà Tết: cho hộ nghèo"
status: hoan-thanh   # đã trao
title: Quà Tết cho hộ nghèo
value: {delivered: {unspecified: 30000000}}
# Giữ dòng này: nguồn không nêu số hộ.
beneficiaries:
  note: Hộ nghèo
category: tham-tang-qua
date: 2023-01-06
partnership: tam-ky-huyen-nam-giang
id: 2023-01-06-qua-tet
tags: [qd1719-da1]
"""


def _data(text: str):
    return load_bytes(text.encode("utf-8"), "t.yaml").data


def _comments(text: str) -> set[str]:
    found = set()
    for line in text.splitlines():
        if "#" in line and not line.startswith("# yaml-language-server"):
            found.add(line[line.index("#"):].strip())
    return found


def _fmt(text: str, depth: int = 2) -> str:
    return canonical_text(text, "activity", depth, SHAPE)


def test_messy_record_gets_schema_order_and_one_style():
    out = _fmt(MESSY_ACTIVITY)
    keys = [line.split(":")[0] for line in out.splitlines() if line and line[0].isalpha()]
    assert keys == ["id", "partnership", "date", "category", "tags", "title", "status", "value", "beneficiaries", "sources"]
    assert out.splitlines()[0] == "# yaml-language-server: $schema=../../../schemas/activity.schema.json"
    assert '\ndate: "2023-01-06"\n' in out
    assert '\n- title: "Quà Tết: cho hộ nghèo"\n  publisher: Báo Quảng Nam\n  date: "2023-01-07"\n  url: ' in out
    assert "\ntags:\n- qd1719-da1\n" in out
    assert "value:\n  delivered:\n    unspecified: 30000000\n" in out


def test_format_keeps_data_and_comments():
    out = _fmt(MESSY_ACTIVITY)
    assert _data(out) == _data(MESSY_ACTIVITY)
    assert _comments(MESSY_ACTIVITY) <= _comments(out)


def test_format_is_idempotent():
    once = _fmt(MESSY_ACTIVITY)
    assert _fmt(once) == once


@pytest.mark.parametrize("text", [
    "id: x\ncode: 0123\nnote: NO\ntime: 12:30\nversion: 3.10\nflag: yes\nempty: ''\nnumber: '42'\nexp: 1e3\n",
    "id: x\nnote: |\n  dòng một\n  dòng hai\nother: >-\n  gấp\n  dòng\n",
    "id: x\nnote: 'nháy đơn '' và \"kép\"'\nurl: https://a.vn/?q=1#phần\nhash: 'a #b'\n",
    "id: x\n2: số làm tên trường\ntrue: b\nlist: [1, '2', null, ~, '']\ntab: \"a\\tb\"\n",
    "id: x\nnote: |2\n    thụt lề đầu dòng\n  dòng có dấu cách cuối  \n",
])
def test_tricky_scalars_keep_their_value(text):
    out = canonical_text(text, None)
    assert _data(out) == _data(text)
    assert canonical_text(out, None) == out


def test_unknown_keys_stay_after_known_ones():
    out = _fmt("zzz: 1\nid: a\npartnership: b\n")
    assert out.splitlines()[1:] == ["id: a", "partnership: b", "zzz: 1"]


def test_broken_yaml_is_reported_not_rewritten():
    with pytest.raises(FormatError, match="python -m generator validate"):
        _fmt("id: a\n  title: b\n")


def test_wrong_modeline_is_replaced():
    out = canonical_text("# yaml-language-server: $schema=../schemas/x.json\nid: a\n", "document", 1, SHAPE)
    assert out == "# yaml-language-server: $schema=../../schemas/document.schema.json\nid: a\n"


def test_check_detects_an_unformatted_file_and_format_fixes_it(tmp_path, capsys):
    folder = tmp_path / "records" / "activities" / "2023"
    folder.mkdir(parents=True)
    path = folder / "2023-01-06-qua-tet.yaml"
    path.write_text(MESSY_ACTIVITY, encoding="utf-8")
    assert main(["format", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "2023-01-06-qua-tet.yaml: chưa ở dạng chuẩn" in out and "python -m generator format" in out
    assert path.read_text(encoding="utf-8") == MESSY_ACTIVITY  # --check never writes
    assert main(["format", str(tmp_path / "records")]) == 0
    capsys.readouterr()
    assert main(["format", "--check", str(path)]) == 0
    assert _data(path.read_text(encoding="utf-8")) == _data(MESSY_ACTIVITY)


def test_check_prints_github_annotations(tmp_path, capsys):
    path = tmp_path / "records" / "documents" / "a.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("title: b\nid: a\n", encoding="utf-8")
    assert main(["format", "--check", "--format", "github", str(path)]) == 1
    assert "::error file=" in capsys.readouterr().out


def test_a_link_is_neither_read_nor_rewritten(tmp_path, capsys):
    outside = tmp_path / "token.yaml"
    outside.write_text("title: SECRET\nid: a\n", encoding="utf-8")
    link = tmp_path / "records" / "documents" / "a.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    assert main(["format", "--check", str(tmp_path / "records")]) == 1
    out = capsys.readouterr().out
    assert "liên kết (symlink)" in out and "SECRET" not in out
    assert main(["format", str(link)]) == 1
    assert outside.read_text(encoding="utf-8") == "title: SECRET\nid: a\n"


def test_the_github_diff_is_read_by_no_runner_as_commands(tmp_path, capsys):
    path = tmp_path / "records" / "documents" / "a.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("title: |\n  ::add-mask::b\n  ##[error]Đã duyệt\nid: a\n", encoding="utf-8")
    assert main(["format", "--check", "--format", "github", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[start].removeprefix("::stop-commands::")
    end = lines.index(f"::{token}::")
    assert len(token) == 32 and any("::add-mask::b" in line for line in lines[start + 1:end])
    assert not any("::add-mask::" in line or "##[" in line for line in lines[:start] + lines[end + 1:])


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: str(p.relative_to(RECORDS)))
def test_real_records_format_without_changing_data(path):
    text = path.read_text(encoding="utf-8")
    parts = path.relative_to(RECORDS).parts
    out = canonical_text(text, RECORD_TYPES[parts[0]], len(parts) - 1, SHAPE)
    assert _data(out) == _data(text)
    assert canonical_text(out, RECORD_TYPES[parts[0]], len(parts) - 1, SHAPE) == out


# --- editor support ----------------------------------------------------------------------------


def expected_modeline(path: Path) -> str:
    parts = path.relative_to(RECORDS).parts
    return f"# yaml-language-server: $schema={'../' * len(parts)}schemas/{RECORD_TYPES[parts[0]]}.schema.json"


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: str(p.relative_to(RECORDS)))
def test_every_record_starts_with_its_modeline(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == expected_modeline(path)
    schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema.is_file()


def test_vscode_maps_every_record_folder_to_its_schema():
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for folder, record_type in RECORD_TYPES.items():
        schema = f"./schemas/{record_type}.schema.json"
        assert (PROJECT / schema).is_file()
        assert mapping[schema].startswith(f"records/{folder}/")


def test_text_that_yaml_1_1_would_misread_is_quoted():
    out = canonical_text("id: x\nnote: NO\ntime: 12:30\nflag: yes\nname: A Xan\n", None)
    assert out == 'id: x\nnote: "NO"\ntime: "12:30"\nflag: "yes"\nname: A Xan\n'


def test_an_impossible_date_is_reported_not_a_crash(tmp_path, capsys):
    path = tmp_path / "records" / "documents" / "a.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("id: a\ndate: 2023-02-30\n", encoding="utf-8")
    assert main(["format", "--check", str(path)]) == 1
    assert "không định dạng được" in capsys.readouterr().out


def test_a_disk_that_refuses_is_said_and_leaves_the_record_whole(tmp_path, capsys, monkeypatch):
    import errno
    import os

    folder = tmp_path / "records" / "activities" / "2023"
    folder.mkdir(parents=True)
    path = folder / "2023-01-06-qua-tet.yaml"
    path.write_text(MESSY_ACTIVITY, encoding="utf-8")

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(os, "replace", full)
    assert main(["format", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ổ đĩa đã đầy" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == MESSY_ACTIVITY
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left


def test_a_comment_moves_with_the_field_it_describes():
    text = ('id: x\n# Loại đơn vị: ghi chú của kind\nkind: co-quan-dang\nsources:\n- title: a  # cuối dòng\n'
            '  # về ngày\n  date: "2020"\n  publisher: b\n# Tên đầy đủ\nname: Báo X\n')
    lines = canonical_text(text, "organization", 1).splitlines()
    assert lines[lines.index("name: Báo X") - 1] == "# Tên đầy đủ"
    assert lines[lines.index("kind: co-quan-dang") - 1] == "# Loại đơn vị: ghi chú của kind"
    assert lines[lines.index('  date: "2020"') - 1] == "  # về ngày"
    assert "- title: a  # cuối dòng" in lines


def test_invisible_differences_are_said_in_words_and_fixed(tmp_path, capsys):
    folder = tmp_path / "records" / "documents"
    folder.mkdir(parents=True)
    path = folder / "a.yaml"
    path.write_bytes(b"# yaml-language-server: $schema=../../schemas/document.schema.json\r\nid: a\r\n"
                     b"kind: quyet-dinh  \r\ntitle: T\xc3\xaan")
    assert main(["format", "--check", "--no-diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert "xuống dòng kiểu Windows (CRLF)" in out and "dòng 3 kết thúc bằng khoảng trắng" in out
    assert "dòng cuối chưa có dấu xuống dòng" in out
    assert main(["format", str(path)]) == 0
    assert path.read_bytes().endswith(b"kind: quyet-dinh\ntitle: T\xc3\xaan\n")
