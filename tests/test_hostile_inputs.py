"""Hostile and broken input files, generated here: each gets one line on stderr, a non-zero exit,
no traceback, and stays under 1 GB of memory (measured on the child process)."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MEMORY_LIMIT_KB = 1024 * 1024
SENTENCE = "De regering heeft beslist dat het verslag over de samenwerking klaar is. "


def _docx_bytes(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def _document_xml(body: str, doctype: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"{doctype}<w:document xmlns:w="
        '"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()


def _paragraphs(n: int) -> str:
    return f"<w:p><w:r><w:t>{SENTENCE}</w:t></w:r></w:p>" * n


def truncated_pdf(path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=10)
    for _ in range(3):
        pdf.add_page()
        pdf.multi_cell(0, 6, SENTENCE * 20)
    data = bytes(pdf.output())
    path.write_bytes(data[: len(data) // 3])


def truncated_docx(path: Path) -> None:
    data = _docx_bytes(_document_xml(_paragraphs(200)))
    path.write_bytes(data[: len(data) // 2])


def docx_zip_bomb(path: Path) -> None:
    """48 MB of XML packed into some 100 KB."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        member.write(_document_xml("")[:-24])
        chunk = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000
        for _ in range(48 * 2**20 // len(chunk)):
            member.write(chunk)
        member.write(b"</w:body></w:document>")
    path.write_bytes(buffer.getvalue())


def docx_with_entities(path: Path) -> None:
    """ "Billion laughs": entities that expand to gigabytes if resolved."""
    doctype = '<!DOCTYPE w:document [<!ENTITY a0 "' + "ha" * 50 + '">'
    for k in range(1, 9):
        doctype += f'<!ENTITY a{k} "' + f"&a{k - 1};" * 10 + '">'
    doctype += "]>"
    body = "<w:p><w:r><w:t>&a8;</w:t></w:r></w:p>"
    path.write_bytes(_docx_bytes(_document_xml(body, doctype)))


def nested_html(path: Path) -> None:
    path.write_text(
        "<html><body>" + "<div>" * 100_000 + SENTENCE + "</div>" * 100_000 + "</body></html>",
        encoding="utf-8",
    )


def large_text(path: Path) -> None:
    """50 MB of plain text."""
    paragraph = (SENTENCE * 20 + "\n\n").encode()
    with path.open("wb") as handle:
        for _ in range(50 * 10**6 // len(paragraph) + 1):
            handle.write(paragraph)


def nul_bytes(path: Path) -> None:
    path.write_bytes((SENTENCE * 10).encode() + b"\x00\x00\x00" + (SENTENCE * 10).encode())


def mixed_utf8(path: Path) -> None:
    path.write_bytes(
        "België en Coördinatie: ".encode() + (SENTENCE * 5).encode() + b"caf\xe9 \xff " + b"ok."
    )


def directory(path: Path) -> None:
    path.mkdir()


def named_pipe(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    os.mkfifo(path)


CORPUS = {
    "truncated.pdf": (truncated_pdf, "cannot read the PDF"),
    "truncated.docx": (truncated_docx, "not a valid DOCX"),
    "bomb.docx": (docx_zip_bomb, "zip bomb"),
    "entities.docx": (docx_with_entities, "declares XML entities"),
    "nested.html": (nested_html, "nested too deeply"),
    "large.txt": (large_text, "too long"),
    "nul.txt": (nul_bytes, "binary"),
    "mixed.txt": (mixed_utf8, "not UTF-8"),
    "folder.txt": (directory, "directory"),
    "pipe.txt": (named_pipe, "not a regular file"),
}


#: The child writes its own peak resident memory when it exits: VmHWM belongs to the process
#: image after exec, where getrusage's ru_maxrss would also count the forked pytest process.
CHILD = """
import atexit, os, resource, sys

def _peak():
    try:
        with open("/proc/self/status") as status:
            kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(os.environ["PEAK_FILE"], "w") as out:
        out.write(str(kb))

atexit.register(_peak)
from tmtool.cli import cli
cli()
"""


def _limit_address_space() -> None:
    """A guard, not the measure: a runaway child fails at 4 GB instead of swamping the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))


def run_segment(path: Path) -> tuple[int, str, str, int]:
    """Run ``tmtool segment`` on ``path`` in a child process: exit code, stdout, stderr and the
    child's peak resident memory in KB."""
    peak_file = path.parent / "peak"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PEAK_FILE": str(peak_file)}
    args = [sys.executable, "-c", CHILD, "segment", str(path), "--lang", "nl"]
    result = subprocess.run(
        args, capture_output=True, env=env, cwd=REPO, preexec_fn=_limit_address_space
    )
    peak = int(peak_file.read_text())
    return result.returncode, result.stdout.decode(), result.stderr.decode(), peak


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_gets_one_line_error(tmp_path, name):
    make, reason = CORPUS[name]
    path = tmp_path / name
    make(path)
    code, stdout, stderr, peak_kb = run_segment(path)
    assert code != 0, stdout[:200]
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tmtool: error: "), stderr[-2000:]
    assert reason in lines[0].replace(str(path), "FILE"), lines[0]
    assert "Traceback" not in stderr
    assert peak_kb < MEMORY_LIMIT_KB, f"{peak_kb // 1024} MB"
