"""Where each page lives on the site, and links between pages.

Pages are written as `<path>/index.md`; MkDocs serves them at `<path>/`. Links are
written as final relative URLs so that they also work inside HTML blocks, which MkDocs
does not rewrite. Links into the repository take it from the render's Context (view/context.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..registry import TYPES

BRANCH = "main"  # the branch the pages link records on, in the project's repository (Context)

# record type -> the folder of its pages (generator/registry.py)
SECTIONS = {name: t.section for name, t in TYPES.items() if t.section}
HOME = ""
# The English edition: a few summary pages again below this folder, each at its Vietnamese address
# (generator/site/editions.py); its home page is the folder itself.
ENGLISH = "en/"
HOMES = (HOME, ENGLISH)
ACTIVITIES = "hoat-dong"
ACTIVITY_INDEX = f"{ACTIVITIES}/"
CATEGORIES = "hoat-dong/noi-dung"
COVERAGE = "do-phu/"
QUALITY = "chat-luong-du-lieu/"
OPEN_DATA = "du-lieu-mo/"  # the downloads, and the page that lists them
DICTIONARY = f"{OPEN_DATA}tu-dien/"  # the data dictionary
OFFLINE_FILE = "so-ket-nghia-ngoai-tuyen.zip"  # the offline copy of the site, in OPEN_DATA
DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"  # the data's licence, CC BY 4.0
DATA_LICENCE_VI = "https://creativecommons.org/licenses/by/4.0/deed.vi"  # its summary in Vietnamese
API = "api/v1/"  # the JSON of each record: stable addresses, documented on the open-data page
# record type -> its folder below API; these names are part of the API: never rename them
API_COLLECTIONS = {"locality": "dia-ban", "organization": "don-vi", "partnership": "cap-ket-nghia", "activity": "hoat-dong"}


API_INDEX = f"{API}index.json"  # what /api/v1/ holds: the collections, their lists and schemas
API_SCHEMAS = f"{API}schema/"  # a JSON Schema per kind of API document


def api_schema(name: str) -> str:
    return f"{API_SCHEMAS}{name}.json"


def api_record(record_type: str, record_id: str) -> str:
    return f"{API}{API_COLLECTIONS[record_type]}/{record_id}.json"


def api_collection(record_type: str) -> str:
    """The list of a collection's records, with the address of each."""
    return f"{API}{API_COLLECTIONS[record_type]}.json"
FEED_FILE = "atom.xml"  # the Atom feed of a page's activities, beside the page


def feed(record_type: str | None = None, record_id: str | None = None) -> str:
    """The feed of every activity (no record), or a programme's, a locality's or a sponsor's, beside its page."""
    if record_type is None or record_id is None:
        return f"{ACTIVITY_INDEX}{FEED_FILE}"
    return f"{entity(record_type, record_id)}{FEED_FILE}"


EXPLORER = "kham-pha/"  # every activity of every year, with facets (generator/site/pages/explorer.py)
WORKBOOKS = "bang-tinh/"  # workbooks to correct and add records in Excel (generator/site/workbooks.py)
# record type -> the name of its blank template in WORKBOOKS
TEMPLATES = {"activity": "mau-hoat-dong.xlsx", "partnership": "mau-cap-ket-nghia.xlsx"}


def workbook(record_type: str, record_id: str | None = None) -> str:
    """The activities of a partnership, sponsor or district in a pre-filled workbook; with no
    record, the blank template of `record_type`."""
    if record_id is None:
        return f"{WORKBOOKS}{TEMPLATES[record_type]}"
    return f"{WORKBOOKS}{SECTIONS[record_type]}/{record_id}.xlsx"


SEARCH = "tim-kiem/"  # the search index (generator/site/search_index.py), fetched as a reader searches


def entity(record_type: str, record_id: str) -> str:
    return f"{SECTIONS[record_type]}/{record_id}/"


def activity(activity_id: str, listed_on: Mapping[str, str]) -> str:
    """An activity's address: its row, under the anchor of its id, on the listing page that holds
    it (`listed_on`: activity id -> page, Site.activity_urls). An activity has no page of its own."""
    return f"{listed_on[activity_id]}#{activity_id}"


def summary(record_type: str, record_id: str, year: str) -> str:
    """The printable yearly summary ("sơ kết") of a programme, a locality or a sponsor."""
    return f"{entity(record_type, record_id)}so-ket-{year}/"


def section(record_type: str) -> str:
    return f"{SECTIONS[record_type]}/"


def paged(url: str, number: int) -> str:
    """Page `number` of a listing or an index that runs over several pages. "trang/N/" below
    the first page: no record id can clash with it, since ids hold no "/"."""
    return url if number == 1 else f"{url}trang/{number}/"


def partnership_year(partnership_id: str, year: str) -> str:
    """A partnership's activities of one year, when its timeline is long."""
    return f"{entity('partnership', partnership_id)}nam-{year}/"


def activity_list(year: str, category: str) -> str:
    return f"{ACTIVITIES}/{year}/{category}/"


def year_page(year: str) -> str:
    return f"{ACTIVITIES}/{year}/"


def category_page(category: str) -> str:
    return f"{CATEGORIES}/{category}/"


def group_section(group: str) -> str:
    """A group of support categories: its row, with its categories, on the activity index."""
    return f"{ACTIVITY_INDEX}#nhom-{group}"


def source_file(url: str) -> str:
    """Markdown file that MkDocs serves at `url`: every page is a folder's index.md,
    so "dia-ban/x/" -> "dia-ban/x/index.md" and the home page is "index.md"."""
    return url.split("#")[0] + "index.md"


def on_disk(url: str) -> str:
    """`url` as the offline copy (opened from disk, no server) links it: a folder names its
    index.html, "dia-ban/x/#a" -> "dia-ban/x/index.html#a" and the home page "" -> "index.html"."""
    path, hash_sign, fragment = url.partition("#")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path + hash_sign + fragment


def served(url: str) -> str:
    """`url` as the served site names it: on_disk undone, "dia-ban/x/index.html" -> "dia-ban/x/",
    and a hand-written page of the offline copy, "gioi-thieu.html", -> "gioi-thieu/"."""
    path, hash_sign, fragment = url.partition("#")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return path + hash_sign + fragment


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at from_url to to_url, both relative to the site root."""
    depth = from_url.count("/")
    return ("../" * depth + to_url) or "./"


def yaml_url(repository: str, repo_path: str) -> str:
    """The YAML file in `repository` (the Context's), as people can read it on GitHub ("" when
    no repository is known)."""
    return f"{repository}/blob/{BRANCH}/{repo_path}" if repository else ""


def folder_url(repository: str, repo_path: str) -> str:
    """A folder of YAML files, for pages drawn from many records."""
    return f"{repository}/tree/{BRANCH}/{repo_path}" if repository else ""
