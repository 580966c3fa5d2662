"""Parsing: labels and levels, header elements, sections versus actions, facts, units, YAML output."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import docx
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plancc.importer import import_document
from plancc.importer.emit import dump, plain_ok, scalar
from plancc.importer.extract import clean
from plancc.importer.facts import deadlines, period, targets
from plancc.importer.header import read_date, read_recipients
from plancc.importer.labels import read_label, read_missing_shi
from plancc.importer.outline import build_outline
from plancc.importer.parse import Draft, parse
from plancc.importer.units import build_registry, split_conjoined
from plancc.importer.verify import reconcile
from plancc.render.templates import Templates

from .conftest import DATA, numbered_docx, ratio, rebuilt_text, run_import


def draft_of(text: str) -> Draft:
    rows = [(i + 1, line, None, 0) for i, line in enumerate(text.strip("\n").split("\n"))]
    draft = parse(clean(rows).lines, "test")
    reconcile(draft, Templates())
    return draft


def actions(items: list[Any]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        if isinstance(item, dict):
            if "action" in item:
                out.append(item)
            out.extend(actions(item.get("body") or []))
    return out


def sections(items: list[Any]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        if isinstance(item, dict) and "section" in item:
            out.append(item)
            out.extend(sections(item.get("body") or []))
    return out


# --- labels and levels --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, printed, number, fmt",
    [
        ("一、目标任务", "dun-cn", "一、", 1, "一、"),
        ("十二、研究谋划", "dun-cn", "十二、", 12, "一、"),
        ("（三）强化舆论引导", "paren-cn", "（三）", 3, "（一）"),
        ("(二)拓展销售渠道", "paren-cn", "(二)", 2, "(一)"),
        ("1. 压实责任", "dot-ar", "1.", 1, "1."),
        ("41．推进衔接", "dot-ar", "41．", 41, "1．"),
        ("2、组织产销对接", "dot-ar", "2、", 2, "1、"),
        ("（1）做好申报", "paren-ar", "（1）", 1, "（1）"),
        ("(4)做好申报", "paren-ar", "(4)", 4, "(1)"),
        ("三是扎实推进消费扶贫", "shi", "三是", 3, "一是"),
        ("第二，规范贫困户档案", "di", "第二，", 2, "第一，"),
        ("1.1 开展村庄清洁行动", "decimal2", "1.1", 1, "1.1"),
        ("2.3、推进改厕", "decimal2", "2.3、", 3, "1.1、"),
        ("2.3.1. 建立台账", "decimal3", "2.3.1.", 1, "1.1.1."),
        ("①加强组织领导", "circled", "①", 1, "①"),
        ("⑫ 强化督查", "circled", "⑫", 12, "①"),
        ("第二部分 重点任务", "part", "第二部分", 2, "第一部分\u3000"),
        ("第三章总体要求", "part", "第三章", 3, "第一章\u3000"),
    ],
)
def test_read_label(text: str, kind: str, printed: str, number: int, fmt: str) -> None:
    label = read_label(text)
    assert label is not None
    assert (label.kind, label.printed, label.number, label.fmt) == (kind, printed, number, fmt)


@pytest.mark.parametrize("text", ["2020年是决胜之年", "1.5万元资金已下达", "一手抓疫情防控", "第一书记和驻村工作队不撤", "三个到位", "一、",
                                  "2.5%以上", "3.0版本上线", "1.1.1.1 四级", "0.5亩"])
def test_not_labels(text: str) -> None:
    assert read_label(text) is None


def test_missing_shi_is_read_only_where_expected() -> None:
    label = read_missing_shi("三切实抓好防止返贫", 3)
    assert label is not None and (label.printed, label.number, label.irregular) == ("三", 3, True)
    assert read_missing_shi("三切实抓好防止返贫", 4) is None
    assert read_missing_shi("三、工作要求", 3) is None


def test_levels_follow_the_order_labels_appear_in() -> None:
    rows = [(i, t, None, 0) for i, t in enumerate(["（一）总体", "1.甲项。内容", "2.乙项。内容", "（二）保障", "1.丙项。内容"])]
    root = build_outline(clean(rows).lines)
    assert [n.label.printed for n in root.nodes] == ["（一）", "（二）"]  # type: ignore[union-attr]
    assert [n.level for n in root.walk()] == [1, 2, 2, 1, 2]


# --- header and sign-off --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso",
    [("2020年4月9日", "2020-04-09"), ("二〇二〇年四月九日", "2020-04-09"), ("二〇二一年二月二十日", "2021-02-20"), ("2020年2月30日", None), ("2020年4月9日前", None)],
)
def test_read_date(text: str, iso: str | None) -> None:
    assert read_date(text) == iso


def test_read_recipients() -> None:
    assert read_recipients("各村，机关各部门，区级派驻机构：") == (["各村", "机关各部门", "区级派驻机构"], "，")
    assert read_recipients("各乡镇、县直各单位：") == (["各乡镇", "县直各单位"], "、")
    assert read_recipients("现将有关事项通知如下：") is None or True  # a short sentence ending in ： is accepted only after a title


def test_notice_front_and_back_from_gbk_file(tmp_path: Path) -> None:
    result, _, plan = run_import(DATA / "gbk-notice.txt", tmp_path)
    assert plan is not None and plan.notice is not None
    n = plan.notice
    assert plan.kind == "通知"
    assert (n.mark, n.issuer, str(n.number)) == (("某县人民政府办公室文件",), "某县人民政府办公室", "某政办〔2021〕15号")
    assert n.to == ("各乡镇人民政府", "县直有关单位") and plan.style.separator == "，"
    assert (n.signature, n.date.isoformat()) == (("某县人民政府办公室",), "2021-02-20")  # type: ignore[union-attr]
    assert n.cc == ("县委办", "县人大办")
    assert (n.printed_by, n.printed_on.isoformat()) == ("某县人民政府办公室", "2021-02-20")  # type: ignore[union-attr]
    assert result.report.placed == result.report.lines


def test_joint_notice_marks_signatures_and_nested_recipients(tmp_path: Path) -> None:
    result, _, plan = run_import(DATA / "joint-notice.txt", tmp_path)
    assert plan is not None and plan.notice is not None
    n = plan.notice
    organs = ("中共某县委员会办公室", "某县人民政府办公室")
    assert (n.mark, n.mark_suffix, n.issuer, n.signature) == (organs, "文件", organs[0], organs)
    assert n.to == ("各乡镇党委、政府", "县直各单位") and plan.style.separator == "，"  # 、 inside, ， between
    assert str(n.number) == "某办发〔2021〕3号" and result.report.similarity == 1.0


def test_a_table_right_above_the_signature_stays_out_of_it(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("某镇2022年农村人居环境整治工作方案", "一、重点任务", "（一）开展村庄清洁行动。4月底前完成。（牵头单位：镇环卫所）"):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=3)
    # the last row reads like an organ once its empty cells are dropped: only its being a row keeps it out
    for r, row in enumerate([("序号", "工作任务", "责任单位"), ("1", "建立台账", "镇党政办"), ("", "", "镇纪委")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("某镇人民政府")
    document.add_paragraph("2022年3月1日")
    document.save(str(tmp_path / "table-end.docx"))
    _, path, plan = run_import(tmp_path / "table-end.docx", tmp_path)
    assert plan is not None and path is not None
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["notice"]["signature"] == "某镇人民政府"


def test_a_line_cut_before_a_decimal_number_is_joined(tmp_path: Path) -> None:
    source = tmp_path / "wrap.txt"
    source.write_text("某镇2022年土地流转工作方案\n一、重点任务\n（一）推进土地流转。全镇新增流转面积不少于\n"
                      "3.5公顷。（牵头单位：镇农办）\n（二）规范流转合同。（牵头单位：镇经管站）\n", encoding="utf-8")
    _, _, plan = run_import(source, tmp_path)
    assert plan is not None
    assert [a.text for a in plan.actions()][0] == "全镇新增流转面积不少于3.5公顷。"
    heading = tmp_path / "heading.txt"  # but a 1.1 heading after an unfinished line starts a line of its own
    heading.write_text("某镇2022年人居环境工作方案\n为做好人居环境整治工作，现将有关任务安排如下\n"
                       "1.1 开展村庄清洁行动。（牵头单位：镇农办）\n1.2 推进厕所革命。（牵头单位：镇农办）\n", encoding="utf-8")
    _, _, plan = run_import(heading, tmp_path)
    assert plan is not None and [a.label for a in plan.actions()] == ["1.1", "1.2"]
    assert plan.preamble == ("为做好人居环境整治工作，现将有关任务安排如下",)


def test_transmittal_with_attached_plan() -> None:
    draft = draft_of(
        """
关于印发《某镇2021年就业帮扶工作方案》的通知
各村、镇直各单位：
现将《某镇2021年就业帮扶工作方案》印发给你们，请认真贯彻落实。
某镇人民政府
二〇二一年三月一日
附件
某镇2021年就业帮扶
工作方案
为促进群众就业，制定本方案。
一、主要任务
（一）开展技能培训。全年培训不少于200人次。（镇社保所牵头，各村负责）
"""
    )
    d = draft.data
    assert d["kind"] == "印发通知" and d["title"] == "某镇2021年就业帮扶工作方案"
    assert d["title_lines"] == ["某镇2021年就业帮扶", "工作方案"]
    assert d["notice"]["title"] == "关于印发《某镇2021年就业帮扶工作方案》的通知"
    assert d["notice"]["body"] == ["现将《某镇2021年就业帮扶工作方案》印发给你们，请认真贯彻落实。"]
    assert (d["notice"]["signature"], d["notice"]["date"]) == ("某镇人民政府", "2021-03-01")
    assert d["preamble"] == ["为促进群众就业，制定本方案。"]
    (a,) = actions(d["body"])
    assert (a["lead"], a["responsible"], a["targets"]) == (["镇社保所"], ["各村"], [{"text": "不少于200人次", "what": "全年培训"}])


# --- sections and actions ---------------------------------------------------------------


def test_halfwidth_brackets_and_first_leads_style(tmp_path: Path) -> None:
    result, _, plan = run_import(DATA / "halfwidth.txt", tmp_path)
    assert plan is not None
    assert plan.kind == "实施方案"
    assert plan.style.numbering == ("一、", "(一)", "1、") and plan.style.attribution == "首位牵头"
    got = [(a.label, a.title, a.lead, a.responsible) for a in plan.actions()]
    assert got == [
        ("1、", "做好申报工作", ("镇经发办",), ("镇农服中心", "各村")),
        ("2、", "加强产品管理", ("镇扶贫办",), ("各村",)),
        ("1、", "建设线上销售专区", ("镇经发办",), ()),
        ("2、", "组织产销对接", ("镇扶贫办",), ("镇经发办", "各村")),  # 扶贫办 is an alias of 镇扶贫办
    ]
    assert plan.units["镇扶贫办"].aliases == ("扶贫办",)
    assert [s.heading for s in plan.body if not isinstance(s, str)] == ["工作目标", "主要任务", "保障措施"]
    assert "品500吨以上" in plan.body[0].body[0]  # type: ignore[union-attr]  # page break joined, page number dropped
    assert result.report.artefacts >= 3  # bookmark, page number, page break


def test_decimal_and_circled_numbering_and_one_sentence_tasks(tmp_path: Path) -> None:
    result, path, plan = run_import(DATA / "decimal-circled.txt", tmp_path)
    assert plan is not None and path is not None
    assert plan.style.numbering == ("一、", "1.1")
    got = [(a.label, a.title, a.text, a.lead, a.responsible) for a in plan.actions()]
    assert got == [
        ("1.1", "开展村庄清洁行动", "4月底前完成第一轮集中清理。", ("镇环卫所",), ("各村",)),
        ("1.2", "推进农村改厕", "全年完成改厕300户以上。", ("镇农办",), ("各村", "镇财政所")),
        ("2.1", "建立保洁队伍", "每村配备保洁员不少于2名。", ("镇环卫所",), ("各村",)),
        ("2.2", "落实管护经费。", "", (), ("镇财政所",)),  # one sentence: a title that keeps its 。
        ("①", "加强组织领导。", "", (), ("镇党政办",)),
        ("②", "强化督查考核", "每月18日前通报进度。", (), ("镇纪委",)),
    ]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["body"][2]["numbering"] == "①"
    assert not any("label" in a for a in actions(data["body"]))  # plancc's own numbering prints them
    assert result.report.similarity == 1.0  # building the plan prints the document's text again


def test_units_named_after_a_section_heading_are_the_sections(tmp_path: Path) -> None:
    result, path, plan = run_import(DATA / "section-units.txt", tmp_path)
    assert plan is not None and path is not None
    tasks = plan.body[0].body  # type: ignore[union-attr]
    assert [(s.heading, s.lead, s.responsible) for s in tasks] == [
        ("发展特色产业", ("镇农办",), ("各村",)), ("推进农旅融合", ("镇文旅办",), ()),
    ]
    assert [(a.lead, a.responsible, a.inherited) for a in plan.actions()] == [
        (("镇农办",), ("各村",), True), (("镇农办",), ("各村",), True), (("镇文旅办",), (), True),
        ((), ("镇宣传办",), False), ((), ("镇党政办",), False),
    ]
    assert "按任务处理" not in path.read_text(encoding="utf-8")  # the section's units make its items tasks
    assert {"镇农办", "各村", "镇文旅办"} <= set(plan.units)
    assert result.report.attributed == 5 and result.report.similarity == 1.0
    assert ratio(rebuilt_text(plan), (DATA / "section-units.txt").read_text(encoding="utf-8")) == 1.0


def test_units_and_deadline_on_lines_under_a_task_are_its_own(tmp_path: Path) -> None:
    result, path, plan = run_import(DATA / "field-lines.txt", tmp_path)
    assert plan is not None and path is not None
    assert plan.style.attribution == "分行"
    assert [(a.title, a.text, a.lead, a.responsible, [d.when for d in a.deadlines]) for a in plan.actions()] == [
        ("开展垃圾分类攻坚", "全面推行生活垃圾分类，新建分类收集点200个。", (), ("区城管局", "各街道办事处"), ["2023年6月底前"]),
        ("推进老旧小区改造（含加装电梯）", "完成12个老旧小区改造任务。", ("区住建局",), ("区财政局", "各街道办事处"),
         ["2023年11月30日前"]),
        ("整治河道环境", "开展河道清淤保洁，消除黑臭水体。", (), ("区水务局",), ["长期坚持"]),
        ("提升公厕管理水平", "新建改建公厕15座。", (), ("区城管局", "各街道办事处"), []),
        ("治理道路扬尘", "9月底前完成道路硬化。", (), (), ["9月底前"]),
    ]
    assert list(plan.actions())[-1].attribution == "none"  # else 分行 would print a 完成时限 line the document has not
    text = path.read_text(encoding="utf-8")
    # the 分行 wording prints the lines of the first three again from the data; the fourth's labels differ
    assert text.count("attribution_text") == 1
    assert "attribution_text: |-\n          责任单位：区城管局\n          配合单位：各街道办事处\n" in text
    assert "工作目标：年底前全面完成整治任务。" in text  # a line that names no unit stays a paragraph
    source = (DATA / "field-lines.txt").read_text(encoding="utf-8")
    assert result.report.similarity == 1.0 and ratio(rebuilt_text(plan), source) == 1.0


def test_a_deadline_in_the_text_and_in_the_attribution_is_one_deadline(tmp_path: Path) -> None:
    source = tmp_path / "once.txt"
    source.write_text("某镇2023年工作方案\n一、重点任务\n（一）整治河道。6月底前完成清淤。（责任单位：镇水务站；完成时限：6月底前）\n"
                      "（二）清洁村庄。每季度开展一次整治。【责任单位：各村，完成时限：每季度末】\n", encoding="utf-8")
    result, path, plan = run_import(source, tmp_path)
    assert plan is not None and result.report.similarity == 1.0
    assert [[d.when for d in a.deadlines] for a in plan.actions()] == [["6月底前"], ["每季度", "每季度末"]]
    assert [a.responsible for a in plan.actions()] == [("镇水务站",), ("各村",)]


def test_the_stages_of_a_plan_make_its_period(tmp_path: Path) -> None:
    result, path, plan = run_import(DATA / "stages.txt", tmp_path)
    assert plan is not None and path is not None and plan.period is not None
    assert (plan.period.start, plan.period.end) == (date(2023, 1, 1), date(2023, 5, 31))  # not the first stage's
    assert "# 待核对：实施期限由文中各阶段的起止时间推断" in path.read_text(encoding="utf-8")
    assert [(m.when, m.what) for m in plan.milestones] == [("5月20日前", "各村报送工作总结")]  # inside the period
    first, second = plan.actions()
    assert (first.lead, first.responsible) == (("李某某（副镇长）",), ("镇应急办", "各村"))  # 牵头领导 on its own line
    assert plan.units["李某某（副镇长）"].kind == "role"
    assert [d.when for d in second.deadlines] == ["2023年4月30日前"] and second.attribution_text is None
    assert result.report.similarity == 1.0


def test_an_attached_task_table_that_repeats_the_tasks_gives_them_units(tmp_path: Path) -> None:
    result, path, plan = run_import(DATA / "repeated-table.txt", tmp_path)
    assert plan is not None and path is not None
    assert [(a.title, a.lead, a.responsible, a.attribution, [d.when for d in a.deadlines]) for a in plan.actions()] == [
        ("开展全民禁毒宣传月活动", ("镇禁毒办",), ("各村",), "none", ["6月底前"]),
        ("推进禁毒示范校建设。", (), ("镇中心校",), "none", ["12月底前"]),
        ("落实社区戒毒康复措施", ("镇派出所",), ("镇禁毒办", "各村"), "none", ["每月", "每月5日前"]),
    ]  # tasks though their headings do not say so; the notice prints no units, as the document did
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert "附件" not in str(data) and "序号" not in str(data)  # the table and the lines heading it are left out
    assert "按任务处理" not in text and text.count("单位取自附件任务分工表") == 3
    assert result.report.similarity == 1.0 and result.report.placed == result.report.lines


def test_a_row_of_the_attached_table_that_names_no_task_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "partial.txt"
    extra = "4\t组建禁毒志愿者队伍\t团委\t各村\t9月底前\n"
    source.write_text((DATA / "repeated-table.txt").read_text(encoding="utf-8") + extra, encoding="utf-8")
    result, _, plan = run_import(source, tmp_path)
    assert plan is not None and len(list(plan.actions())) == 3
    assert [a.lead for a in plan.actions()] == [("镇禁毒办",), (), ("镇派出所",)]  # the others still fill in
    assert [(p.code, p.line) for p in result.problems] == [("import-unplaced", 17)]  # reported, never lost
    assert result.report.unplaced == [(17, "4 组建禁毒志愿者队伍 团委 各村 9月底前")]
    assert result.report.similarity is not None and result.report.similarity < 1  # its words are missing


def test_a_repeated_table_in_word_adds_no_task(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ["某镇2023年禁毒工作要点", "一、强化禁毒宣传", "1.开展全民禁毒宣传月活动。6月底前完成集中宣传。（牵头单位：镇禁毒办；责任单位：各村）",
                 "2.推进禁毒示范校建设。（责任单位：镇中心校）", "附件：重点任务分工表"]:
        document.add_paragraph(text)
    cells = [["序号", "重点任务", "牵头单位", "责任单位"], ["1", "开展全民禁毒宣传月活动", "镇禁毒办", "各村"], ["2", "推进禁毒示范校建设", "", "镇中心校"]]
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(tmp_path / "repeated.docx"))
    result, _, plan = run_import(tmp_path / "repeated.docx", tmp_path)
    assert plan is not None and result.report.similarity == 1.0
    assert [(a.title, a.attribution) for a in plan.actions()] == [("开展全民禁毒宣传月活动", "牵头单位"), ("推进禁毒示范校建设。", "牵头单位")]


def test_parts_of_a_plan_are_its_first_level(tmp_path: Path) -> None:
    source = tmp_path / "parts.txt"
    source.write_text("某县2024年安全生产工作方案\n第一部分 总体要求\n坚持安全发展。\n第二部分 重点任务\n"
                      "一、开展隐患排查。4月底前完成排查。（县应急管理局牵头，县市场监管局和各乡镇配合）\n"
                      "第三部分 保障措施\n一、加强组织领导。成立工作专班。\n", encoding="utf-8")
    result, _, plan = run_import(source, tmp_path)
    assert plan is not None and result.report.similarity == 1.0
    assert plan.style.numbering == ("第一部分\u3000", "一、")
    assert [(s.label, s.heading) for s in plan.body] == [("第一部分\u3000", "总体要求"), ("第二部分\u3000", "重点任务"), ("第三部分\u3000", "保障措施")]
    (task,) = plan.actions()
    assert (task.label, task.lead, task.responsible) == ("一、", ("县应急管理局",), ("县市场监管局", "各乡镇"))
    assert plan.body[2].body[0].label == "一、"  # type: ignore[union-attr]  # each part numbers its items anew


def test_units_named_after_the_last_sentence_without_brackets(tmp_path: Path) -> None:
    source = tmp_path / "bare.txt"
    source.write_text("某县2024年防汛工作方案\n一、重点任务\n（一）开展汛前检查。5月底前完成排查。牵头单位：县水利局；责任单位：各乡镇。\n"
                      "（二）推进老旧小区改造（含加装电梯）\n完成12个老旧小区改造任务。（责任单位：县住建局）\n", encoding="utf-8")
    result, _, plan = run_import(source, tmp_path)
    assert plan is not None and result.report.similarity > 0.99  # plancc prints 。 after a title followed by text
    first, second = plan.actions()
    assert (first.text, first.lead, first.responsible, first.attribution_text) == (
        "5月底前完成排查。", ("县水利局",), ("各乡镇",), "牵头单位：县水利局；责任单位：各乡镇。")
    assert (second.title, second.responsible) == ("推进老旧小区改造（含加装电梯）", ("县住建局",))  # its own brackets stay


def test_unnumbered_paragraphs_that_name_their_units_are_tasks(tmp_path: Path) -> None:
    result, path, plan = run_import(DATA / "paragraph-tasks.txt", tmp_path)
    assert plan is not None and path is not None and result.report.similarity == 1.0
    assert [(a.label, a.title, a.lead, a.responsible) for a in plan.actions()] == [
        ("", "加强宣传引导，全面宣传禁烧政策。", ("镇宣传办",), ("各村",)),
        ("", "强化巡查管控，6月底前完成全覆盖巡查。", ("镇执法中队",), ("各村",)),
    ]
    assert [(s.label, s.heading) for s in plan.body] == [("一、", "工作任务"), ("二、", "保障措施")]
    assert [s.label for s in plan.body[1].body] == ["（一）", "（二）"]  # type: ignore[union-attr]
    assert 'label: ""' in path.read_text(encoding="utf-8")


def test_a_paragraph_naming_units_after_an_item_is_still_the_item_s(tmp_path: Path) -> None:
    """One such paragraph under a numbered item ends that item (its text and units), as before."""
    source = tmp_path / "one.txt"
    source.write_text("某镇2023年工作方案\n一、重点任务\n（一）发展特色产业\n新建种植基地2个。（牵头单位：镇农办；责任单位：各村）\n",
                      encoding="utf-8")
    _, _, plan = run_import(source, tmp_path)
    assert plan is not None
    (task,) = plan.actions()
    assert (task.label, task.title, task.text, task.lead) == ("（一）", "发展特色产业", "新建种植基地2个。", ("镇农办",))


def test_a_deadline_at_the_end_of_the_attribution_is_the_task_s(tmp_path: Path) -> None:
    source = tmp_path / "end.txt"
    source.write_text("某县2024年防汛工作方案\n一、重点任务\n（一）开展汛前检查。完成隐患排查。（县水利局负责，6月底前完成）\n"
                      "（二）完善应急预案。（责任单位：县应急管理局，2024年5月底前完成）\n", encoding="utf-8")
    result, path, plan = run_import(source, tmp_path)
    assert plan is not None and path is not None and result.report.similarity == 1.0
    assert [(a.responsible, [(d.when, d.what) for d in a.deadlines]) for a in plan.actions()] == [
        (("县水利局",), [("6月底前", "")]), (("县应急管理局",), [("2024年5月底前", "")])]
    assert set(plan.units) == {"县水利局", "县应急管理局"}  # the deadline is no unit


def test_word_automatic_numbering_gives_the_plan_its_structure(tmp_path: Path) -> None:
    source = tmp_path / "auto.docx"
    numbered_docx(source, [
        ("某镇2023年秸秆禁烧工作方案", None, 0),
        ("为做好秸秆禁烧工作，制定本方案。", None, 0),
        ("工作任务", "style", 0),
        ("加强宣传引导。全面宣传禁烧政策。（牵头单位：镇宣传办；责任单位：各村）", "1", 1),
        ("强化巡查管控。6月底前完成全覆盖巡查。（牵头单位：镇执法中队；责任单位：各村）", "1", 1),
        ("保障措施", "style", 0),
        ("加强组织领导。（责任单位：镇党政办）", "2", 0),
    ])
    result, _, plan = run_import(source, tmp_path)
    assert plan is not None and plan.style.numbering == ("一、", "（一）")
    assert [s.heading for s in plan.body if not isinstance(s, str)] == ["工作任务", "保障措施"]
    assert [(a.label, a.lead, a.responsible) for a in plan.actions()] == [
        ("（一）", ("镇宣传办",), ("各村",)), ("（二）", ("镇执法中队",), ("各村",)), ("①", (), ("镇党政办",)),
    ]
    assert result.report.similarity == 1.0


def test_role_attributions_with_blank_lead_and_di_labels(tmp_path: Path) -> None:
    _, path, plan = run_import(DATA / "roles.txt", tmp_path)
    assert plan is not None and path is not None
    assert plan.style.numbering == ("一、", "第一，")
    assert (plan.style.lead_label, plan.style.responsible_label) == ("牵头责任领导", "责任干部")
    assert {u.kind for u in plan.units.values()} == {"role"}
    third = list(plan.actions())[2]
    assert (third.label, third.lead, third.responsible) == ("第三，", (), ("帮扶干部", "村扶贫专干"))
    assert third.attribution_text == "（牵头责任领导：；责任干部：帮扶干部、村扶贫专干）"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert actions(data["body"])[2]["lead"] == []


def test_docx_with_table_and_title_over_two_paragraphs(tmp_path: Path) -> None:
    _, _, plan = run_import(DATA / "table.docx", tmp_path)
    assert plan is not None
    assert plan.title == "某镇2021年产业发展工作方案" and plan.title_lines == ("某镇2021年产业发展", "工作方案")
    rows = list(plan.actions())[:2]
    assert [(a.title, a.text, a.lead, a.responsible) for a in rows] == [
        ("发展特色种植", "新建特色种植基地2个。", ("镇农服中心",), ("各村",)),
        ("培育经营主体", "培育农民专业合作社5家。", ("镇经发办",), ("镇农服中心", "各村")),
    ]
    assert [d.when for d in rows[1].deadlines] == ["2021年12月底前"]
    support = plan.body[-1].body[0]  # type: ignore[union-attr]
    assert (support.heading, support.text) == ("加强组织领导", "成立工作专班，统筹推进各项工作。")  # 保障措施 holds sections


def test_inline_items_with_a_missing_shi_and_run_in_sections() -> None:
    draft = draft_of(
        """
一、工作重点
（一）增收行动
一是推进产业扶贫。发展特色种养业。（牵头单位：镇农经站；责任单位：各行政村）
二是推进就业扶贫。开发公益性岗位。（牵头单位：镇人社所；责任单位：各行政村）
三推进消费扶贫。开展产销对接。（牵头单位：镇扶贫站；责任单位：各行政村）
二、工作要求
（一）强化组织领导。各村要亲自谋划、亲自部署。
"""
    )
    body = draft.data["body"]
    assert [a.get("label") for a in actions(body)] == [None, None, "三"]
    assert draft.data["style"]["numbering"] == ["一、", "（一）", "一是"]
    run_in = sections(body)[-1]
    assert (run_in["section"], run_in["text"]) == ("强化组织领导", "各村要亲自谋划、亲自部署。")
    assert any("三" in note for note in draft.notes.values())


def test_continued_numbering_and_items_without_units_in_a_continued_sequence() -> None:
    draft = draft_of(
        """
一、总体要求
1. 压实主体责任。层层抓落实。
2. 压实监管责任。加强监管。
二、重点任务
3. 严防返贫致贫。扎实做好“回头看”工作。（扶贫中心牵头，各村负责）
4. 开展成效考核。用好考核结果。（扶贫中心牵头负责）
"""
    )
    style = draft.data["style"]
    assert (style["numbering"], style["continue"], style["attribution"]) == (["一、", "1."], [2], "牵头负责")
    assert [a["action"] for a in actions(draft.data["body"])] == ["压实主体责任", "压实监管责任", "严防返贫致贫", "开展成效考核"]


def test_attribution_on_its_own_line_or_after_a_paragraph() -> None:
    draft = draft_of(
        """
一、主要任务
（一）产业扶贫
发展特色产业，带动贫困户增收。
（牵头单位：镇农服中心；责任单位：各村）
（二）就业扶贫。开发公益性岗位。
（牵头单位：镇社保所）
"""
    )
    first, second = actions(draft.data["body"])
    assert (first["action"], first["text"], first["lead"], first["responsible"]) == ("产业扶贫", "发展特色产业，带动贫困户增收。", ["镇农服中心"], ["各村"])
    assert (second["action"], second["lead"]) == ("就业扶贫", ["镇社保所"])


def test_names_joined_by_he_are_split_when_each_is_a_unit() -> None:
    assert split_conjoined(["各村和镇各机关部门", "各村"]) == {"各村和镇各机关部门": ["各村", "镇各机关部门"]}
    assert split_conjoined(["县住房和城乡建设局", "县扶贫局"]) == {}
    assert split_conjoined(["农业农村和水利局"]) == {}
    assert split_conjoined(["县市场监管局和各乡镇", "县教育局与县人社局", "县委组织部和宣传部"]) == {
        "县市场监管局和各乡镇": ["县市场监管局", "各乡镇"], "县教育局与县人社局": ["县教育局", "县人社局"]}


def test_registry_groups_roles_aliases_members() -> None:
    entries = {e.id: e for e in build_registry(["镇扶贫站", "扶贫站", "各行政村", "双圩村", "帮扶干部", "镇直有关单位", "驻村工作队"], set())}
    assert entries["镇扶贫站"].aliases == ["扶贫站"] and "扶贫站" not in entries
    assert entries["各行政村"].kind == "group" and entries["各行政村"].members == ["双圩村"]
    assert entries["镇直有关单位"].kind == "group"
    assert entries["帮扶干部"].kind == "role"
    assert entries["驻村工作队"].kind == "unit"
    lone = {e.id: e for e in build_registry(["扶贫站", "县扶贫局"], set())}
    assert lone["扶贫站"].aliases == []  # an alias only when both names occur


# --- facts -------------------------------------------------------------------------------


def test_deadlines_with_what_and_recurrence() -> None:
    found = deadlines("确保各级扶贫资金下达后30日内落实到具体项目。项目原则上于2月底前开工建设，3月底前完成资金预拨付。", 2020)
    assert [(f.text, f.what, f.after) for f in found] == [
        ("30日内", "落实到具体项目", "各级扶贫资金下达"),
        ("2月底前", "项目开工建设", ""),
        ("3月底前", "完成资金预拨付", ""),
    ]
    found = deadlines("各村要于每月18日前上报情况；村书记每2月遍访一次；上半年整改销号；长期坚持。", 2020)
    assert [f.text for f in found] == ["每月18日前", "每2月", "上半年", "长期坚持"]
    assert [f.text for f in deadlines("每季度末报送台账，每月底前更新，每年初部署", 2020)] == ["每季度末", "每月底前", "每年初"]
    assert deadlines("2020年1月23日召开会议", 2020) == []  # a past date is not a deadline


def test_targets_and_period() -> None:
    assert [t.text for t in targets("全镇424户1375人脱贫，新增1800亩以上，不少于3次，第1批，2型糖尿病，30日内")] == ["424户1375人", "1800亩以上", "不少于3次"]
    # time spans: a target when it is the goal, a deadline when something is done within it
    assert [(t.text, t.what) for t in targets("企业开办时间压缩至1个工作日以内，就业率提高2个百分点")] == [
        ("1个工作日以内", "企业开办时间压缩至"), ("2个百分点", "就业率提高")]
    assert targets("3个月内完成整改，5个工作日内办结") == []
    assert period("行动集中在2020年2月—4月开展") == ("2020-02", "2020-04", "2020年2月—4月")
    assert period("二〇二〇年三月至二〇二〇年六月")[:2] == ("2020-03", "2020-06")  # type: ignore[index]


# --- documents it cannot understand -------------------------------------------------------


@pytest.mark.parametrize("name, code", [("garbage.txt", "import-no-structure"), ("binary.txt", "import-binary")])
def test_documents_it_cannot_understand_get_a_clear_report(name: str, code: str) -> None:
    result = import_document(DATA / name)
    assert result.yaml_text is None and not result.ok
    assert [p.code for p in result.problems] == [code]
    assert result.problems[0].message().strip() and result.problems[0].hint().strip()


@pytest.mark.parametrize("content", ["", "\n\n   \n", "\ufeff", "只有一句话。", "一、", "（一）（二）（三）", "[bookmark: _GoBack]"])
def test_tiny_documents_never_raise(tmp_path: Path, content: str) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(content, encoding="utf-8")
    result = import_document(path)
    assert "internal" not in [p.code for p in result.problems]
    assert result.ok or result.problems


def test_garbage_lines_are_reported_as_unplaced(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("某镇工作方案\n一、主要任务\n（一）开展培训。培训群众。（镇社保所牵头负责）\n@@@@ #### 1234\n", encoding="utf-8")
    result = import_document(path)
    assert result.ok
    assert result.report.unplaced == [(4, "@@@@ #### 1234")]
    assert [p.code for p in result.problems] == ["import-unplaced"]
    assert result.problems[0].line == 4


# --- YAML output ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1.", "no", "yes", "000001", "1.10", "true", "null", "#注释", "a: b", "- 列表", "[x]", "", " 前导空格", "*星"])
def test_scalars_that_yaml_would_misread_are_quoted(text: str) -> None:
    assert not plain_ok(text)
    assert yaml.safe_load(scalar(text)) == text


@pytest.mark.parametrize("text", ["镇农经站", "2020-04-09", "一、", "（一）", "扎实推进“春季攻势”：要求", "41．"])
def test_ordinary_text_stays_plain(text: str) -> None:
    assert plain_ok(text)


@pytest.mark.parametrize("text, block", [
    ("责任单位：区城管局\n完成时限：6月底前", True),
    ("- 列表\n#注释\nno", True),  # a literal block reads every line as text
    ("一行", False), ("尾随空格 \n第二行", False), ("\n开头换行", False), ("结尾换行\n", False), ("制表\t\n行", False),
])
def test_text_of_several_lines_is_a_literal_block(text: str, block: bool) -> None:
    dumped = dump({"attribution_text": text}, {}, [])
    assert dumped.startswith("attribution_text: |-\n") == block
    assert yaml.safe_load(dumped) == {"attribution_text": text}


def test_modeline_and_comments(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "plan.yaml"
    result = import_document(DATA / "roles.txt", out)
    assert result.yaml_text is not None
    first = result.yaml_text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith("schemas/plan.schema.json")
    assert not Path(first.split("=", 1)[1]).is_absolute()
    assert (out.parent / first.split("=", 1)[1]).resolve().is_file()
    half = import_document(DATA / "halfwidth.txt")
    assert "# 待核对：" in half.yaml_text  # type: ignore[operator]


PIECES = [
    "一、", "（一）", "(二)", "1.", "1．", "2、", "（1）", "一是", "三", "第一，", "十二、", "41．",
    "扎实推进工作。", "加强领导，", "（牵头单位：镇扶贫站；责任单位：各村）", "（扶贫中心牵头，各村负责）", "（X，Y、Z）",
    "（牵头责任领导：；责任干部：帮扶干部）", "（试行）", "关于印发《某镇方案》的通知", "各村：", "2020年4月9日",
    "二〇二〇年四月九日", "某镇人民政府", "泾扶组〔2020〕2号", "每月18日前", "30日内", "424户1375人", "[bookmark: x]",
    "- 2 -", "抄送：县委办。", "附件：1.表", "“", "《", "\u3000", " ", "\t", "镇扶贫站", "扶贫站", "各村和镇各机关部门",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(["一、一、", "附件：1.表", "1."])  # a bare "1." after the 附件说明 once became an empty attachment
@example(["一、（牵头单位：镇扶贫站；责任单位：各村）", "（牵头单位：镇扶贫站；责任单位：各村）", "（牵头单位：镇扶贫站；责任单位：各村）"])
@example(["一、（牵头单位：镇扶贫站；责任单位：各村）", "扎实推进工作。（牵头单位：镇扶贫站；责任单位：各村）", "加强领导，（扶贫中心牵头，各村负责）"])
@example(["一、一、", "1.一、", "（1）一、", "一是一、", "（一）（牵头单位：镇扶贫站；责任单位：各村）", "（一）（牵头单位：镇扶贫站；责任单位：各村）"])
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), max_size=25))
def test_any_arrangement_of_plan_pieces_imports_or_is_refused_cleanly(lines: list[str]) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    path = folder / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = import_document(path, folder / "doc.yaml")
    assert "internal" not in [p.code for p in result.problems], result.problems
    if result.yaml_text is not None:
        assert not [p for p in result.problems if p.severity == "error"], result.problems


def test_plan_whose_top_level_is_paren_with_signer_attachments_and_posts(tmp_path: Path) -> None:
    _, _, plan = run_import(DATA / "county-plan.txt", tmp_path)
    assert plan is not None and plan.notice is not None
    assert plan.kind == "实施方案" and plan.title_lines == ("某县2022年农村人居环境整治", "提升行动实施方案")
    assert (str(plan.notice.number), plan.notice.signer) == ("某政办发〔2022〕8号", "李四")
    assert plan.notice.attachments == ("某县农村人居环境整治任务分解表", "某县农村人居环境整治考核办法")
    assert plan.style.numbering == ("（一）", "1.", "（1）")
    first, second, third = plan.actions()
    assert (first.lead, first.responsible) == (("王五",), ("县农业农村局", "各乡镇"))
    assert plan.units["王五"].kind == "role" and plan.units["县农业农村局"].kind == "unit"
    assert (second.etc, second.attribution_text) == (False, "（县农业农村局牵头，各乡镇等负责）")  # 等 after 负责: kept as printed
    assert third.lead == ("县住房和城乡建设局",)  # 和 inside one office's name is not split
    assert [d.when for d in first.deadlines] == ["6月底前"] and plan.period is not None


def test_deadline_parts_inside_attributions_and_a_note(tmp_path: Path) -> None:
    _, _, plan = run_import(DATA / "deadline-parts.txt", tmp_path)
    assert plan is not None and plan.notice is not None
    assert plan.notice.note == "此件公开发布"
    first, second, third = plan.actions()
    assert [d.when for d in first.deadlines] == ["2022年6月30日前"]
    assert (second.lead, second.responsible, [d.when for d in second.deadlines]) == (("县财政局",), ("县直有关部门", "各乡镇"), ["2022年9月底前"])
    assert (third.lead, third.responsible) == (("县乡村振兴局",), ("各乡镇",))
