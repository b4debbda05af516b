"""Dữ liệu mở: the downloads and how to read them."""

from __future__ import annotations

from .. import formats, urls
from ..downloads import DATASETS, sizes
from ..escape import h, link
from ..html_table import cell, table
from ..i18n import _
from ..model import Site
from .links import folder_note
from .page import Page, bullets, heading, para

URL = urls.OPEN_DATA


def opendata_page(site: Site) -> Page:
    counts = sizes(site)
    rows = [
        [
            cell(h(_(title))),
            cell(formats.number(counts[name]), counts[name]),
            cell(link(f"{name}.csv", "CSV") + " · " + link(f"{name}.json", "JSON")),
        ]
        for name, (record_type, title) in DATASETS.items()
    ]
    body = [
        para(
            _(
                "Toàn bộ hồ sơ đã qua kiểm tra, tải về tự do. Bảng CSV mã hóa UTF-8 có BOM (mở thẳng bằng Excel), "
                "dấu phẩy phân cách, có cả mã và nhãn tiếng Việt. Tệp JSON giữ đủ các trường của hồ sơ, kể cả nguồn."
            )
        ),
        table([_("Bộ dữ liệu"), _("Số dòng"), _("Tải về")], rows, sortable=False),
        heading(_("Cách đọc")),
        bullets(
            [
                _("Tiền tính bằng đồng, số nguyên. Ô trống nghĩa là nguồn chưa báo cáo, không phải bằng 0."),
                _(
                    "Giá trị kế hoạch (<code>planned_*</code>) và đã thực hiện (<code>delivered_*</code>) tách riêng; "
                    "mỗi loại chia thành tiền mặt, hiện vật, vận động và phần chưa tách được."
                ),
                _("Ngày viết theo dạng NNNN-TT-NN; nếu nguồn chỉ nêu tháng hoặc năm thì chỉ ghi đến tháng hoặc năm."),
                _(
                    "Trong bảng CSV, ô chữ bắt đầu bằng <code>=</code>, <code>+</code>, <code>-</code> hoặc <code>@</code> "
                    "được thêm dấu <code>'</code> ở đầu để Excel không chạy nó như công thức; tệp JSON giữ nguyên chữ."
                ),
                _("Người hưởng lợi chỉ là số hộ, số người; không có tên hay thông tin cá nhân."),
            ]
        ),
        heading(_("Mô tả dữ liệu")),
        para(
            _(
                "Tệp {datapackage} mô tả các bộ dữ liệu theo chuẩn Frictionless Data (tên cột, kiểu, tiêu đề tiếng Việt). "
                "Mã nguồn và hồ sơ YAML nằm trong kho dữ liệu; mỗi trang của sổ dẫn về tệp YAML của nó."
            ).format(datapackage=link("datapackage.json", "<code>datapackage.json</code>"))
        ),
    ]
    body.append(folder_note(""))
    return Page(URL, _("Dữ liệu mở"), "".join(body))


def pages(site: Site) -> list[Page]:
    return [opendata_page(site)]
