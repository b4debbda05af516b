"""Search without diacritics: the folded words added to Material's search index."""

import re

from generator.site.search_index import add_folded_words, drop_empty_sections, fold

# Material's search: split on the configured separator, lower-case (lunr), strip tags.
SEPARATOR = re.compile(r'[\s\-,:;!?()\[\]"/]+|\.(?!\d)')


def tokens(entry: dict) -> set:
    words = set()
    for field in ("title", "text"):
        text = re.sub(r"<[^>]*>", " ", entry[field])
        words |= {w.lower() for w in SEPARATOR.split(text) if w}
    return words


def query_matches(entry: dict, query: str) -> bool:
    return all(term.lower() in tokens(entry) for term in SEPARATOR.split(query) if term)


def _index():
    return {
        "config": {},
        "docs": [
            {
                "location": "dia-ban/xa-phuoc-chanh/",
                "title": "xã Phước Chánh",
                "text": "<p>Trực thuộc huyện Phước Sơn</p>",
            },
            {"location": "dia-ban/huyen-hiep-duc/", "title": "huyện Hiệp Đức", "text": "<p>Xã Hiệp Hòa</p>"},
            {"location": "gioi-thieu/", "title": "Giới thiệu", "text": "<p>Nước sạch cho bà con</p>"},
        ],
    }


def test_fold_removes_tones_and_marks_and_the_stroke_of_d():
    assert fold("Đức Phước Hòa Hoà Ư ơ") == "Duc Phuoc Hoa Hoa U o"


def test_queries_without_diacritics_find_accented_pages():
    index = add_folded_words(_index())
    phuoc_chanh, hiep_duc, about = index["docs"]
    assert query_matches(phuoc_chanh, "phuoc chanh")
    assert query_matches(hiep_duc, "duc") and query_matches(hiep_duc, "hoa")
    assert query_matches(about, "nuoc sach")
    assert not query_matches(about, "phuoc")


def test_accented_queries_still_work_and_visible_text_is_unchanged():
    index = add_folded_words(_index())
    phuoc_chanh = index["docs"][0]
    assert query_matches(phuoc_chanh, "Phước Chánh")
    assert phuoc_chanh["title"] == "xã Phước Chánh"
    assert phuoc_chanh["text"].startswith("<p>Trực thuộc huyện Phước Sơn</p><span hidden>")


def test_words_without_marks_are_not_repeated():
    entry = add_folded_words({"docs": [{"title": "Tam Kỳ", "text": "Tam Kỳ Tam Kỳ"}]})["docs"][0]
    assert entry["text"].endswith("<span hidden> ky</span>")


def test_sections_left_empty_by_the_tables_kept_out_are_dropped():
    index = drop_empty_sections(
        {
            "docs": [
                {"location": "cap-ket-nghia/a/", "title": "A", "text": ""},
                {"location": "cap-ket-nghia/a/#tong-hop", "title": "Tổng hợp", "text": "<div> </div>"},
                {"location": "dia-ban/x/#lich-su", "title": "Lịch sử", "text": "<ul><li>Nhập vào xã Y</li></ul>"},
            ]
        }
    )
    assert [d["location"] for d in index["docs"]] == ["cap-ket-nghia/a/", "dia-ban/x/#lich-su"]
