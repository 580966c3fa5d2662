"""Each attribution style prints the wording real plans use, from the same structured units."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancc.api import read_plan
from plancc.render.templates import Templates
from plancc.render.wording import action_text, attribution, deadline_text
from plancc.model import Deadline

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "example, first",
    [
        ("牵头单位", "（牵头单位：镇水利站；责任单位：镇卫生院、各行政村）"),
        ("责任单位", "（责任单位：县扶贫局、县地方金融监管局、各乡镇）"),
        ("牵头负责", "（社保所牵头，各村负责）"),
        ("首位牵头", "（镇经发办，镇农服中心、各村）"),
        ("角色", "（牵头责任领导：村党支部书记；责任干部：驻村第一书记、帮扶干部）"),
        ("分行", "\n责任单位：区城管局、各街道办事处\n完成时限：2023年6月底前"),  # each line after a break
    ],
)
def test_attribution_styles(example: str, first: str) -> None:
    plan = read_plan(ROOT / "examples" / f"attribution-{example}.yaml")
    texts = [attribution(a, plan, Templates()) for a in plan.actions()]
    assert texts[0] == first


def test_etc_blank_lead_and_lead_only() -> None:
    plan = read_plan(ROOT / "examples" / "attribution-牵头负责.yaml")
    texts = [attribution(a, plan, Templates()) for a in plan.actions()]
    assert "（卫生院、民政办等牵头负责）" in texts  # 等, lead only
    assert texts[-1] == "（扶贫中心、各相关部门、各村负责）"  # blank lead
    roles = read_plan(ROOT / "examples" / "attribution-角色.yaml")
    assert [attribution(a, roles, Templates()) for a in roles.actions()][-1] == "（责任干部：帮扶干部、村扶贫专干）"


def test_action_text_and_overrides_from_seed_plans() -> None:
    plan = read_plan(ROOT / "plans" / "000-spring-offensive.yaml")
    actions = list(plan.actions())
    assert action_text(actions[0], plan, Templates()).startswith("一是扎实推进产业扶贫。对有劳动能力")
    third = next(a for a in actions if a.label == "三")  # the source omits 是; numbering goes on
    assert actions[actions.index(third) + 1].label == "四是"
    assert "镇扶贫站、镇农工站，各行政村" in attribution(actions[4], plan, Templates())


def test_user_template_overrides_builtin(tmp_path: Path) -> None:
    (tmp_path / "attribution").mkdir()
    (tmp_path / "attribution" / "牵头单位.j2").write_text("【{{ lead | join('/') }}】", encoding="utf-8")
    plan = read_plan(ROOT / "examples" / "attribution-牵头单位.yaml")
    assert attribution(next(plan.actions()), plan, Templates(tmp_path)) == "【镇水利站】"


def test_templates_are_sandboxed_and_strict(tmp_path: Path) -> None:
    from plancc.problems import PlanError

    (tmp_path / "attribution").mkdir()
    plan = read_plan(ROOT / "examples" / "attribution-牵头单位.yaml")
    for body in ["{{ nosuchname }}", "{{ lead.__class__.__mro__ }}", "{{ ''.__class__.__subclasses__() }}"]:
        (tmp_path / "attribution" / "牵头单位.j2").write_text(body, encoding="utf-8")
        with pytest.raises(PlanError) as info:
            attribution(next(plan.actions()), plan, Templates(tmp_path))
        assert info.value.problems[0].code == "template-error"


def test_compiled_templates_are_kept_never_stale_pruned_and_optional(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    from plancc.cache import MAX_AGE

    cache = tmp_path / "cache" / "templates"
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "t").mkdir()
    tpl = tmp_path / "t" / "x.j2"
    tpl.write_text("一{{ n }}", encoding="utf-8")
    assert Templates(tmp_path / "t").render("x.j2", n=1) == "一1"
    (first,) = cache.glob("*.j2c")
    written = first.stat().st_mtime_ns
    assert Templates(tmp_path / "t").render("x.j2", n=2) == "一2"
    assert list(cache.glob("*.j2c")) == [first] and first.stat().st_mtime_ns == written  # read, not compiled again
    (tmp_path / "t" / "sheets").mkdir()  # a user template named like a built-in one: each its own entry
    (tmp_path / "t" / "sheets" / "title.j2").write_text("甲{{ unit }}", encoding="utf-8")
    assert Templates(tmp_path / "t").render("sheets/title.j2", unit="东村") == "甲东村"
    assert Templates().render("sheets/title.j2", unit="东村") == "东村任务清单"
    assert Templates(tmp_path / "t").render("sheets/title.j2", unit="东村") == "甲东村"  # from its own entry
    assert len(list(cache.glob("*.j2c"))) == 3
    long_ago = time.time() - MAX_AGE - 60
    os.utime(first, (long_ago, long_ago))
    tpl.write_text("二{{ n }}", encoding="utf-8")
    assert Templates(tmp_path / "t").render("x.j2", n=3) == "二3"  # the edited text, never the old code
    assert first not in list(cache.glob("*.j2c")) and len(list(cache.glob("*.j2c"))) == 3  # old entry removed
    for entry in cache.glob("*.j2c"):
        entry.write_bytes(b"broken")
    assert Templates(tmp_path / "t").render("x.j2", n=4) == "二4"  # a broken entry is compiled again
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert Templates(tmp_path / "t").render("x.j2", n=5) == "二5"  # an unwritable cache only costs time


def test_deadline_text_joins_wording_and_what() -> None:
    assert deadline_text((Deadline("2月底前", None, "开工建设"), Deadline("3月底前完成资金预拨付", None, "资金预拨付"))) == (
        "2月底前开工建设；3月底前完成资金预拨付"
    )
