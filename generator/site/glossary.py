"""The programme's own terms with their English glosses, kept here once: the data dictionary
shows them (in both editions), and the English pages and downloads word them the same way.

A term's Vietnamese is the word the Vietnamese pages use; the four groups of the plan are the
vocabulary's (records/vocabularies/support-categories.yaml), glossed here by their codes. Both
columns are shown as they are in both editions (a bilingual table): neither goes through the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..view.model import Site


@dataclass(frozen=True)
class Term:
    key: str  # the term's anchor on the dictionary page (a vocabulary code for a group of the plan)
    vietnamese: str
    english: str
    note: str  # what the word means in the ledger, in English


TERMS = (
    Term("ket-nghia", "kết nghĩa, giúp đỡ", "twinning",
         "A lasting pairing in which a sponsor helps a mountainous, border or island locality, under a "
         "signed agreement; the twinned locality may also give in return."),
    Term("don-vi-ket-nghia", "đơn vị kết nghĩa", "sponsor (twinned unit)",
         "The provincial agency, enterprise, armed-forces unit, mass organisation or lowland locality that helps."),
    Term("cap-ket-nghia", "cặp kết nghĩa", "partnership (twinning pair)",
         "One sponsor, or several together, twinned with one locality, under a programme and a basis document."),
    Term("xa-muc-tieu", "xã mục tiêu", "target commune",
         "A commune the programme sets out to help: named by its document, or a commune of the districts it "
         "names on the day it was issued."),
    Term("xa-bien-gioi", "xã biên giới đất liền", "land-border commune",
         "A commune on the land border (with Laos), which the plan twins with lowland districts and cities."),
    Term("xa-co-cap-ket-nghia", "xã có cặp kết nghĩa", "partnered commune",
         "A commune with at least one partnership of the programme in the ledger."),
    Term("xa-co-ho-tro-duoc-ghi", "xã có hỗ trợ được ghi", "commune with recorded support",
         "A commune where at least one activity of the programme (not cancelled) took place, by the ledger."),
    Term("tang-qua", "tặng quà", "gift-giving",
         "Visits and gifts (Lunar New Year parcels, presents to families of merit); the plan asks sponsors to reduce it "
         "year by year."),
    Term("huong-dan-lam-an", "hướng dẫn cách làm ăn", "capacity building",
         "Training people to earn a living, vocational training and training of commune and village officials: "
         "what the plan asks gifts to give way to."),
    Term("so-lieu-bao-cao", "số liệu được báo cáo", "reported total",
         "What the programme itself reported for a place and a period, beside which the ledger says how much "
         "it itemises."),
    Term("luot-ho", "lượt hộ", "household-times",
         "Households counted once per activity: a household helped twice counts twice."),
)

# The four groups of the plan's support, by their vocabulary codes.
GROUPS = {
    "phat-trien-kinh-te": "support for economic and social development",
    "he-thong-chinh-tri": "support for building the political system",
    "tuyen-truyen": "support for communication and mobilisation",
    "an-sinh-xa-hoi": "support for social welfare",
}


def anchor(key: str) -> str:
    """A term's row on the data dictionary page."""
    return f"thuat-ngu-{key}"


def plan_groups(site: Site) -> list[Term]:
    """The plan's groups as the vocabulary names them, glossed; a group with no gloss here has none."""
    return [Term(code, label, GROUPS.get(code, ""), "One of the four groups of support the plan sets out.")
            for code, label in site.groups().items()]
