"""Likely duplicates: an activity copied under another file name counts twice in every total.

Two activities of one partnership in one place on one date (as written) are a likely
duplicate when their titles are near-identical or their amounts are the same. The place
counts because a gift to a district partnership is recorded once per commune, often with
the same amount and a title that differs by the commune's name. Two equal gifts in one
place on one day can be real, so this is a warning, and a record silences it by naming the
other in `distinct_from` (either of the two may say so).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostic
from ..facts import STAGES, amount_parts, places_of
from ..ledger import Context, Ledger
from ..records import Record

# Near-identical titles are found pairwise, so only inside groups this small: a group of
# thousands (hostile, or a bulk import) still gets the exact comparisons, which are linear.
GROUP_LIMIT = 50
SIMILAR_RATIO = 0.9  # difflib's ratio: one or two letters changed in a title of a few words
_SIMILAR_LENGTH = 120  # longer titles are compared exactly: a quadratic ratio stays cheap
_NUMBER = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[\W_]+")

Activity = Mapping[str, Any]
Pair = tuple[int, int, str]  # positions of the two activities in the list, and what they share


def normalised_title(title: str) -> str:
    """What a copy keeps of a title: case, composition, punctuation, symbols, spacing and
    invisible characters aside."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", title).casefold())
    return " ".join(_NOT_WORD.sub(" ", text).split())


def amounts_key(activity: Activity) -> tuple[tuple[str, str, int], ...] | None:
    """Every amount written, planned and delivered; None when there is none above zero
    (two activities without figures share nothing that inflates a total)."""
    key = tuple((stage, part, amount) for stage in STAGES for part, amount in amount_parts(activity, stage).items())
    return key if any(amount > 0 for _, _, amount in key) else None


def similar(a: str, b: str) -> bool:
    """Near-identical normalised titles. Numbers must agree: "thôn 1" and "thôn 2" on one
    day are two gifts, not a typo."""
    if len(a) > _SIMILAR_LENGTH or len(b) > _SIMILAR_LENGTH or _NUMBER.findall(a) != _NUMBER.findall(b):
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # The two upper bounds first: most titles of one day differ by far, and ratio() is the costly one.
    return (matcher.real_quick_ratio() >= SIMILAR_RATIO and matcher.quick_ratio() >= SIMILAR_RATIO
            and matcher.ratio() >= SIMILAR_RATIO)


def written_place(activity: Activity) -> str | None:
    return activity.get("locality") or " ".join(activity.get("localities", ())) or None


def likely_duplicates(records: list[Record], place: Callable[[Activity], str | None] = written_place) -> list[Pair]:
    """Pairs (i, j, "title" or "value") of likely duplicates among valid activities, `place`
    saying where one took place. The work is linear in the number of activities, plus a
    pairwise compare inside small groups."""
    by_day: dict[tuple[str, str], list[int]] = {}
    for index, record in enumerate(records):
        data = record.data
        by_day.setdefault((data["partnership"], data["date"]), []).append(index)
    pairs: list[Pair] = []
    for same_day in by_day.values():
        if len(same_day) < 2:
            continue  # most activities: the place is not even looked up
        by_place: dict[str | None, list[int]] = {}
        for i in same_day:
            by_place.setdefault(place(records[i].data), []).append(i)
        for members in by_place.values():
            if len(members) > 1:
                pairs.extend(_pairs_in_group(records, members))
    return pairs


def _pairs_in_group(records: list[Record], members: list[int]) -> Iterator[Pair]:
    distinct = _distinct_pairs(records, members)
    titles = {i: normalised_title(records[i].data["title"]) for i in members}
    found: set[frozenset[int]] = set()
    for reason, keys in (("title", titles.items()),
                         ("value", ((i, amounts_key(records[i].data)) for i in members))):
        for i, j in _same_key(keys, distinct):
            found.add(frozenset((i, j)))
            yield i, j, reason
    if len(members) <= GROUP_LIMIT:
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                pair = frozenset((i, j))
                if (titles[i] != titles[j] and pair not in found and pair not in distinct
                        and similar(titles[i], titles[j])):
                    yield i, j, "title"


def _distinct_pairs(records: list[Record], members: list[int]) -> set[frozenset[int]]:
    """The pairs of the group that a record says are two activities."""
    position = {records[i].id: i for i in members}
    return {frozenset((i, position[other])) for i in members
            for other in records[i].data.get("distinct_from", ()) if other in position}


def _same_key(keyed: Iterable[tuple[int, Hashable]], distinct: set[frozenset[int]]) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, that put every activity sharing its key with another in a pair:
    with the first other one of that key that neither names. Skipping the named ones costs
    at most twice the length of all distinct_from lists, so the work stays linear."""
    buckets: dict[Hashable, list[int]] = {}
    for index, key in keyed:
        if key is not None:
            buckets.setdefault(key, []).append(index)
    paired: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for j in bucket:
            partner = next((i for i in bucket if i != j and frozenset((i, j)) not in distinct), None)
            if partner is None:
                continue
            pair = (min(partner, j), max(partner, j))
            if pair not in paired:
                paired.add(pair)
                yield pair


def check_ledger(ledger: Ledger, context: Context) -> list[Diagnostic]:
    def place(activity: Activity) -> str | None:
        partnership = ledger.get("partnership", activity["partnership"])
        return " ".join(places_of(activity, partnership.data)) if partnership else written_place(activity)

    records = list(ledger.of("activity").values())
    reported: set[int] = set()
    found = []
    for i, j, reason in likely_duplicates(records, place):
        for this, other in ((i, j), (j, i)):
            if this in reported:
                continue  # one finding per file is enough to send someone to look
            reported.add(this)
            found.append(_diagnostic(records[this], records[other], reason))
    return found


def _diagnostic(record: Record, other: Record, reason: str) -> Diagnostic:
    shared = "tên gần như trùng" if reason == "title" else "cùng số tiền"
    return record.diagnostic((reason,), "ACTIVITY_DUPLICATE",
                             f"có thể trùng với {other.file} (cùng cặp kết nghĩa, địa bàn và ngày, {shared}): nếu là bản sao, "
                             "số liệu bị cộng hai lần, hãy xoá một tệp; nếu là hai hoạt động khác nhau, hãy ghi "
                             f"distinct_from: [{other.id}] vào tệp này")
