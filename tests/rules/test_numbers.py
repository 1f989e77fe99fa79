"""Number style: decimal separators and thousands grouping consistent within a document."""

from __future__ import annotations

import pytest

import soat
from soat.options import Options
from soat.rules.numbers import shape, swap_separators

RULE = "VI_NUMBER_FORMAT"


def flagged(text: str, options: Options | None = None) -> list[str]:
    found = soat.check(text, options, enabled=[RULE], enabled_only=True, use_model=False)
    return [issue.text for issue in found if issue.rule == RULE]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("12", "plain"),
        ("12.000", "dot_group"),
        ("1.250.000", "dot_groups"),
        ("3,5", "comma_decimal"),
        ("3.5", "dot_decimal"),
        ("12,000", "comma_group"),
        ("1,250,000", "comma_groups"),
        ("1.234,5", "vi_mixed"),
        ("1,234.5", "intl_mixed"),
        ("10.3.1", "other"),
        ("192.168.1.1", "other"),
        ("0912.345.678", "other"),
    ],
)
def test_shape_names_the_style_of_a_number(number, expected):
    assert shape(number) == expected


def test_swap_separators_converts_between_styles():
    assert swap_separators("1,234.5") == "1.234,5"


def test_decimal_point_beside_vietnamese_thousands_gets_a_comma():
    text = "Lãi suất tăng 3.5% trên khoản vay 12.000 tỷ đồng."
    assert flagged(text) == ["3.5"]
    fixed = soat.fix(text, enabled=[RULE], enabled_only=True)
    assert fixed == "Lãi suất tăng 3,5% trên khoản vay 12.000 tỷ đồng."


def test_international_grouping_beside_vietnamese_decimals_is_flagged():
    assert flagged("Thu 1,250,000 đồng, lãi 2,5% và 3,25%.") == ["1,250,000"]


def test_a_lone_ambiguous_number_is_not_judged():
    assert not flagged("Lãi suất tăng 3.5% trong năm.")


def test_a_document_written_mostly_in_the_other_style_is_left_alone():
    assert not flagged("Chỉ số tăng 5.13 điểm lên 727.3, HNX tăng 0.4 điểm, 1.535 tỷ đồng.")


@pytest.mark.parametrize(
    "text",
    [
        "Bản iOS 10.3.1 và Android 7.1, giá 12.000 đồng.",
        "Ngày 6.2 và sáng 23.6, tháng 7.2012, giá 12.000 đồng.",
        "Phiên tòa (23.6) kéo dài, từ 1.3 đến 31.5, giá 12.000 đồng.",
        "Lúc 19.30 tối, cách mạng 4.0 với 12.000 doanh nghiệp, tỷ số 3-0.",
        "Máy chủ 192.168.1.1, vàng 999.9, khẩu độ f/1.8, giá 12.000 đồng.",
    ],
)
def test_dates_times_versions_scores_and_addresses_are_not_numbers_to_restyle(text):
    assert not flagged(text)


def test_a_day_month_shape_with_a_unit_is_a_quantity():
    assert flagged("Dân số 1.250.000 người, tăng 1.5 lần, thu 2,5 tỷ.") == ["1.5"]


def test_international_style_flags_vietnamese_numbers_instead():
    options = Options(number_style="intl")
    text = "Revenue grew 3,5% to 12,000,000 and 2.5 million, 4.25 and 1,000."
    assert flagged(text, options) == ["3,5"]
    assert not flagged("Lãi suất tăng 3.5% trên 1,250,000 đồng.", options)
