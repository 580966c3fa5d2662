from __future__ import annotations

from datetime import date

import pytest

from plancc.numbering import LabelFormat, from_chinese, to_chinese
from plancc.timeline import DATE, ONGOING, RECURRING, RELATIVE, BadDate, parse_deadline, parse_quantities


@pytest.mark.parametrize(
    "wording, kind, value",
    [
        ("4月25日前", DATE, date(2020, 4, 25)),
        ("4月25日前全面完成", DATE, date(2020, 4, 25)),
        ("2月底前", DATE, date(2020, 2, 29)),
        ("3月底前完成资金预拨付", DATE, date(2020, 3, 31)),
        ("上半年", DATE, date(2020, 6, 30)),
        ("第三季度", DATE, date(2020, 9, 30)),
        ("年底前", DATE, date(2020, 12, 31)),
        ("2021年6月", DATE, date(2021, 6, 30)),
        ("二〇二〇年四月九日", DATE, date(2020, 4, 9)),
        ("5月中旬", DATE, date(2020, 5, 20)),
        ("30日内", RELATIVE, 30),
        ("每月18日前", RECURRING, (1, "month", 18)),
        ("每2月遍访一次", RECURRING, (2, "month", None)),
        ("每季度", RECURRING, (1, "quarter", None)),
        ("每年", RECURRING, (1, "year", None)),
        ("长期坚持", ONGOING, None),
        ("常态化", ONGOING, None),
    ],
)
def test_deadline_wordings(wording: str, kind: str, value: object) -> None:
    due = parse_deadline(wording, 2020)
    assert due is not None and due.kind == kind
    if kind == DATE:
        assert due.date == value
    elif kind == RELATIVE:
        assert due.amount == value and due.unit == "day"
    elif kind == RECURRING:
        assert (due.every, due.unit, due.day) == value


def test_unreadable_and_impossible_deadlines() -> None:
    assert parse_deadline("尽快", 2020) is None
    assert parse_deadline("4月25日前", None) is None  # no year known
    with pytest.raises(BadDate):
        parse_deadline("2月30日前", 2020)
    with pytest.raises(BadDate):
        parse_deadline("2月29日前", 2021)


def test_sorting_puts_dates_first_then_relative_recurring_ongoing() -> None:
    words = ["长期坚持", "每月18日前", "30日内", "4月25日前", "2月底前"]
    dues = sorted((parse_deadline(w, 2020) for w in words), key=lambda d: d.sort_key())  # type: ignore[union-attr]
    assert [d.describe() for d in dues] == ["2020-02-29", "2020-04-25", "30日内", "每1月（18日前）", "长期"]


def test_targets() -> None:
    qs, bound = parse_quantities("424户1375人")
    assert [str(q) for q in qs] == ["424户", "1375人"] and bound == "exact"
    qs, bound = parse_quantities("1800亩以上")
    assert [str(q) for q in qs] == ["1800亩"] and bound == "min"
    assert [str(q) for q in parse_quantities("剩余140名贫困人口")[0]] == ["140名"]
    assert parse_quantities("不超过5%")[1] == "max"


def test_numerals_and_labels() -> None:
    for n in (1, 9, 10, 11, 20, 42, 99, 100, 105, 999):
        assert from_chinese(to_chinese(n)) == n
    assert to_chinese(12) == "十二" and to_chinese(105) == "一百零五"
    assert LabelFormat.parse("（一）").label(12) == "（十二）"  # type: ignore[union-attr]
    assert LabelFormat.parse("1．").label(41) == "41．"  # type: ignore[union-attr]
    inline = LabelFormat.parse("一是")
    assert inline is not None and inline.inline and inline.number_of("三") == 3
    assert LabelFormat.parse("无编号") is None
    circled = LabelFormat.parse("①")
    assert circled is not None and [circled.label(n) for n in (1, 20, 21, 50, 51)] == ["①", "⑳", "㉑", "㊿", "（51）"]
    assert circled.number_of("⑫") == 12
    decimal = LabelFormat.parse("1.1")
    assert decimal is not None and decimal.label(3, (2,)) == "2.3" and decimal.number_of("2.13") == 13
    assert LabelFormat.parse("1.1.1、").label(4, (1, 2, 5)) == "2.5.4、"  # type: ignore[union-attr]
    assert LabelFormat.parse("1．1").label(2, (3,)) == "3．2"  # type: ignore[union-attr]
