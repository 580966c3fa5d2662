"""Attributions in every wording: what leads, what is responsible, and what is not an attribution."""

from __future__ import annotations

import pytest

from plancc.importer.attribution import parse_attribution, parse_fields, split_trailing, trailing, unit_like

CASES = [
    # printed, style, lead, responsible, etc, lead_label, responsible_label
    ("（牵头单位：镇农经站；责任单位：各行政村、驻村工作队）", "牵头单位", ["镇农经站"], ["各行政村", "驻村工作队"], False, "牵头单位", "责任单位"),
    ("（牵头单位：镇组织办；责任单位：镇扶贫站、镇农工站，各行政村）", "牵头单位", ["镇组织办"], ["镇扶贫站", "镇农工站", "各行政村"], False, "牵头单位", "责任单位"),
    ("(牵头单位:县扶贫局,配合单位:各乡镇)", "牵头单位", ["县扶贫局"], ["各乡镇"], False, "牵头单位", "配合单位"),
    ("（牵头单位：县财政局、县扶贫局等）", "牵头单位", ["县财政局", "县扶贫局"], [], True, "牵头单位", ""),
    ("（责任单位：县卫健委、县医保局、县民政局、各乡镇）", "责任单位", [], ["县卫健委", "县医保局", "县民政局", "各乡镇"], False, "", "责任单位"),
    ("（责任部门：县人社局、各乡镇等）", "责任单位", [], ["县人社局", "各乡镇"], True, "", "责任部门"),
    ("（扶贫中心牵头，各村负责）", "牵头负责", ["扶贫中心"], ["各村"], False, "", ""),
    ("（民政办、社保所、规建环保办、农服中心等牵头负责）", "牵头负责", ["民政办", "社保所", "规建环保办", "农服中心"], [], True, "", ""),
    ("（扶贫中心牵头负责）", "牵头负责", ["扶贫中心"], [], False, "", ""),
    ("（党群办、文服中心、各相关部门、各村负责）", "牵头负责", [], ["党群办", "文服中心", "各相关部门", "各村"], False, "", ""),
    ("（县农业农村局牵头，县市场监管局、各乡镇配合）", "牵头负责", ["县农业农村局"], ["县市场监管局", "各乡镇"], False, "", ""),
    ("（镇经发办，镇农服中心、各村）", "首位牵头", ["镇经发办"], ["镇农服中心", "各村"], False, "", ""),
    ("（镇经发办、镇扶贫办）", "首位牵头", ["镇经发办", "镇扶贫办"], [], False, "", ""),
    ("（牵头责任领导：村党支部书记；责任干部：驻村第一书记、帮扶干部）", "牵头单位", ["村党支部书记"], ["驻村第一书记", "帮扶干部"], False, "牵头责任领导", "责任干部"),
    ("（牵头责任领导：；责任干部：帮扶干部、村扶贫专干）", "牵头单位", [], ["帮扶干部", "村扶贫专干"], False, "牵头责任领导", "责任干部"),
    ("（牵头单位：；责任单位：）", "牵头单位", [], [], False, "牵头单位", "责任单位"),
    ("（县发改局、县财政局按职责分工负责）", "牵头负责", [], ["县发改局", "县财政局"], False, "", ""),
    ("（县公安局牵头，各乡镇分别负责）", "牵头负责", ["县公安局"], ["各乡镇"], False, "", ""),
    ("【牵头单位：县城管局；配合单位：各乡镇人民政府】", "牵头单位", ["县城管局"], ["各乡镇人民政府"], False, "牵头单位", "配合单位"),
    ("（责任单位：县教育局（牵头）、县财政局、县自然资源局）", "责任单位", ["县教育局"], ["县财政局", "县自然资源局"], False, "", "责任单位"),
    ("（责任单位：县财政局，县教育局〔牵头〕）", "责任单位", ["县教育局"], ["县财政局"], False, "", "责任单位"),
]


@pytest.mark.parametrize("printed, style, lead, responsible, etc, lead_label, responsible_label", CASES)
def test_every_style(printed: str, style: str, lead: list[str], responsible: list[str], etc: bool, lead_label: str, responsible_label: str) -> None:
    a = parse_attribution(printed)
    assert a is not None
    assert (a.style, list(a.lead), list(a.responsible), a.etc) == (style, lead, responsible, etc)
    assert (a.lead_label, a.responsible_label) == (lead_label, responsible_label)
    assert a.text == printed


@pytest.mark.parametrize("printed, lead, responsible, when", [
    ("（县水利局负责，6月底前完成）", (), ("县水利局",), "6月底前完成"),
    ("（责任单位：县水利局，2023年6月底前完成）", (), ("县水利局",), "2023年6月底前完成"),  # not a unit
    ("（牵头单位：县水利局；配合单位：各乡镇；6月底前完成）", ("县水利局",), ("各乡镇",), "6月底前完成"),
    ("（县水利局牵头，各乡镇配合，长期坚持）", ("县水利局",), ("各乡镇",), "长期坚持"),
])
def test_a_deadline_ending_the_attribution(printed: str, lead: tuple, responsible: tuple, when: str) -> None:
    a = parse_attribution(printed)
    assert a is not None and (a.lead, a.responsible, a.when, a.text) == (lead, responsible, when, printed)


def test_role_attributions_name_posts() -> None:
    assert parse_attribution("（牵头责任领导：；责任干部：帮扶干部）").posts == ("帮扶干部",)  # type: ignore[union-attr]
    assert parse_attribution("（牵头单位：镇农经站）").posts == ()  # type: ignore[union-attr]
    mixed = parse_attribution("（牵头领导：王五责任单位：县农业农村局、各乡镇）")  # the space between parts was lost
    assert mixed is not None and (mixed.lead, mixed.responsible, mixed.posts) == (("王五",), ("县农业农村局", "各乡镇"), ("王五",))


def test_keywordless_attribution_is_marked_as_a_guess() -> None:
    assert parse_attribution("（镇经发办，各村）").guessed  # type: ignore[union-attr]
    assert not parse_attribution("（扶贫中心牵头，各村负责）").guessed  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "printed",
    ["（试行）", "（国开发〔2020〕3号）", "（巩固）", "（认真负责）", "（2020—2022年）", "（见附件）", "（一）", "（含2019年脱贫户）", "（）"],
)
def test_other_parentheses_are_not_attributions(printed: str) -> None:
    assert parse_attribution(printed) is None


@pytest.mark.parametrize(
    "text, body, tail",
    [
        ("扎实推进。内容（牵头单位：X；责任单位：Y）", "扎实推进。内容", "（牵头单位：X；责任单位：Y）"),
        ("扎实推进。内容（X负责）。", "扎实推进。内容", "（X负责）。"),
        ("落实《办法（试行）》等政策（扶贫中心牵头负责）", "落实《办法（试行）》等政策", "（扶贫中心牵头负责）"),
        ("帮扶（巩固）计划（扶贫中心牵头（各村配合））", "帮扶（巩固）计划", "（扶贫中心牵头（各村配合））"),
        ("没有括号。", "没有括号。", ""),
        ("括号在中间（试行）后面还有字", "括号在中间（试行）后面还有字", ""),
        ("不配对）", "不配对）", ""),
        ("新改建农村户厕3000户。【责任单位：县农业农村局（牵头）、各乡镇】", "新改建农村户厕3000户。",
         "【责任单位：县农业农村局（牵头）、各乡镇】"),
    ],
)
def test_split_trailing(text: str, body: str, tail: str) -> None:
    assert split_trailing(text) == (body, tail)


@pytest.mark.parametrize("name, ok", [("镇农经站", True), ("各行政村", True), ("县直有“双包”任务的单位", True), ("帮扶干部", True), ("试行", False), ("3号", False), ("巩固", False)])
def test_unit_like(name: str, ok: bool) -> None:
    assert unit_like(name) is ok


def test_fields_on_one_line() -> None:
    a = parse_fields(["牵头单位：县教育局　责任单位：县财政局、县人社局", "完成时限：6月底前"])
    assert a is not None and (a.lead, a.responsible, a.when, a.lines) == (("县教育局",), ("县财政局", "县人社局"), "6月底前", 2)


def test_units_on_lines_of_their_own() -> None:
    lines = ["牵头单位：区住建局", "配合单位：区财政局、各街道办事处等", "责任领导：王五", "完成时限：2023年11月30日前。"]
    a = parse_fields(lines)
    assert a is not None and (a.style, a.lines, a.text) == ("分行", 4, "\n".join(lines))
    assert (a.lead, a.responsible, a.posts, a.when) == (("区住建局",), ("区财政局", "各街道办事处", "王五"), ("王五",), "2023年11月30日前")
    assert (a.lead_label, a.responsible_label) == ("牵头单位", "配合单位")


@pytest.mark.parametrize("lines", [
    ["完成时限：6月底前"],  # a deadline alone names nobody
    ["工作目标：新建分类收集点200个"],  # not a label of units
    ["责任单位：区城管局", "全面推行生活垃圾分类。"],  # every line must be a field
    ["联系人：张三，电话：12345678"],
    [],
])
def test_other_lines_are_not_fields(lines: list[str]) -> None:
    assert parse_fields(lines) is None


@pytest.mark.parametrize("text, printed, lead, responsible", [
    ("完成隐患排查。牵头单位：县水利局；责任单位：各乡镇。", "牵头单位：县水利局；责任单位：各乡镇。", ("县水利局",), ("各乡镇",)),
    ("修订应急预案。责任单位：县应急管理局", "责任单位：县应急管理局", (), ("县应急管理局",)),
    ("开展检查。牵头单位：县水利局。责任单位：各乡镇。", "牵头单位：县水利局。责任单位：各乡镇。", ("县水利局",), ("各乡镇",)),
    ("工作要求：高度重视。责任单位：各村", "责任单位：各村", (), ("各村",)),  # the first sentence is no field
    ("储备物资。（责任单位：县应急管理局）。", "（责任单位：县应急管理局）。", (), ("县应急管理局",)),
])
def test_the_attribution_ending_a_text(text: str, printed: str, lead: tuple, responsible: tuple) -> None:
    a = trailing(text)
    assert a is not None and (a.text, a.lead, a.responsible) == (printed, lead, responsible)


@pytest.mark.parametrize("text", ["储备物资。工作要求：高度重视。", "完成排查。要求：6月底前完成", "责任单位：各村", "储备物资（试行）"])
def test_texts_ending_without_an_attribution(text: str) -> None:
    assert trailing(text) is None


def test_a_long_text_is_read_in_one_pass() -> None:
    """Only the last sentences may name units: a text of many 要求：… sentences is no quadratic work."""
    text = "要求：做好工作。" * 50000 + "牵头单位：县水利局。"
    a = trailing(text)
    assert a is not None and a.text == "牵头单位：县水利局。"
