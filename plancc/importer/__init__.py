"""`plancc import`: an existing plan document (.txt, .docx) -> plan YAML. The pipeline in reverse.

extract (file -> clean lines) -> parse (lines -> plan data: header, outline, attributions, facts,
units) -> verify (build it forwards; add label/attribution overrides until plancc prints what the
document printed) -> emit (YAML with the schema modeline and 待核对 comments) -> validate.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plancc.problems import WARNING, PlanError, Problem, has_errors, problem

if TYPE_CHECKING:
    from plancc.importer.parse import Draft

MAX_UNPLACED_SHOWN = 20


@dataclass
class ImportReport:
    """What the importer found and how much of the document it placed."""

    source: str
    kind: str = ""
    title: str = ""
    lines: int = 0
    placed: int = 0
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    sections: int = 0
    actions: int = 0
    attributed: int = 0
    units: int = 0
    groups: int = 0
    deadlines: int = 0
    targets: int = 0
    guesses: int = 0
    artefacts: int = 0
    similarity: float | None = None

    def text(self, lang: str = "zh") -> list[str]:
        """The coverage report, line by line."""
        share = f"{100 * self.placed / self.lines:.1f}%" if self.lines else "—"
        if lang == "en":
            out = [
                f"{self.source}: {self.kind or '?'} “{self.title}”",
                f"  lines placed: {self.placed}/{self.lines} ({share}); artefacts cleaned: {self.artefacts}",
                (
                    f"  sections: {self.sections}, actions: {self.actions} ({self.attributed} with units), "
                    f"units: {self.units} ({self.groups} groups), deadlines: {self.deadlines}, targets: {self.targets}"
                ),
                f"  guesses to check (# 待核对 comments): {self.guesses}",
            ]
            if self.similarity is not None:
                out.append(f"  rebuilt text matches the document: {100 * self.similarity:.1f}%")
            if self.unplaced:
                out.append("  could not place:")
        else:
            out = [
                f"{self.source}：{self.kind or '未识别'}《{self.title}》",
                f"  识别行数：{self.placed}/{self.lines}（{share}）；清理提取残留 {self.artefacts} 处",
                (
                    f"  章节 {self.sections} 个，任务 {self.actions} 项（{self.attributed} 项有单位），"
                    f"单位 {self.units} 个（群体 {self.groups} 个），时限 {self.deadlines} 个，量化目标 {self.targets} 个"
                ),
                f"  待核对的推断 {self.guesses} 处（见 YAML 中的“# 待核对”注释）",
            ]
            if self.similarity is not None:
                out.append(f"  重建文字与原文一致：{100 * self.similarity:.1f}%")
            if self.unplaced:
                out.append("  无法识别的行：")
        for no, text in self.unplaced[:MAX_UNPLACED_SHOWN]:
            shown = text if len(text) <= 40 else text[:39] + "…"
            out.append(f"    {'line' if lang == 'en' else '第'} {no}{'' if lang == 'en' else ' 行'}：{shown}")
        if len(self.unplaced) > MAX_UNPLACED_SHOWN:
            more = len(self.unplaced) - MAX_UNPLACED_SHOWN
            out.append(f"    … {more} more" if lang == "en" else f"    …… 另有 {more} 行")
        return out


@dataclass
class ImportResult:
    """The YAML text (None when the document could not be understood), the report and the problems."""

    yaml_text: str | None
    report: ImportReport
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.yaml_text is not None and not has_errors(self.problems)


def modeline(output: Path) -> str:
    """The schema modeline, relative from the output's folder to the installed schema."""
    from plancc.resources import schema_path

    schema = schema_path()
    try:
        target = os.path.relpath(schema, Path(output).resolve().parent).replace(os.sep, "/")
    except ValueError:  # another drive
        target = schema.as_uri()
    return f"# yaml-language-server: $schema={target}"


def import_document(path: str | Path, output: str | Path | None = None) -> ImportResult:
    """Import one document. Never raises for bad input: failures come back as problems."""
    path = Path(path)
    report = ImportReport(str(path))
    try:
        return _import(path, Path(output) if output else path.with_suffix(".yaml"), report)
    except PlanError as exc:
        return ImportResult(None, report, list(exc.problems))
    except RecursionError:
        return ImportResult(None, report, [problem(str(path), (0, 0), "import-no-structure", detail="嵌套过深")])
    except Exception as exc:  # the last line of defence: a report, never a traceback
        detail = f"{type(exc).__name__}: {exc}"
        return ImportResult(None, report, [problem(str(path), (0, 0), "internal", detail=detail[:200])])


def _import(path: Path, output: Path, report: ImportReport) -> ImportResult:
    from plancc.importer.extract import extract
    from plancc.importer.parse import parse

    extracted = extract(path)
    report.artefacts = extracted.artefacts
    report.lines = len(extracted.lines)
    if not any(line.text.strip() for line in extracted.lines):
        return ImportResult(None, report, [problem(str(path), (0, 0), "import-empty")])
    draft = parse(extracted.lines, path.stem)
    _fill_report(report, draft)
    if not draft.understood:
        detail = "没有找到标题、编号的章节或带单位的任务"
        return ImportResult(None, report, [problem(str(path), (0, 0), "import-no-structure", detail=detail)])
    omitted = set(draft.omitted)  # compared with what plancc prints, the document lacks these
    return _finish(path, output, draft, "\n".join(line.text for line in extracted.lines if line not in omitted), report)


def _finish(path: Path, output: Path, draft: Draft, source_text: str, report: ImportReport) -> ImportResult:
    from plancc.importer.emit import dump
    from plancc.importer.verify import model, plain_text, reconcile, similarity
    from plancc.load import load_text
    from plancc.render.templates import Templates
    from plancc.validate import validate

    templates = Templates()
    reconcile(draft, templates)
    head = [modeline(output), f"# 由 plancc import 从 {path.name} 导入。带“# 待核对”的内容是推断，请对照原文核对。"]
    text = dump(draft.data, draft.notes, head)
    problems = [
        problem(str(path), (line.no, 1), "import-unplaced", WARNING, text=line.text[:40])
        for line in draft.unplaced
    ]
    try:
        src = load_text(text, str(output))
        problems += validate(src)
    except PlanError as exc:
        problems += exc.problems
    if not has_errors(problems):
        report.similarity = similarity(plain_text(model(draft.data), templates), source_text)
    return ImportResult(text, report, problems)


def _fill_report(report: ImportReport, draft: Draft) -> None:
    data = draft.data
    report.kind, report.title = data.get("kind", ""), data.get("title", "")
    report.unplaced = [(line.no, line.text) for line in draft.unplaced]
    report.placed = report.lines - len(report.unplaced)
    report.guesses = len(draft.notes)
    units = data.get("units") or []
    report.units = len(units)
    report.groups = sum(1 for u in units if u.get("kind") == "group")

    def walk(items: list[object], named: bool) -> None:  # named: a section above names units
        for item in items:
            if not isinstance(item, dict):
                continue
            report.deadlines += len(item.get("deadlines") or [])
            report.targets += len(item.get("targets") or [])
            units = bool(item.get("lead") or item.get("responsible"))
            if "section" in item:
                report.sections += 1
                walk(item.get("body") or [], named or units)
            else:
                report.actions += 1
                report.attributed += named or units

    walk(data.get("body") or [], False)
    report.deadlines += len(data.get("milestones") or [])


__all__ = ["ImportReport", "ImportResult", "import_document"]
