"""Search: one folding for the index and the queries, the index files, the pages' sections."""

import base64
import json
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.folding import FOLD, fold, words
from generator.site.search_index import (
    ACTIVITY_RANK,
    CHUNK,
    REGISTER,
    Entry,
    as_script,
    file_name,
    for_disk,
    index_files,
    script_name,
)
from generator.site.search_pages import page_entries
from generator.view import urls

SEARCH_JS = Path(__file__).resolve().parents[1] / "docs" / "javascripts" / "search.js"


def test_every_spelling_of_a_word_folds_alike():
    assert words("Hòa Hoà HOÀ hoa Hóa") == ["hoa"] * 5
    assert words("Ch'ơm Ch’ơm chʼơm CHƠM chom") == ["chom"] * 5
    assert words("Nhà Đại Đoàn Kết") == ["nha", "dai", "doan", "ket"]
    assert fold("Đức Phước Ư ơ") == "duc phuoc u o"


def test_decomposed_text_folds_like_composed_text():
    assert words(unicodedata.normalize("NFD", "Phước Hoà Đoàn")) == ["phuoc", "hoa", "doan"]


def test_numbers_split_as_the_query_does_and_runs_too_long_are_dropped():
    assert words("300 suất, 90.000.000 đồng") == ["300", "suat", "90", "000", "000", "dong"]
    assert words("a" * 41 + " b") == ["b"]


def test_the_table_covers_vietnamese_letters_only_lower_case():
    assert FOLD["đ"] == "d" and FOLD["ộ"] == "o" and FOLD["'"] == ""
    assert all(key == key.lower() for key in FOLD)
    # The browser's script reads the table from the index; it has no table of its own.
    assert "ộ" not in SEARCH_JS.read_text(encoding="utf-8")


def _entries():
    return [
        Entry("hoat-dong/2023/x/#a-1", "Mô hình nuôi heo cỏ", "6/1/2023 · xã La Êê", "Tam Kỳ", ACTIVITY_RANK),
        Entry("gioi-thieu/", "Giới thiệu", "", "Kế hoạch của tỉnh"),
        Entry("dia-ban/xa-hiep-hoa/", "xã Hiệp Hòa", "", "huyện Hiệp Đức"),
        Entry("dia-ban/xa-phuoc-hoa/", "xã Phước Hoà", "", "huyện Hiệp Đức"),
    ]


def _postings(files, word):
    shard = json.loads(files[f"w/{file_name(word.lstrip('=')[:3])}.json"])
    title, text = shard[word]
    undo = lambda gaps: [sum(gaps[: i + 1]) for i in range(len(gaps))]  # noqa: E731
    return undo(title), undo(text)


def test_entries_are_numbered_localities_first_activities_last():
    files = index_files(_entries())
    first = json.loads(files["e/0.json"])
    assert [e[0] for e in first] == ["dia-ban/xa-hiep-hoa/", "dia-ban/xa-phuoc-hoa/", "gioi-thieu/", "hoat-dong/2023/x/#a-1"]
    assert first[3] == ["hoat-dong/2023/x/#a-1", "Mô hình nuôi heo cỏ", "6/1/2023 · xã La Êê"]


def test_words_point_at_entries_holding_them_in_the_title_or_elsewhere():
    files = index_files(_entries())
    assert _postings(files, "hoa") == ([0, 1], [])
    assert _postings(files, "hiep") == ([0], [1])
    assert _postings(files, "heo") == ([3], [])
    assert _postings(files, "ky") == ([], [3])
    assert "hoach" in json.loads(files["w/hoa.json"])  # its own word, not a match of "hoa"
    meta = json.loads(files["meta.json"])
    assert meta["entries"] == 4 and meta["chunk"] == CHUNK and meta["fold"] == FOLD
    assert sorted(f"w/{file_name(k)}.json" for k in meta["keys"]) == sorted(f for f in files if f.startswith("w/"))


def test_the_same_entries_give_the_same_bytes_in_any_order():
    assert index_files(_entries()) == index_files(list(reversed(_entries())))


def test_word_files_are_named_safely_whatever_the_script():
    files = index_files([Entry("a/", "Москва ../x", "", "")])
    names = [f for f in files if f.startswith("w/")]
    assert all(re.fullmatch(r"w/(_[0-9a-f]+|[a-z0-9]+)\.json", f) for f in names), names


def test_the_served_index_has_no_scripts():
    assert not [name for name in index_files(_entries()) if not name.endswith(".json")]


def test_the_offline_index_has_each_file_as_a_script_handing_the_same_data():
    files = for_disk(index_files(_entries()))
    data = {name: body for name, body in files.items() if name.endswith(".json")}
    # The entries link files; everything else is the served index's.
    assert data == index_files([Entry(urls.on_disk(e.url), e.title, e.context, e.text, e.rank) for e in _entries()])
    assert "e/0.json" in data and "index.html" in data["e/0.json"].decode("utf-8")
    # A hand-written page is a file of its own in the copy (MkDocs without folder URLs).
    hand = for_disk(index_files([Entry("gioi-thieu/#tim-kiem", "Tìm kiếm", "Giới thiệu", "")]), {"gioi-thieu.html"})
    assert json.loads(hand["e/0.json"])[0][0] == "gioi-thieu.html#tim-kiem"
    assert sorted(files) == sorted([*data, *(script_name(name) for name in data)])
    assert "w/heo.js" in files and "meta.js" in files and "e/0.js" in files
    for name, body in data.items():
        script = files[script_name(name)].decode("utf-8")
        prefix = f'{REGISTER}("{name}",'
        assert script.startswith(prefix) and script.endswith(");\n"), script[:80]
        assert json.loads(script[len(prefix) : -len(");\n")]) == json.loads(body)


def test_a_script_holds_no_markup_end_nor_raw_line_separators():
    text = "</script><script>alert(1)</script> <!-- \u2028 \u2029 </SCRIPT \\<"
    data = json.dumps({"x": [text]}, ensure_ascii=False).encode("utf-8")
    script = as_script("e/0.json", data).decode("utf-8")
    assert "<" not in script and "\u2028" not in script and "\u2029" not in script
    assert json.loads(script[len(f'{REGISTER}("e/0.json",') : -len(");\n")]) == {"x": [text]}


def test_the_offline_copy_numbers_its_entries_as_the_served_site():
    # "dia-ban/xa-hiep-hoa/index.html" would sort after "dia-ban/xa-hiep-hoa/trang/2/index.html"
    entries = [*_entries(), Entry("dia-ban/xa-hiep-hoa/trang/2/", "xã Hiệp Hòa, trang 2", "", ""),
               Entry("gioi-thieu-x/", "Giới thiệu khác", "", ""),
               Entry("#gioi-thieu", "Trang chủ", "", "heo"), Entry("", "Trang chủ", "", "")]
    served = index_files(entries)
    # MkDocs makes the hand-written gioi-thieu.md gioi-thieu.html when not serving folders
    disk_url = lambda url: url.replace("gioi-thieu/", "gioi-thieu.html") if url.startswith("gioi-thieu/") else urls.on_disk(url)  # noqa: E731
    on_disk = index_files([Entry(disk_url(e.url), e.title, e.context, e.text, e.rank) for e in entries])
    assert {k: v for k, v in on_disk.items() if not k.startswith("e/")} == {k: v for k, v in served.items() if not k.startswith("e/")}
    for name in served:
        if name.startswith("e/"):
            assert [[urls.served(u), *rest] for u, *rest in json.loads(on_disk[name])] == json.loads(served[name])


def test_on_disk_links_name_the_folder_index():
    assert urls.on_disk("") == "index.html"
    assert urls.on_disk("#a") == "index.html#a"
    assert urls.on_disk("dia-ban/x/#a") == "dia-ban/x/index.html#a"
    assert urls.on_disk("gioi-thieu.html") == "gioi-thieu.html"
    for url in ("", "#a", "dia-ban/x/", "hoat-dong/2023/x/#a-1"):
        assert urls.served(urls.on_disk(url)) == url
    assert urls.served("gioi-thieu.html#a") == "gioi-thieu/#a"  # a page of its own, not a folder's


def test_chunks_hold_chunk_entries():
    files = index_files([Entry(f"p{i:04}/", f"t{i}", "", "") for i in range(CHUNK + 1)])
    assert len(json.loads(files["e/0.json"])) == CHUNK and len(json.loads(files["e/1.json"])) == 1


def test_a_page_gives_its_intro_and_each_section_with_text():
    content = (
        '<h1 id="x">xã Ch\'ơm</h1><p>Trực thuộc <a href="../h/">huyện Tây Giang</a>.</p>'
        '<h2 id="lich-su">Lịch sử<a class="headerlink" href="#lich-su">¶</a></h2><ul><li>Nhập vào xã Hùng Sơn</li></ul>'
        '<h2 id="tong-hop">Tổng hợp</h2><!--ledger-block-0-->'
        '<h2 id="khac">Khác</h2><div data-search-exclude><table><tr><td>bảng<br>lớn</td></tr></table></div><p>Đoạn</p>'
        "<script>var x = 1;</script>"
    )
    entries = page_entries("dia-ban/xa-ch-om/", "xã Ch'ơm", content)
    assert entries == [
        Entry("dia-ban/xa-ch-om/", "xã Ch'ơm", "", "Trực thuộc huyện Tây Giang."),
        Entry("dia-ban/xa-ch-om/#lich-su", "Lịch sử", "xã Ch'ơm", "Nhập vào xã Hùng Sơn"),
        Entry("dia-ban/xa-ch-om/#khac", "Khác", "xã Ch'ơm", "Đoạn"),
    ]


def test_a_word_in_most_entries_is_a_bitmap():
    entries = [Entry(f"p{i:03}/", "heo" if i % 3 else "bò", "", "") for i in range(100)]
    files = index_files(entries)
    title, text = json.loads(files["w/heo.json"])["heo"]
    assert isinstance(title, str) and text == []
    bits = base64.b64decode(title)
    assert [n for n in range(100) if bits[n // 8] >> (n % 8) & 1] == [i for i in range(100) if i % 3]


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF), max_size=40))
@settings(max_examples=300, deadline=None)
def test_words_are_the_runs_of_letters_and_digits_of_the_folded_text(text):
    folded = fold(text)
    assert words(text) == [w for w in re.findall(r"[^\W_]+", folded) if len(w) <= 40]
    assert fold(folded) == folded  # folding twice changes nothing


def _names():
    return [
        Entry("dia-ban/thi-tran-tra-my/", "thị trấn Trà My", "", ""),
        Entry("dia-ban/xa-tra-my-2025/", "xã Trà My", "", ""),
        Entry("dia-ban/xa-a-vuong/", "xã A Vương", "", ""),
        Entry("dia-ban/xa-la-dee/", "xã La Dêê (đến 30/6/2025)", "", ""),
        Entry("dia-ban/xa-la-dee/#lich-su", "Lịch sử", "xã La Dêê", "Trà Leng"),
        Entry("hoat-dong/2023/x/#a-1", "Đèn đường xã A Vương", "6/1/2023", "", ACTIVITY_RANK),
    ]


def test_names_come_first_the_shorter_first():
    files = index_files(_names())
    meta = json.loads(files["meta.json"])
    shown = [e[0] for e in json.loads(files["e/0.json"])]
    # By the words of the name, the bracket after it left out: "xã La Dêê (đến 30/6/2025)" has three.
    assert shown[: meta["names"]] == ["dia-ban/xa-a-vuong/", "dia-ban/xa-la-dee/", "dia-ban/xa-tra-my-2025/",
                                      "dia-ban/thi-tran-tra-my/"]
    assert meta["names"] == 4 and shown[4:] == ["dia-ban/xa-la-dee/#lich-su", "hoat-dong/2023/x/#a-1"]


def test_a_names_words_are_also_joined_and_the_whole_name_is_a_word():
    files = index_files(_names())
    assert _postings(files, "avuong") == ([0], [])  # xã A Vương, not the activity
    assert _postings(files, "=tramy") == ([2, 3], [])  # "tra my" is the whole name of both
    assert _postings(files, "=xatramy") == ([2], [])
    assert _postings(files, "=ladee") == ([1], [])  # the bracket after the name left out
    shard = json.loads(files["w/de.json"])
    assert shard["de*"] == [1]  # names with a word begun by "de": La Dêê


def test_words_one_typo_apart_share_a_form_of_the_typo_files():
    files = index_files(_names())
    meta = json.loads(files["meta.json"])
    assert meta["typo"] == [2, 4]
    shard = json.loads(files["t/le.json"])
    assert "leng" in shard["leg"]  # "leng" less its "n": found from the query "leg"
    assert "leng" in shard["leng"]
    # Words of three letters (and words with digits) have no forms: no typo is guessed in them.
    assert not any("dee" in words for shard in (json.loads(v) for k, v in files.items() if k.startswith("t/"))
                   for words in shard.values())
    assert set(meta["typoKeys"].split()) == {k[2:-5] for k in files if k.startswith("t/")}


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_serve_reads_again_only_the_pages_that_changed_and_indexes_them_as_a_fresh_generation(tmp_path, monkeypatch):
    """`serve` makes every page again at each save: the search index is fed the entries the
    unchanged pages gave last time, and the folder is what a fresh generation writes."""
    from generator.pipeline import generate
    from generator.site import docs_folder, search_pages
    from generator.view.context import Context

    from site_records import TODAY, small_tree

    records, served = small_tree(tmp_path), tmp_path / "served"
    read = docs_folder.Read()
    generate(records, served, Context(), TODAY, read=read)
    before = _contents(served)
    parsed: list[str] = []
    real = search_pages.page_entries_of

    def counted(path: str, data: bytes, hand: bool):
        if not hand:
            parsed.append(path)
        return real(path, data, hand)

    monkeypatch.setattr(search_pages, "page_entries_of", counted)
    [record] = (records / "activities").rglob("2023-01-06-mo-hinh-heo.yaml")
    record.write_text(record.read_text(encoding="utf-8").replace("Mô hình nuôi heo", "Mô hình nuôi heo rừng"), encoding="utf-8")
    generate(records, served, Context(), TODAY, read=read)
    after = _contents(served)
    changed = {path for path in after if path.endswith(".md") and before.get(path) != after[path]}
    assert changed and sorted(parsed) == sorted(changed)
    assert len(parsed) < len([path for path in after if path.endswith(".md")]) / 4
    monkeypatch.undo()
    generate(records, tmp_path / "fresh", Context(), TODAY)
    assert after == _contents(tmp_path / "fresh")
    record.unlink()  # its pages go, and what they said is forgotten
    generate(records, served, Context(), TODAY, read=read)
    assert set(read.last) == {path for path in _contents(served) if path.endswith(".md")}
