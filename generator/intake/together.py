"""The planned records checked together with the ledger, in memory, before anything is written.

The ledger was validated once (generator/intake/planned.py read_ledger) and each row's record
checked against its schema once (plan_row); here the rules run on the ledger as the import
would leave it: new records added, updated ones in place of theirs, withdrawn ones gone
(generator/validate.py check_changes). No file is copied or written. A finding on a planned
record goes to its row; a new finding on another record (an activity whose partnership is
withdrawn) goes to the row that causes it; a likely duplicate keeps a new row out.
"""
from __future__ import annotations

from ..diagnostics import ERROR, Diagnostic
from ..facts import places_of
from ..ledger import Ledger
from ..loader import Document
from ..records import Record, RecordFile, display_path
from ..registry import TYPES, folder_of
from ..rules.duplicates import likely_duplicates, written_place
from ..validate import check_changes
from .planned import DUPLICATE, NEW, REFUSED, UPDATE, WHOLE_ROW, WITHDRAWN, Checks, Layout, Plan, Planned, Problem, column_of


def _record_file(planned: Planned, checks: Checks) -> tuple[RecordFile, Record]:
    file = display_path(planned.path)
    parts = planned.path.relative_to(checks.records / folder_of(planned.record_type)).parts[:-1]
    record = Record(planned.record_type, planned.record_id, Document(file, planned.data))
    return RecordFile(str(planned.path), file, planned.record_type, planned.record_id, parts), record


_SAID = 3  # findings on other records said in full; the others counted


def _key(diagnostic: Diagnostic) -> tuple[str, str, str, str]:
    return diagnostic.file, diagnostic.code, diagnostic.field, diagnostic.message


def check_together(plan: Plan, checks: Checks, layouts: dict[str, Layout]) -> None:
    changed = [p for p in plan.records if p.state in (NEW, UPDATE)]
    withdrawn = [p for p in plan.records if p.state == WITHDRAWN]
    pairs = [_record_file(p, checks) for p in changed]
    by_file = {record_file.file: planned for (record_file, _), planned in zip(pairs, changed, strict=True)}
    ledger, found = check_changes(checks.known.result, pairs, {(p.record_type, p.record_id) for p in withdrawn},
                                  checks.today, checks.schemas)
    before = {_key(d) for d in checks.known.result.diagnostics}
    causes = {(p.record_type, p.record_id): p for p in changed + withdrawn if p.state != NEW}
    effects: dict[tuple[str, int], tuple[Planned, list[Diagnostic]]] = {}
    for diagnostic in found:
        if diagnostic.code == "ACTIVITY_DUPLICATE":
            continue  # said row by row below, with what to do
        planned = by_file.get(diagnostic.file)
        blocking = diagnostic.severity == ERROR
        if planned is not None:
            where = column_of(planned.record_type, planned.data, layouts[planned.sheet], diagnostic.field)
            plan.problems.append(Problem(planned.sheet, planned.row, where, diagnostic.message, blocking))
            if blocking:
                planned.state = REFUSED
        elif _key(diagnostic) not in before and blocking:
            for cause in _causes(diagnostic, checks, causes, ledger):
                effects.setdefault((cause.sheet, cause.row), (cause, []))[1].append(diagnostic)
    for cause, found_on_others in effects.values():
        cause.state = REFUSED
        said = "; ".join(f"{d.file}: {d.message}" for d in found_on_others[:_SAID])
        more = f" (và {len(found_on_others) - _SAID} lỗi khác)" if len(found_on_others) > _SAID else ""
        plan.problems.append(Problem(cause.sheet, cause.row, WHOLE_ROW,
                                     f"sau thay đổi của dòng này, {len(found_on_others)} lỗi sẽ xuất hiện ở hồ sơ khác: "
                                     f"{said}{more}. Hãy sửa hoặc rút lại các hồ sơ đó trong cùng bảng tính, hoặc bỏ thay đổi này"))
    _duplicates(plan, ledger, {(p.record_type, p.record_id): p for p in changed})


def _causes(diagnostic: Diagnostic, checks: Checks, causes: dict[tuple[str, str], Planned], ledger: Ledger) -> list[Planned]:
    """The updated or withdrawn rows a new finding on another record comes from: those it refers to,
    else the first of them."""
    record_file = next((f for f in checks.known.files.values() if f.file == diagnostic.file), None)
    record = ledger.get(record_file.type, record_file.id) if record_file and record_file.type else None
    named = []
    if record is not None:
        named = [causes[(target, rid)] for _, target, rid in TYPES[record.type].references_in(record.data)
                 if (target, rid) in causes]
    first = sorted(causes.values(), key=lambda p: (p.sheet, p.row))[:1]
    return list({(p.sheet, p.row): p for p in named}.values()) or first


def _duplicates(plan: Plan, ledger: Ledger, planned: dict[tuple[str, str], Planned]) -> None:
    activities = list(ledger.of("activity").values())
    new = {r.id: planned.get(("activity", r.id)) for r in activities}

    def place(activity) -> str | None:
        partnership = ledger.get("partnership", activity["partnership"])
        # As the duplicate rule places an activity (generator/rules/duplicates.py check_ledger).
        return " ".join(places_of(activity, partnership.data)) if partnership else written_place(activity)

    def order(index: int) -> tuple[int, str, int]:
        row = new.get(activities[index].id)
        return (1, row.sheet, row.row) if row else (0, "", 0)

    for i, j, reason in likely_duplicates(activities, place):
        first, second = sorted((i, j), key=order)
        found = new.get(activities[second].id)
        if found is None or found.state not in (NEW, UPDATE):
            continue
        shared = "tên gần như trùng" if reason == "title" else "cùng số tiền"
        other = new.get(activities[first].id)
        said = f"dòng {other.row} của trang {other.sheet}" if other else f"hồ sơ đã có {activities[first].id}"
        hint = (f"Nếu đúng là hai hoạt động khác nhau, hãy ghi {activities[first].id} vào cột 'Khác với hoạt động' "
                "của dòng này")
        if found.state == NEW:
            found.state = DUPLICATE
            plan.problems.append(Problem(found.sheet, found.row, WHOLE_ROW,
                                         f"có thể trùng với {said} (cùng cặp kết nghĩa, địa bàn và ngày, {shared}): dòng "
                                         f"này không được ghi. {hint}"))
        else:
            plan.problems.append(Problem(found.sheet, found.row, WHOLE_ROW,
                                         f"sau khi sửa, hoạt động này có thể trùng với {said} (cùng cặp kết nghĩa, địa bàn "
                                         f"và ngày, {shared}): hãy kiểm tra lại. {hint}", blocking=False))
