"""The three shared seed documents: valid plans, the same actions and units a clerk wrote by hand
(plans/), and a round trip that gives back the document's text."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from plancc.api import check
from plancc.model import Plan

from .conftest import HAND_PLANS, SEED_FILES, ratio, rebuilt_text, run_import

if not SEED_FILES:
    pytest.skip("no seed documents", allow_module_level=True)

EXPECTED = {  # kind, actions, units
    "000_5b2eb17c1cfbb527": ("方案", 13, 20),
    "001_ba4d4d4b2a22ff08": ("通知", 9, 26),
    "004_0184a21d3c671655": ("印发通知", 42, 19),
}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    folder = tmp_path_factory.mktemp("seeds")
    return {f.stem: run_import(f, folder) for f in SEED_FILES}


def span(plan: Plan) -> tuple[object, object] | None:
    return (plan.period.start, plan.period.end) if plan.period else None


def hand_plan(stem: str) -> Plan | None:
    path = HAND_PLANS.get(stem)
    if path is None or not path.exists():
        return None
    checked = check(path)
    return checked.plan


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_imports_to_a_valid_plan(seeds: dict, seed: Path) -> None:
    result, path, plan = seeds[seed.stem]
    assert result.ok and plan is not None, result.problems
    assert result.problems == []  # not even a warning
    kind, n_actions, n_units = EXPECTED[seed.stem]
    assert (plan.kind, len(list(plan.actions())), len(plan.units)) == (kind, n_actions, n_units)
    assert result.report.placed == result.report.lines
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_actions_match_the_hand_written_plan(seeds: dict, seed: Path) -> None:
    hand = hand_plan(seed.stem)
    if hand is None:
        pytest.skip("hand-written plan not there")
    plan = seeds[seed.stem][2]

    def rows(p: Plan) -> list[tuple]:
        return [(a.label, a.title, a.lead, a.responsible, a.etc, a.attribution_text) for a in p.actions()]

    assert rows(plan) == rows(hand)
    # the same deadlines (as worded) and the same quantities in the targets
    assert [[d.when for d in a.deadlines] for a in plan.actions()] == [[d.when for d in a.deadlines] for a in hand.actions()]
    assert [[t.quantities for t in a.targets] for a in plan.actions()] == [[t.quantities for t in a.targets] for a in hand.actions()]
    assert [m.when for m in plan.milestones] == [m.when for m in hand.milestones]
    assert span(plan) == span(hand)
    # every attribution prints as in the hand-written plan
    from plancc.render.templates import Templates
    from plancc.render.wording import attribution

    t = Templates()
    assert [attribution(a, plan, t) for a in plan.actions()] == [attribution(a, hand, t) for a in hand.actions()]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_units_match_the_hand_written_plan(seeds: dict, seed: Path) -> None:
    hand = hand_plan(seed.stem)
    if hand is None:
        pytest.skip("hand-written plan not there")
    plan = seeds[seed.stem][2]
    recipients = set(hand.notice.to) if hand.notice else set()
    # the clerk also registered some 主送 groups with members only they know (区级派驻机构: 国土所 …)
    assert set(plan.units) - set(hand.units) == set()
    assert set(hand.units) - set(plan.units) <= recipients
    for uid, unit in plan.units.items():
        assert unit.kind == hand.units[uid].kind, uid
        if hand.units[uid].members and uid not in recipients:
            assert unit.members == hand.units[uid].members, uid


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_round_trip_gives_back_the_seed_text(seeds: dict, seed: Path) -> None:
    plan = seeds[seed.stem][2]
    source = seed.read_text(encoding="utf-8")
    assert ratio(rebuilt_text(plan), source) >= 0.99
    assert seeds[seed.stem][0].report.similarity >= 0.99


@pytest.mark.skipif(importlib.util.find_spec("plancc.render.notice") is None, reason="no notice renderer")
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_notice_built_from_the_imported_plan_reads_like_the_seed(seeds: dict, seed: Path) -> None:
    import docx

    from plancc.build import render_plan
    from plancc.render.context import Context

    path = seeds[seed.stem][1]
    outputs, problems = render_plan(path, ["notice"], Context())
    assert outputs, problems
    document = docx.Document(io.BytesIO(outputs[0].data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert ratio(text, seed.read_text(encoding="utf-8")) >= 0.99


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_the_seed_as_a_word_document_gives_the_same_plan(seeds: dict, seed: Path, tmp_path: Path) -> None:
    import docx

    from plancc.importer import import_document

    document = docx.Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / f"{seed.stem}.docx"
    document.save(str(path))
    from_word = import_document(path, tmp_path / f"{seed.stem}.yaml")
    from_text = seeds[seed.stem][0]
    assert from_word.ok
    # identical apart from the comment naming the source file
    assert from_word.yaml_text.splitlines()[2:] == from_text.yaml_text.splitlines()[2:]  # type: ignore[union-attr]
