"""PDF conversion with LibreOffice (`plancc build --pdf`, see plancc.office).

The PDF is written to a temporary folder and then moved next to the .docx atomically; when any file
of a build fails, no PDF is replaced.
"""

from __future__ import annotations

from pathlib import Path

from plancc.office import OfficeError, OfficeMissing, converted
from plancc.problems import PlanError, problem
from plancc.write import write_atomic


def to_pdf(docx_path: Path, timeout: float = 120) -> Path:
    """Convert one .docx to a PDF next to it (see `to_pdfs`)."""
    return to_pdfs([Path(docx_path)], timeout)[0]


def to_pdfs(paths: list[Path], timeout: float = 120) -> list[Path]:
    """Convert .docx files to PDFs next to them, one LibreOffice run per folder; return the PDFs' paths.

    PlanError when LibreOffice is missing, fails or takes longer than `timeout` seconds (plus two
    seconds for each further file); existing PDFs are then left untouched.
    """
    folders: dict[Path, list[Path]] = {}
    for p in paths:
        folders.setdefault(Path(p).parent, []).append(Path(p))
    done: dict[Path, Path] = {}
    for group in folders.values():
        done.update(_convert(group, timeout + 2 * (len(group) - 1)))
    return [done[Path(p)] for p in paths]


def _convert(docs: list[Path], timeout: float) -> dict[Path, Path]:
    """One LibreOffice run for files of one folder (their stems are unique)."""
    try:
        with converted(docs, "pdf", timeout) as pdfs:
            results = {}
            for doc in docs:  # write only when every PDF was produced
                target = doc.with_suffix(".pdf")
                write_atomic(target, pdfs[doc].read_bytes())
                results[doc] = target
            return results
    except OfficeMissing:
        raise PlanError([problem(str(docs[0]), (0, 0), "libreoffice-missing")]) from None
    except OfficeError as exc:
        raise PlanError([problem(str(exc.doc or docs[0]), (0, 0), "pdf-failed", detail=str(exc))]) from None
