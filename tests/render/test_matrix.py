"""任务分工表: columns, grouped rows, the distribution, Word and Excel set-up, determinism."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from plancc.api import read_plan
from plancc.problems import PlanError
from plancc.render import matrix
from plancc.render.context import Context
from plancc.render.wording import action_body
from plancc.render.templates import Templates
from plancc.render.wording import deadline_text
from readback import DATA, ROOT, docx_row_flags, docx_rows, find_header, plan_yaml, render, sheet_rows, workbook, write_plan

GROUPS = DATA / "groups.yaml"
HEADER = ["序号", "重点任务", "具体任务", "牵头单位", "责任单位", "完成时限"]


@pytest.fixture(scope="module")
def groups() -> dict[str, bytes]:
    return render("matrix", read_plan(GROUPS))


def test_outputs_are_named_after_the_plan(groups: dict[str, bytes]) -> None:
    assert sorted(groups) == ["render-groups-任务分工表.docx", "render-groups-任务分工表.xlsx"]


def test_docx_table_rows_read_as_the_notice(groups: dict[str, bytes]) -> None:
    plan = read_plan(GROUPS)
    rows = docx_rows(groups["render-groups-任务分工表.docx"])
    assert rows[0] == HEADER + ["目标任务"]
    actions = list(plan.actions())
    assert len(rows) == 1 + len(actions)
    for row, a in zip(rows[1:], actions):
        assert row[2] == action_body(a, label=False)
        assert row[5] == deadline_text(a.deadlines)
    first = rows[1]
    assert first[:3] == ["1", "二、重点任务\n（一）垃圾治理", "清理积存垃圾。4月30日前完成积存垃圾清理，每月15日前报送清理进度，长期坚持。"]
    assert first[3:] == ["镇环保办", "各村", "4月30日前完成积存垃圾清理；每月15日前报送清理进度；长期坚持", "行政村垃圾收运覆盖率：100%"]
    assert rows[4][2] == "包村领导每季度督导一次。"  # untitled action: the text alone
    assert rows[5][1:5] == ["三、保障措施", "加强宣传。广泛开展宣传，营造良好氛围。", "", ""]  # no units


def test_docx_groups_rows_by_section_with_merged_cells(groups: dict[str, bytes]) -> None:
    sections = [r[1] for r in docx_rows(groups["render-groups-任务分工表.docx"])[1:]]
    assert sections == ["二、重点任务\n（一）垃圾治理", None, "二、重点任务\n（二）污水治理", None, "三、保障措施"]


def test_common_section_prefix_is_dropped_and_nested_paths_kept() -> None:
    plan = read_plan(ROOT / "examples" / "full.yaml")
    rows = docx_rows(matrix.render(plan, Context())[0].data)
    groups = [r[1] for r in rows[1:] if r[1] is not None]
    assert groups[0] == "（一）产业扶贫"  # 二、重点任务 is common to every action
    assert "（三）兜底保障\n7.落实结对帮扶" in groups


def test_targets_column_only_when_the_plan_has_targets() -> None:
    plan = read_plan(ROOT / "examples" / "attribution-牵头单位.yaml")
    out = render("matrix", plan)
    assert docx_rows(out[f"{plan.id}-任务分工表.docx"])[0] == HEADER
    xrows = sheet_rows(out[f"{plan.id}-任务分工表.xlsx"])
    assert list(xrows[find_header(xrows, "序号")]) == HEADER


def test_docx_page_fonts_header_rows_and_borders(groups: dict[str, bytes]) -> None:
    data = groups["render-groups-任务分工表.docx"]
    d = docx.Document(io.BytesIO(data))
    s = d.sections[0]
    assert s.orientation == WD_ORIENT.LANDSCAPE and s.page_width > s.page_height
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (297, 210)
    label, title = d.paragraphs[0], d.paragraphs[1]
    assert label.text == "附件"  # the only attachment the notice lists
    assert title.text == "测试镇2020年人居环境整治方案任务分工表"
    fonts = title.runs[0]._r.rPr.rFonts
    assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"方正小标宋简体"}
    assert title.runs[0].font.size.pt == 22
    assert label.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    flags = docx_row_flags(data)
    assert flags[0] == (True, True)
    assert all(cant for _, cant in flags[1:]) and not any(head for head, _ in flags[1:])
    borders = d.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == {
        s: "single" for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    }


def test_no_attachment_label_unless_the_notice_lists_the_table() -> None:
    plan = read_plan(ROOT / "examples" / "full.yaml")
    assert matrix.attachment_label(plan, "青石镇2020年产业就业扶贫实施方案任务分工表") == ""
    assert matrix.attachment_label(plan, "《青石镇2020年产业扶贫项目计划表》") == "附件"
    assert matrix.attachment_label(read_plan(ROOT / "examples" / "minimal.yaml"), "x") == ""


def test_xlsx_table_and_print_setup(groups: dict[str, bytes]) -> None:
    wb = workbook(groups["render-groups-任务分工表.xlsx"])
    assert wb.sheetnames == ["任务分工表", "任务分布"]
    ws = wb["任务分工表"]
    assert ws["A1"].value == "附件" and ws["A2"].value == "测试镇2020年人居环境整治方案任务分工表"
    assert [c.value for c in ws[3]] == HEADER + ["目标任务"]
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.auto_filter.ref == "A3:G8"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws["C4"].alignment.wrap_text and ws["C4"].font.name == "仿宋" and ws["A3"].font.name == "黑体"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width
    assert ws.row_dimensions[4].height > ws.row_dimensions[8].height >= 16
    assert {str(r) for r in ws.merged_cells.ranges} >= {"B4:B5", "B6:B7"}
    assert [ws.cell(row=r, column=3).value for r in range(4, 9)] == [
        r[2] for r in docx_rows(groups["render-groups-任务分工表.docx"])[1:]
    ]
    assert wb.properties.created.year == 2000 and wb.properties.modified.year == 2000


def test_distribution_units_down_with_counts(groups: dict[str, bytes]) -> None:
    rows = sheet_rows(groups["render-groups-任务分工表.xlsx"], "任务分布")
    head = rows[1]
    assert head[:2] == ("序号", "单位") and head[-3:] == ("牵头（项）", "责任（项）", "合计（项）")
    assert head[2].startswith("1\n清理积存垃圾") and len(head) == 2 + 5 + 3
    by_unit = {r[1]: r for r in rows[2:]}
    assert list(by_unit) == ["镇环保办", "镇财政所", "镇城建办", "各村", "东村", "西村", "包村领导"]
    assert by_unit["镇环保办"][2:] == ("牵头", "", "", "", "", "1", "0", "1")
    assert by_unit["东村"][2:] == ("", "责任", "责任", "", "", "0", "2", "2")
    docx_table = docx_rows(groups["render-groups-任务分工表.docx"], table=1)
    assert [tuple(c or "" for c in r) for r in docx_table] == [tuple(str(c) for c in r) for r in rows[1:]]


def test_distribution_turns_for_many_actions(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, plan_yaml(20, units=("甲单位", "乙单位", "丙单位")))
    out = render("matrix", plan)
    rows = sheet_rows(out["generated-任务分工表.xlsx"], "任务分布")
    assert rows[1] == ("序号", "具体任务", "甲单位", "乙单位", "丙单位")
    assert len(rows) == 2 + 20 + 3
    assert [r[0] for r in rows[-3:]] == ["牵头（项）", "责任（项）", "合计（项）"]
    leads = [int(v) for v in rows[-3][2:]]
    assert sum(leads) == 20
    totals = [int(v) for v in rows[-1][2:]]
    assert totals == [sum(1 for r in rows[2:22] if r[2 + i]) for i in range(3)]


def test_templates_change_the_wording(tmp_path: Path) -> None:
    (tmp_path / "matrix").mkdir()
    (tmp_path / "matrix" / "title.j2").write_text("{{ title }}重点任务清单", encoding="utf-8")
    plan = read_plan(GROUPS)
    m = matrix.build_matrix(plan, Context(Templates(tmp_path)))
    assert m.title == "测试镇2020年人居环境整治方案重点任务清单"
    (tmp_path / "matrix" / "labels.j2").write_text("number: 编号\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        matrix.build_matrix(plan, Context(Templates(tmp_path)))
    assert info.value.problems[0].code == "template-error"
    assert "section" in info.value.problems[0].message()


def test_same_plan_same_bytes() -> None:
    plan = read_plan(ROOT / "examples" / "full.yaml")
    assert render("matrix", plan) == render("matrix", read_plan(ROOT / "examples" / "full.yaml"))


def test_plan_without_actions(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, plan_yaml(0).replace("body:\n", "body:\n  - 只有一段文字。\n"))
    out = render("matrix", plan)
    assert docx_rows(out["generated-任务分工表.docx"]) == [HEADER]


def test_attachment_number_follows_the_notice(tmp_path: Path) -> None:
    text = GROUPS.read_text(encoding="utf-8").replace(
        "attachments: [测试镇2020年人居环境整治方案任务分工表]",
        "attachments: [资金安排表, 测试镇2020年人居环境整治方案任务分工表]",
    )
    plan = write_plan(tmp_path, text)
    assert matrix.build_matrix(plan, Context()).attachment == "附件2"
