"""Test helpers for the matrix and sheets: generated plans, outputs read back with python-docx and
openpyxl, and LibreOffice renders read with pdftotext."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import docx
import openpyxl
from docx.oxml.ns import qn

from plancc.api import read_plan
from plancc.model import Plan
from plancc.render.context import Context, Output

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "render"


def plan_files() -> list[Path]:
    """Every plan the outputs are checked against: plans/, examples/ and the render test plans."""
    return sorted((ROOT / "plans").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml")) + sorted(DATA.glob("*.yaml"))


def render(module: str, plan: Plan, ctx: Context | None = None) -> dict[str, bytes]:
    import importlib

    outputs: list[Output] = importlib.import_module(f"plancc.render.{module}").render(plan, ctx or Context())
    return {o.name: o.data for o in outputs}


# --- generated plans -----------------------------------------------------------------------------


def plan_yaml(
    n_actions: int,
    units: Sequence[str] = ("镇农服中心", "镇财政所", "各村"),
    text: str = "组织开展专项工作，确保按期完成。",
    plan_id: str = "generated",
) -> str:
    """A valid plan with `n_actions` actions in sections of five; unit names are quoted for YAML.

    Action i reads 【起i】…【止i】 and is due on a distinct date, so a render can be searched for it."""
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    lines = [
        "plancc: 1", f"id: {plan_id}", "kind: 方案", "title: 生成的测试方案",
        "period:", "  start: 2020-01", "  end: 2020-12", "units:",
    ]
    lines += [f"  - id: {q(u)}" for u in units]
    lines += ["body:"]
    for i in range(n_actions):
        if i % 5 == 0:
            lines += [f"  - section: 第{i // 5 + 1}部分任务", "    body:"]
        month, day = 1 + i % 12, 1 + i // 12
        lead, resp = units[i % len(units)], [u for u in units if u != units[i % len(units)]][: 1 + i % 2]
        lines += [
            f"      - action: 任务{i + 1}",
            f"        text: {q(f'【起{i + 1}】{text}{month}月{day}日前完成。【止{i + 1}】')}",
            f"        lead: [{q(lead)}]",
            f"        responsible: [{', '.join(q(u) for u in resp)}]",
            f"        deadlines: [{month}月{day}日前]",
        ]
    return "\n".join(lines) + "\n"


def write_plan(folder: Path, yaml_text: str, name: str = "plan.yaml") -> Plan:
    path = folder / name
    path.write_text(yaml_text, encoding="utf-8")
    return read_plan(path)


# --- .docx ----------------------------------------------------------------------------------------


def _cell_text(tc) -> str:  # noqa: ANN001
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))


@lru_cache(maxsize=64)
def _tables(data: bytes) -> list:
    return [t._tbl for t in docx.Document(io.BytesIO(data)).tables]


def docx_rows(data: bytes, table: int = 0) -> list[list[str | None]]:
    """A table's rows as cell texts; a vertically merged continuation cell reads None."""
    tbl = _tables(data)[table]
    rows = []
    for tr in tbl.iter(qn("w:tr")):
        cells: list[str | None] = []
        for tc in tr.iter(qn("w:tc")):
            vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            cont = vm is not None and vm.get(qn("w:val")) != "restart"
            cells.append(None if cont else _cell_text(tc))
        rows.append(cells)
    return rows


def docx_row_flags(data: bytes, table: int = 0) -> list[tuple[bool, bool]]:
    """(repeated header, cannot split) of each row."""
    tbl = _tables(data)[table]
    out = []
    for tr in tbl.iter(qn("w:tr")):
        trpr = tr.find(qn("w:trPr"))
        flags = set() if trpr is None else {child.tag for child in trpr}
        out.append((qn("w:tblHeader") in flags, qn("w:cantSplit") in flags))
    return out


def docx_paragraphs(data: bytes) -> list[str]:
    """Body paragraphs outside tables."""
    d = docx.Document(io.BytesIO(data))
    return [p.text for p in d.paragraphs]


def docx_all_text(data: bytes) -> list[str]:
    """Every paragraph in the body, tables included, in order."""
    body = docx.Document(io.BytesIO(data)).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


# --- .xlsx ----------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def workbook(data: bytes) -> openpyxl.Workbook:
    """The workbook read back (cached: treat it as read-only)."""
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_rows(data: bytes, sheet: int | str = 0) -> list[tuple]:
    wb = workbook(data)
    ws = wb.worksheets[sheet] if isinstance(sheet, int) else wb[sheet]
    return [tuple("" if v is None else v for v in row) for row in ws.iter_rows(values_only=True)]


def find_header(rows: Iterable[tuple], first: str) -> int:
    """Index of the first row whose first cell is `first`."""
    return next(i for i, r in enumerate(rows) if r and r[0] == first)


# --- LibreOffice ------------------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_pages(docs: dict[str, bytes], folder: Path) -> dict[str, list[str]]:
    """Render .docx files with LibreOffice (one run) and return each one's pages as text without
    whitespace (pdftotext -raw keeps a table's cells row by row)."""
    names = {}
    for i, (name, data) in enumerate(docs.items()):
        src = folder / f"doc{i}.docx"
        src.write_bytes(data)
        names[name] = src
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         *map(str, names.values())],
        check=True, capture_output=True, timeout=300,
    )
    out = {}
    for name, src in names.items():
        raw = subprocess.run(["pdftotext", "-raw", str(src.with_suffix(".pdf")), "-"], check=True, capture_output=True)
        out[name] = [re.sub(r"\s+", "", page) for page in raw.stdout.decode("utf-8").split("\f")[:-1]]
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
