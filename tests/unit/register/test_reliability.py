"""Reliability on real files and real processes: SIGKILL mid-import, two processes at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mopac_desk.extract.model import FIELD_NAMES
from mopac_desk.register import Register, RegisterBusyError
from mopac_desk.files import file_sha256
from mopac_desk.register.storage import remove_stale_parts
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
SOURCE = FIXTURES / "papers" / "onedrive-migration-iam-report.pdf"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _distinct_copies(folder: Path, n: int) -> None:
    data = SOURCE.read_bytes()
    folder.mkdir()
    for i in range(n):
        # bytes after %%EOF change the hash but not the paper
        (folder / f"paper-{i:03d}.pdf").write_bytes(data + f"\n%copy {i}\n".encode())


def _import_cmd(folder: Path, register: Path) -> list[str]:
    return [sys.executable, "-m", "mopac_desk", "import", str(folder), "--register", str(register)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_folder_import_leaves_whole_papers(tmp_path):
    folder, register = tmp_path / "in", tmp_path / "register.sqlite"
    _distinct_copies(folder, 200)
    proc = subprocess.Popen(_import_cmd(folder, register), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=_env(), cwd=tmp_path)
    imported = 0
    for line in proc.stdout:  # one line per file, flushed as each finishes
        imported += line.startswith("imported:")
        if imported >= 25:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert 0 < imported < 200

    conn = sqlite3.connect(register)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
    # the copies are one paper: every file imported is one whole document of it
    documents = count("SELECT id FROM documents")
    assert imported <= len(documents) < 200
    assert len(count("SELECT DISTINCT sha256 FROM documents")) == len(documents)
    per_paper = count(
        "SELECT p.id, (SELECT COUNT(*) FROM fields WHERE paper_id = p.id), "
        "(SELECT COUNT(*) FROM recommendations WHERE paper_id = p.id), "
        "(SELECT COUNT(*) FROM costs WHERE paper_id = p.id), "
        "(SELECT COUNT(*) FROM search_rows WHERE paper_id = p.id AND source = 'page'), "
        "(SELECT COUNT(*) FROM audit WHERE paper_id = p.id AND what = 'imported') FROM papers p")
    assert len(per_paper) == 1
    fields, recs, costs, pages, audit = per_paper[0][1:]
    assert fields == len(FIELD_NAMES) and recs >= 1 and pages >= 1 and audit == 1
    assert len(count("SELECT id FROM audit WHERE what = 'attached another copy'")) == \
        len(documents) - 1
    conn.close()

    done = subprocess.run(_import_cmd(folder, register), capture_output=True, text=True,
                          env=_env(), cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stdout[-500:] + done.stderr[-500:]
    assert done.stdout.count("duplicate:") == len(documents)
    with Register(register) as reg:
        assert reg.integrity_ok()
        [row] = reg.list_papers()
        docs = reg.documents(row.id)
        assert len(docs) == 200
        assert len({d.stored_path for d in docs}) == 200
        assert all(d.stored_path.is_file() for d in docs)
    # a stored copy is never partial under its real name (a killed copy stays a .part file)
    for stored in (tmp_path / "store").rglob("*.pdf"):
        assert file_sha256(stored) == stored.stem
    parts = len(list((tmp_path / "store").rglob("*.part")))
    assert remove_stale_parts(tmp_path, older_than_s=0) == parts
    assert not list((tmp_path / "store").rglob("*.part"))


EDITOR = textwrap.dedent("""
    import sys
    from mopac_desk.register import Register
    reg = Register(sys.argv[1], user="second")
    paper_id = int(sys.argv[2])
    for i in range(60):
        reg.add_annotation(paper_id, 1, "note", text=f"second {i}")
    reg.close()
""")


def test_two_processes_edit_the_same_register_without_losing_edits(tmp_path, pcd977):
    path = tmp_path / "register.sqlite"
    with Register(path, user="first") as reg:
        from mopac_desk.register.importer import import_paths

        [outcome] = import_paths(reg, [pcd977])
        paper_id = outcome.papers[0].id
        other = subprocess.Popen([sys.executable, "-c", EDITOR, str(path), str(paper_id)],
                                 env=_env(), stderr=subprocess.PIPE, text=True)
        for i in range(60):
            reg.add_annotation(paper_id, 2, "highlight", text=f"first {i}")
        assert other.wait(timeout=60) == 0, other.stderr.read()
        other.stderr.close()
        notes = reg.annotations(paper_id)
        assert len(notes) == 120
        assert {n["author"] for n in notes} == {"first", "second"}
        assert len([a for a in reg.audit_for(paper_id) if a["entity"] == "annotation"]) == 120
        assert reg.integrity_ok()


def test_a_register_held_by_another_writer_says_it_is_in_use(tmp_path):
    path = tmp_path / "register.sqlite"
    Register(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Register(path, busy_timeout=0.2) as reg:
            with pytest.raises(RegisterBusyError, match="in use by another"):
                reg.create_meeting("2025-06-12", "IAM")
            assert reg.meetings() == []  # reads still work
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Register(path) as reg:
        reg.create_meeting("2025-06-12", "IAM")
        assert len(reg.meetings()) == 1
