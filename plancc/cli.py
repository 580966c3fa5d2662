"""Command line: parses options, calls the library, maps outcomes to exit codes.

Exit codes: 0 success, 1 invalid plan or failed build, 2 usage error, 3 internal error, 130 Ctrl-C.
Heavy modules (python-docx, openpyxl, jinja2) are imported inside the commands that need them.
"""

from __future__ import annotations

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
    results = [Checked(p.file, [p]) for p in missing] + [check(f) for f in files]
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


def main() -> None:
    """Console entry point: never shows a traceback."""
    try:
        app(prog_name="plancc")
    except KeyboardInterrupt:
        sys.stderr.write("已中断。\n")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - the last line of defence
        sys.stderr.write(f"plancc 内部错误：{type(exc).__name__}: {exc}\n请把命令和文件报告给维护者。\n")
        sys.exit(3)
