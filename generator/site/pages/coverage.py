"""Độ phủ: target communes without a partner, partnerships gone quiet, border communes."""

from __future__ import annotations

import datetime

from ...dates import first_day, last_day
from .. import formats
from ..escape import h
from ..html_table import cell, table
from ..model import Site, last_activity
from .links import folder_note, ref
from .localities import border_cell
from .page import Page, heading, para

URL = "do-phu/"
QUIET_DAYS = 365


def unpartnered(site: Site) -> list[str]:
    return [c for c in site.target_communes() if not site.partnerships_of_locality.get(c)]


def quiet_partnerships(site: Site) -> list[tuple[str, str | None]]:
    """Partnerships in force during the 12 months before the newest record, with no activity in them.

    In force by their period, not by their status today: a partnership that has ended since
    was still expected to act in those months."""
    if not site.newest:
        return []
    since = site.newest - datetime.timedelta(days=QUIET_DAYS)
    quiet = []
    for pid in site.by_name("partnership", site.partnerships):
        period = site.partnerships[pid]["period"]
        if first_day(period["start"]) > site.newest or (period.get("end") and last_day(period["end"]) < since):
            continue
        last = last_activity(site, pid)
        if last is None or last[0] < since:
            quiet.append((pid, last and last[1]))
    return quiet


def border_communes(site: Site) -> list[str]:
    return [c for c in site.by_name("locality", site.localities) if site.is_commune(c) and site.is_border(c)]


def coverage_page(site: Site) -> Page:
    url = URL
    targets = site.target_communes()
    missing = unpartnered(site)
    body = [
        para(
            f"Xã mục tiêu là các xã, thị trấn thuộc 9 huyện miền núi tại ngày 16/4/2020 "
            f"({formats.number(len(targets))} đơn vị). Cặp kết nghĩa cấp huyện không được tính cho từng xã."
        ),
        heading("Xã chưa có đơn vị kết nghĩa"),
        para(
            f"{formats.number(len(missing))} trong số {formats.number(len(targets))} xã mục tiêu "
            f"({formats.percent(len(missing), len(targets))}) chưa có cặp kết nghĩa được ghi nhận."
        ),
    ]
    body.append(
        table(
            ["Xã", "Huyện", "Biên giới"],
            [
                [
                    cell(ref(site, url, "locality", c)),
                    cell(ref(site, url, "locality", site.district_of(c)) if site.district_of(c) else ""),
                    cell(h(border_cell(site.localities[c]))),
                ]
                for c in missing
            ],
        )
    )
    quiet = quiet_partnerships(site)
    since = site.newest - datetime.timedelta(days=QUIET_DAYS) if site.newest else None
    body += [
        heading("Cặp kết nghĩa không có hoạt động trong 12 tháng gần nhất"),
        para(
            h(
                f"Tính từ {formats.date(since)} đến {formats.date(site.newest)} (ngày của hồ sơ mới nhất)."
                if since
                else "Chưa có dữ liệu."
            )
        ),
        table(
            ["Cặp kết nghĩa", "Hoạt động gần nhất"],
            [
                [
                    cell(ref(site, url, "partnership", pid)),
                    cell(h(formats.date(last)) if last else "chưa có", last or ""),
                ]
                for pid, last in quiet
            ],
        )
        if quiet
        else para("Không có: mọi cặp kết nghĩa còn hiệu lực trong thời gian này đều có hoạt động."),
    ]
    rows = []
    for c in border_communes(site):
        partnerships = site.partnerships_of_locality.get(c, [])
        district = site.district_of(c)
        district_partnerships = site.partnerships_of_locality.get(district, []) if district else []
        rows.append(
            [
                cell(ref(site, url, "locality", c)),
                cell(", ".join(ref(site, url, "partnership", p) for p in partnerships) or "chưa có"),
                cell(", ".join(ref(site, url, "partnership", p) for p in district_partnerships)),
                cell(h("suy luận" if site.localities[c]["land_border"].get("inferred") else "có căn cứ")),
            ]
        )
    body += [
        heading("Xã biên giới đất liền và đơn vị kết nghĩa"),
        para("Kế hoạch phân công các huyện, thị xã, thành phố đồng bằng kết nghĩa với 14 xã biên giới đất liền."),
        table(["Xã", "Cặp kết nghĩa của xã", "Cặp kết nghĩa của huyện", "Căn cứ biên giới"], rows),
    ]
    body.append(folder_note(""))
    return Page(url, "Độ phủ", "".join(body))


def pages(site: Site) -> list[Page]:
    return [coverage_page(site)]
