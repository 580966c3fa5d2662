"""Unit task sheets: which tasks each unit gets (groups included), the time ledger, file and sheet
names that are safe whatever a unit is called, --unit selection, determinism."""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath

import docx
import pytest

from plancc.api import read_plan
from plancc.render import sheets
from plancc.render.context import Context
from plancc.render.tasks import all_unit_tasks, containing_groups, ledger, tasks
from plancc.write import write_atomic
from readback import DATA, ROOT, docx_paragraphs, docx_rows, plan_yaml, render, sheet_rows, workbook, write_plan

GROUPS = DATA / "groups.yaml"
FOLDER = "render-groups-任务清单"


@pytest.fixture(scope="module")
def out() -> dict[str, bytes]:
    return render("sheets", read_plan(GROUPS))


def titles(rows: list[list[str | None]]) -> list[str]:
    """The first line of each 具体任务 cell (the action's title and the start of its text)."""
    return [(r[1] or "").split("。")[0] for r in rows[1:]]


def test_one_docx_per_unit_with_tasks_and_one_workbook(out: dict[str, bytes]) -> None:
    units = ["镇环保办", "镇财政所", "镇城建办", "各村", "东村", "西村", "包村领导"]
    assert list(out) == [f"{FOLDER}/{u}.docx" for u in units] + [f"{FOLDER}.xlsx"]
    assert workbook(out[f"{FOLDER}.xlsx"]).sheetnames == ["目录"] + units


def test_member_sheet_includes_the_group_tasks(out: dict[str, bytes]) -> None:
    data = out[f"{FOLDER}/东村.docx"]
    paragraphs = docx_paragraphs(data)
    assert paragraphs[:3] == ["东村任务清单", "（依据《测试镇2020年人居环境整治方案》）", "牵头任务0项，参与任务3项（其中作为各村成员承担1项）。"]
    assert "一、牵头任务" in paragraphs and paragraphs[paragraphs.index("一、牵头任务") + 1] == "无"
    shares = docx_rows(data, table=0)
    assert shares[0] == ["序号", "具体任务", "承担身份", "牵头单位", "其他责任单位", "完成时限", "目标任务", "所属部分"]
    assert [r[0] for r in shares[1:]] == ["1", "2", "3"]
    assert [r[2] for r in shares[1:]] == ["各村", "本单位", "本单位"]
    assert shares[3][3:5] == ["镇城建办", "西村"]  # the other units on the task, not 东村 itself
    assert shares[1][4] == ""  # 各村 is how 东村 has it; no one else is responsible


def test_lead_sheet_names_the_other_units(out: dict[str, bytes]) -> None:
    data = out[f"{FOLDER}/镇环保办.docx"]
    d = docx.Document(io.BytesIO(data))
    assert d.paragraphs[0].text == "测试镇生态环境保护办公室任务清单"  # the unit's full name
    leads = docx_rows(data, table=0)
    assert leads[0] == ["序号", "具体任务", "责任单位", "完成时限", "目标任务", "所属部分"]
    assert leads[1][2] == "各村" and leads[1][5] == "二、重点任务 （一）垃圾治理"


def test_ledger_sorted_by_date_with_recurring_rules(out: dict[str, bytes]) -> None:
    data = out[f"{FOLDER}/东村.docx"]
    ledger_rows = docx_rows(data, table=1)
    assert ledger_rows[0] == ["时限", "事项", "日期或周期", "任务序号", "职责"]
    assert [r[:3] for r in ledger_rows[1:]] == [
        ["4月30日前", "完成积存垃圾清理", "2020-04-30"],
        ["6月底前", "建设污水管网", "2020-06-30"],
        ["30日内", "保洁经费拨付到村", "预算下达后30日内"],
        ["每月15日前", "报送清理进度", "每1月（15日前）"],
        ["长期坚持", "清理积存垃圾", "长期"],
    ]


def test_role_and_group_sheets(out: dict[str, bytes]) -> None:
    group = docx_rows(out[f"{FOLDER}/各村.docx"], table=0)
    assert titles(group) == ["清理积存垃圾"]
    role = docx_rows(out[f"{FOLDER}/包村领导.docx"], table=0)
    assert role[1][1] == "包村领导每季度督导一次。"


def test_action_without_units_is_in_no_sheet(out: dict[str, bytes]) -> None:
    for name, data in out.items():
        if name.endswith(".docx"):
            assert not any("加强宣传" in (c or "") for t in range(2) for r in _rows(data, t) for c in r)


def _rows(data: bytes, table: int) -> list[list[str | None]]:
    try:
        return docx_rows(data, table)
    except IndexError:
        return []


def test_xlsx_unit_sheet(out: dict[str, bytes]) -> None:
    wb = workbook(out[f"{FOLDER}.xlsx"])
    ws = wb["东村"]
    assert ws["A1"].value == "东村任务清单"
    assert [c.value for c in ws[4]] == ["序号", "职责", "承担身份", "具体任务", "牵头单位", "责任单位", "完成时限", "目标任务", "所属部分"]
    assert ws.freeze_panes == "A5" and ws.print_title_rows == "$4:$4" and ws.auto_filter.ref == "A4:I7"
    assert [ws.cell(row=r, column=2).value for r in range(5, 8)] == ["责任", "责任", "责任"]
    rows = sheet_rows(out[f"{FOLDER}.xlsx"], "东村")
    at = rows.index(next(r for r in rows if r[0] == "三、时限安排"))
    assert rows[at + 1][:5] == ("任务序号", "职责", "事项", "时限", "日期或周期")
    assert [r[3] for r in rows[at + 2 : at + 7]] == ["4月30日前", "6月底前", "30日内", "每月15日前", "长期坚持"]
    index = wb["目录"]
    assert [c.value for c in index[2]] == ["序号", "单位", "牵头（项）", "参与（项）", "工作表"]
    assert index["B3"].value == "测试镇生态环境保护办公室" and index["C3"].value == 1
    assert index["E7"].hyperlink.location == "'东村'!A1"


def test_unit_option_selects_sheets_even_without_tasks() -> None:
    plan = read_plan(GROUPS)
    selected = render("sheets", plan, Context(units=("西村", "镇财政所")))
    assert list(selected) == [f"{FOLDER}/镇财政所.docx", f"{FOLDER}/西村.docx", f"{FOLDER}.xlsx"]
    plan = read_plan(ROOT / "examples" / "full.yaml")
    idle = render("sheets", plan, Context(units=("镇党政办", "青龙村")))
    assert len(idle) == 3
    none = render("sheets", read_plan(ROOT / "examples" / "minimal.yaml"), Context(units=("镇农服中心",)))
    assert len(none) == 2


def test_unit_without_any_task_says_so(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, plan_yaml(1, units=("甲单位", "乙单位", "丙单位", "丁单位")))
    out = render("sheets", plan, Context(units=("丁单位",)))
    paragraphs = docx_paragraphs(out["generated-任务清单/丁单位.docx"])
    assert "本方案未给丁单位分配任务。" in paragraphs
    assert paragraphs.count("无") == 3


def test_nested_groups() -> None:
    plan = read_plan(GROUPS)
    assert containing_groups(plan, "东村") == ("各村",)
    assert containing_groups(plan, "各村") == ()
    rows = tasks(plan)
    units = {u.unit.id: u for u in all_unit_tasks(plan, rows)}
    assert [d.task.no for d in units["东村"].duties] == [1, 2, 3]
    assert [(d.role, d.via) for d in units["东村"].duties] == [("responsible", "各村"), ("responsible", ""), ("responsible", "")]
    assert [i.deadline.when for i in ledger(units["镇环保办"])] == ["4月30日前", "每月15日前", "长期坚持"]


STRANGE = ("a/b ../..\\c  long" + "…" * 183, "../../etc/passwd", "CON", "con", "Ab", "aB", "a:b*c?\"<>|", " . ", "𠀀" * 100)


def test_file_names_are_safe_whatever_the_unit_is_called(tmp_path: Path) -> None:
    assert len(STRANGE[0]) == 200
    plan = write_plan(tmp_path, plan_yaml(len(STRANGE), units=STRANGE, plan_id="odd"))
    out = render("sheets", plan)
    docs = [n for n in out if n.endswith(".docx")]
    assert len(docs) == len(STRANGE) and len(set(n.casefold() for n in docs)) == len(docs)
    target = tmp_path / "out"
    for name in out:
        p = PurePosixPath(name)
        assert not p.is_absolute() and ".." not in p.parts and "\\" not in name
        assert p.parts[0] in ("odd-任务清单", "odd-任务清单.xlsx") and len(p.parts) <= 2
        assert all(len(part.encode("utf-8")) <= 200 for part in p.parts)
        assert p.stem.split(".")[0].upper() not in ("CON", "PRN", "AUX", "NUL")
        write_atomic(target / name, out[name])
        assert (target / name).resolve().is_relative_to(target.resolve())
    assert sorted(p.name for p in (target / "odd-任务清单").iterdir()) == sorted(PurePosixPath(n).name for n in docs)
    names = workbook(out["odd-任务清单.xlsx"]).sheetnames
    assert len(names) == len(set(n.casefold() for n in names)) == len(STRANGE) + 1
    assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_file_stems() -> None:
    assert sheets.file_stems(["a/b", "a_b", "A_B", "nul", "x" * 300]) == ["a_b", "a_b-2", "A_B-3", "_nul", "x" * sheets.MAX_NAME_BYTES]


def test_same_plan_same_bytes() -> None:
    assert render("sheets", read_plan(GROUPS)) == render("sheets", read_plan(GROUPS))
