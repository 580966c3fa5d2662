"""The cache folder: a value is made once per stamp, read back in later runs, and a broken or
unwritable cache only means making it again."""

from __future__ import annotations

from pathlib import Path

import os
import time

import pytest

from plancc.cache import MAX_AGE, cached


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(tmp_path / "cache"))
    return []


def make(made: list[str], value: str):  # noqa: ANN201
    def f() -> str:
        made.append(value)
        return value
    return f


def test_a_value_is_made_once_per_stamp(made: list[str], tmp_path: Path) -> None:
    assert cached("x", "v1", make(made, "one")) == "one"
    assert cached("x", "v1", make(made, "two")) == "one"  # read back, not made again
    assert cached("x", "v2", make(made, "three")) == "three"  # another stamp: made
    assert made == ["one", "three"] and len(list((tmp_path / "cache").glob("x-*.bin"))) == 2


def test_a_broken_entry_is_made_again(made: list[str], tmp_path: Path) -> None:
    cached("x", "v1", make(made, "one"))
    (entry,) = (tmp_path / "cache").glob("x-*.bin")
    entry.write_bytes(b"not marshal data")
    assert cached("x", "v1", make(made, "two")) == "two"
    assert cached("x", "v1", make(made, "three")) == "two"


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(tmp_path / "file" / "cache"))
    made: list[str] = []
    assert cached("x", "v1", make(made, "one")) == "one"
    assert cached("x", "v1", make(made, "two")) == "two"


def test_writing_an_entry_removes_those_long_unwritten(made: list[str], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached("x", "old", make(made, "one"))
    (old,) = cache.glob("x-*.bin")
    cached("x", "recent", make(made, "two"))
    (recent,) = set(cache.glob("x-*.bin")) - {old}
    long_ago = time.time() - MAX_AGE - 60
    os.utime(old, (long_ago, long_ago))
    other = cache / "notes.txt"  # not an entry: left alone however old
    other.write_text("keep")
    os.utime(other, (long_ago, long_ago))
    cached("x", "new", make(made, "three"))
    assert not old.exists() and recent.exists() and other.exists()
    assert cached("x", "old", make(made, "four")) == "four"  # made again when asked for
