"""Command line: parses options, calls the library, maps outcomes to exit codes.

Exit codes: 0 success, 1 invalid plan or failed build, 2 usage error, 3 internal error; Ctrl-C ends by
SIGINT, which shells report as 130.
Heavy modules (python-docx, jinja2) are imported inside the commands that need them.
"""

from __future__ import annotations

import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from plancc import __version__

app = typer.Typer(
    name="plancc",
    help="工作方案编译器：校验方案 YAML，生成公文、任务分工表和各单位任务清单。",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Fmt(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plancc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号"),
) -> None:
    """工作方案编译器。"""


@app.command()
def validate(
    paths: List[str] = typer.Argument(..., help="方案文件、文件夹或通配符"),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text、json 或 github（GitHub Actions 注释）"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="消息语言：zh 或 en"),
    strict: bool = typer.Option(False, "--strict", help="有警告也算失败"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只输出问题，不输出汇总"),
) -> None:
    """校验方案：格式（JSON Schema）和内容逻辑，问题定位到 文件:行:列。

    退出码：0 通过，1 有错误（或 --strict 时有警告），2 用法错误（如找不到文件），3 内部错误。
    """
    from plancc.api import Checked, check, find_plans
    from plancc.report import REPORTERS

    files, missing = find_plans(paths)
    results = [Checked(p.file, [p]) for p in missing] + [check(f, model=False) for f in files]
    if not files and not missing:
        results = [Checked(paths[0], [])]
    REPORTERS[fmt.value](results, sys.stdout, lang.value, sys.stdout.isatty() and fmt is Fmt.text)
    if missing:
        raise typer.Exit(2)
    raise typer.Exit(0 if all(r.ok(strict) for r in results) else 1)


@app.command()
def schema() -> None:
    """输出方案的 JSON Schema（draft-07），供编辑器和其他工具使用。"""
    from plancc.resources import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


@app.command()
def new(
    path: Path = typer.Argument(Path("plan.yaml"), help="要创建的方案文件"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件"),
) -> None:
    """生成一份可以通过校验的方案样例。"""
    from plancc.starter import write_starter

    if path.exists() and not force:
        typer.echo(f"文件已存在：{path}（加 --force 覆盖）", err=True)
        raise typer.Exit(2)
    write_starter(path)
    typer.echo(f"已生成 {path}。编辑后运行：plancc validate {path}")


@app.command()
def build(
    paths: List[str] = typer.Argument(..., help="方案文件、文件夹或通配符"),
    outdir: Path = typer.Option(Path("out"), "--out", "-o", help="输出文件夹（默认 out）"),
    only: Optional[str] = typer.Option(None, "--only", help="只生成其中几种，逗号分隔：notice,matrix,sheets"),
    templates: Optional[Path] = typer.Option(None, "--templates", help="自定义措辞模板所在文件夹，同名文件覆盖内置模板"),
    unit: Optional[List[str]] = typer.Option(None, "--unit", help="只生成这些单位的任务清单（可重复）"),
    pdf: bool = typer.Option(False, "--pdf", help="同时用 LibreOffice 转换为 PDF"),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="最多同时使用的进程数（默认 0：每个处理器核心一个；1：最省内存）"),
) -> None:
    """生成公文（.docx）、任务分工表和各单位任务清单。

    退出码：0 全部生成，1 方案有错误或无法写出，2 用法错误（如找不到文件），3 内部错误。
    """
    from plancc.build import RENDERERS

    kinds = [k.strip() for k in (only or ",".join(RENDERERS)).split(",") if k.strip()]
    unknown = [k for k in kinds if k not in RENDERERS]
    if unknown or not kinds:
        typer.echo(f"--only 只能取 {','.join(RENDERERS)}，不认识：{','.join(unknown) or '（空）'}", err=True)
        raise typer.Exit(2)
    if templates is not None and not templates.is_dir():
        typer.echo(f"模板文件夹不存在：{templates}", err=True)
        raise typer.Exit(2)
    if outdir.exists() and not outdir.is_dir():
        typer.echo(f"输出位置不是文件夹：{outdir}", err=True)
        raise typer.Exit(2)
    raise typer.Exit(_build(paths, outdir, kinds, templates, unit or [], pdf, jobs or os.cpu_count() or 1))


def _build(paths: List[str], outdir: Path, kinds: List[str], templates: Optional[Path], units: List[str],
           pdf: bool, jobs: int) -> int:
    """Build every plan; print written files to stdout and problems to stderr; return the exit code."""
    from plancc.api import Checked, find_plans
    from plancc.build import Built
    from plancc.report import REPORTERS

    files, missing = find_plans(paths)
    results: list[Built] = [Built(p.file, problems=[p]) for p in missing]
    # one plan: its renderers run side by side; several: plans run side by side, renderers in turn
    processes = jobs if len(files) == 1 else 1
    args = [(f, outdir, tuple(kinds), templates, tuple(units), pdf, processes) for f in files]

    def done(built: Built) -> None:
        for f in built.files:
            typer.echo(f"已生成 {f}")
        results.append(built)

    if len(files) > 1:
        from rich.progress import Progress

        with Progress(transient=True, console=_stderr_console()) as progress:
            task = progress.add_task("生成中", total=len(files))
            if jobs > 1:  # spawned, not forked: the progress bar runs a thread
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                with ProcessPoolExecutor(min(jobs, len(files)), mp_context=multiprocessing.get_context("spawn")) as pool:
                    for built in pool.map(_build_one, args):
                        done(built)
                        progress.advance(task)
            else:
                for a in args:
                    done(_build_one(a))
                    progress.advance(task)
    else:
        for a in args:
            done(_build_one(a))
    troubled = [Checked(r.path, r.problems) for r in results if r.problems]
    if troubled:
        REPORTERS["text"](troubled, sys.stderr, "zh", sys.stderr.isatty())
    if not files and not missing:
        sys.stderr.write("没有找到方案文件。\n")
        return 1
    if missing:
        return 2
    return 0 if all(r.ok for r in results) else 1


def _build_one(args: tuple) -> "Built":  # type: ignore[name-defined]  # noqa: F821
    """Build one plan (a top-level function, so a process pool can run it)."""
    from plancc.build import build_plan

    path, outdir, kinds, templates, units, pdf, processes = args
    return build_plan(path, outdir, kinds, templates, units, pdf, processes)


def _stderr_console() -> "Console":  # type: ignore[name-defined]  # noqa: F821
    """The progress bar goes to stderr, so stdout keeps one line per written file."""
    from rich.console import Console

    return Console(stderr=True)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="要导入的方案文档（.txt 或 .docx）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="输出的方案 YAML（默认与原文件同名、扩展名 .yaml）"),
    force: bool = typer.Option(False, "--force", help="覆盖已有的输出文件"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="报告语言：zh 或 en"),
) -> None:
    """把已有的方案文档（.txt、.docx）转换为方案 YAML，并报告识别情况。"""
    from plancc.importer import import_document
    from plancc.problems import PlanError
    from plancc.write import write_atomic

    zh = lang is Lang.zh

    def say_problems(problems: list) -> None:
        for p in problems:
            where = f"{p.file}:{p.line}" if p.line else p.file
            severity = {"error": "错误", "warning": "警告"}[p.severity] if zh else p.severity
            typer.echo(f"{where}: {severity} [{p.code}] {p.message(lang.value)}", err=True)
            if p.hint(lang.value):
                typer.echo(f"    {'提示：' if zh else 'hint: '}{p.hint(lang.value)}", err=True)

    if not file.is_file():
        typer.echo(f"找不到文件：{file}" if zh else f"file not found: {file}", err=True)
        raise typer.Exit(2)
    target = output or file.with_suffix(".yaml")
    if target.resolve() == file.resolve() or (target.exists() and not force):
        typer.echo(f"文件已存在：{target}（加 --force 覆盖）" if zh else f"{target} exists (use --force)", err=True)
        raise typer.Exit(2)
    result = import_document(file, target)
    if result.yaml_text is not None or result.report.lines:
        typer.echo("\n".join(result.report.text(lang.value)), err=True)
    say_problems(result.problems)
    if result.yaml_text is None:
        typer.echo("没有写出文件。" if zh else "nothing written.", err=True)
        raise typer.Exit(1)
    try:
        write_atomic(target, result.yaml_text.encode("utf-8"))
    except PlanError as exc:
        say_problems(exc.problems)
        raise typer.Exit(1)
    typer.echo(f"已生成 {target}" if zh else f"wrote {target}")
    raise typer.Exit(0 if result.ok else 1)


def main() -> None:
    """Console entry point: never shows a traceback."""
    try:
        app(prog_name="plancc")
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C into a silent exit 130
            _interrupted()
        raise
    except Exception as exc:  # pragma: no cover - the last line of defence
        sys.stderr.write(f"plancc 内部错误：{type(exc).__name__}: {exc}\n请把命令和文件报告给维护者。\n")
        sys.exit(3)
    finally:
        # The interpreter's clean-up collects cycles again and again while it tears down the modules,
        # each time over every object left (a tenth of a small build); frozen, they are never visited.
        gc.freeze()


def _interrupted() -> None:
    """Say so, then end by the interrupt signal itself, as shells expect of a program that stops on
    Ctrl-C (a loop over plans stops too; `$?` is 130)."""
    import signal

    sys.stderr.write("已中断。\n")
    sys.stderr.flush()
    if os.name == "posix":
        sys.stdout.flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    sys.exit(130)
