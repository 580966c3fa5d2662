"""safe_filename: file name stems valid on every common file system, capped in UTF-8 bytes; atomic
writes give outputs ordinary permissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancc.write import STEM_BYTES, safe_filename, write_atomic

SUFFIX = "-任务分工表.xlsx"  # the longest suffix plancc appends to a stem


def test_long_cjk_name_is_capped_in_bytes_at_a_character_boundary(tmp_path: Path) -> None:
    name = "关坝镇扶贫开发领导小组办公室" * 22  # 308 characters, 924 bytes
    stem = safe_filename(name)
    assert len(stem.encode("utf-8")) <= STEM_BYTES
    assert stem == name[: STEM_BYTES // 3]  # 66 whole characters, none cut in half
    assert len((stem + SUFFIX).encode("utf-8")) <= 255
    (tmp_path / (stem + SUFFIX)).write_bytes(b"")  # the file system accepts it


def test_ascii_name_keeps_up_to_the_byte_limit() -> None:
    assert safe_filename("x" * 300) == "x" * STEM_BYTES
    assert safe_filename("x" * 300, limit=10) == "x" * 10


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("/", "_"),
        ("//..//", "__..__"),
        ("..", "_"),
        (".", "_"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("./.hidden.", "_.hidden"),
        ("a\\b:c*d?e\"f<g>h|i", "a_b_c_d_e_f_g_h_i"),
        ("", "_"),
        (" \t\n ", "_"),
        ("nul", "_nul"),
        ("COM1.docx", "_COM1.docx"),
    ],
)
def test_slashes_dots_and_device_names_never_escape_the_folder(name: str, stem: str, tmp_path: Path) -> None:
    assert safe_filename(name) == stem
    target = tmp_path / (stem + ".docx")
    assert target.parent == tmp_path
    target.write_bytes(b"")


@given(st.text())
def test_any_name_gives_one_bounded_path_component(name: str) -> None:
    stem = safe_filename(name)
    assert stem and len(stem.encode("utf-8")) <= STEM_BYTES
    assert not set(stem) & set('/\\:*?"<>|\0') and stem.isprintable()
    assert stem[0] not in " ." and stem[-1] not in " ."  # so never . or .., nothing hidden


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_outputs_get_the_usual_permissions_and_keep_the_ones_a_user_set(tmp_path: Path) -> None:
    new, kept = tmp_path / "new.docx", tmp_path / "kept.docx"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    old = os.umask(0o022)
    try:
        write_atomic(new, b"x")
        write_atomic(kept, b"y")
    finally:
        os.umask(old)
    assert new.stat().st_mode & 0o777 == 0o644  # not the 0600 of a private temporary file
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_bytes() == b"y"
    old = os.umask(0o027)  # the umask as it is now, not as it was at the first write
    try:
        write_atomic(tmp_path / "later.docx", b"z")
    finally:
        os.umask(old)
    assert (tmp_path / "later.docx").stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_a_file_system_without_permissions_still_gets_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(fd: int, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")  # as FAT refuses chmod

    monkeypatch.setattr(os, "fchmod", refuse)
    write_atomic(tmp_path / "out.docx", b"data")
    assert (tmp_path / "out.docx").read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]  # no temporary file left
