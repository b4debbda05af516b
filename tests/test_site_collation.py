"""Vietnamese alphabetical order (generator/view/collation.py)."""

import random
import unicodedata

from generator.view.collation import sort_key, sorted_names

EXPECTED = [
    "A Xan",
    "Ă",
    "Âu",
    "Bha Lêê",
    "da",
    "Dã",
    "dạ",
    "Dang",
    "Đắc Tôi",
    "Đông Giang",
    "Eo",
    "Êê",
    "O",
    "Ô",
    "Ơn",
    "U",
    "Ư",
    "Zuôih",
]


def test_reference_list_sorts_exactly_as_given():
    for seed in range(20):
        shuffled = EXPECTED[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted_names(shuffled) == EXPECTED


def test_tones_are_a_secondary_key_in_the_order_of_the_reference():
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]  # ngang huyền hỏi ngã sắc nặng
    assert sorted(reversed(tones), key=sort_key) == tones
    assert sorted(["mạch", "ma"], key=sort_key) == ["ma", "mạch"]  # letters first, tones after


def test_d_with_stroke_and_letters_with_marks_sort_after_their_base():
    assert sorted(["Đà", "Dz", "Da"], key=sort_key) == ["Da", "Dz", "Đà"]
    assert sorted(["Ư", "Uz", "V"], key=sort_key) == ["Uz", "Ư", "V"]


def test_decomposed_text_and_both_apostrophes_sort_like_their_composed_form():
    assert sort_key(unicodedata.normalize("NFD", "Phước")) == sort_key("Phước")
    assert sort_key("Ch'ơm")[:3] == sort_key("Ch’ơm")[:3]


def test_lower_case_before_upper_case_when_all_else_is_equal():
    assert sorted(["Da", "da"], key=sort_key) == ["da", "Da"]
