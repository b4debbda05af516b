"""Dữ liệu mở: the downloads and how to read them."""

from __future__ import annotations

from ...i18n import _
from ...view import formats, urls
from ...view.escape import external_link, h, link
from ...view.model import Site
from ..datapackage import citation
from ..downloads import DATASETS, sizes
from ..html_table import cell, table
from ..offline import announcement
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
        for name, dataset in DATASETS.items()
        for title in (dataset.title,)
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
                "Tệp {datapackage} mô tả các bộ dữ liệu theo chuẩn Frictionless Data: tên cột, kiểu, đơn vị, ý nghĩa, "
                "khóa chính, khóa ngoại, giấy phép và phiên bản (phiên bản của công cụ và mã băm của dữ liệu: "
                "cùng dữ liệu thì cùng phiên bản). {dictionary} giải thích từng cột bằng tiếng Việt và tiếng Anh. "
                "Mã nguồn và hồ sơ YAML nằm trong kho dữ liệu; mỗi trang của sổ dẫn về tệp YAML của nó."
            ).format(
                datapackage=link("datapackage.json", "<code>datapackage.json</code>"),
                dictionary=link(urls.relative(URL, urls.DICTIONARY), _("Từ điển dữ liệu")),
            )
        ),
        para(
            _(
                "Mỗi hoạt động có cột <code>sponsors</code> (mã các đơn vị kết nghĩa), chương trình và huyện; một hoạt "
                "động chung của nhiều xã để trống cột <code>locality</code>, mỗi xã của nó là một dòng của bảng "
                "{places} (giá trị chỉ tính một lần, ở bảng hoạt động). Mọi nguồn của mọi hồ sơ nằm trong "
                "bảng {sources}, mỗi nguồn một dòng (loại hồ sơ, mã hồ sơ, thứ tự, tiêu đề, nơi đăng, ngày, đường dẫn)."
            ).format(sources=link("nguon.csv", "<code>nguon.csv</code>"),
                     places=link("hoat-dong-dia-ban.csv", "<code>hoat-dong-dia-ban.csv</code>"))
        ),
        heading(_("Giấy phép")),
        para(
            _(
                "Dữ liệu được phát hành theo giấy phép {licence}: được tự do sao chép, phân phối, chỉnh sửa và dùng "
                "cho mọi mục đích, kể cả thương mại, miễn là ghi nguồn “{site}” kèm đường dẫn tới trang này. "
                "Mã nguồn của công cụ theo giấy phép MIT (tệp LICENSE trong kho)."
            ).format(licence=external_link(urls.DATA_LICENCE_VI, _("Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)")),
                     site=h(site.identity.name))
        ),
        heading(_("Cách trích dẫn")),
        para(h(citation(site)) + " " + _("Phiên bản của dữ liệu ghi trong {datapackage}.").format(
            datapackage=link("datapackage.json", "<code>datapackage.json</code>"))),
        heading(_("Địa chỉ JSON ổn định (API)")),
        api_text(URL),
    ]
    body.append(announcement(site.newest))
    body.append(folder_note(site, ""))
    return Page(URL, _("Dữ liệu mở"), "".join(body))


def api_text(url: str) -> str:
    return para(
        _(
            "Mỗi địa bàn, đơn vị kết nghĩa, cặp kết nghĩa và hoạt động có một tệp JSON ở một địa chỉ cố định, "
            "tính từ gốc trang: {example}. Tệp giữ nguyên hồ sơ (<code>record</code>), địa chỉ trang, tệp YAML, "
            "lược đồ (<code>schema</code>) và địa chỉ JSON của các hồ sơ liên quan (<code>links</code>); mọi địa chỉ "
            "trong tệp tính từ chính tệp đó. Mục lục: {index}; danh sách mỗi loại: {collections}; mỗi loại tài liệu "
            "có một lược đồ JSON Schema trong {schemas}. Địa chỉ có số phiên bản (<code>v1</code>): nếu cấu trúc thay "
            "đổi, địa chỉ mới sẽ là <code>v2</code>, <code>v1</code> giữ nguyên."
        ).format(
            example="<code>" + h(urls.api_record("locality", "ID")) + "</code>",
            index=link(urls.relative(url, urls.API_INDEX), f"<code>{h(urls.API_INDEX)}</code>"),
            collections=", ".join(
                link(urls.relative(url, urls.api_collection(t)), f"<code>{h(urls.api_collection(t))}</code>")
                for t in urls.API_COLLECTIONS
            ),
            schemas=f"<code>{h(urls.API_SCHEMAS)}</code>",
        )
    )


def api_page(site: Site) -> Page:
    """/api/v1/ for people: what the folder holds (its index document is index.json)."""
    url = urls.API
    body = [
        api_text(url),
        para(_("Giấy phép và cách trích dẫn: xem {page}.").format(
            page=link(urls.relative(url, URL), _("Dữ liệu mở")))),
    ]
    return Page(url, _("API JSON"), "".join(body), search=False)


def pages(site: Site) -> list[Page]:
    return [opendata_page(site), api_page(site)]
