"""Rendered layout (LibreOffice + pdftotext): the header row repeats on every page of a table and no
row that fits on a page is split across pages, in the task matrix and in a unit's sheet."""

from __future__ import annotations

import shutil

import pytest

from plancc.api import read_plan
from readback import ROOT, docx_row_flags, docx_rows, pdf_pages, plan_yaml, render, soffice, write_plan

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None, reason="needs soffice and pdftotext"),
]

TEXT = "组织开展专项工作，细化工作措施，明确责任分工，加强督促检查，确保各项任务按期保质完成。" * 2


def check_table(pages: list[str], data: bytes, table: int = 0) -> int:
    """Assert the header is on every page the table reaches and each unsplittable row is on one page;
    return the number of pages the table spans."""
    rows = docx_rows(data, table)
    flags = docx_row_flags(data, table)
    header = "".join(c or "" for c in rows[0])
    on: list[int] = []
    for row, (_, cant_split) in zip(rows[1:], flags[1:]):
        text = "".join(c for c in row if c)
        where = [n for n, page in enumerate(pages) if text in page.replace(header, "", 1)]
        if cant_split:
            assert len(where) == 1, f"row {row[0]} is split across pages (or missing): {text[:40]}"
        on += where or [n for n, page in enumerate(pages) if text[:20] in page]
    spanned = sorted(set(range(min(on), max(on) + 1)))
    for n in spanned:
        assert header in pages[n], f"no header row on page {n + 1}"
    return len(spanned)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, list[str]]]:
    folder = tmp_path_factory.mktemp("layout")
    generated = write_plan(folder, plan_yaml(30, text=TEXT))
    guanba = read_plan(ROOT / "plans" / "004-guanba-workpoints.yaml")
    docs = {
        "generated": render("matrix", generated)["generated-任务分工表.docx"],
        "guanba": render("matrix", guanba)[f"{guanba.id}-任务分工表.docx"],
        "guanba-sheet": render("sheets", guanba)[f"{guanba.id}-任务清单/扶贫中心.docx"],
    }
    pages = pdf_pages(docs, folder)
    return {k: (docs[k], pages[k]) for k in docs}


def test_matrix_header_repeats_and_rows_stay_whole(rendered: dict[str, tuple[bytes, list[str]]]) -> None:
    data, pages = rendered["generated"]
    assert check_table(pages, data) >= 3
    assert pages[1].startswith("序号重点任务具体任务牵头单位责任单位完成时限")
    assert all(flag for _, flag in docx_row_flags(data))  # every generated row fits on a page


def test_distribution_table_is_laid_out_too(rendered: dict[str, tuple[bytes, list[str]]]) -> None:
    data, pages = rendered["generated"]
    check_table(pages, data, table=1)
    assert any(page.startswith("各单位任务分布") for page in pages)


def test_real_plan_matrix_and_sheet(rendered: dict[str, tuple[bytes, list[str]]]) -> None:
    data, pages = rendered["guanba"]
    assert check_table(pages, data) >= 2
    data, pages = rendered["guanba-sheet"]
    assert check_table(pages, data) >= 2
