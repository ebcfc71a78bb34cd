"""A corpus of hostile files, generated here, through every command that reads a PDF: one
plain line and exit 2 (extract/check) or a failed line (import) for each bad one, never a
traceback, nothing a terminal would obey, JSON that parses, and no copy left behind."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import PAPERS
from tests.helpers import bad_pdfs
from tests.helpers.hostile_pdfs import hostile_paper
from mopac_desk.cli import main
from mopac_desk.terminal import quoted
from tests.reliability.support import CONTROLS, assert_plain, run

pytestmark = pytest.mark.slow

PCD977 = next(p for p in PAPERS if p.name.startswith("pcd-977"))


def _corpus(folder: Path) -> dict[str, Path]:
    """name -> file: every writer of bad_pdfs (each in its own folder: some share a name),
    hostile text, and names a file system allows but a terminal or SQLite may not."""
    folder.mkdir()
    files: dict[str, Path] = {}
    writers = {**bad_pdfs.ALL_BAD, "encrypted": bad_pdfs.encrypted_pdf,
               "scan": bad_pdfs.image_only_pdf}
    for name in ("zero_page_pdf", "garbage_pdf", "garbled_xref_pdf", "shifted_pdf",
                 "flate_bomb_pdf", "huge_image_pdf"):
        if hasattr(bad_pdfs, name):
            writers[name.removesuffix("_pdf")] = getattr(bad_pdfs, name)
    for key, writer in writers.items():
        sub = folder / key
        sub.mkdir()
        made = Path(writer(sub))
        files[key] = made.rename(folder / f"{key}-{made.name}")
        sub.rmdir()
    files["hostile-text"] = hostile_paper(folder / "hostile-text.pdf")
    files["escape-name"] = Path(shutil.copy(PCD977, folder / "clear\x1b[2Jscreen.pdf"))
    files["newline-name"] = Path(shutil.copy(PAPERS[0], folder / "two\nlines.pdf"))
    if sys.platform == "linux":
        odd = folder / os.fsdecode(b"caf\xe9-\xff.pdf")
        files["not-utf8-name"] = Path(shutil.copy(PAPERS[1], odd))
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return _corpus(tmp_path_factory.mktemp("hostile") / "in")


@pytest.mark.parametrize("command", ["extract", "check"])
def test_each_hostile_file_is_one_plain_line_or_a_clean_report(corpus, command, capsys):
    # in-process (fast): an exception escaping main() fails the test like a traceback would
    for key, path in corpus.items():
        status = main([command, str(path)])
        out, err = capsys.readouterr()
        assert status in (0, 2), key
        assert not CONTROLS & set(out + err), key
        if status == 2:
            assert err.startswith("mopac-desk: ") and err.count("\n") == 1, (key, err)
            # read after the encrypted file in this same process: a stale PDFium error code
            # must not make any other file "protected by a password"
            assert ("password" in err) == (key == "encrypted"), (key, err)
        assert main([command, str(path), "--json"]) == status, key
        out, err = capsys.readouterr()
        parsed = json.loads(out)
        assert not CONTROLS & set(out), key
        if status == 2:
            assert set(parsed) == {"error", "file"}, (key, parsed)


def test_importing_the_whole_corpus_leaves_whole_papers_and_no_orphans(corpus, tmp_path):
    register = tmp_path / "reg" / "register.sqlite"
    result = run("import", next(iter(corpus.values())).parent, "--register", register,
                 cwd=tmp_path, timeout=300)
    assert_plain(result, statuses={1})
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(corpus) + 1, lines  # one line a file: no name split a line
    assert all(line.split(":")[0] in {"imported", "failed", "duplicate"} for line in lines[:-1])
    assert "protected by a password; give its password with --password" in result.stdout
    for good in ("hostile-text", "escape-name", "newline-name", "not-utf8-name"):
        if good in corpus:
            named = [line for line in lines if quoted(corpus[good].name) in line]
            assert len(named) == 1 and named[0].split(":")[0] in {"imported", "duplicate"}, (
                good, lines)
    verify = run("verify", "--register", register, cwd=tmp_path)
    assert_plain(verify, statuses={0})  # every failure left nothing behind in store/
    listing = run("list", "--register", register, cwd=tmp_path)
    assert_plain(listing, statuses={0})
