"""What the issue route says: the plan as a comment on the issue, and the pull request's text.

Both are made from the import's own plan (`import --format json`), in plain Vietnamese: what
will be created, what is left as it is, every problem by sheet, row and column (for the form
"Báo một hoạt động", by the form's field). Everything a workbook or an issue brought (sheet
names, titles, messages quoting a cell) is written as a code span, where GitHub reads no
mention, link, image, HTML or issue reference; tables and the whole text are bounded, so a
workbook of any size gives a comment GitHub accepts.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import markdown_cell
from .issue_form import field_of

ROWS_SHOWN = 100  # rows of each table; the rest are counted
COMMENT_CHARACTERS = 60_000  # GitHub refuses a comment over 65,536
APPROVED = "da-duyet"  # the label a maintainer adds to have the records written in a pull request
NEW, UPDATE, WITHDRAWN = "mới", "sửa", "rút lại"
WRITES = (NEW, UPDATE, WITHDRAWN)  # the states of a row that change the ledger once written
# What each state of a planned row (the import's own words) means to the person who sent it;
# a state not named here is shown by its own word.
STATES = {NEW: "Sẽ tạo", UPDATE: "Sẽ sửa", WITHDRAWN: "Sẽ rút lại (xoá hồ sơ)", "đã có": "Đã có trong sổ, giữ nguyên",
          "không đổi": "Đã có trong sổ, không đổi", "trùng": "Trùng, không ghi", "lỗi": "Có lỗi, không ghi"}
WRITTEN = {NEW: "Đã ghi", UPDATE: "Đã sửa", WITHDRAWN: "Đã rút lại (xoá hồ sơ)"}


@dataclass
class Sent:
    """One workbook as the import planned it, with the name it was sent under."""

    name: str
    digest: str = ""  # sha256 of the bytes planned, to compare a plan with what is approved
    plan: dict[str, Any] = field(default_factory=dict)  # one entry of `import --format json`'s "workbooks"
    refused: str = ""  # why it could not be fetched or opened


def _count(sent: Iterable[Sent], *states: str) -> int:
    return sum(1 for one in sent for record in one.plan.get("records", []) if record.get("state") in states)


def _errors(sent: Iterable[Sent]) -> int:
    return sum(1 for one in sent for problem in one.plan.get("problems", []) if problem.get("blocking", True)) + \
        sum(1 for one in sent if one.refused)


def _where(problem: dict[str, Any], form: bool) -> list[str]:
    column = str(problem.get("column", ""))
    if form:
        return [markdown_cell(field_of(column))]
    return [markdown_cell(str(problem.get("sheet", ""))), str(int(problem.get("row", 0))), markdown_cell(column)]


def _bounded(header: list[str], rows: list[str], said: str) -> list[str]:
    if len(rows) <= ROWS_SHOWN:
        return header + rows
    return header + rows[:ROWS_SHOWN] + ["", f"… và {len(rows) - ROWS_SHOWN} {said} nữa."]


def _workbook(one: Sent, form: bool, written: bool) -> list[str]:
    lines = [] if form else [f"### Bảng tính {markdown_cell(one.name)}", ""]
    if one.refused:
        return lines + [f"Không đọc được: {markdown_cell(one.refused)}", ""]
    plan = one.plan
    if not form:
        lines += [f"{int(plan.get('rows', 0))} dòng số liệu" + (f" (mã kiểm tra của tệp {markdown_cell(one.digest[:12])})"
                                                                  if one.digest else "") + ".", ""]
    by_state: dict[str, list[dict[str, Any]]] = {}
    for record in plan.get("records", []):
        by_state.setdefault(str(record.get("state", "")), []).append(record)
    for state, records in by_state.items():
        said = (WRITTEN if written else STATES).get(state) or STATES.get(state) or state
        lines += [f"**{said}** ({len(records)}):", ""]
        header = [] if form else ["| Trang, dòng | Tên | Mã hồ sơ |", "|---|---|---|"]
        table = []
        for record in records:
            # A correction says what changes, field by field ("Tiền mặt: 90.000.000 → 95.000.000").
            changes = "".join(f"; {markdown_cell(str(change))}" for change in record.get("changes", []))
            if form:
                table.append(f"- {markdown_cell(str(record.get('title', '')))} (mã hồ sơ "
                             f"{markdown_cell(str(record.get('id', '')))}){changes}")
            else:
                table.append(f"| {markdown_cell(str(record.get('sheet', '')))}, {int(record.get('row', 0))} | "
                             f"{markdown_cell(str(record.get('title', '')))}{changes} | {markdown_cell(str(record.get('id', '')))} |")
        lines += _bounded(header, table, "hồ sơ") + [""]
    problems = plan.get("problems", [])
    if problems:
        lines += [f"**Cần xem** ({len(problems)}):", ""]
        header = ["| Mục | Cần sửa |", "|---|---|"] if form else ["| Trang | Dòng | Cột | Cần sửa |", "|---|---|---|---|"]
        table = []
        for problem in problems:
            kind = "" if problem.get("blocking", True) else "cảnh báo: "
            table.append("| " + " | ".join([*_where(problem, form), kind + markdown_cell(str(problem.get("message", "")))]) + " |")
        lines += _bounded(header, table, "chỗ cần xem") + [""]
    return lines


def plan_comment(sent: list[Sent], form: bool, written: bool = False, approved: bool = False) -> str:
    """The comment that answers an issue with its plan (or, once approved, with what was written)."""
    title = "Kết quả đọc biểu mẫu" if form else "Kết quả đọc bảng tính"
    changed, errors = _count(sent, *WRITES), _errors(sent)
    lines = [f"## {title}", ""]
    if written:
        lines.append(f"Đã duyệt: {changed} hồ sơ được ghi vào một pull request để người duyệt đối chiếu lần cuối rồi "
                     "hợp nhất. Issue này tự đóng khi pull request được hợp nhất.")
    elif approved:
        lines.append("Đã duyệt nhưng không có hồ sơ nào để ghi (xem các dòng dưới đây); không mở pull request.")
    else:
        said = [f"{_count(sent, state)} hồ sơ {word}" for state, word in ((NEW, "mới"), (UPDATE, "được sửa"),
                                                                          (WITHDRAWN, "được rút lại"))
                if state == NEW or _count(sent, state)]
        lines.append(f"Sẽ có {', '.join(said)}; {errors} chỗ có lỗi cần sửa. Chưa ghi gì vào sổ: đây là bản xem trước.")
    lines.append("")
    for one in sent:
        lines += _workbook(one, form, written)
    lines += ["### Bước tiếp theo", ""]
    if written and errors:
        lines.append("Các dòng còn lỗi ở trên không được ghi: sửa chúng rồi gửi lại trong một issue mới, sau khi pull "
                     "request này được hợp nhất (gửi lại cả bảng tính cũng được: dòng đã có trong sổ không bị ghi hai lần).")
    elif written:
        lines.append("Không cần làm gì thêm. Nếu cần sửa một dòng, hãy báo ngay trong issue này.")
    elif errors:
        where = "các mục trên" if form else "các ô trên trong Excel, lưu lại"
        again = ("bấm dấu ba chấm của issue, chọn Edit, sửa các mục" if form else
                 "bấm dấu ba chấm của issue, chọn Edit, xoá dòng tệp cũ trong ô Bảng tính và kéo thả tệp đã sửa vào")
        lines.append(f"1. Sửa {where}.\n2. Sửa issue này: {again}, rồi bấm Update comment.\n"
                     "3. Máy đọc lại sau khoảng hai phút và trả lời bằng một bình luận mới.")
    else:
        lines.append(f"Không còn lỗi. Người duyệt sẽ đối chiếu với nguồn; khi họ gắn nhãn {APPROVED}, máy mở một pull "
                     "request với các hồ sơ này và trả lời tại đây.")
    return _limit("\n".join(lines) + "\n")


def _limit(text: str) -> str:
    if len(text) <= COMMENT_CHARACTERS:
        return text
    cut = text.rfind("\n", 0, COMMENT_CHARACTERS - 200)
    return text[:cut] + "\n\n… (bình luận quá dài nên được cắt bớt; hãy tách bảng tính thành nhiều tệp nhỏ hơn.)\n"


def pull_request_body(sent: list[Sent], number: int) -> str:
    """The pull request's text: the issue it closes, the records it adds, what the reviewer checks."""
    lines = [f"Hồ sơ gửi qua biểu mẫu trong issue #{int(number)}, ghi bằng công cụ của nhánh main sau khi được "
             f"gắn nhãn {APPROVED}.", "", f"Closes #{int(number)}", "", "## Hồ sơ được ghi", ""]
    rows = []
    for one in sent:
        for record in one.plan.get("records", []):
            if record.get("state") in WRITES:
                rows.append(f"| {markdown_cell(one.name)} | {int(record.get('row', 0))} | {WRITTEN[str(record['state'])]} | "
                            f"{markdown_cell(str(record.get('title', '')))} | {markdown_cell(str(record.get('path', '')))} |")
    lines += _bounded(["| Nguồn gửi | Dòng | Việc | Tên | Tệp |", "|---|---|---|---|---|"], rows, "hồ sơ")
    left = sum(1 for one in sent for record in one.plan.get("records", []) if record.get("state") not in WRITES)
    errors = _errors(sent)
    if left or errors:
        lines += ["", f"Không ghi: {left} dòng đã có, không đổi hoặc trùng; {errors} chỗ có lỗi (xem bình luận trong issue)."]
    digests = [f"{markdown_cell(one.name)}: {markdown_cell(one.digest)}" for one in sent if one.digest]
    if digests:
        lines += ["", "Mã kiểm tra (sha256) của tệp đã ghi: " + "; ".join(digests) + "."]
    lines += ["", "## Người duyệt", "",
              "- [ ] Đối chiếu từng hồ sơ với nguồn công khai (tiêu đề, nơi đăng, ngày, số tiền, số hộ).",
              "- [ ] Không có dữ liệu cá nhân (tên người nhận, số CCCD, số điện thoại, địa chỉ, dân tộc của một người).",
              "- [ ] Kiểm tra tự động đã chạy: pull request do workflow mở không tự chạy kiểm tra; hãy đóng rồi mở "
              "lại pull request (Close, rồi Reopen) để chạy."]
    return _limit("\n".join(lines) + "\n")
