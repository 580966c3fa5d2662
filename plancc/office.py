"""LibreOffice, run headless: `build --pdf` turns .docx into PDF with it, and `import` turns .doc,
.wps, .rtf and .odt into .docx.

Each run gets its own throw-away user profile, so parallel runs never fight over one profile and a
user's open LibreOffice is not disturbed; a run that takes too long is killed with all its
processes. On Linux, where the fonts offices use are usually missing, a fontconfig alias file maps
them to free stand-ins ("Fonts" in README.md); fonts that are installed always win.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# Office font -> free stand-ins, best first (installed office fonts are used before any of these).
FALLBACKS: dict[str, tuple[str, ...]] = {
    "仿宋": ("FangSong", "仿宋_GB2312", "FangSong_GB2312", "Fandol Fang", "Noto Serif CJK SC", "Source Han Serif SC"),
    "黑体": ("SimHei", "Fandol Hei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"),
    "楷体": ("KaiTi", "楷体_GB2312", "KaiTi_GB2312", "Fandol Kai", "AR PL UKai CN", "AR PL KaitiM GB"),
    "宋体": ("SimSun", "Fandol Song", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "Noto Serif CJK SC", "Source Han Serif SC", "Fandol Song"),
}
SYSTEM_CONF = Path("/etc/fonts/fonts.conf")
_CANDIDATES = (
    "soffice",
    "libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """The LibreOffice executable: $PLANCC_SOFFICE, then soffice/libreoffice on PATH, then the usual places."""
    override = os.environ.get("PLANCC_SOFFICE")
    if override:
        return shutil.which(override) or (override if Path(override).is_file() else None)
    for name in _CANDIDATES:
        found = shutil.which(name) or (name if os.path.isabs(name) and Path(name).is_file() else None)
        if found:
            return found
    return None


def fontconfig_aliases(include: Path | None = SYSTEM_CONF) -> str:
    """A fontconfig file with the office-font aliases (and an include of the system configuration)."""
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
             "<!-- plancc: free stand-ins for the fonts Chinese official documents name. -->", "<fontconfig>"]
    if include is not None:
        lines.append(f'  <include ignore_missing="yes">{include}</include>')
    for family, stand_ins in FALLBACKS.items():
        accept = "".join(f"<family>{f}</family>" for f in stand_ins)
        lines.append(f'  <alias binding="same"><family>{family}</family><accept>{accept}</accept></alias>')
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    if sys.platform.startswith("linux") and "FONTCONFIG_FILE" not in env and SYSTEM_CONF.is_file():
        conf = tmp / "fonts.conf"
        conf.write_text(fontconfig_aliases(), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
    return env


def _run(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run LibreOffice in its own process group, killing the whole group on timeout or Ctrl-C (which
    reaches only plancc's own group)."""
    posix = os.name == "posix"
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, start_new_session=posix)
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:
        if posix:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        proc.kill()
        proc.communicate()
        raise
    return proc.returncode, (err or out or b"").decode("utf-8", "replace").strip()


class OfficeError(Exception):
    """LibreOffice did not convert: why, in words for the user, and (when one is to blame) which file."""

    def __init__(self, message: str = "", doc: Path | None = None) -> None:
        super().__init__(message)
        self.doc = doc


class OfficeMissing(OfficeError):
    """LibreOffice is not installed (or not where PLANCC_SOFFICE says)."""


@contextmanager
def converted(docs: list[Path], fmt: str, timeout: float) -> Iterator[dict[Path, Path]]:
    """Convert files of one folder (their stems unique) to `fmt` ("pdf", "docx") in one LibreOffice
    run; yield each file's converted copy, in a temporary folder removed afterwards. OfficeMissing,
    or OfficeError when LibreOffice fails or takes longer than `timeout` seconds."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeMissing()
    with tempfile.TemporaryDirectory(prefix="plancc-office-") as tmp_name:
        tmp = Path(tmp_name)
        outdir = tmp / "out"
        cmd = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--nologo", "--convert-to", fmt, "--outdir", str(outdir)]
        cmd += [str(d.resolve()) for d in docs]
        try:
            code, message = _run(cmd, _env(tmp), timeout)
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice 在 {timeout:g} 秒内没有完成") from None
        except OSError as exc:
            raise OfficeError(f"无法启动 LibreOffice（{exc.strerror or exc}）") from None
        results = {doc: outdir / f"{doc.stem}.{fmt}" for doc in docs}
        for doc, produced in results.items():
            if not produced.is_file():
                last = message.splitlines()[-1] if message else f"退出码 {code}"
                raise OfficeError(f"LibreOffice 没有生成 .{fmt} 文件（{last}）", doc)
        yield results
