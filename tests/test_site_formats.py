"""Vietnamese numbers, money, percentages and dates (generator/view/formats.py)."""


from generator.view import formats


def test_numbers_group_with_dots_and_decimals_with_commas():
    assert formats.number(1234567) == "1.234.567"
    assert formats.number(0) == "0"
    assert formats.number(16.4) == "16,4"


def test_money_in_dong_and_as_the_press_writes_it():
    assert formats.dong(90_000_000) == "90.000.000 đồng"
    assert formats.dong_short(16_400_000_000) == "16,4 tỷ đồng"
    assert formats.dong_short(90_000_000) == "90 triệu đồng"
    assert formats.dong_short(600_000) == "600 nghìn đồng"


def test_short_money_rounds_as_people_do():
    assert formats.dong_short(16_450_000_000) == "16,5 tỷ đồng"  # a half goes up, not to even
    assert formats.dong_short(999_960_000) == "1 tỷ đồng"  # not "1.000 triệu đồng"
    assert formats.dong_short(999_000_000) == "999 triệu đồng"
    assert formats.dong_short(999_999) == "1 triệu đồng"
    assert formats.dong_short(2_453_600_000_000) == "2.453,6 tỷ đồng"
    assert formats.dong_short(-1_250_000) == "-1,3 triệu đồng"


def test_not_reported_is_never_zero():
    assert formats.dong(None) == "chưa báo cáo"
    assert formats.dong_short(None) == "chưa báo cáo"
    assert formats.dong(0) == "0 đồng"


def test_percent():
    assert formats.percent(13, 200) == "6,5%"
    assert formats.percent(1, 0) == "–"


def test_a_format_given_again_is_written_the_same_and_zero_keeps_its_sign():
    # Decimal formats are kept once made: equal numbers share them, 0 and -0 (equal) do not.
    assert [formats.percent(1, 3), formats.percent(1, 3)] == ["33,3%", "33,3%"]
    assert [formats.percent(0, 5), formats.percent(0, -5), formats.percent(0, 5)] == ["0%", "-0%", "0%"]
    assert [formats.dong_short(16_450_000_000), formats.dong_short(16_450_000_000)] == ["16,5 tỷ đồng"] * 2


def test_dates_short_and_long():
    assert formats.date("2020-04-16") == "16/4/2020"
    assert formats.date("2023-01") == "1/2023"
    assert formats.date("2021") == "2021"
