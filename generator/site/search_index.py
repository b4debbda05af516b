"""The site's search index: small files a phone fetches only when a reader searches.

Each searchable thing (a page, a section of a page, an activity) is an Entry. Entries are
numbered in the order results are shown when nothing else tells them apart: localities,
sponsors, partnerships, then the other pages and sections, then activities; each group in
the order of its URL. The files, below urls.SEARCH:

- `meta.json`: the folding table (search_text.FOLD), the number of entries, the size of a
  chunk of entries and the list of word files;
- `w/KEY.json`: every folded word starting with KEY (its first three letters, or the whole
  word when shorter), with the entries holding it in their title and those holding it
  elsewhere: each set of entry numbers written as the gaps from one number to the next, or,
  when that is longer (a word found in most activities), as a bitmap in base64 (bit n of
  byte n // 8, lowest bit first, set when entry n holds the word);
- `e/N.json`: entries N×CHUNK to (N+1)×CHUNK-1, as [URL, title, context];
- `t/KEY.json`: the words a typo could stand for. Every word of 4 to MAX_TYPO_WORD letters
  (no digit), and each of it with one letter left out, points at that word: two words one
  typo apart (a letter more, less, changed or two swapped) share one of these forms. KEY is
  the form's first two letters, so a query word looks in at most three files.

Names are found more readily than other text. The names are the pages of localities, sponsors
and partnerships (numbered first: entries 0 to meta "names" - 1); their titles also give:
- each two neighbouring words joined ("A Vương" also as "avuong", "Hội An" as "hoian"), so a
  name written in one word or in two finds both;
- the whole name joined after "=" ("=tramy" for "xã Trà My", with and without the unit's
  kind), so the query "tra my" puts xã Trà My first;
- for each beginning of one or two letters of their words, "BEGINNING*" in the word file of
  that beginning: the names with a word so begun ("de*" finds La Dêê), since words of three
  letters and more are found in their own word file.

A query of three words fetches meta.json, at most three word files and the chunks of the
results it shows: a fixed few files whatever the size of the ledger.
The same entries give byte-identical files.

The generator writes these files into the folder MkDocs builds (site/docs_folder.py). From disk
(the offline copy, file://) a browser fetches no file, so `ketnghia build` also gives the offline
copy each file as a script beside it (`w/KEY.js` beside `w/KEY.json`) that hands the same
data to search.js: `ketnghiaSearchFile("w/KEY.json", DATA);`. The served site has no scripts.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..files import replace_whole
from ..folding import FOLD, UNIT_KINDS, words
from ..view import urls

CHUNK = 32  # entries per chunk file: a page of results fetches a few small files
KEY_LENGTH = 3
TYPO_KEY = 2  # the typo files' keys: a form's first two letters
MIN_TYPO_WORD, MAX_TYPO_WORD = 4, 20  # "one typo in a word of four letters or more"
VERSION = 2
_PLAIN_KEY = re.compile(r"[a-z0-9]+")
# Pages of these record types come first among results, in this order.
FIRST = ("locality", "organization", "partnership")
ACTIVITY_RANK = len(FIRST) + 1
REGISTER = "ketnghiaSearchFile"  # the function search.js defines for the scripts to call
# Characters JSON leaves as they are but a script must not hold raw: "<" (no "</script" nor
# "<!--" in a script), and the line separators older JavaScript ends a string at. JSON holds
# them inside strings only, where the escapes stand for the same characters.
_SCRIPT_ESCAPES = {"<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class Entry:
    url: str  # from the site root, with the #anchor of a section or an activity
    title: str  # plain text, shown
    context: str  # plain text shown under the title: the page of a section, an activity's date and place
    text: str  # plain text searched, not shown
    rank: int = -1  # ACTIVITY_RANK for activities; pages are ranked by their URL


def page_rank(url: str) -> int:
    for rank, record_type in enumerate(FIRST):
        if url.startswith(urls.section(record_type)):
            return rank
    return len(FIRST)


def key_of(word: str) -> str:
    return word[:KEY_LENGTH]


def file_name(key: str) -> str:
    """The word file of a key: the key itself when plain ASCII, else '_' and its UTF-8 in
    hex (no file name of another script, no clash: plain keys hold no '_')."""
    return key if _PLAIN_KEY.fullmatch(key) else "_" + key.encode("utf-8").hex()


def _gaps(numbers: Sequence[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers], strict=False)]


def _bitmap(numbers: Sequence[int], count: int) -> str:
    bits = bytearray((count + 7) // 8)
    for n in numbers:
        bits[n // 8] |= 1 << (n % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")


def encoded(numbers: Sequence[int], count: int) -> list[int] | str:
    """The shorter of the gaps and the bitmap, as JSON writes them."""
    gaps = _gaps(numbers)
    if len(numbers) * 12 < count:  # the gaps take 2 characters or more each, a bitmap count / 6
        return gaps
    bitmap = _bitmap(numbers, count)
    return bitmap if len(bitmap) + 2 < len(_json(gaps)) else gaps


def _rank(entry: Entry) -> int:
    return entry.rank if entry.rank >= 0 else page_rank(entry.url)


def is_name(entry: Entry) -> bool:
    """The page of a locality, a sponsor or a partnership (not one of its sections)."""
    return _rank(entry) < len(FIRST) and "#" not in entry.url


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Names first, by rank, the shorter first (of two whole names typed, "xã Trà My" before
    "thị trấn Trà My"); then the rest by rank; each in the order of the served site's URLs: the
    offline copy numbers its entries alike."""
    return sorted(entries, key=_place)


def _place(entry: Entry) -> tuple[bool, int, int, str]:
    return not is_name(entry), _rank(entry), _name_length(entry), urls.served(entry.url)


def _name_length(entry: Entry) -> int:
    """The words of a name, the bracket after it left out ("xã Trà Leng (…, đến 30/6/2025)")."""
    return len(words(entry.title.split("(")[0])) if is_name(entry) else 0


def name_words(title: str) -> tuple[list[str], list[str]]:
    """The extra title words of a name: neighbours joined, and the whole name joined after
    "=" (also without a leading unit kind, "xã", "thị trấn"…; a bracket after it left out)."""
    found = words(title.split("(")[0])
    joined = [a + b for a, b in zip(found, found[1:], strict=False)]
    wholes = {"=" + "".join(found)}
    for kind in UNIT_KINDS:
        if found[: len(kind)] == list(kind) and len(found) > len(kind):
            wholes.add("=" + "".join(found[len(kind) :]))
    return joined, sorted(wholes)


def typo_forms(word: str) -> set[str]:
    """The word and the word with one letter left out."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _typo_shards(vocabulary: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    forms: dict[str, set[str]] = defaultdict(set)
    for word in vocabulary:
        if MIN_TYPO_WORD <= len(word) <= MAX_TYPO_WORD and word.isalpha():
            for form in typo_forms(word):
                forms[form].add(word)
    shards: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for form in sorted(forms):
        shards[form[:TYPO_KEY]][form] = sorted(forms[form])
    return shards


def _numbers() -> array[int]:
    return array("I")


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def script_name(name: str) -> str:
    """The script of an index file: "w/phu.json" -> "w/phu.js"."""
    return name.removesuffix(".json") + ".js"


def as_script(name: str, data: bytes) -> bytes:
    """The index file `name` (JSON) as a script handing its data to search.js."""
    text = data.decode("utf-8")
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return f"{REGISTER}({json.dumps(name)},{text});\n".encode()


@dataclass(frozen=True)
class Words:
    """What an entry gives the word files, worked out from the entry alone: in the process that
    made its page, while the others make theirs (the words are most of the index's work)."""

    title: tuple[str, ...]  # the words of its title, and a name's words joined
    text: tuple[str, ...]  # the other words of its context and text
    begun: tuple[str, ...] = ()  # a name's beginnings of one or two letters


def entry_words(entry: Entry) -> Words:
    title = set(words(entry.title))
    begun: tuple[str, ...] = ()
    if is_name(entry):
        joined, wholes = name_words(entry.title)
        title.update(joined)
        title.update(wholes)
        begun = tuple(sorted({w[:n] for w in title if not w.startswith("=") for n in range(1, KEY_LENGTH) if len(w) > n}))
    text = set(words(f"{entry.context} {entry.text}")) - title
    # One string per word, however many entries hold it: they are kept until the index is made.
    return Words(tuple(map(sys.intern, title)), tuple(map(sys.intern, text)), begun)


def index_files(entries: Iterable[Entry], analysed: Iterable[tuple[Entry, Words]] = ()) -> dict[str, bytes]:
    """{path below urls.SEARCH: bytes} for these entries and those `analysed` already (entry_words)."""
    docs = sorted([*analysed, *((entry, None) for entry in entries)], key=lambda pair: _place(pair[0]))
    count = len(docs)
    names = sum(1 for entry, _ in docs if is_name(entry))
    # Entry numbers as 4-byte integers: a ledger of 200,000 activities has some millions of them.
    in_title: dict[str, array[int]] = defaultdict(_numbers)
    in_text: dict[str, array[int]] = defaultdict(_numbers)
    begun: dict[str, array[int]] = defaultdict(_numbers)  # "de*": the names with a word begun by "de"
    for number, (entry, known) in enumerate(docs):
        found = known or entry_words(entry)
        for beginning in found.begun:
            begun[beginning + "*"].append(number)
        for word in found.title:
            in_title[word].append(number)
        for word in found.text:
            in_text[word].append(number)
    shards: dict[str, list[str]] = defaultdict(list)  # key -> its words and beginnings
    for word in in_title.keys() | in_text.keys():
        shards[key_of(word.lstrip("="))].append(word)
    for beginning in begun:
        shards[beginning[:-1]].append(beginning)
    nothing = _numbers()
    # A word file at a time, its numbers encoded only while it is written.
    files = {f"w/{file_name(key)}.json": _json({
        word: encoded(begun[word], count) if word in begun
        else [encoded(in_title.get(word, nothing), count), encoded(in_text.get(word, nothing), count)]
        for word in sorted(shards[key])}) for key in shards}
    typos = _typo_shards(w for w in in_title.keys() | in_text.keys() if not w.startswith("="))
    files |= {f"t/{file_name(key)}.json": _json(shard) for key, shard in typos.items()}
    for start in range(0, count, CHUNK):
        chunk = [[e.url, e.title, e.context] for e, _ in docs[start : start + CHUNK]]
        files[f"e/{start // CHUNK}.json"] = _json(chunk)
    meta = {"version": VERSION, "entries": count, "names": names, "chunk": CHUNK, "key": KEY_LENGTH,
            "fold": FOLD, "keys": sorted(shards), "typo": [TYPO_KEY, MIN_TYPO_WORD], "typoKeys": " ".join(sorted(typos))}
    files["meta.json"] = _json(meta)
    return dict(sorted(files.items()))


def for_disk(files: dict[str, bytes], built: Collection[str] = ()) -> dict[str, bytes]:
    """The index `files` as the offline copy reads it from disk: its entries link files
    (urls.on_disk, numbered alike since entries are ordered by their served URLs; a hand-written
    page "gioi-thieu/" is the file "gioi-thieu.html" when `built`, the copy's files, says so),
    and each file comes with its script."""
    def local(url: str) -> str:
        path, sign, fragment = urls.on_disk(url).partition("#")
        single = path.removesuffix("/index.html") + ".html"
        return (single if path not in built and single in built else path) + sign + fragment

    on_disk = {name: _json([[local(url), *rest] for url, *rest in json.loads(data)]) if name.startswith("e/") else data
               for name, data in files.items()}
    on_disk |= {script_name(name): as_script(name, data) for name, data in list(on_disk.items())}
    return dict(sorted(on_disk.items()))


def make_local(site_dir: Path) -> None:
    """Turn the index of `site_dir` (the offline copy, built) into its for_disk form."""
    folder = site_dir / urls.SEARCH
    built = {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")}
    files = {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.json"))}
    for relative, data in for_disk(files, built).items():
        # A new file, never written in place: the built site's may share its bytes with the
        # generated folder's (build_parts.link).
        replace_whole(str(folder / relative), data)
