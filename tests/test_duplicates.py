"""Likely duplicate activities (generator/rules/duplicates.py), on records held in memory:
what counts as the same title or the same amounts, what silences it, and bounded work."""
from __future__ import annotations

from generator.loader import Document
from generator.records import Record
from generator.rules import duplicates
from generator.rules.duplicates import GROUP_LIMIT, likely_duplicates, normalised_title


def _entry(record_id: str, title: str, cash: int | None = None, *, place: str = "xa-ch-om",
           date: str = "2023-05-10", distinct_from: tuple[str, ...] = ()) -> Record:
    data: dict = {"id": record_id, "partnership": "p", "locality": place, "date": date, "title": title}
    if cash is not None:
        data["value"] = {"delivered": {"cash": cash}}
    if distinct_from:
        data["distinct_from"] = list(distinct_from)
    return Record("activity", record_id, Document(f"{record_id}.yaml", data))


def _count_similar(monkeypatch) -> list[int]:
    calls = [0]
    original = duplicates.similar

    def counted(a: str, b: str) -> bool:
        calls[0] += 1
        return original(a, b)

    monkeypatch.setattr(duplicates, "similar", counted)
    return calls


def test_a_title_is_compared_without_case_punctuation_spacing_or_composition():
    nfd = "Ta\u0302\u0323p hua\u0302\u0301n"  # "Tập huấn" typed with combining marks
    assert normalised_title("  TẬP   HUẤN: kỹ thuật — chăn nuôi!\u200b") == "tập huấn kỹ thuật chăn nuôi"
    assert normalised_title(nfd) == normalised_title("Tập huấn")


def test_a_copy_pairs_by_title_and_by_amounts():
    pairs = likely_duplicates([_entry("a", "Tập huấn", 15_000_000), _entry("b", "Tập huấn.", 15_000_000)])
    assert pairs == [(0, 1, "title"), (0, 1, "value")]


def test_a_typo_pairs_but_another_number_does_not():
    assert likely_duplicates([_entry("a", "Tập huấn kỹ thuật chăn nuôi"), _entry("b", "Tâp huấn kỹ thuât chăn nuôi")]) \
        == [(0, 1, "title")]
    assert likely_duplicates([_entry("a", "Tặng quà hộ nghèo thôn 1"), _entry("b", "Tặng quà hộ nghèo thôn 2")]) == []


def test_other_places_days_or_no_figures_do_not_pair():
    # A district partnership's gift, one record per commune, same amount and nearly the same title.
    assert likely_duplicates([_entry("a", "Quà Tết xã La Dêê", 30_000_000, place="xa-la-dee"),
                              _entry("b", "Quà Tết xã La Êê", 30_000_000, place="xa-laee")]) == []
    assert likely_duplicates([_entry("a", "Tập huấn", 5), _entry("b", "Tập huấn", 5, date="2023-05-11")]) == []
    assert likely_duplicates([_entry("a", "Tập huấn"), _entry("b", "Hội thảo")]) == []
    assert likely_duplicates([_entry("a", "Tập huấn", 0), _entry("b", "Hội thảo", 0)]) == []


def test_either_record_naming_the_other_silences_it():
    for a, b in ((("b",), ()), ((), ("a",))):
        pairs = likely_duplicates([_entry("a", "Tập huấn", 5, distinct_from=a),
                                   _entry("b", "Tập huấn", 5, distinct_from=b)])
        assert pairs == []


def test_a_third_copy_still_pairs_with_both_when_two_are_declared_distinct():
    pairs = likely_duplicates([_entry("a", "Tập huấn", distinct_from=("b",)), _entry("b", "Tập huấn"),
                               _entry("c", "Tập huấn")])
    assert pairs == [(0, 2, "title"), (1, 2, "title")]


def test_ten_thousand_activities_on_one_day_take_bounded_work(monkeypatch):
    calls = _count_similar(monkeypatch)
    entries = [_entry(f"a{i}", f"Hoạt động số {i}", 1_000 + i) for i in range(10_000)]
    entries.append(_entry("copy", "Hoạt động số 7", 1_007))
    assert likely_duplicates(entries) == [(7, 10_000, "title"), (7, 10_000, "value")]
    assert calls[0] == 0  # past GROUP_LIMIT, only the exact comparisons run, and they are linear


def test_ten_thousand_copies_give_one_pair_each(monkeypatch):
    calls = _count_similar(monkeypatch)
    pairs = likely_duplicates([_entry(f"a{i}", "Tập huấn", 5) for i in range(10_000)])
    assert len(pairs) == 2 * 9_999 and {i for _, i, _ in pairs} == set(range(1, 10_000))
    assert calls[0] == 0


def test_the_pairwise_compare_is_capped_at_the_group_limit(monkeypatch):
    calls = _count_similar(monkeypatch)
    likely_duplicates([_entry(f"a{i}", f"Hoạt động {i}") for i in range(GROUP_LIMIT)])
    assert calls[0] == GROUP_LIMIT * (GROUP_LIMIT - 1) // 2
