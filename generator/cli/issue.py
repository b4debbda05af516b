"""`issue EVENT.json --out DIR`: the route with no git, run by .github/workflows/gui-qua-bieu-mau.yml.

Reads the event GitHub hands a workflow for an issue (opened, edited, or labeled), takes
the workbook attached to a "Gửi bảng tính" form or the answers of a "Báo một hoạt động"
form, plans them with `import --format json` (the same command staff run), and writes into
DIR what the workflow's other jobs use, none of which they run: `comment.md` (the plan, for
the issue) and, once a maintainer has added the approval label, `pull-request.md` (with the
records written into the project's records/ by `import --write`). On GitHub Actions it also
sets the step's outputs (number, approved, ready, unapprove, post).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import markdown_cell
from ..intake import issue_form
from ..intake.attachment import Refused, attachments, fetch
from ..intake.issue_reply import APPROVED, WRITES, Sent, plan_comment, pull_request_body
from .options import BadUsage, day, project_of

EVENT_BYTES = 5_000_000
WORKBOOKS = 3  # attachments planned from one issue
_NOT_A_FORM = ("Issue này không theo biểu mẫu 'Gửi bảng tính' hay 'Báo một hoạt động' nên máy không đọc được. "
               "Hãy mở một issue mới bằng một trong hai biểu mẫu đó (thẻ Issues, New issue).")


@dataclass
class Event:
    number: int
    action: str
    body: str
    labels: set[str] = field(default_factory=set)
    label: str = ""  # the label just added, for `labeled`
    body_changed: bool = True  # for `edited`: False when only the title changed

    @property
    def to_plan(self) -> bool:
        return self.action == "opened" or (self.action == "edited" and self.body_changed) or self.approved

    @property
    def approved(self) -> bool:
        return self.action == "labeled" and self.label == APPROVED

    @property
    def unapprove(self) -> bool:
        """Edited after approval: what was approved is no longer what the issue holds."""
        return self.action == "edited" and self.body_changed and APPROVED in self.labels


def event_of(path: Path) -> Event:
    raw = path.read_bytes()[:EVENT_BYTES + 1]
    if len(raw) > EVENT_BYTES:
        raise BadUsage(f"{path}: sự kiện quá lớn để đọc")
    try:
        payload = json.loads(raw)
        issue = payload["issue"]
        return Event(int(issue["number"]), str(payload["action"]), str(issue.get("body") or ""),
                     {str(label["name"]) for label in issue.get("labels") or []},
                     str((payload.get("label") or {}).get("name", "")),
                     "body" in (payload.get("changes") or {"body": None}))
    except (ValueError, KeyError, TypeError) as error:
        raise BadUsage(f"{path}: không phải sự kiện của một issue ({error})") from None


def _import(project: Path, files: list[Path], write: bool, today: datetime.date) -> dict[str, Any]:
    """`import --format json` on the files, as the command prints it."""
    from . import main  # the command itself: its output is the interface, not the plan's internals

    output, errors = io.StringIO(), io.StringIO()
    argv = ["--project", str(project), "import", *map(str, files), "--format", "json", "--today", today.isoformat()]
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(errors):
        status = main([*argv, "--write"] if write else argv)
    try:
        return dict(json.loads(output.getvalue()))
    except ValueError:
        raise BadUsage(f"lệnh import không cho kết quả (mã {status}): {errors.getvalue().strip()}") from None


def _privacy_confirmed(found: issue_form.Answers) -> bool:
    answer = found.fields.get(issue_form.PRIVACY_FIELD, "")
    return "- [x]" in answer.lower()


def sent_files(found: issue_form.Answers, folder: Path) -> tuple[list[tuple[Path, Sent]], list[Sent]]:
    """The files to plan, each with what the comment calls it, and the attachments refused."""
    if issue_form.is_activity_form(found):
        path = folder / "bieu-mau.csv"
        path.write_text(issue_form.activity_csv(found), encoding="utf-8")
        return [(path, Sent("Biểu mẫu"))], []
    found_links, others = attachments(found.fields.get(issue_form.WORKBOOK_FIELD, ""))
    refused = [Sent(url, refused="chỉ đọc được tệp kéo thả vào ô 'Bảng tính' (tệp đính kèm của GitHub), "
                              "không tải từ đường dẫn khác") for url in others[:WORKBOOKS]]
    if not found_links and not refused:
        refused.append(Sent("Bảng tính", refused="chưa có tệp đính kèm: hãy kéo thả tệp .xlsx vào ô 'Bảng tính'"))
    files = []
    for index, attachment in enumerate(found_links[:WORKBOOKS], start=1):
        try:
            data = fetch(attachment)
        except Refused as refusal:
            refused.append(Sent(attachment.name, refused=str(refusal)))
            continue
        path = folder / f"bang-tinh-{index}{attachment.suffix}"
        path.write_bytes(data)
        files.append((path, Sent(attachment.name, hashlib.sha256(data).hexdigest())))
    if len(found_links) > WORKBOOKS:
        refused.append(Sent("Bảng tính", refused=f"chỉ đọc {WORKBOOKS} tệp đầu; hãy gửi các tệp còn lại trong issue khác"))
    return files, refused


def answer(event: Event, project: Path, today: datetime.date) -> tuple[str, str, int]:
    """The comment, the pull request's text ('' when none is to be opened) and the records written."""
    try:
        found = issue_form.answers(event.body)
    except issue_form.NotAForm as refusal:
        return f"Chưa đọc biểu mẫu: {refusal}.\n", "", 0
    form = issue_form.is_activity_form(found)
    if not form and not issue_form.is_workbook_form(found):
        return _NOT_A_FORM + "\n", "", 0
    if found.repeated or not _privacy_confirmed(found):
        # A label is the sender's text (a heading typed into an answer): a code span, like every such text.
        why = (f"mục {markdown_cell(found.repeated[0])} có hai lần" if found.repeated else
               f"chưa đánh dấu mục '{issue_form.PRIVACY_FIELD}'")
        return (f"Chưa đọc biểu mẫu: {why}. Hãy sửa issue (dấu ba chấm, Edit) cho đúng biểu mẫu rồi lưu lại.\n", "", 0)
    with tempfile.TemporaryDirectory(prefix="ketnghia-issue-") as scratch:
        files, refused = sent_files(found, Path(scratch))
        sent = [one for _, one in files]
        if files:
            result = _import(project, [path for path, _ in files], event.approved, today)
            plans = {Path(str(entry.get("file", ""))).name: entry for entry in result.get("workbooks", [])}
            for path, one in files:
                entry = plans.get(path.name, {})
                one.plan, one.refused = entry, str(entry.get("refused", ""))
    sent += refused
    written = sum(1 for one in sent for r in one.plan.get("records", []) if r.get("state") in WRITES) if event.approved else 0
    comment = plan_comment(sent, form, written=written > 0, approved=event.approved)
    if event.unapprove:
        comment += (f"\nIssue đã được sửa sau khi duyệt nên nhãn {APPROVED} được gỡ: người duyệt xem lại kết quả trên "
                    "rồi gắn nhãn lần nữa.\n")
    return comment, pull_request_body(sent, event.number) if written else "", written


def _outputs(values: dict[str, str]) -> None:
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.writelines(f"{key}={value}\n" for key, value in values.items())


def run_issue(args: argparse.Namespace) -> int:
    event = event_of(Path(args.event))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    values = {"number": str(event.number), "approved": "false", "ready": "false",
              "unapprove": str(event.unapprove).lower(), "post": "false"}
    if event.to_plan:
        comment, body, written = answer(event, project_of(args).root, args.today)
        (out / "comment.md").write_text(comment, encoding="utf-8")
        if body:
            (out / "pull-request.md").write_text(body, encoding="utf-8")
        values.update(approved=str(event.approved).lower(), ready=str(bool(body)).lower(), post="true")
        print(f"Issue #{event.number}: đã soạn trả lời" + (f"; {written} hồ sơ được ghi." if written else "."))
    _outputs(values)
    return 0


def add_command(commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser("issue", parents=[common],
                                  help="đọc bảng tính hay biểu mẫu gửi qua issue và soạn trả lời (dùng trong GitHub Actions)")
    command.add_argument("event", metavar="SỰ_KIỆN.json", help="tệp sự kiện của GitHub ($GITHUB_EVENT_PATH)")
    command.add_argument("--out", required=True, metavar="THƯ_MỤC", help="thư mục ghi comment.md và pull-request.md")
    command.add_argument("--today", type=day, default=datetime.date.today(), metavar="NNNN-TT-NN",
                         help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    command.set_defaults(run=run_issue)
