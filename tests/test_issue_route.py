"""The route with no git: an issue form answered with its plan, and a pull request once approved.

Recorded event payloads (tests/events/, in the shape GitHub hands a workflow for an issue)
are replayed through the command the workflow runs (`issue EVENT --out DIR`) on a copy of
the shipped records; attachments are served by a stand-in for GitHub (no network).
"""
from __future__ import annotations

import datetime
import email.message
import hashlib
import io
import json
import re
import shutil
import urllib.request
import urllib.response
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.intake import attachment, issue_form
from generator.intake.issue_reply import COMMENT_CHARACTERS, Sent, plan_comment
from generator.intake.plan import ledger_site
from generator.intake.template import sheet_title, template
from generator.loader import load_bytes
from generator.validate import validate_tree

from support import PROJECT

EVENTS = Path(__file__).parent / "events"
FORMS = PROJECT / ".github" / "ISSUE_TEMPLATE"
TODAY = datetime.date(2026, 12, 6)
ATTACHMENT_URL = "https://github.com/user-attachments/files/18112233/bao-cao-2023.xlsx"
STORAGE_URL = "https://objects.githubusercontent.com/github-production-repository-file-5c1aeb/1/18112233?X-Amz-Signature=x"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def project(tmp_path):
    """A copy of the shipped ledger, for the approval to write into."""
    shutil.copytree(PROJECT / "records", tmp_path / "records")
    shutil.copy(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _run(project: Path, event: str | Path, tmp_path: Path, monkeypatch) -> tuple[Path, dict[str, str]]:
    out, outputs = tmp_path / "tra-loi", tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    outputs.write_text("", encoding="utf-8")
    status = main(["--project", str(project), "issue", str(EVENTS / event if isinstance(event, str) else event),
                   "--out", str(out), "--today", TODAY.isoformat()])
    assert status == 0
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    return out, values


def _outside_code(text: str) -> str:
    """The Markdown GitHub reads as Markdown: code spans removed."""
    return re.sub(r"(`+) .*? \1", "", text)


def _records(project: Path) -> set[str]:
    return {str(p.relative_to(project)) for p in (project / "records").rglob("*.yaml")}


# --- reading a form ------------------------------------------------------------------------------


def test_a_form_is_read_by_its_labels():
    body = ("Lời chào trước mục đầu\n\n### Ngày\n\n12/9/2023\n\n### Mô tả\n\n_No response_\n\n"
            "### Tên hoạt động\n\nDòng một\r\nDòng hai\n")
    found = issue_form.answers(body)
    assert found.fields == {"Ngày": "12/9/2023", "Mô tả": "", "Tên hoạt động": "Dòng một\nDòng hai"}
    assert issue_form.is_activity_form(found) and not issue_form.is_workbook_form(found)
    assert issue_form.answers("### Ngày\n\n1/1/2024\n\n### Ngày\n\n2/2/2024").repeated == ["Ngày"]
    with pytest.raises(issue_form.NotAForm):
        issue_form.answers("x" * (issue_form.BODY_CHARACTERS + 1))


def test_a_pair_named_by_sponsor_and_commune_becomes_one_cell():
    found = issue_form.answers("### Cặp kết nghĩa\n\n_No response_\n\n### Đơn vị kết nghĩa\n\nSở Y tế\n\n### Xã hoặc huyện được giúp đỡ\n\nxã Trà Kót"
                               "\n\n### Tên hoạt động\n\n=HYPERLINK(\"x\")\n\n### Ngày\n\n2024")
    header, row = issue_form.activity_csv(found).splitlines()
    assert header.split(",")[:4] == ["Cặp kết nghĩa", "Địa bàn thực hiện", "Các địa bàn thực hiện chung", "Ngày"]
    assert row.startswith("Sở Y tế xã Trà Kót,,,2024,")
    assert '"=HYPERLINK(""x"")"' in row  # a cell of data for the import, which never evaluates it


def test_the_activity_form_asks_for_the_columns_of_the_template():
    """Each field of "Báo một hoạt động" is a column of the template by its title (so a problem
    on a column names the field), its lists are the ledger's own labels, and the fields the
    template requires are required."""
    form = load_bytes((FORMS / "bao-hoat-dong.yml").read_bytes(), "bao-hoat-dong.yml").data
    fields = {item["attributes"]["label"]: item for item in form["body"] if item["type"] != "markdown"}
    extra = {issue_form.SPONSOR_FIELD, issue_form.COMMUNE_FIELD, issue_form.PRIVACY_FIELD}
    assert set(fields) - extra <= set(issue_form.activity_headers())
    site = ledger_site(PROJECT / "records", TODAY)
    categories = [site.label("support-categories", code) for code in site.vocabulary("support-categories")]
    statuses = [site.label("activity-statuses", code) for code in site.vocabulary("activity-statuses")]
    assert fields["Nội dung hỗ trợ"]["attributes"]["options"] == categories
    assert fields["Tình trạng"]["attributes"]["options"] == statuses
    from generator.intake.columns import columns

    required = {c.header for c in columns("activity") if c.required} - {"Cặp kết nghĩa"}  # or sponsor and commune
    assert required <= {label for label, item in fields.items() if item.get("validations", {}).get("required")}
    workbook = load_bytes((FORMS / "gui-bang-tinh.yml").read_bytes(), "gui-bang-tinh.yml").data
    labels = [item["attributes"]["label"] for item in workbook["body"] if item["type"] != "markdown"]
    assert issue_form.WORKBOOK_FIELD in labels and issue_form.PRIVACY_FIELD in labels


@pytest.mark.parametrize("event", sorted(EVENTS.glob("*.json")), ids=lambda p: p.stem)
def test_the_recorded_events_hold_what_github_writes_for_the_forms(event):
    """Each recorded body is a form's answer as GitHub writes it: the form's labels, in order."""
    body = json.loads(event.read_text(encoding="utf-8"))["issue"]["body"]
    form = "bao-hoat-dong.yml" if event.name.startswith("hoat-dong") else "gui-bang-tinh.yml"
    items = load_bytes((FORMS / form).read_bytes(), form).data["body"]
    assert re.findall(r"^### (.+)$", body, flags=re.M) == [i["attributes"]["label"] for i in items if i["type"] != "markdown"]


# --- "Báo một hoạt động", on the shipped ledger --------------------------------------------------


def test_an_opened_form_is_answered_with_its_plan_and_nothing_is_written(project, tmp_path, monkeypatch):
    before = _records(project)
    out, values = _run(project, "hoat-dong-mo.json", tmp_path, monkeypatch)
    assert values == {"number": "41", "approved": "false", "ready": "false", "unapprove": "false", "post": "true"}
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "Sẽ có 1 hồ sơ mới; 0 chỗ có lỗi cần sửa. Chưa ghi gì vào sổ" in comment
    assert "` 2023-09-12-tang-cap-sach-vo-cho-hoc-sinh-xa-zuoich-dau-nam-hoc-2023 `" in comment
    assert "khi họ gắn nhãn da-duyet" in comment
    assert not (out / "pull-request.md").exists()
    assert _records(project) == before


def test_each_problem_of_a_form_names_its_field_and_no_sent_text_is_read_as_markdown(project, tmp_path, monkeypatch):
    out, values = _run(project, "hoat-dong-loi.json", tmp_path, monkeypatch)
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert values["ready"] == "false"
    assert "Sẽ có 0 hồ sơ mới; 3 chỗ có lỗi cần sửa." in comment
    assert "| ` Ngày ` | ` '31/2/2023' không phải một ngày có thật;" in comment
    assert "| ` Tên hoạt động ` | ` chưa ghi 'Tên hoạt động' (bắt buộc)" in comment
    assert "| ` Giá trị: Hiện vật ` |" in comment
    assert "Sửa issue này: bấm dấu ba chấm của issue, chọn Edit" in comment
    # The sender's text (a mention, HTML) sits in code spans only; the issue's title is never used.
    markdown = _outside_code(comment)
    assert "@ban-quan-tri" in comment and "@" not in markdown and "<" not in markdown
    assert "##[" not in comment and "someone" not in comment


def test_approval_writes_the_record_and_the_pull_request_closes_the_issue(project, tmp_path, monkeypatch):
    before = _records(project)
    out, values = _run(project, "hoat-dong-duyet.json", tmp_path, monkeypatch)
    assert values == {"number": "41", "approved": "true", "ready": "true", "unapprove": "false", "post": "true"}
    [added] = _records(project) - before
    assert added == "records/activities/2023/2023-09-12-tang-cap-sach-vo-cho-hoc-sinh-xa-zuoich-dau-nam-hoc-2023.yaml"
    record = load_bytes((project / added).read_bytes(), added).data
    assert record["partnership"] == "so-ke-hoach-va-dau-tu-xa-zuoich"
    assert record["category"] == "ho-tro-hoc-tap"
    assert record["value"]["delivered"]["in_kind"] == 25_000_000 and record["beneficiaries"]["people"] == 120
    assert not [d for d in validate_tree(project / "records", TODAY).diagnostics if d.severity == "error"]
    body = (out / "pull-request.md").read_text(encoding="utf-8")
    assert "Closes #41" in body and f"` {added} `" in body
    assert "đóng rồi mở lại pull request" in body
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("## Kết quả đọc biểu mẫu\n\nĐã duyệt: 1 hồ sơ được ghi vào một pull request")
    assert "**Đã ghi** (1)" in comment


def test_another_label_is_not_an_approval(project, tmp_path, monkeypatch):
    event = json.loads((EVENTS / "hoat-dong-duyet.json").read_text(encoding="utf-8"))
    event["label"]["name"] = "bao-hoat-dong"
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    before = _records(project)
    out, values = _run(project, path, tmp_path, monkeypatch)
    assert values["post"] == "false" and values["approved"] == "false"
    assert not (out / "comment.md").exists() and _records(project) == before


def test_a_body_that_is_not_a_form_or_lacks_the_privacy_box_is_not_planned(project, tmp_path, monkeypatch):
    event = json.loads((EVENTS / "hoat-dong-mo.json").read_text(encoding="utf-8"))
    answered = event["issue"]["body"]
    for body, said in (("Xin thêm hoạt động tặng quà @ai-do", "không theo biểu mẫu"),
                       (answered.replace("- [X]", "- [ ]"), "chưa đánh dấu mục 'Thông tin cá nhân'"),
                       (answered + "\n\n### @ai-do <b>\n\nx\n\n### @ai-do <b>\n\ny", "mục ` @ai-do <b> ` có hai lần"),
                       ("### Ngày\n\n" + "x" * 70_000, "nội dung issue dài hơn 65.536 ký tự")):
        event["issue"]["body"] = body
        path = tmp_path / "event.json"
        path.write_text(json.dumps(event), encoding="utf-8")
        out, values = _run(project, path, tmp_path, monkeypatch)
        comment = (out / "comment.md").read_text(encoding="utf-8")
        assert said in comment and "@" not in _outside_code(comment) and "<" not in _outside_code(comment)


# --- "Gửi bảng tính": the attachment ------------------------------------------------------------


class StandIn(urllib.request.BaseHandler):
    """GitHub and its file storage, as far as the route sees them: canned answers by address."""

    handler_order = 100  # before urllib's own https handler: nothing leaves the machine

    def __init__(self, answers: dict[str, tuple[int, dict[str, str], bytes]]):
        self.answers = answers
        self.asked: list[str] = []

    def https_open(self, request):
        self.asked.append(request.full_url)
        status, headers, body = self.answers.get(request.full_url, (404, {"Content-Type": "text/html"}, b""))
        message = email.message.Message()
        for key, value in headers.items():
            message[key] = value
        answer = urllib.response.addinfourl(io.BytesIO(body), message, request.full_url, status)
        answer.msg = "OK" if status == 200 else "Found"
        return answer

    http_open = https_open


def _serve(monkeypatch, answers) -> StandIn:
    stand_in = StandIn(answers)
    monkeypatch.setattr(attachment, "opener", lambda: urllib.request.build_opener(attachment._Hops(), stand_in))
    return stand_in


def _stored(data: bytes, kind: str = XLSX, where: str = STORAGE_URL) -> dict:
    return {ATTACHMENT_URL: (302, {"Location": where, "Content-Type": "text/html"}, b""),
            where: (200, {"Content-Type": kind, "Content-Length": str(len(data))}, data)}


def _workbook(path: Path) -> bytes:
    """Two rows as an office fills the shipped template: one good, one with a date that does not exist."""
    template(ledger_site(PROJECT / "records", TODAY), "activity", path)
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_title("activity")]
    at = {cell.value: cell.column for cell in sheet[1] if cell.value}
    rows = [{"Cặp kết nghĩa": "So Ke hoach va Dau tu - xa Zuoich", "Ngày": "20/10/2023",
             "Nội dung hỗ trợ": "tham-tang-qua", "Tên hoạt động": "Thăm hỏi hộ nghèo xã Zuôich dịp 20/10",
             "Giá trị: Tiền mặt": "15.000.000", "Nguồn: Tiêu đề": "Ví dụ kiểm thử", "Nguồn: Nơi đăng": "Ví dụ",
             "Nguồn: Ngày đăng": "21/10/2023"},
            {"Cặp kết nghĩa": "So Ke hoach va Dau tu - xa Zuoich", "Ngày": "31/2/2023",
             "Nội dung hỗ trợ": "tham-tang-qua", "Tên hoạt động": "<img src=x onerror=alert(1)> @ban-quan-tri",
             "Nguồn: Tiêu đề": "Ví dụ", "Nguồn: Nơi đăng": "Ví dụ", "Nguồn: Ngày đăng": "1/3/2023"}]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=at[header], value=value)
    book.save(path)
    return path.read_bytes()


def test_a_workbook_sent_is_fetched_from_github_and_planned_row_by_row(project, tmp_path, monkeypatch):
    data = _workbook(tmp_path / "bao-cao-2023.xlsx")
    stand_in = _serve(monkeypatch, _stored(data))
    before = _records(project)
    out, values = _run(project, "bang-tinh-mo.json", tmp_path, monkeypatch)
    assert stand_in.asked == [ATTACHMENT_URL, STORAGE_URL]
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "### Bảng tính ` bao-cao-2023.xlsx `" in comment
    assert f"2 dòng số liệu (mã kiểm tra của tệp ` {hashlib.sha256(data).hexdigest()[:12]} `)." in comment
    assert "**Sẽ tạo** (1):" in comment and "| ` Hoạt động `, 2 | ` Thăm hỏi hộ nghèo xã Zuôich dịp 20/10 ` |" in comment
    assert "| ` Hoạt động ` | 3 | ` D (Ngày) ` | ` '31/2/2023' không phải một ngày có thật;" in comment
    assert "@" not in _outside_code(comment) and "<img" not in _outside_code(comment)
    assert values["ready"] == "false" and _records(project) == before

    out, values = _run(project, "bang-tinh-duyet.json", tmp_path, monkeypatch)
    assert values["ready"] == "true"
    [added] = _records(project) - before
    body = (out / "pull-request.md").read_text(encoding="utf-8")
    assert "Closes #43" in body and f"` {added} `" in body and hashlib.sha256(data).hexdigest() in body
    assert "Không ghi: 0 dòng đã có, không đổi hoặc trùng; 1 chỗ có lỗi" in body
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "**Đã ghi** (1):" in comment and "Các dòng còn lỗi ở trên không được ghi" in comment


def test_an_edit_after_approval_takes_the_approval_back(project, tmp_path, monkeypatch):
    _serve(monkeypatch, _stored(_workbook(tmp_path / "bao-cao-2023.xlsx")))
    out, values = _run(project, "bang-tinh-sua-sau-duyet.json", tmp_path, monkeypatch)
    assert values["unapprove"] == "true" and values["approved"] == "false" and values["ready"] == "false"
    assert "nhãn da-duyet được gỡ" in (out / "comment.md").read_text(encoding="utf-8")


def _attachment(url: str = ATTACHMENT_URL) -> attachment.Attachment:
    [found], _ = attachment.attachments(f"[tệp]({url})")
    return found


@pytest.mark.parametrize("answers, said", [
    (_stored(b"PK\x03\x04", where="https://evil.example/x.xlsx"), "không phải kho tệp của GitHub"),
    (_stored(b"PK\x03\x04", where="http://objects.githubusercontent.com/x"), "không phải kho tệp của GitHub"),
    (_stored(b"PK\x03\x04", where="https://bucket.s3.amazonaws.com/x"), "không phải kho tệp của GitHub"),
    (_stored(b"<html>", kind="text/html"), "không phải bảng tính (máy chủ gửi về loại 'text/html')"),
    (_stored(b"MZ\x90\x00 not a workbook"), "không phải một sổ làm việc Excel (.xlsx) thật"),
    (_stored(b"PK\x03\x04" + b"0" * 200), "quá giới hạn"),
    ({}, "không tải được tệp 'bao-cao-2023.xlsx' (mã 404)"),
])
def test_an_attachment_is_fetched_only_within_bounds(monkeypatch, answers, said):
    monkeypatch.setattr(attachment, "ATTACHMENT_BYTES", 100)
    _serve(monkeypatch, answers)
    with pytest.raises(attachment.Refused, match=re.escape(said)):
        attachment.fetch(_attachment())


def test_only_github_attachments_of_a_spreadsheet_type_are_fetched(monkeypatch):
    stand_in = _serve(monkeypatch, {})
    found, others = attachment.attachments(
        "[a.xlsx](https://github.com/user-attachments/files/1/a.xlsx) https://evil.example/b.xlsx "
        "[c](https://github.com/owner/repo/files/2/c.xlsx) https://github.com/user-attachments/files/3/d.exe")
    assert [a.name for a in found] == ["a.xlsx", "d.exe"]
    assert others == ["https://evil.example/b.xlsx", "https://github.com/owner/repo/files/2/c.xlsx"]
    with pytest.raises(attachment.Refused, match="không phải bảng tính .xlsx hay .csv"):
        attachment.fetch(found[1])
    assert stand_in.asked == []


def test_a_link_elsewhere_is_named_and_not_fetched(project, tmp_path, monkeypatch):
    stand_in = _serve(monkeypatch, {})
    event = json.loads((EVENTS / "bang-tinh-mo.json").read_text(encoding="utf-8"))
    event["issue"]["body"] = event["issue"]["body"].replace(ATTACHMENT_URL, "https://drive.example/x.xlsx")
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    out, _ = _run(project, path, tmp_path, monkeypatch)
    assert "chỉ đọc được tệp kéo thả vào ô 'Bảng tính'" in (out / "comment.md").read_text(encoding="utf-8")
    assert stand_in.asked == []


def test_a_comment_stays_within_what_github_accepts():
    problems = [{"sheet": "Hoạt động", "row": n, "column": "C (Ngày)", "message": "x" * 500, "blocking": True}
                for n in range(2, 3000)]
    text = plan_comment([Sent("lon.xlsx", "ab" * 32, {"rows": 3000, "records": [], "problems": problems})], form=False)
    assert len(text) <= COMMENT_CHARACTERS
    assert "… và 2898 chỗ cần xem nữa." in text


# --- the pull-request route's check: planned is not written -------------------------------------


def test_a_workbook_planned_but_not_written_keeps_the_check_red(project, tmp_path, monkeypatch, capsys):
    """Merged as it is, a workbook leaves no record: `import --check` (ci.yml) fails until its rows
    are written, and says so; `--format json` gives the same plan to machines."""
    path = tmp_path / "bang.xlsx"
    _workbook(path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    argv = ["--project", str(project), "import", str(path), "--today", TODAY.isoformat()]
    assert main([*argv, "--check", "--format", "github"]) == 1
    said = "Chưa ghi: 1 dòng đã đọc được nhưng chưa được ghi thành hồ sơ trong sổ."
    assert f"::error title=Chưa ghi::{said}" in capsys.readouterr().out
    assert said in summary.read_text(encoding="utf-8")
    assert main([*argv, "--format", "json"]) == 1  # a row in error, as in text
    plan = json.loads(capsys.readouterr().out)
    assert plan["written"] is False
    [workbook] = plan["workbooks"]
    assert workbook["rows"] == 2
    assert [(r["state"], r["row"], r["type"]) for r in workbook["records"]] == [("mới", 2, "activity")]
    assert workbook["records"][0]["path"].startswith("records/activities/2023/")
    assert [(p["sheet"], p["row"], p["column"], p["blocking"]) for p in workbook["problems"]] == [
        ("Hoạt động", 3, "D (Ngày)", True)]
    main([*argv, "--write"])
    capsys.readouterr()
    assert main([*argv, "--check"]) == 1  # the row in error is still there, the written one is not pending
    assert "Chưa ghi:" not in capsys.readouterr().out


# --- the guides lead with the route -------------------------------------------------------------


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md", "docs/huong-dan-dong-gop.md"])
def test_the_guides_lead_with_the_route_that_needs_no_git(guide):
    """The first section says, in numbered steps, how to send through a form: the forms by the
    names GitHub shows, where to click, the approval label; the pull-request route comes after."""
    text = (PROJECT / guide).read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    first = sections[0]
    assert "không cần git" in first.splitlines()[0]
    steps = re.findall(r"^(\d+)\. ", first, flags=re.M)
    assert steps[:5] == ["1", "2", "3", "4", "5"]
    for form in ("gui-bang-tinh.yml", "bao-hoat-dong.yml"):
        name = load_bytes((FORMS / form).read_bytes(), form).data["name"]
        assert f"**{name}**" in first
    from generator.intake.issue_reply import APPROVED

    for needle in ("**Issues**", "**New issue**", "**Create**", "**Edit**", APPROVED, "issue tự đóng"):
        assert needle in first, needle
    assert any("pull request" in s.splitlines()[0] for s in sections[1:3])


def test_a_title_edited_alone_is_not_planned_again(project, tmp_path, monkeypatch):
    event = json.loads((EVENTS / "bang-tinh-sua-sau-duyet.json").read_text(encoding="utf-8"))
    event["changes"] = {"title": {"from": "[Bảng tính] "}}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    out, values = _run(project, path, tmp_path, monkeypatch)
    assert values["post"] == "false" and values["unapprove"] == "false"
    assert not (out / "comment.md").exists()


# --- the pull-request job, run as the runner runs it ----------------------------------------------


def _step(job: str, name_start: str) -> str:
    workflow = load_bytes((PROJECT / ".github" / "workflows" / "gui-qua-bieu-mau.yml").read_bytes(), "w").data
    [step] = [s for s in workflow["jobs"][job]["steps"] if str(s.get("name", "")).startswith(name_start)]
    return str(step["run"])


def test_the_pull_request_job_commits_the_records_and_runs_none_of_their_text(tmp_path):
    """The job's own script on a checkout, with git's remote and gh stood in for: the records
    left by the reading job land on bieu-mau/issue-N as one commit, the pull request is opened
    from the text file, and nothing written in a record or in that text runs."""
    import subprocess

    def git(*args: str, cwd: Path) -> str:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                              env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1"}).stdout

    remote = tmp_path / "remote" / "owner" / "repo.git"
    remote.mkdir(parents=True)
    git("init", "--quiet", "--bare", cwd=remote)
    checkout = tmp_path / "checkout"
    (checkout / "records" / "activities").mkdir(parents=True)
    (checkout / "records" / "activities" / "old.yaml").write_text("id: old\n", encoding="utf-8")
    git("init", "--quiet", "-b", "main", cwd=checkout)
    git("-c", "user.name=x", "-c", "user.email=x@example.org", "add", "-A", cwd=checkout)
    git("-c", "user.name=x", "-c", "user.email=x@example.org", "commit", "--quiet", "-m", "ledger", cwd=checkout)
    for name in ("pre-commit", "commit-msg", "post-commit", "post-checkout", "pre-push"):
        hook = checkout / ".git" / "hooks" / name
        hook.write_text(f"#!/bin/sh\ntouch {tmp_path}/HOOK\n", encoding="utf-8")
        hook.chmod(0o755)
    records_in = tmp_path / "ho-so"
    shutil.copytree(checkout / "records", records_in)
    hostile = f"id: new\ntitle: \"$(touch {tmp_path}/PWNED) `touch {tmp_path}/PWNED`\"\n"
    (records_in / "activities" / "new.yaml").write_text(hostile, encoding="utf-8")
    body = tmp_path / "pull-request.md"
    body.write_text(f"Closes #41\n$(touch {tmp_path}/PWNED)\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path}/gh.log\n"
                                "[ \"$2\" = create ] && echo https://github.com/owner/repo/pull/7\nexit 0\n", encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    output = tmp_path / "output"
    environment = {
        "HOME": str(tmp_path), "PATH": f"{bin_dir}:/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1",
        "GH_TOKEN": "tok", "ISSUE_NUMBER": "41", "BASE": "main", "GITHUB_REPOSITORY": "owner/repo",
        "RECORDS_IN": str(records_in), "BODY": str(body), "GITHUB_OUTPUT": str(output),
        # The push to github.com goes to the local remote instead.
        "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{tmp_path}/remote/.insteadOf",
        "GIT_CONFIG_VALUE_0": "https://x-access-token:tok@github.com/",
    }
    script = _step("pull-request", "Commit, đẩy nhánh")
    ran = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=checkout,
                         env=environment, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert git("ls-tree", "-r", "--name-only", "bieu-mau/issue-41", cwd=remote).split() == [
        "records/activities/new.yaml", "records/activities/old.yaml"]
    assert git("show", "bieu-mau/issue-41:records/activities/new.yaml", cwd=remote) == hostile
    assert "Hồ sơ gửi qua biểu mẫu (issue #41)" in git("log", "-1", "--format=%s", "bieu-mau/issue-41", cwd=remote)
    calls = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert f"pr create --repo owner/repo --base main --head bieu-mau/issue-41 --title Hồ sơ gửi qua biểu mẫu (issue #41) --body-file {body}" in calls
    assert output.read_text(encoding="utf-8") == "url=https://github.com/owner/repo/pull/7\n"
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "HOOK").exists()

    environment["ISSUE_NUMBER"] = "41; touch PWNED"  # not a number: refused before anything
    ran = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=checkout,
                         env=environment, capture_output=True, text=True)
    assert ran.returncode == 1 and "Số issue không hợp lệ" in ran.stdout


@pytest.mark.parametrize("plan_ran", [True, False])
def test_the_comment_job_posts_the_file_it_was_left(tmp_path, plan_ran):
    """The comment job's own script with a stand-in gh: the answer posted from its file (with the
    pull request's address after an approval, the label taken back after an edit), or, when the
    reading failed, a fixed sentence."""
    import subprocess

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path}/gh.log\n"
                                f"[ \"$2\" = comment ] && cp \"$7\" {tmp_path}/posted.md\nexit 0\n", encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    comment = tmp_path / "tra-loi" / "comment.md"
    if plan_ran:
        comment.parent.mkdir()
        comment.write_text(f"## Kết quả\n$(touch {tmp_path}/PWNED)\n", encoding="utf-8")
    environment = {"HOME": str(tmp_path), "PATH": f"{bin_dir}:/usr/bin:/bin", "GH_TOKEN": "tok", "ISSUE_NUMBER": "43",
                   "GITHUB_REPOSITORY": "owner/repo", "COMMENT": str(comment),
                   "APPROVED": "true" if plan_ran else "", "READY": "true" if plan_ran else "",
                   "UNAPPROVE": "true" if plan_ran else "", "PULL_REQUEST": "https://github.com/owner/repo/pull/7" if plan_ran else ""}
    ran = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _step("comment", "Đăng trả lời")],
                         cwd=tmp_path, env=environment, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    calls = (tmp_path / "gh.log").read_text(encoding="utf-8").splitlines()
    assert calls[0] == f"issue comment 43 --repo owner/repo --body-file {comment}"
    posted = (tmp_path / "posted.md").read_text(encoding="utf-8")
    if plan_ran:
        assert posted.endswith("\nPull request: https://github.com/owner/repo/pull/7\n")
        assert calls[1] == "issue edit 43 --repo owner/repo --remove-label da-duyet"
    else:
        assert posted.startswith("Máy chưa đọc được issue này do một lỗi của máy") and len(calls) == 1
    assert not (tmp_path / "PWNED").exists()
