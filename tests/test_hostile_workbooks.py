"""A workbook is hostile input too: each of these is refused with a Vietnamese message, in
bounded memory, without a traceback, and the workbooks after it are still planned.

Every file is made here, none larger than 1 MB on disk (a file over the size cap is sparse).
The import runs in a child process under an address-space limit of 300 MB and a generous
timeout: a workbook that made it read without bound would fail the test, not slow it.
"""
from __future__ import annotations

import io
import os
import re
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_intake import _header_letters, _template, staff_workbook

from generator.cli import main
from generator.intake import bounds
from generator.intake.plan import make_plan
from generator.intake.read import Unopenable, read
from generator.intake.template import sheet_title

from support import PROJECT, TODAY, build_tree

MEMORY = 300 * 1024 * 1024
WRITTEN = 50 * 1024 * 1024  # the largest file the import may write (a record, the job summary)
CPU_SECONDS = 120  # the whole corpus; each file takes about a second, most of it the ledger's validation
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture
def project(tmp_path):
    records = build_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: thử\n", encoding="utf-8")
    return records


def _base() -> dict[str, bytes]:
    """The parts of a small workbook openpyxl writes: one sheet, A1 = 'Ngày'."""
    book = openpyxl.Workbook()
    book.active["A1"] = "Ngày"  # type: ignore[index]
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _sheet(rows: str, after: str = "") -> bytes:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData>{after}</worksheet>'.encode()


def _with_sheet(rows: str, after: str = "") -> bytes:
    return _zip({**_base(), "xl/worksheets/sheet1.xml": _sheet(rows, after)})


def _patched(data: bytes, offset_local: int, offset_central: int, value: int, size: str = "<H") -> bytes:
    """The first part's header field set to `value` in both the local and central headers."""
    data = bytearray(data)
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into(size, data, local + offset_local, value)
    struct.pack_into(size, data, central + offset_central, value)
    return bytes(data)


def _lying_size() -> bytes:
    """Shared strings that unpack to 60 MB, declared as 100 bytes."""
    big = b"<sst><si><t>" + b"A" * 60_000_000 + b"</t></si></sst>"
    return _patched(_zip({"xl/sharedStrings.xml": big, **_base()}), 22, 24, 100, "<I")


def _bad_crc() -> bytes:
    data = bytearray(_zip(_base(), zipfile.ZIP_STORED))
    at = data.index(b"<worksheet")
    data[at + 1] = ord("W")
    return bytes(data)


def _many_sheets() -> bytes:
    parts = _base()
    sheets = "".join(f'<sheet name="T{i}" sheetId="{i + 1}" r:id="rId1"/>' for i in range(20_000))
    parts["xl/workbook.xml"] = re.sub(rb"<sheets>.*</sheets>", f"<sheets>{sheets}</sheets>".encode(),
                                      parts["xl/workbook.xml"], flags=re.S)
    return _zip(parts)


def _merged(refs: list[str]) -> bytes:
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    return _with_sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
                       f'<mergeCells count="{len(refs)}">{cells}</mergeCells>')


def _many_cells() -> bytes:
    row = "<c><v>1</v></c>" * 50  # rows numbered: packed about 100 times, under the ratio cap
    return _with_sheet("".join(f'<row r="{n}">{row}</row>' for n in range(1, 6_202)))


def _many_strings() -> bytes:
    strings = "".join(f"<si><t>x{i % 500}</t></si>" for i in range(bounds.STRINGS + 1))  # packed about 100 times
    return _zip({**_base(), "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{strings}</sst>'.encode()})


def _laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return _zip({**_base(), "xl/worksheets/sheet1.xml": (f'<?xml version="1.0"?><!DOCTYPE w [{entities}]>'
                                                         f'<worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr">'
                                                         '<is><t>&a9;</t></is></c></row></sheetData></worksheet>').encode()})


# name -> (content, a words of the refusal); every one is refused as a whole workbook.
CORPUS = {
    "chuoi-500mb.xlsx": (lambda: _zip({**_base(), "xl/sharedStrings.xml": b"<sst><si><t>" + b"A" * 60_000_000
                                       + b"</t></si></sst>"}), "khi giải nén nặng"),
    "khai-sai-co.xlsx": (_lying_size, "không mở được sổ làm việc"),
    "nen-chat.xlsx": (lambda: _zip({**_base(), "docProps/x.xml": b" " * 5_000_000}), "nén chặt gấp"),
    "dong-cuoi.xlsx": (lambda: _with_sheet('<row r="1048576"><c r="A1048576"><v>1</v></c></row>'), "ô A1048576"),
    "cot-ngoai-xfd.xlsx": (lambda: _with_sheet('<row r="2"><c r="XFE2"><v>1</v></c></row>'), "ô XFE2"),
    "gop-toan-trang.xlsx": (lambda: _merged(["A1:XFD1048576"]), "vùng ô gộp A1:XFD1048576"),
    "gop-100.xlsx": (lambda: _merged([f"A{i * 200 + 1}:Z{i * 200 + 200}" for i in range(100)]), "phủ 520.000 ô"),
    "gop-100-toan-trang.xlsx": (lambda: _merged(["A1:XFD1048576"] * 100), "vượt ra ngoài vùng được đọc"),
    "20000-trang.xlsx": (_many_sheets, "20.000 trang tính"),
    "nhieu-phan.xlsx": (lambda: _zip({f"x/{i}.xml": b"" for i in range(1_000)}), "1.000 phần"),
    "nhieu-o.xlsx": (_many_cells, "ô có số liệu"),
    "nhieu-chu.xlsx": (_many_strings, "đoạn chữ khác nhau"),
    "crc-sai.xlsx": (_bad_crc, "không mở được sổ làm việc"),
    "ma-hoa.xlsx": (lambda: _patched(_zip(_base()), 6, 8, 0x1), "mật khẩu"),
    "nen-la.xlsx": (lambda: _patched(_zip(_base(), zipfile.ZIP_STORED), 8, 10, 99), "nén theo cách"),
    "lzma.xlsx": (lambda: _zip(_base(), zipfile.ZIP_LZMA), "nén theo cách"),
    "mat-khau.xlsx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "đặt mật khẩu"),
    "khong-phai-zip.xlsx": (lambda: b"not a zip", "không mở được sổ làm việc"),
    "xml-hong.xlsx": (lambda: _zip({**_base(), "xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}),
                      "không mở được sổ làm việc"),
    "thuc-the.xlsx": (_laughs, "kiểu tài liệu (DOCTYPE)"),
    "so-5000-chu-so.xlsx": (lambda: _with_sheet(f'<row r="2"><c r="A2"><v>{"9" * 5000}</v></c></row>'),
                            "không mở được sổ làm việc"),
    "mot-dong.csv": (lambda: b"Ng\xc3\xa0y," + b"x" * 900_000, "quá giới hạn 100.000"),
    "ngoac-kep.csv": (lambda: b'Ng\xc3\xa0y,"' + b"x\n" * 100_000, "dấu ngoặc kép"),
}
SPARSE = {"lon.xlsx": "nặng 30 MB, quá giới hạn 10 MB", "lon.csv": "nặng hơn giới hạn 10 MB"}
LINKS = {"zero.csv": "/dev/zero", "rand.xlsx": "/dev/urandom"}


def _corpus(folder: Path) -> dict[str, str]:
    """The hostile files in `folder`; their names with the words each refusal must hold."""
    folder.mkdir()
    expected = {}
    for name, (make, words) in CORPUS.items():
        (folder / name).write_bytes(make())
        expected[name] = words
    for (name, words), size in zip(SPARSE.items(), (3 * bounds.FILE_BYTES, bounds.FILE_BYTES + 1), strict=True):
        with open(folder / name, "wb") as handle:
            handle.truncate(size)  # sparse: takes no room on disk
        expected[name] = words
    for name, target in LINKS.items():
        (folder / name).symlink_to(target)
        expected[name] = "liên kết"
    os.mkfifo(folder / "ong.csv")
    expected["ong.csv"] = "không phải một tệp bảng tính thường"
    return expected


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_FSIZE, (WRITTEN, WRITTEN))  # a copy of /dev/zero stops here, not at a full disk


def test_the_corpus_is_small_on_disk(tmp_path):
    _corpus(tmp_path / "imports")
    for path in (tmp_path / "imports").iterdir():
        if path.is_file() and not path.is_symlink():
            assert path.stat().st_blocks * 512 <= 1_000_000, path.name


@pytest.mark.skipif(sys.platform != "linux", reason="links to /dev, fifos and address-space limits as on the CI runner")
def test_each_hostile_workbook_is_refused_in_bounded_memory_and_the_good_one_planned(project, tmp_path):
    expected = _corpus(tmp_path / "imports")
    staff_workbook(project, tmp_path / "imports" / "zz-so-ket.xlsx")  # after every bad one in name order
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PYTHONPATH": str(PROJECT)}
    result = subprocess.run([sys.executable, "-m", "generator", "-C", str(project.parent), "import",
                             str(tmp_path / "imports"), "--format", "github", "--today", TODAY.isoformat()],
                            capture_output=True, text=True, timeout=600, env=env, preexec_fn=_limited)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout and "MemoryError" not in result.stderr
    refusals = {line.split(":", 1)[0]: line for line in result.stderr.splitlines()}
    for name, words in expected.items():
        assert name in refusals, f"{name} chưa bị từ chối: {result.stderr[-2000:]}"
        assert words in refusals[name], refusals[name]
    for line in refusals.values():
        assert not re.search(r"\b(?:Error|File is not|zip file|not well-formed|password|compression)\b", line), line
    assert "zz-so-ket.xlsx: 40 dòng số liệu" in result.stdout and "Sẽ tạo 37 hồ sơ" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert all(f"{name} `" in text for name in expected)
    assert "37 hồ sơ sẽ tạo" in text


def test_a_linked_workbook_is_refused_unread(tmp_path, monkeypatch):
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k))
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    with pytest.raises(Unopenable, match="liên kết"):
        read(tmp_path / "zero.csv")
    assert opened == []


def test_cells_that_are_not_values_are_findings_on_their_cells(project, tmp_path):
    book = _template(project, tmp_path / "o.xlsx")
    sheet = book[sheet_title("activity")]
    at = _header_letters(sheet)
    filled = {"Cặp kết nghĩa": "So Thu Nghiem - xa Ch'om", "Ngày": "1/3/2024", "Nội dung hỗ trợ": "tham-tang-qua",
              "Tên hoạt động": "Trao qua", "Nguồn: Tiêu đề": "Tin", "Nguồn: Nơi đăng": "Báo", "Nguồn: Ngày đăng": "2024"}
    odd = [("Tên hoạt động", "#REF!"), ("Giá trị: Tiền mặt", "9" * 309), ("Người hưởng lợi: Số hộ", "1" * 4300),
           ("Giá trị: Tiền mặt", 1e300), ("Tên hoạt động", "#N/A")]
    for row, (header, value) in enumerate(odd, start=2):
        for name, text in filled.items():
            sheet.cell(row=row, column=at[name], value=text)
        sheet.cell(row=row, column=at[header], value=value)
    book.save(tmp_path / "o.xlsx")
    # 1e999 as Excel would store it: a number cell no float holds.
    data = (tmp_path / "o.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/") and b"<v>1e+300</v>" in parts[n])
    parts[name] = parts[name].replace(b"<v>1e+300</v>", b"<v>1e999</v>")
    (tmp_path / "o.xlsx").write_bytes(_zip(parts))
    plan = make_plan(read(tmp_path / "o.xlsx"), project, TODAY)
    said = {p.row: str(p) for p in plan.problems if p.blocking}
    assert "#REF!" in said[2] and "Tên hoạt động" in said[2]
    assert "nhiều nhất 15 chữ số" in said[3] and "Tiền mặt" in said[3]
    assert "nhiều nhất 15 chữ số" in said[4] and "Số hộ" in said[4]
    assert "số quá lớn" in said[5] and "inf" not in said[5]
    assert "#N/A" in said[6]
    assert plan.records == []


def test_a_folder_with_a_bad_workbook_first_still_plans_the_good_one(project, tmp_path, capsys):
    folder = tmp_path / "imports"
    folder.mkdir()
    (folder / "a-hong.xlsx").write_bytes(b"PK\x03\x04 hong")
    staff_workbook(project, folder / "b-tot.xlsx")
    assert main(["-C", str(project.parent), "import", str(folder), "--today", TODAY.isoformat()]) == 1
    captured = capsys.readouterr()
    assert "a-hong.xlsx: không mở được sổ làm việc" in captured.err
    assert "b-tot.xlsx: 40 dòng số liệu" in captured.out and "Sẽ tạo 37 hồ sơ" in captured.out


def _bad_rows_csv(path: Path, count: int) -> Path:
    """`count` rows a staff member might paste, each with a day that does not exist."""
    head = "Ngày;Cặp kết nghĩa;Tên hoạt động;Nội dung hỗ trợ;Tiền mặt;Nguồn: Tiêu đề;Nguồn: Nơi đăng;Nguồn: Ngày đăng\n"
    row = "31/2/2024;So Thu Nghiem - xa Ch'om;Trao qua {};tham-tang-qua;1 triệu;Tin;Báo;2024\n"
    path.write_text(head + "".join(row.format(i) for i in range(count)), encoding="utf-8")
    return path


def test_the_summary_and_annotations_stay_bounded_for_20000_bad_rows(project, tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    workbook = _bad_rows_csv(tmp_path / "bang.csv", 20_000)
    assert main(["-C", str(project.parent), "import", str(workbook), "--format", "github",
                 "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode()) < bounds.SUMMARY_BYTES < 1024 * 1024
    assert "20000 dòng số liệu" in text and f"… và {20_000 - bounds.PROBLEMS_SHOWN} điều cần xem khác" in text
    assert text.count("31/2/2024") == bounds.PROBLEMS_SHOWN
    assert out.count("::error ") == bounds.ANNOTATIONS and out.count("::warning ") == 1
    assert f"… và {20_000 - bounds.PROBLEMS_SHOWN} điều cần xem khác" in out


def test_the_summary_stops_before_githubs_limit_over_many_workbooks(project, tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    folder = tmp_path / "imports"
    folder.mkdir()
    for number in range(30):  # about 40 KB of summary each
        _bad_rows_csv(folder / f"bang-{number:02d}.csv", bounds.PROBLEMS_SHOWN + 10)
    (folder / "bang-99.xlsx").write_bytes(b"hong")  # last, and small: still nothing after the note
    assert main(["-C", str(project.parent), "import", str(folder), "--format", "github",
                 "--today", TODAY.isoformat()]) == 1
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode()) <= bounds.SUMMARY_BYTES
    assert "bang-00.csv" in text and text.count("Tóm tắt đã đủ dài") == 1
    assert text.rstrip().endswith("xem trong nhật ký của bước này._") and "bang-99" not in text
    assert f"bang-29.csv: {bounds.PROBLEMS_SHOWN + 10} dòng số liệu" in capsys.readouterr().out


def test_an_import_reads_a_bounded_number_of_workbooks(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bounds, "WORKBOOKS", 2)
    folder = tmp_path / "imports"
    folder.mkdir()
    for number in range(3):
        _one_good_row(folder / f"bang-{number}.csv")
    assert main(["-C", str(project.parent), "import", str(folder), "--today", TODAY.isoformat()]) == 1
    captured = capsys.readouterr()
    assert "bang-0.csv: 1 dòng" in captured.out and "bang-1.csv: 1 dòng" in captured.out
    assert "bang-2.csv: chưa đọc, vì một lần nhập đọc tối đa 2 bảng tính" in captured.err


def _one_good_row(path: Path) -> Path:
    path.write_text("Ngày;Cặp kết nghĩa;Tên hoạt động;Nội dung hỗ trợ;Tiền mặt;Nguồn: Tiêu đề;Nguồn: Nơi đăng;"
                    "Nguồn: Ngày đăng\n15/3/2024;So Thu Nghiem - xa Ch'om;Trao bo giong;tham-tang-qua;2 triệu;Tin;Báo;"
                    "2024\n", encoding="utf-8")
    return path


def test_import_write_refuses_through_a_linked_folder(project, tmp_path, capsys):
    outside = tmp_path / "ngoai"
    outside.mkdir()
    year = project / "activities" / "2024"
    for found in sorted(year.glob("*")) if year.exists() else []:
        found.rename(outside / found.name)
    if year.exists():
        year.rmdir()
    year.symlink_to(outside, target_is_directory=True)
    before = sorted(outside.iterdir())
    workbook = _one_good_row(tmp_path / "bang.csv")
    assert main(["-C", str(project.parent), "import", str(workbook), "--write", "--today", TODAY.isoformat()]) == 2
    err = capsys.readouterr().err
    assert "Không ghi" in err and "liên kết" in err
    assert sorted(outside.iterdir()) == before


def test_import_write_refuses_when_records_is_a_link(project, tmp_path, capsys):
    real = tmp_path / "that"
    project.rename(real)
    project.symlink_to(real, target_is_directory=True)
    workbook = _one_good_row(tmp_path / "bang.csv")
    assert main(["-C", str(project.parent), "import", str(workbook), "--write", "--today", TODAY.isoformat()]) == 2
    assert "là một liên kết" in capsys.readouterr().err
    assert not list(real.glob("activities/2024/*trao-bo-giong*"))


def test_import_write_lists_the_files_it_wrote(project, tmp_path):
    workbook = _one_good_row(tmp_path / "bang.csv")
    manifest = tmp_path / "danh-sach.txt"
    assert main(["-C", str(project.parent), "import", str(workbook), "--write", "--manifest", str(manifest),
                 "--today", TODAY.isoformat()]) == 0
    [line] = manifest.read_text(encoding="utf-8").splitlines()
    assert line.startswith("records/activities/2024/") and (project.parent / line).is_file()


@pytest.mark.skipif(sys.platform != "linux", reason="a link to /dev/zero and address-space limits as on the CI runner")
def test_a_link_in_records_is_never_read_by_the_plan(project, tmp_path):
    """The plan validates its records in a scratch copy of the ledger: a link there stays a link."""
    (project / "activities" / "2023" / "zero.yaml").symlink_to("/dev/zero")
    workbook = _one_good_row(tmp_path / "bang.csv")
    result = subprocess.run([sys.executable, "-m", "generator", "-C", str(project.parent), "import", str(workbook),
                             "--today", TODAY.isoformat()], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(PROJECT)}, preexec_fn=_limited)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "Sẽ tạo 1 hồ sơ" in result.stdout


def test_a_planned_record_through_a_link_is_outside_records(project, tmp_path):
    from generator.cli.intake import _outside
    from generator.intake.plan import Plan, Planned

    (tmp_path / "ngoai").mkdir()
    (project / "activities" / "2030").symlink_to(tmp_path / "ngoai", target_is_directory=True)
    inside = Planned("Hoạt động", 2, "activity", {}, project / "activities" / "2024" / "a.yaml", "")
    through = Planned("Hoạt động", 3, "activity", {}, project / "activities" / "2030" / "b.yaml", "")
    assert _outside(Plan(records=[inside, through]), project) == [through]


def test_a_name_longer_than_any_is_not_compared_with_each_name():
    from generator.intake.parse import nearest

    names = ["Sở Kế hoạch và Đầu tư – xã Trà Leng", "Sở Tài chính – xã Ch'ơm"]
    assert nearest("So Tai chinh - xa Ch'om", names) == ["Sở Tài chính – xã Ch'ơm"]
    assert nearest("So Tai chinh - xa Ch'om" + " x" * bounds.NAME_CHARS, names) == []


def test_a_linked_folder_of_workbooks_is_not_walked(project, tmp_path, capsys):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    _one_good_row(elsewhere / "bang.csv")
    (tmp_path / "imports").symlink_to(elsewhere, target_is_directory=True)
    assert main(["-C", str(project.parent), "import", str(tmp_path / "imports"), "--today", TODAY.isoformat()]) == 2
    captured = capsys.readouterr()
    assert "là một liên kết" in captured.err and "bang.csv" not in captured.out
