"""A real `mkdocs build --strict` of the shipped records (a few seconds)."""

import csv
import hashlib
import html
import io
import json
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from generator.site import datapackage
from generator.view import urls as site_urls

from site_records import PROJECT, build_shipped_site

sys.path.insert(0, str(PROJECT / "scripts"))
import compare_builds  # scripts/compare_builds.py, the comparison the CI workflow runs


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    return build_shipped_site(tmp_path_factory.mktemp("project"), BUILD_ENV)


BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": ""}


def test_properdocs_builds_the_same_site(built_site):
    """MkDocs 1.6 is the last of its line: ProperDocs, its successor, gives every file byte
    for byte (the generator meta tag apart). CI runs scripts/compare_builds.py alike."""
    pytest.importorskip("properdocs", reason="ProperDocs is not installed (make setup installs it: pip install -e '.[compare]')")
    other = built_site.parent / "site-properdocs"
    compare_builds.build("properdocs", built_site.parent, other, env=BUILD_ENV)
    assert compare_builds.exact_differences(built_site, other) == []
    assert compare_builds.exact_differences(built_site, built_site) == []


@pytest.mark.parametrize("parts", [2, 3])
def test_a_build_in_parts_gives_the_same_site_as_one_run(built_site, parts, monkeypatch, capfd):
    """`ketnghia build` runs one MkDocs build per core, each writing its share of the pages
    (site/build_parts.py), and merges their folders: the same files, byte for byte, as one run."""
    from generator.cli import site as cli_site
    from generator.project import Project

    for name, value in BUILD_ENV.items():
        monkeypatch.setenv(name, value)
    folders = [built_site.parent / f"site-part-{parts}-{number}" for number in range(parts)]
    assert cli_site._mkdocs_builds(Project(built_site.parent), folders, []) == 0
    assert compare_builds.exact_differences(built_site, folders[0]) == []
    # Each part wrote its own pages only, and said nothing of the others'.
    said = capfd.readouterr().err
    assert said.count("Documentation built") == parts and "Page skipped" not in said
    # The generated files are linked into the site, not copied; the theme's are copied.
    docs = built_site.parent / "build" / "docs"
    assert (folders[0] / "du-lieu-mo" / "hoat-dong.csv").samefile(docs / "du-lieu-mo" / "hoat-dong.csv")
    assert next((folders[0] / "assets" / "javascripts").glob("bundle.*.min.js")).stat().st_nlink == 1


def test_making_the_offline_copy_leaves_the_generated_files_it_shares_bytes_with(built_site, tmp_path):
    """A built site's files may be links to the generated folder's (build_parts.link): the
    offline copy's search index and pages are rewritten as new files, never in place."""
    from generator.site import offline, search_index
    from generator.site.build_parts import link

    docs, copy = built_site.parent / "build" / "docs", tmp_path / "offline"
    shared = [path for path in (docs / site_urls.SEARCH).rglob("*") if path.is_file()] + list(built_site.rglob("*.html"))
    before = {path: path.read_bytes() for path in shared}
    folders: set[str] = set()
    for path in shared:
        link(str(path), str(copy / path.relative_to(docs if docs in path.parents else built_site)), folders)
    offline.relink_tree(copy)
    search_index.make_local(copy)
    assert {path: path.read_bytes() for path in shared} == before
    assert (copy / "index.html").read_bytes() != before[built_site / "index.html"]
    assert list((copy / site_urls.SEARCH).rglob("*.js")) and not list((docs / site_urls.SEARCH).rglob("*.js"))


def test_a_part_named_wrongly_stops_the_build(built_site):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(built_site.parent / "x")],
                          cwd=built_site.parent, capture_output=True, text=True, env={**BUILD_ENV, "KETNGHIA_PART": "2/2"})
    assert done.returncode != 0 and "KETNGHIA_PART='2/2': cần dạng k/n" in done.stderr and "Traceback" not in done.stderr


def test_a_part_left_in_the_shell_neither_halves_a_build_in_one_run_nor_a_preview(built_site, monkeypatch):
    """KETNGHIA_PART set in the user's shell: `ketnghia build` in one run (one core, or two with
    the offline copy) still builds every page, and `mkdocs serve` previews every page."""
    from mkdocs.config import load_config

    from generator.cli import site as cli_site
    from generator.project import Project

    for name, value in {**BUILD_ENV, "KETNGHIA_PART": "0/2"}.items():
        monkeypatch.setenv(name, value)
    whole = built_site.parent / "site-one-run"
    assert cli_site._mkdocs_builds(Project(built_site.parent), [whole], []) == 0
    assert compare_builds.exact_differences(built_site, whole) == []
    config = load_config(str(built_site.parent / "mkdocs.yml"))
    plugin = config.plugins["ketnghia"]
    plugin.on_startup(command="serve", dirty=True)
    plugin.on_config(config)
    assert plugin.part is None


def _with_hand_written(built_site: Path, root: Path, files: dict[str, str]) -> Path:
    """A copy of the built site's project in `root`, with `files` hand-written in docs/ and
    copied into build/docs/ as `ketnghia generate` copies them."""
    root.mkdir()
    shutil.copy(built_site.parent / "mkdocs.yml", root)
    for folder in ("overrides", "generator", "docs", "build"):
        shutil.copytree(built_site.parent / folder, root / folder)
    for name, text in files.items():
        for folder in (root / "docs", root / "build" / "docs"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    return root


def test_a_build_in_parts_checks_a_hand_written_pages_links_to_anchors_as_one_run(built_site, tmp_path, capfd):
    """A hand-written page outside the nav linking to an anchor a generated page lacks: one
    `mkdocs build --strict` fails, and so does every build in parts."""
    from generator.cli import site as cli_site
    from generator.project import Project

    page = "# Tin\n\nXem [xã](../dia-ban/xa-phuoc-chanh/index.md#khong-co-muc-nay).\n"
    root = _with_hand_written(built_site, tmp_path / "project", {"tin-tuc/bai.md": page})
    said = "does not contain an anchor '#khong-co-muc-nay'"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "one")],
                          cwd=root, capture_output=True, text=True, env=BUILD_ENV)
    assert done.returncode != 0 and said in done.stderr
    for parts in (2, 3):
        folders = [tmp_path / f"site-{parts}-{number}" for number in range(parts)]
        assert cli_site._mkdocs_builds(Project(root), folders, []) != 0, parts
        assert said in capfd.readouterr().err


def test_a_hand_written_file_the_theme_writes_over_is_copied_not_linked(built_site, tmp_path, monkeypatch):
    """docs/404.html or docs/sitemap.xml: MkDocs writes the theme's page over the copy, as in
    one run; linked, it would have written into the generated folder's file."""
    from generator.cli import site as cli_site
    from generator.project import Project

    for name, value in BUILD_ENV.items():
        monkeypatch.setenv(name, value)
    files = {"404.html": "<p>trang riêng</p>\n", "sitemap.xml": "<urlset/>\n", "sitemap.xml.gz": "gz\n"}
    root = _with_hand_written(built_site, tmp_path / "project", files)
    folders = [tmp_path / f"site-{number}" for number in range(2)]
    assert cli_site._mkdocs_builds(Project(root), folders, []) == 0
    assert {name: (root / "build" / "docs" / name).read_text(encoding="utf-8", errors="replace") for name in files} == files
    assert compare_builds.exact_differences(built_site, folders[0]) == []


def test_a_page_naming_a_template_no_theme_has_fails_a_build_in_parts_as_one_run(built_site, tmp_path, capfd):
    """Even the name the parts once gave the pages they do not write: no page is left out unsaid."""
    from generator.cli import site as cli_site
    from generator.project import Project

    page = "---\ntemplate: ketnghia-part-elsewhere.html\n---\n# Trang\n"
    root = _with_hand_written(built_site, tmp_path / "project", {"tin-tuc/trang.md": page})
    folders = [tmp_path / f"site-{number}" for number in range(2)]
    assert cli_site._mkdocs_builds(Project(root), folders, []) != 0
    assert "'ketnghia-part-elsewhere.html' not found" in capfd.readouterr().err


def test_the_site_needs_no_plugin(built_site):
    """Without the plugin `ketnghia` MkDocs builds the same site: every file but the pages byte
    for byte (the search index among them), and every page with the same article, edit link and
    printed heading line. What differs is what the plugin draws for the English edition
    (generator/site/editions.py): each page's counterpart in the other language, and on the
    English pages the headings' permalink titles."""
    root = built_site.parent
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    without = re.sub(r"^  - ketnghia\b.*\n(?:^    .*\n)*", "", config, flags=re.M)  # the entry and its options
    assert without != config and not re.search(r"^  - ketnghia\b", without, flags=re.M)
    (root / "sans-plugin.yml").write_text(without, encoding="utf-8")
    other = root / "site-sans-plugin"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", "sans-plugin.yml",
                           "--site-dir", str(other)], cwd=root, capture_output=True, text=True, env=BUILD_ENV)
    assert done.returncode == 0, done.stderr
    assert [d for d in compare_builds.page_differences(built_site, other) if not d.startswith("en/")] == []
    differing = compare_builds.exact_differences(built_site, other)
    assert differing and all(line.endswith(".html: nội dung khác") for line in differing)
    kept = re.compile(r'<a href="[^"]*"[^>]*rel="edit"|<p class="ledger-print-head".*?</p>', re.S)
    for line in differing:
        page = line.split(":")[0]
        assert kept.findall((built_site / page).read_text(encoding="utf-8")) == kept.findall(
            (other / page).read_text(encoding="utf-8")), page


def test_generated_pages_are_served_from_the_site_root(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "dia-ban" / "xa-phuoc-chanh" / "index.html").exists()
    assert (built_site / "du-lieu-mo" / "hoat-dong.csv").exists()
    assert not (built_site / "generated").exists()
    assert (built_site / "gioi-thieu" / "index.html").exists()  # a hand-written page, beside them


def test_no_request_to_another_host(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html), page
        assert 'data-md-component="source"' not in html  # it would ask the GitHub API


def test_tables_set_aside_from_markdown_are_back(built_site):
    page = (built_site / "hoat-dong" / "index.html").read_text(encoding="utf-8")
    assert "<table data-sortable>" in page and "ledger-block" not in page


def test_every_internal_link_and_anchor_resolves(built_site):
    """Generated links are HTML, which `mkdocs build --strict` does not check: every page
    and every #anchor they point at must exist."""
    ids: dict = {}

    def ids_of(page: Path) -> set:
        if page not in ids:
            ids[page] = set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        return ids[page]

    checked = 0
    for page in built_site.rglob("*.html"):
        if page.name == "404.html":  # served from any depth, so MkDocs writes it with root paths
            continue
        for href, anchor in re.findall(r'href="([^"#:?/][^"#:?]*|)(?:#([^"]*))?"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve() if href else page
            if href.endswith("/"):
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(built_site)} -> {href}"
            if anchor and target.suffix == ".html":
                assert html.unescape(urllib.parse.unquote(anchor)) in ids_of(target), (
                    f"{page.relative_to(built_site)} -> {href}#{anchor}"
                )
                checked += 1
    assert checked > 100  # the activity rows, headings and the 'cited by' lists were checked


def test_search_index_holds_pages_and_activities_folded(built_site):
    folder = built_site / "tim-kiem"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    entries = [e for chunk in range(0, meta["entries"], meta["chunk"])
               for e in json.loads((folder / "e" / f"{chunk // meta['chunk']}.json").read_text(encoding="utf-8"))]
    urls = [e[0] for e in entries]
    assert len(urls) == meta["entries"] == len(set(urls))
    shard = json.loads((folder / "w" / "phu.json").read_text(encoding="utf-8"))
    title, _ = shard["phuoc"]
    assert "dia-ban/xa-phuoc-chanh/" in [urls[sum(title[: i + 1])] for i in range(len(title))]
    # Each activity is an entry of its own, on its row's anchor: its listing page has its id.
    activities = [u for u in urls if u.startswith("hoat-dong/20") and "#" in u]
    assert activities
    for url in activities:
        page, anchor = url.split("#")
        assert f'id="{anchor}"' in (built_site / page / "index.html").read_text(encoding="utf-8")
    assert not (built_site / "search").exists()  # Material's lunr index is gone
    assert not [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".json"]  # scripts: offline copy only
    assert all(site_urls.served(u) == u for u in urls)  # numbered by their own URLs, as before the copy's
    assert sum(p.stat().st_size for p in folder.rglob("*.json")) < 1_500_000


def test_pages_announce_their_feed_and_print_a_heading_line(built_site):
    """Feed readers find the Atom feed from the page (overrides/main.html); the line printed
    above every page names the site and the data date."""
    for page, feed in (("index.html", "hoat-dong/atom.xml"), ("hoat-dong/index.html", "hoat-dong/atom.xml"),
                       ("dia-ban/huyen-nam-giang/index.html", "dia-ban/huyen-nam-giang/atom.xml"),
                       ("don-vi/ban-dan-toc-tinh/index.html", "don-vi/ban-dan-toc-tinh/atom.xml")):
        html_text = (built_site / page).read_text(encoding="utf-8")
        found = re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html_text)
        assert found, page
        assert ((built_site / page).parent / found[1]).resolve() == (built_site / feed).resolve()
        assert (built_site / feed).is_file()
        assert re.search(r'class="ledger-print-head"[^>]*>Sổ kết nghĩa Quảng Nam – Đà Nẵng[^<]*<span data-print-address>', html_text)
        assert re.search(r"Số liệu đến ngày \d+/\d+/\d{4}", html_text), page
    assert 'rel="alternate feed"' not in (built_site / "dia-ban/xa-phuoc-chanh/index.html").read_text(encoding="utf-8")


def test_the_built_open_data_of_the_shipped_records_is_valid_for_frictionless(built_site):
    """The package as published, on the shipped records: joint activities, shared sponsors and
    the 2025 units live only there."""
    frictionless = pytest.importorskip("frictionless")
    folder = built_site / "du-lieu-mo"
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", package["data_date"])
    assert package["version"] in package["citation"] and "CC BY 4.0" in package["citation"]
    # The tables reach the disk in parts; the version is the digest of the bytes published.
    tables = {r["path"]: hashlib.sha256((folder / r["path"]).read_bytes()).digest() for r in package["resources"]}
    assert package["version"] == datapackage.version(tables)

    def rows(name):
        return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text(encoding="utf-8-sig"))))

    activities, places = rows("hoat-dong"), rows("hoat-dong-dia-ban")
    joint = [a for a in activities if int(a["places"]) > 1]
    assert joint  # the shipped ledger has joint activities: each place is a row of the link table
    assert not [a for a in activities if ";" in a["locality"]]
    for activity in activities:
        own = [p["locality"] for p in places if p["activity"] == activity["id"]]
        assert len(own) == int(activity["places"])
        assert activity["locality"] in ("", *own) and (activity["locality"] == "") == (len(own) > 1)
    assert {a["programme_name"] for a in activities} >= {"Kế hoạch 1100 (Quảng Nam, 2020-2025)"}
    assert [a for a in activities if a["district_name"].startswith("huyện ")]


def _addresses(document):
    """Every address a document gives: its page and schema, its links, its items and collections."""
    for key in ("page", "schema", "open_data", "url", "list_schema"):
        if isinstance(document.get(key), str):
            yield document[key]
    for value in (document.get("links") or {}).values():
        yield from ([value] if isinstance(value, str) else value)
    for item in document.get("items", []) + document.get("collections", []):
        yield from _addresses(item)


def test_every_api_link_resolves_as_a_client_resolves_it(built_site):
    """A client joins an address to the URL of the document holding it; the site may be served
    below a path. Every address must then name a file of the built site."""
    base = "https://example.org/so-ket-nghia/"
    api = built_site / "api" / "v1"
    assert (api / "index.json").is_file() and (api / "index.html").is_file()  # /api/v1/ answers, for people too
    resolved = 0
    for path in sorted(api.rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        here = base + path.relative_to(built_site).as_posix()
        for address in _addresses(document):
            target = urllib.parse.urlsplit(urllib.parse.urljoin(here, address)).path
            assert target.startswith("/so-ket-nghia/"), (path, address)
            file = built_site / target[len("/so-ket-nghia/"):]
            if target.endswith("/"):
                file = file / "index.html"
            assert file.is_file(), f"{path.relative_to(built_site)}: {address}"
            resolved += 1
    assert resolved > 1000


def test_every_api_document_is_valid_against_the_schema_published_beside_it(built_site):
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    base = "https://example.org/"

    def retrieve(uri):
        path = built_site / urllib.parse.urlsplit(uri).path.lstrip("/")
        return referencing.Resource.from_contents(json.loads(path.read_text(encoding="utf-8")),
                                                  default_specification=referencing.jsonschema.DRAFT7)

    registry = referencing.Registry(retrieve=retrieve)
    validators: dict = {}
    checked = 0
    for path in sorted((built_site / "api" / "v1").rglob("*.json")):
        if "schema" in path.relative_to(built_site / "api" / "v1").parts:
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        schema = urllib.parse.urljoin(base + path.relative_to(built_site).as_posix(), document["schema"])
        if schema not in validators:
            validators[schema] = jsonschema.Draft7Validator({"$ref": schema}, registry=registry)
        errors = [e.message for e in validators[schema].iter_errors(document)]
        assert not errors, (path, errors[:3])
        checked += 1
    assert checked > 300


def test_a_page_carries_only_its_own_weight(built_site):
    """What every page would repeat is not in it: the templates' blank lines and indentation
    (generator/site/blank_lines.py), the scripts' words (one cached script per language), a
    palette stylesheet none of whose rules apply to the site's own colours, a lone hreflang."""
    commune = (built_site / "dia-ban/xa-phuoc-chanh/index.html").read_text(encoding="utf-8")
    for page in (commune, (built_site / "404.html").read_text(encoding="utf-8")):  # the theme's 404 page too
        frame = re.sub(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1>", "<kept>", page, flags=re.S)
        assert "\n\n" not in frame and not re.search(r">\n[ \t]|\n[ \t]+<", frame)
    assert re.search(r'<script src="\.\./\.\./javascripts/words/vi\.js"></script>', commune)
    assert "ketnghiaWords" not in commune and "Bấm để sắp xếp" not in commune
    assert (built_site / "javascripts/words/vi.js").read_text(encoding="utf-8").count("ketnghiaWords") == 1
    assert "palette." not in commune and 'rel="alternate "' not in commune  # no English counterpart
    english = (built_site / "en/do-phu/index.html").read_text(encoding="utf-8")
    assert english.count('rel="alternate "') == 2 and '<script src="../../javascripts/words/en.js">' in english


def test_serve_leaves_the_generated_folder_unwatched_and_rebuilds_when_woken(tmp_path):
    """`serve`: the regeneration wakes MkDocs itself once the pages are written. MkDocs' own look
    at the folder it builds (every 0.5 s over thousands of files, while the writer compares
    them) would find nothing else: it is ended. Mkdocs.yml and the theme stay watched."""
    from mkdocs.livereload import LiveReloadServer

    from generator.mkdocs_plugin import BURST_S, _rebuild_at_once

    generated, overrides = tmp_path / "build" / "docs", tmp_path / "overrides"
    generated.mkdir(parents=True)
    overrides.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    for folder in (generated, overrides):
        server.watch(str(folder))
    wake = _rebuild_at_once(server, generated)
    assert wake is not None
    assert set(server._watched_paths) == {str(overrides)}
    assert [emitter.watch.path for emitter in server.observer.emitters] == [str(overrides)]
    assert server.build_delay <= BURST_S and not server._want_rebuild
    wake()
    assert server._want_rebuild
    assert _rebuild_at_once(object(), generated) is None  # another server: its own watch left as it is


def test_serve_primes_what_the_first_save_finds(tmp_path, monkeypatch):
    """Once MkDocs serves, one quiet generation keeps what the files said and what the pages gave
    the search index: the first save, like every later one, parses the edited file only and reads
    only the pages it changed."""
    from generator import validate
    from generator.mkdocs_plugin import _primed, _regenerate
    from generator.pipeline import generate
    from generator.site import search_pages
    from generator.view.context import Context

    from site_records import small_tree

    records, out = small_tree(tmp_path), tmp_path / "build" / "docs"
    generate(records, out, Context())  # `ketnghia serve` before MkDocs starts
    woken: list[bool] = []
    reuse, read = _primed(records, out, Context(), lambda: woken.append(True))
    assert not woken  # nothing changed: no rebuild
    before = {p: p.read_bytes() for p in out.rglob("*.md")}
    parsed, pages = [], []
    real_load, real_entries = validate.load_file, search_pages.page_entries_of
    monkeypatch.setattr(validate, "load_file", lambda path, file: parsed.append(Path(file).name) or real_load(path, file))
    monkeypatch.setattr(search_pages, "page_entries_of",
                        lambda path, data, hand: pages.append(path) or real_entries(path, data, hand))
    [record] = (records / "activities").rglob("2023-01-06-mo-hinh-heo.yaml")
    record.write_text(record.read_text(encoding="utf-8").replace("Mô hình nuôi heo", "Mô hình nuôi gà"), encoding="utf-8")
    assert _regenerate(records, out, Context(), reuse, None, read)
    changed = {p.relative_to(out).as_posix() for p in out.rglob("*.md") if before.get(p) != p.read_bytes()}
    assert parsed == [record.name]
    assert changed and sorted(pages) == sorted(changed)


def test_serve_says_why_its_first_generation_failed(tmp_path, monkeypatch, caplog):
    """Another run holding the folder when `serve` starts watching: said, as at any save."""
    import logging

    from generator.mkdocs_plugin import _primed
    from generator.pipeline import generate
    from generator.site import writer
    from generator.view.context import Context

    from site_records import small_tree

    records, out = small_tree(tmp_path), tmp_path / "build" / "docs"
    generate(records, out, Context())
    monkeypatch.setattr(writer, "WAIT_S", 0.0)
    with writer.owning(out), caplog.at_level(logging.INFO, logger="mkdocs.plugins.ketnghia"):
        _, read = _primed(records, out, Context())
    assert "đang có lần sinh trang khác" in caplog.text and not read.last
