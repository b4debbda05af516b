"""The folder MkDocs builds (build/docs/): generated pages at their final paths, a copy of the
hand-written pages, the search index made from both; what a builder needs, and no plugin."""

import json
import shutil

import markdown
import pytest
import yaml

from generator.cli import main
from generator.pipeline import generate, render_site
from generator.project import Project
from generator.site import lifted_blocks, search_pages
from generator.site.hand_pages import MAX_HAND_BYTES, Clash, Linked, TooLarge
from generator.site.search_entries import ENTRIES
from generator.site.slugs import heading_slug
from generator.site.writer import MARK
from generator.validate import validate_tree
from generator.view import urls
from generator.view.config import read_context
from generator.view.context import Context

from site_records import PROJECT, TODAY, small_tree

HAND_PAGE = """# Giới thiệu

Sổ ghi các cặp kết nghĩa.

## Cồng chiêng

Lễ hội của đồng bào **Cơ Tu**, xem [dữ liệu mở](du-lieu-mo/index.md).

```yaml
# không phải một đề mục
```
"""


def _index_entries(out):
    folder = out / urls.SEARCH
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return [entry for n in range(0, meta["entries"], meta["chunk"])
            for entry in json.loads((folder / "e" / f"{n // meta['chunk']}.json").read_text(encoding="utf-8"))]


def _docs(tmp_path):
    docs = tmp_path / "docs"
    (docs / "javascripts").mkdir(parents=True)
    (docs / "gioi-thieu.md").write_text(HAND_PAGE, encoding="utf-8")
    (docs / "javascripts" / "sort-tables.js").write_text("// bảng", encoding="utf-8")
    (docs / ".nhap.md.swp").write_text("tệp tạm của trình soạn thảo", encoding="utf-8")
    return docs


def test_the_folder_holds_the_pages_at_their_paths_the_hand_written_pages_and_the_index(tmp_path):
    records, docs = small_tree(tmp_path), _docs(tmp_path)
    out = tmp_path / "build" / "docs"
    assert not generate(records, out, Context(), TODAY, docs=docs).errors
    assert (out / "index.md").is_file() and (out / "dia-ban" / "index.md").is_file()
    assert (out / "gioi-thieu.md").read_bytes() == (docs / "gioi-thieu.md").read_bytes()
    assert (out / "javascripts" / "sort-tables.js").is_file()
    assert not (out / ".nhap.md.swp").exists() and not (out / ENTRIES).exists()
    entries = _index_entries(out)
    assert ["gioi-thieu/", "Giới thiệu", ""] in entries
    assert ["gioi-thieu/#cong-chieng", "Cồng chiêng", "Giới thiệu"] in entries  # the code's "#" is no heading
    assert any(url.startswith("hoat-dong/") and "#" in url for url, _, _ in entries)  # the activities
    word = json.loads((out / urls.SEARCH / "w" / "chi.json").read_text(encoding="utf-8"))
    assert "chieng" in word

    # A hand-written page edited, another gone: the copy follows, the generated pages stay.
    (docs / "gioi-thieu.md").write_text("# Giới thiệu\n\nĐã sửa.\n", encoding="utf-8")
    (docs / "javascripts" / "sort-tables.js").unlink()
    generate(records, out, Context(), TODAY, docs=docs)
    assert (out / "gioi-thieu.md").read_text(encoding="utf-8").endswith("Đã sửa.\n")
    assert not (out / "javascripts").exists() and (out / "index.md").is_file()
    assert ["gioi-thieu/#cong-chieng", "Cồng chiêng", "Giới thiệu"] not in _index_entries(out)


def test_a_hand_written_file_at_a_generated_path_is_refused_and_nothing_is_written(tmp_path):
    records, docs = small_tree(tmp_path), _docs(tmp_path)
    (docs / "dia-ban").mkdir()
    (docs / "dia-ban" / "index.md").write_text("# Địa bàn viết tay\n", encoding="utf-8")
    out = tmp_path / "build" / "docs"
    with pytest.raises(Clash, match=r"dia-ban/index\.md trùng đường dẫn"):
        generate(records, out, Context(), TODAY, docs=docs)
    assert not out.exists()


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_link_under_docs_is_refused_and_what_it_points_at_is_not_copied(tmp_path, link):
    """A pull request may hold a link (docs/x.txt -> a file outside the project): it is refused by
    name, not followed into the site."""
    records, docs = small_tree(tmp_path), _docs(tmp_path)
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "secret.txt").write_text("mật khẩu", encoding="utf-8")
    (docs / "x").symlink_to(secret / "secret.txt" if link == "file" else secret)
    out = tmp_path / "build" / "docs"
    with pytest.raises(Linked, match=r"x là một liên kết"):
        generate(records, out, Context(), TODAY, docs=docs)
    assert not out.exists()


def test_a_hand_written_file_too_large_is_refused_by_name_before_anything_is_written(tmp_path, capsys):
    """A pull request may add a file of any size under docs/: past MAX_HAND_BYTES it is refused,
    naming it and saying what to do, and none of it is read."""
    records, docs = small_tree(tmp_path), _docs(tmp_path)
    (docs / "anh").mkdir()
    with open(docs / "anh" / "lon.png", "wb") as big:
        big.truncate(MAX_HAND_BYTES + 1)  # sparse: no disk used
    (docs / "anh" / "vua.png").write_bytes(b"x" * 1000)
    out = tmp_path / "build" / "docs"
    with pytest.raises(TooLarge, match=r"lon\.png nặng 10\.000\.001 byte, quá giới hạn 10 MB của một tệp viết tay: hãy thu nhỏ"):
        generate(records, out, Context(), TODAY, docs=docs)
    assert not out.exists()
    (tmp_path / "mkdocs.yml").write_text("site_name: thu\n", encoding="utf-8")
    assert main(["generate", "--project", str(tmp_path), "--today", "2026-11-26"]) == 2
    err = capsys.readouterr().err
    assert "lon.png nặng" in err and "Traceback" not in err
    (docs / "anh" / "lon.png").unlink()
    assert generate(records, out, Context(), TODAY, docs=docs).written
    assert (out / "anh" / "vua.png").stat().st_size == 1000


def test_the_command_refuses_the_clash_in_words_and_removes_the_layout_before(tmp_path, capsys):
    small_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: thu\n", encoding="utf-8")
    docs = _docs(tmp_path)
    before = docs / "generated"  # the generated pages of the layout before, marked as the generator's
    (before / "dia-ban").mkdir(parents=True)
    (before / MARK).write_bytes(b"")
    (before / "dia-ban" / "index.md").write_text("# cũ\n", encoding="utf-8")
    (docs / "index.md").write_text("# Trang chủ viết tay\n", encoding="utf-8")
    assert main(["generate", "--project", str(tmp_path), "--today", "2026-11-26"]) == 2
    err = capsys.readouterr().err
    assert "index.md trùng đường dẫn với một trang do trình sinh trang tạo ra" in err and "Traceback" not in err
    (docs / "index.md").unlink()
    assert main(["generate", "--project", str(tmp_path), "--today", "2026-11-26"]) == 0
    assert not before.exists()
    built = Project(tmp_path).generated
    assert (built / "gioi-thieu.md").is_file() and not (built / "generated").exists()


def test_a_folder_of_hand_written_pages_is_never_taken_for_the_layout_before(tmp_path):
    small_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: thu\n", encoding="utf-8")
    docs = _docs(tmp_path)
    (docs / "generated").mkdir()
    (docs / "generated" / "ghi-chu.md").write_text("# Ghi chú viết tay\n", encoding="utf-8")
    assert main(["generate", "--project", str(tmp_path), "--today", "2026-11-26"]) == 0
    assert (docs / "generated" / "ghi-chu.md").is_file()
    assert (Project(tmp_path).generated / "generated" / "ghi-chu.md").is_file()


def _mkdocs_yml():
    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
    Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
    return yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant)


def _extension_names(config):
    return tuple(next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"])


def test_mkdocs_yml_builds_the_folder_the_generator_writes():
    config = _mkdocs_yml()
    assert PROJECT / config["docs_dir"] == Project(PROJECT).generated
    assert config["edit_uri"] == f"edit/{urls.BRANCH}/docs/"  # hand-written pages: their file in docs/
    # Search reads hand-written pages with the extensions that shape their text and anchors.
    assert _extension_names(config) == search_pages.HAND_EXTENSIONS
    toc = next(e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert toc["slugify"] == "name:generator.site.slugs.heading_slug"


@pytest.fixture(scope="module")
def shipped_pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("shipped")
    shutil.copy(PROJECT / "mkdocs.yml", root)  # the repository the pages link to
    records = shutil.copytree(PROJECT / "records", root / "records")
    result = validate_tree(records, TODAY)
    assert not result.errors
    return {path: data for path, data in render_site(result, read_context(root)).items() if path.endswith(".md")}


def test_a_generated_page_gives_search_what_python_markdown_gives(shipped_pages):
    """The shortcut for generated pages (headings made elements with toc's anchors, the HTML
    blocks as written) reads the same sections as Python-Markdown would, page by page."""
    converter = markdown.Markdown(extensions=list(search_pages.HAND_EXTENSIONS),
                                  extension_configs={"toc": {"permalink": True, "slugify": heading_slug}})
    checked = 0
    for path, data in shipped_pages.items():
        url = search_pages.page_url(path)
        body = lifted_blocks.lift(data.decode("utf-8").split("\n---\n", 1)[-1])[0]
        converter.reset()
        expected = search_pages.page_entries(url, "t", converter.convert(body))
        assert search_pages.page_entries(url, "t", search_pages.generated_html(body)) == expected, path
        checked += len(expected) > 1
    assert checked > 300  # pages with sections: localities, sponsors, partnerships…


def test_generated_pages_name_their_edit_link_and_data_date(shipped_pages):
    page = shipped_pages["dia-ban/xa-phuoc-chanh/index.md"].decode("utf-8")
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["edit_url"].endswith(f"/edit/{urls.BRANCH}/records/localities/xa-phuoc-chanh.yaml")
    assert front["data_date"].count("/") == 2
    listing = yaml.safe_load(shipped_pages["dia-ban/index.md"].decode("utf-8").split("---\n")[1])
    assert listing["edit_url"] == ""  # no single record behind it: no edit button


def test_page_urls_are_the_served_ones():
    assert search_pages.page_url("index.md") == ""
    assert search_pages.page_url("dia-ban/xa-a/index.md") == "dia-ban/xa-a/"
    assert search_pages.page_url("gioi-thieu.md") == "gioi-thieu/"
    assert search_pages.page_url("en/about.md") == "en/about/"
    assert search_pages.page_url("du-lieu-mo/hoat-dong.csv") is None


def test_a_hand_written_file_that_grows_after_its_size_is_read_is_still_refused(tmp_path, monkeypatch):
    """The size is said first; the read is bounded too: a file growing in between is not read whole."""
    from pathlib import Path

    from generator.site import hand_pages

    docs = _docs(tmp_path)
    (docs / "lon.bin").write_bytes(b"x" * 10)
    monkeypatch.setattr(hand_pages, "MAX_HAND_BYTES", 1000)
    reads: list[int] = []
    real_open = Path.open

    class Recorded:  # the file, each read's size noted
        def __init__(self, file):
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def read(self, size=-1):
            reads.append(size)
            return self.file.read(size)

        def fileno(self):
            return self.file.fileno()

    def growing(self, mode="r", *args, **kwargs):
        if self.name != "lon.bin":
            return real_open(self, mode, *args, **kwargs)
        with open(str(self), "wb") as grown:  # it grows once its size was read
            grown.write(b"x" * 5000)
        return Recorded(real_open(self, mode, *args, **kwargs))

    monkeypatch.setattr(Path, "open", growing)
    with pytest.raises(TooLarge, match=r"lon\.bin nặng 5\.000 byte"):
        hand_pages.read(docs)
    assert reads == [1001]
