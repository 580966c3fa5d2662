from __future__ import annotations

from pathlib import Path

import pytest

from plancc.load import MAX_DEPTH, decode, load_text
from plancc.problems import PlanError


def codes(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(PlanError) as info:
        load_text(text, "t.yaml")
    return [(p.line, p.column, p.code) for p in info.value.problems]


def test_scalars_keep_their_meaning() -> None:
    src = load_text("a: no\nb: 1.10\nc: 2020-04-09\nd: 000001\ne: 12\nf: true\ng: ~\nh: on\n")
    assert src.data == {"a": "no", "b": "1.10", "c": "2020-04-09", "d": "000001", "e": 12, "f": True, "g": None, "h": "on"}


def test_positions_are_one_based_for_values_and_keys() -> None:
    src = load_text("top:\n  - x: 1\n    y: two\n")
    assert src.pos(("top", 0, "y")) == (3, 8)
    assert src.pos(("top", 0, "y"), key=True) == (3, 5)
    assert src.pos(("top", 0, "missing")) == (2, 5)


def test_positions_read_like_dicts_keyed_by_path() -> None:
    src = load_text("a: [x, {b: 1}]\nc: d\n")
    assert dict(src.positions) == {(): (1, 1), ("a",): (1, 4), ("a", 0): (1, 5), ("a", 1): (1, 8), ("a", 1, "b"): (1, 12), ("c",): (2, 4)}
    assert dict(src.key_positions) == {("a",): (1, 1), ("a", 1, "b"): (1, 9), ("c",): (2, 1)}
    assert len(src.positions) == 6 and src.positions[("a", 1)] == (1, 8) and src.positions.get(("a", 2)) is None
    for missing in [("a", 2), ("a", -1), ("a", "0"), ("c", 0), ("a", None), (None,)]:
        assert missing not in src.positions
    assert ("a", 0) not in src.key_positions
    assert src.pos(("a", 1, "b", 7)) == (1, 12) and src.pos(("a", 0), key=True) == (1, 5)
    empty = load_text("")
    assert empty.data is None and dict(empty.positions) == {} and empty.pos(("a",)) == (1, 1)


def test_texts_with_anchors_load_like_texts_without() -> None:
    """Without anchors the parser's events are converted as they come; with them, composed nodes are."""
    text = (Path(__file__).resolve().parent.parent / "examples" / "full.yaml").read_text(encoding="utf-8")
    events, nodes = load_text(text), load_text(text + "# &anchor\n")
    assert nodes.data == events.data
    assert dict(nodes.positions) == dict(events.positions) and dict(nodes.key_positions) == dict(events.key_positions)


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(PlanError) as info:
        load_text("a: 1\nb: 2\na: 3\n", "t.yaml")
    (p,) = info.value.problems
    assert (p.line, p.column, p.code) == (3, 1, "duplicate-key")
    assert dict(p.args)["first_line"] == 1
    assert "第 1 行" in p.message()


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]" for i in range(1, 9)]
    assert codes("\n".join(lines))[0][2] == "too-many-nodes"


def test_recursive_alias_and_deep_nesting() -> None:
    assert codes("a: &x [*x]\n")[0][2] == "recursive-alias"
    assert codes("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))[0][2] == "too-deep"


def test_syntax_error_is_located() -> None:
    assert codes("a: [1, 2\nb: 3\n")[0][2] == "yaml-syntax"


def test_explicit_tags_are_rejected() -> None:
    assert codes("a: !!float 1\n") == [(1, 4, "yaml-tag")]


def test_encodings() -> None:
    assert decode("\ufeffa: 文".encode("utf-8"), "t") == "a: 文"
    for raw, code in [("标题: 文".encode("gbk"), "encoding-gbk"), ("a".encode("utf-16"), "encoding-utf16"), (b"\x00\x01\x02", "binary-file")]:
        with pytest.raises(PlanError) as info:
            decode(raw, "t")
        assert info.value.problems[0].code == code
