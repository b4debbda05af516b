"""Từ điển dữ liệu: the programme's terms glossed in English (generator/site/glossary.py), then every
dataset and column of the open data, in Vietnamese and English."""

from __future__ import annotations

from ...i18n import _
from ...view import urls
from ...view.escape import h, link
from ...view.model import Site
from ..dictionary import describe
from ..downloads import DATASETS
from ..glossary import TERMS, Term, anchor, plan_groups
from ..html_table import cell, table
from .page import Page, heading, para

URL = urls.DICTIONARY


def _type(name: str) -> str:
    return {"string": _("chữ"), "integer": _("số nguyên"), "boolean": _("đúng/sai (true/false)")}.get(name, name)


def dictionary_page(site: Site) -> Page:
    body = [
        para(
            _(
                "Mỗi bộ dữ liệu mở và mỗi cột của nó: tên cột, tên tiếng Việt, tên tiếng Anh, kiểu, đơn vị và ý nghĩa. "
                "Ý nghĩa lấy từ lược đồ (JSON Schema) mà hồ sơ được kiểm tra theo. "
                "Each dataset and column of the open data, in Vietnamese and English."
            )
        ),
        glossary_section(site),
    ]
    for dataset in DATASETS.values():
        described = describe(site, dataset)
        body.append(heading(f"{h(_(dataset.title))} ({h(dataset.en)})", 2))
        keys = [_("Tệp: {files}.").format(files=link(urls.relative(URL, f"{urls.OPEN_DATA}{dataset.name}.csv"),
                                                         f"<code>{dataset.name}.csv</code>")),
                _("Khóa chính (primary key): {key}.").format(key=", ".join(f"<code>{k}</code>" for k in dataset.primary_key))]
        for column, target in described.foreign_keys:
            keys.append(_("Cột {column} trỏ tới cột {target} của {dataset}.").format(
                column=f"<code>{column}</code>", target="<code>id</code>", dataset=f"<code>{target.name}.csv</code>"))
        body.append(para(" ".join(keys)))
        rows = [
            [
                cell(f"<code>{h(e.name)}</code>"),
                cell(vietnamese(e.title)),
                cell(h(e.en)),
                cell(_type(e.type)),
                cell(h(e.unit)),
                cell(vietnamese(e.meaning)),
            ]
            for e in described.entries
        ]
        body.append(table([_("Cột"), _("Tên tiếng Việt"), _("Tên tiếng Anh (English)"), _("Kiểu"), _("Đơn vị"),
                           _("Ý nghĩa")], rows, sortable=False))
    return Page(URL, _("Từ điển dữ liệu"), "".join(body))


def vietnamese(text: str) -> str:
    """Text that is Vietnamese in both editions (a column's Vietnamese name, a schema's meaning),
    said to be so: a reader's browser and screen reader read it as such."""
    return f'<span lang="vi">{h(text)}</span>' if text else ""


def glossary_section(site: Site) -> str:
    """The programme's terms and the four groups of its plan, with their English glosses."""
    terms: list[Term] = [*TERMS, *plan_groups(site)]
    rows = [(anchor(t.key), [cell(vietnamese(t.vietnamese)), cell(h(t.english)), cell(h(t.note))]) for t in terms]
    return (heading(_("Thuật ngữ của chương trình"))
            + para(_("Các từ của chương trình với nghĩa tiếng Anh, dùng như nhau trên mọi trang, bản tiếng Việt "
                     "và bản tiếng Anh, và trong dữ liệu mở."))
            + table([_("Thuật ngữ"), _("Tiếng Anh (English)"), _("Nghĩa trong sổ (bằng tiếng Anh)")], rows,
                    sortable=False))


def pages(site: Site) -> list[Page]:
    return [dictionary_page(site)]
