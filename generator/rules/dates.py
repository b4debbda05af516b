"""Dates are coherent: start before end, activities inside their partnership's period,
done activities not in the future, and localities that existed on the activity's date."""
from __future__ import annotations

import datetime
from typing import Any

from ..dates import first_day, last_day, span, vi_date
from ..diagnostics import Diagnostic, FieldPath
from ..facts import localities_of, places_of
from ..ledger import Context, Ledger
from ..records import Record
from ..registry import TYPES, ActivityStatus


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def check_record(record: Record, folder_parts: tuple[str, ...], today: datetime.date) -> list[Diagnostic]:
    found = []
    pair = TYPES[record.type].ordered_dates
    if pair:
        start, end = (_get(record.data, path) for path in pair)
        if start and end and first_day(start) > last_day(end):
            found.append(record.diagnostic(pair[1], "DATE_ORDER",
                         f"ngày kết thúc {vi_date(end)} trước ngày bắt đầu {vi_date(start)}: hãy kiểm tra lại hai ngày"))
    if record.type == "activity" and record.data["status"] == ActivityStatus.DONE and first_day(record.data["date"]) > today:
        found.append(record.diagnostic(("date",), "DATE_FUTURE",
                     f"hoạt động ghi 'hoàn thành' nhưng ngày {vi_date(record.data['date'])} chưa tới (hôm nay {vi_date(today)}): "
                     "hãy sửa ngày, hoặc đổi tình trạng thành ke-hoach"))
    return found


def existed(locality: Record, first: datetime.date, last: datetime.date) -> bool:
    """Whether a locality existed at some time between two days."""
    valid_from, valid_to = locality.data.get("valid_from"), locality.data.get("valid_to")
    return (valid_from is None or last >= first_day(valid_from)) and (valid_to is None or first <= first_day(valid_to))


def _successor_hint(ledger: Ledger, locality: Record, first: datetime.date) -> str:
    current = locality
    for _ in range(10):
        successor = ledger.get("locality", current.data.get("successor", ""))
        if successor is None:
            break
        if existed(successor, first, first):
            return f"; vào ngày đó đơn vị kế thừa là '{successor.id}' ({successor.data['name']}): hãy ghi locality: {successor.id}"
        current = successor
    return ""


def _lifetime(locality: Record) -> str:
    valid_from, valid_to = locality.data.get("valid_from"), locality.data.get("valid_to")
    return f"từ {vi_date(valid_from) if valid_from else 'trước 2020'} đến {vi_date(valid_to) if valid_to else 'nay'}"


def _check_activity(ledger: Ledger, activity: Record) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first, last = span(activity.data["date"])
    partnership = ledger.get("partnership", activity.data["partnership"])
    if partnership is None:
        return found
    period = partnership.data["period"]
    if last < first_day(period["start"]) or ("end" in period and first > last_day(period["end"])):
        end = vi_date(period["end"]) if "end" in period else "nay"
        found.append(activity.diagnostic(("date",), "DATE_OUTSIDE_PERIOD",
                     f"ngày {vi_date(activity.data['date'])} nằm ngoài thời gian kết nghĩa của '{partnership.id}' "
                     f"({vi_date(period['start'])} - {end}): hãy kiểm tra ngày hoặc cặp kết nghĩa"))
    own = "locality" in activity.data or "localities" in activity.data
    if "locality" in activity.data and "localities" in activity.data:
        found.append(activity.diagnostic(("localities",), "LOCALITY_TWICE",
                     "hoạt động ghi cả 'locality' và 'localities': hoạt động của một xã chỉ ghi 'locality', "
                     "hoạt động chung của nhiều xã chỉ ghi 'localities'; hãy xóa một trong hai"))
    targets = localities_of(partnership.data)
    for index, place in enumerate(places_of(activity.data, partnership.data)):
        path: FieldPath = ("localities", index) if "localities" in activity.data else (
            ("locality",) if own else ("partnership",))
        locality = ledger.get("locality", place)
        if locality is not None and not existed(locality, first, last):
            found.append(activity.diagnostic(path, "LOCALITY_NOT_IN_FORCE",
                         f"địa bàn '{locality.id}' ({locality.data['name']}) chỉ tồn tại {_lifetime(locality)}, "
                         f"không có vào ngày {vi_date(activity.data['date'])}{_successor_hint(ledger, locality, first)}"))
        elif locality is not None and own and not any(_within(ledger, locality, t) for t in targets):
            found.append(activity.diagnostic(path, "LOCALITY_OUTSIDE",
                         f"địa bàn '{locality.id}' không thuộc địa bàn kết nghĩa '{partnership.data['locality']}': "
                         "hãy kiểm tra mã địa bàn hoặc cặp kết nghĩa"))
    return found


def _check_programme(ledger: Ledger, partnership: Record, programme: Record) -> list[Diagnostic]:
    """A partnership of a programme starts within its period, in its area."""
    found = []
    starts, period = partnership.data["period"]["start"], programme.data["period"]
    # A start known only to the month or year may fall anywhere in it: outside only when all of it is.
    if last_day(starts) < first_day(period["start"]) or ("end" in period and first_day(starts) > last_day(period["end"])):
        end = vi_date(period["end"]) if "end" in period else "nay"
        found.append(partnership.diagnostic(("programme",), "PROGRAMME_PERIOD",
                     f"cặp kết nghĩa bắt đầu {vi_date(starts)}, ngoài thời gian của chương trình '{programme.id}' "
                     f"({vi_date(period['start'])} - {end}): hãy kiểm tra chương trình hoặc ngày bắt đầu"))
    locality = ledger.get("locality", partnership.data["locality"])
    if locality is not None and not _within(ledger, locality, programme.data["area"]):
        found.append(partnership.diagnostic(("programme",), "PROGRAMME_AREA",
                     f"địa bàn '{locality.id}' không thuộc địa bàn '{programme.data['area']}' của chương trình "
                     f"'{programme.id}': hãy kiểm tra chương trình hoặc địa bàn"))
    return found


def _within(ledger: Ledger, locality: Record, target_id: str) -> bool:
    """The locality is the target, lies inside it, or succeeds it."""
    related: set[str] = set()
    current = ledger.get("locality", target_id)
    while current is not None and current.id not in related:
        related.add(current.id)
        current = ledger.get("locality", current.data.get("successor", ""))
    current = locality
    for _ in range(10):
        if current is None:
            return False
        if current.id in related:
            return True
        current = ledger.get("locality", current.data.get("parent", ""))
    return False


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
    found = []
    for activity in ledger.of("activity").values():
        found.extend(_check_activity(ledger, activity))
    for partnership in ledger.of("partnership").values():
        locality = ledger.get("locality", partnership.data["locality"])
        period = partnership.data["period"]
        end = last_day(period["end"]) if "end" in period else None
        if locality is not None and not existed(locality, first_day(period["start"]), end or first_day("2100")):
            found.append(partnership.diagnostic(("locality",), "LOCALITY_NOT_IN_FORCE",
                         f"địa bàn '{locality.id}' chỉ tồn tại {_lifetime(locality)}, không có trong thời gian kết nghĩa"))
        programme = ledger.get("programme", partnership.data["programme"])
        if programme is not None:
            found.extend(_check_programme(ledger, partnership, programme))
        for index, named in enumerate(partnership.data.get("localities", [])):
            commune = ledger.get("locality", named)
            if commune is not None and locality is not None and not _within(ledger, commune, locality.id):
                found.append(partnership.diagnostic(("localities", index), "LOCALITY_OUTSIDE",
                             f"xã '{commune.id}' không thuộc địa bàn kết nghĩa '{locality.id}': 'localities' chỉ "
                             "ghi các xã của địa bàn đó mà giao ước nêu tên"))
    for locality in ledger.of("locality").values():
        successor = ledger.get("locality", locality.data.get("successor", ""))
        if successor is None:
            continue
        valid_to, starts = locality.data.get("valid_to"), successor.data.get("valid_from")
        if valid_to and starts and (first_day(starts) - first_day(valid_to)).days != 1:
            found.append(locality.diagnostic(("successor",), "SUCCESSOR_GAP",
                         f"'{locality.id}' kết thúc ngày {vi_date(valid_to)} nhưng '{successor.id}' bắt đầu ngày "
                         f"{vi_date(starts)}: đơn vị kế thừa thường bắt đầu ngay ngày hôm sau"))
    return found
