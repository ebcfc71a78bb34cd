"""Files read for the register in child processes: the same register as reading them here, in
file order, typed errors back, a child that dies or is cancelled costing only its file, and
no child outliving its parent."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import psutil
import pytest

from mopac_desk.pdf import NotAPdfError
from mopac_desk.register import Register
from mopac_desk.register.importer import FAILED, IMPORTED, import_file, import_paths
from mopac_desk.register.reader_process import (
    ReadCancelled,
    ReaderProcess,
    ReaderStopped,
    ReaderUnavailable,
    give_back,
    take_readers,
)
from tests.conftest import PAPERS


def _contents(register: Register) -> list[tuple]:
    """What a clerk would see of every paper: reference, title, money, words kept, index."""
    out = []
    for row in register.list_papers():
        detail = register.get_paper(row.id)
        out.append((row.reference, row.title, row.capital_pence, row.revenue_pence,
                     [(c.amount_pence, c.kind) for c in detail.costs],
                     [d.has_text for d in register.documents(row.id)]))
    return sorted(out, key=repr)


def test_files_read_in_children_give_the_register_reading_them_here_gives(tmp_path):
    with Register(tmp_path / "aside.sqlite") as aside, Register(tmp_path / "here.sqlite") as here:
        outcomes = import_paths(aside, PAPERS)
        for path in PAPERS:
            import_file(here, path)
        assert [o.path for o in outcomes] == PAPERS  # in file order, whoever read each
        assert {o.status for o in outcomes} == {IMPORTED}
        assert _contents(aside) == _contents(here)
        assert aside.search_papers("device").paper_ids == here.search_papers("device").paper_ids


def test_a_file_the_child_cannot_read_comes_back_as_its_typed_error(tmp_path):
    letter = tmp_path / "letter.pdf"
    letter.write_text("Dear clerk, this is a letter.")
    reader = ReaderProcess()
    try:
        reader.submit(letter, None, None)
        reader.submit(PAPERS[0], None, None)
        with pytest.raises(NotAPdfError) as caught:
            reader.next()
        assert caught.value.path == str(letter) and "is not a PDF" in str(caught.value)
        assert reader.next().extraction.papers  # the child reads on
    finally:
        reader.close()


def test_a_child_that_dies_on_a_file_fails_that_file_and_a_new_child_reads_the_next(
        tmp_path):
    from tests.helpers.bad_pdfs import image_only_pdf

    reader = ReaderProcess()
    try:
        reader.submit(PAPERS[0], None, None)
        reader.next()  # the child is up and reading
        reader.submit(image_only_pdf(tmp_path, pages=40), None, None)  # minutes of OCR
        reader.submit(PAPERS[1], None, None)
        first_child = reader.pid
        psutil.Process(first_child).kill()  # as PDFium crashing on the scan would end it
        with pytest.raises(ReaderStopped):
            reader.next()
        read = reader.next()
        assert read.extraction.name == PAPERS[1].name
        assert reader.pid != first_child
    finally:
        reader.close()


def test_a_child_that_ends_before_it_is_ready_says_no_child_can_read_here():
    reader = ReaderProcess()
    try:
        reader.submit(PAPERS[0], None, None)
        psutil.Process(reader.pid).kill()  # still starting (about 0.4 s)
        with pytest.raises(ReaderUnavailable):
            reader.next()
    finally:
        reader.close()


def test_an_import_whose_child_dies_says_so_for_that_file_and_imports_the_rest(tmp_path):
    files = list(PAPERS)
    with Register(tmp_path / "r.sqlite") as reg:
        killed = []

        def progress(done, total, outcome):
            if not killed:  # the children have the next files: end one of them
                for proc in _reading_children():
                    proc.kill()
                    killed.append(proc.pid)
                    break

        outcomes = import_paths(reg, files, progress=progress)
    assert killed
    assert len(outcomes) == len(files)
    failed = [o for o in outcomes if o.status == FAILED]
    assert len(failed) <= 2 and all("stopped the reader" in o.message for o in failed)
    assert sum(o.status == IMPORTED for o in outcomes) == len(files) - len(failed)


def test_cancel_while_a_file_is_read_stops_its_child():
    reader = ReaderProcess()
    reader.submit(PAPERS[0], None, None)
    child = psutil.Process(reader.pid)
    with pytest.raises(ReadCancelled):
        reader.next(cancel=lambda: True)
    child.wait(timeout=10)  # ended, not left reading
    assert reader.idle() and reader.pid is None


def test_children_are_kept_for_the_next_import_and_reused(tmp_path):
    with Register(tmp_path / "r.sqlite") as reg:
        import_paths(reg, PAPERS[:2])
        kept = take_readers(2)
        pids = [r.pid for r in kept]
        assert all(pid is not None and psutil.pid_exists(pid) for pid in pids)
        give_back(kept)
        import_paths(reg, PAPERS[2:])
        again = take_readers(2)
        assert sorted(r.pid for r in again) == sorted(pids)
        give_back(again)


def test_children_kept_outlive_the_import_thread_that_started_them(tmp_path):
    # The window imports on a worker thread that ends with the import; the kernel ends a
    # child with the thread that started it, so the children must not be started there.
    with Register(tmp_path / "r.sqlite") as reg:
        worker = threading.Thread(target=import_paths, args=(reg, PAPERS[:2]))
        worker.start()
        worker.join()
        kept = take_readers(2)
        pids = [r.pid for r in kept]
        assert all(pid is not None for pid in pids)
        for pid in pids:
            with pytest.raises(psutil.TimeoutExpired):  # still running after a while
                psutil.Process(pid).wait(timeout=0.5)
        give_back(kept)
        worker = threading.Thread(target=import_paths, args=(reg, PAPERS[2:]))
        worker.start()
        worker.join()
        again = take_readers(2)
        assert sorted(r.pid for r in again) == sorted(pids)  # the same children read again
        give_back(again)


def test_a_child_ends_with_its_parent(tmp_path):
    """A parent killed outright (SIGKILL: no clean-up runs) takes its reading child along."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from mopac_desk.register.reader_process import ReaderProcess
        reader = ReaderProcess()
        reader.submit(Path({str(PAPERS[0])!r}), None, None)
        reader.next()
        reader.submit(Path({str(PAPERS[1])!r}), None, None)
        print(reader.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=str(tmp_path), env=_env())
    child = int(done.stdout.split()[0])
    try:
        psutil.Process(child).wait(timeout=10)
    except psutil.NoSuchProcess:
        pass
    assert not psutil.pid_exists(child) or psutil.Process(child).status() == psutil.STATUS_ZOMBIE


def _reading_children() -> list[psutil.Process]:
    return [p for p in psutil.Process().children()
            if any("reader_process import serve" in part for part in p.cmdline())]


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[3])
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_script_that_imports_is_run_once_not_again_by_its_children(tmp_path):
    """A clerk's own script, with no ``if __name__ == "__main__"`` guard: the children are
    fresh interpreters that run none of it (each run would import again)."""
    marker = tmp_path / "runs.txt"
    script = tmp_path / "import_all.py"
    script.write_text(textwrap.dedent(f"""
        from pathlib import Path
        from mopac_desk.register import Register
        from mopac_desk.register.importer import import_paths
        with open({str(marker)!r}, "a") as f:
            f.write("ran\\n")
        with Register(Path({str(tmp_path / "r.sqlite")!r})) as reg:
            for o in import_paths(reg, [Path(p) for p in {[str(p) for p in PAPERS]!r}]):
                print(o.status)
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, cwd=str(tmp_path), env=_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["imported"] * len(PAPERS)
    assert marker.read_text() == "ran\n"


def test_cancel_does_not_wait_for_the_file_being_read(tmp_path):
    """A long scan's OCR is let go of at once: the child is stopped, not waited for."""
    from tests.helpers.bad_pdfs import image_only_pdf

    scan = image_only_pdf(tmp_path, pages=40)  # minutes of OCR
    reader = ReaderProcess()
    reader.submit(scan, None, None)
    child = psutil.Process(reader.pid)
    raised: list[BaseException] = []

    def wait() -> None:
        try:
            reader.next(cancel=lambda: True)
        except BaseException as exc:  # noqa: BLE001 (handed to the test's thread)
            raised.append(exc)

    waiter = threading.Thread(target=wait)
    waiter.start()
    waiter.join(timeout=30)
    assert not waiter.is_alive() and isinstance(raised[0], ReadCancelled)
    assert not child.is_running() or child.status() == psutil.STATUS_ZOMBIE


def test_the_clerks_current_folder_is_not_on_the_childs_path(tmp_path, monkeypatch):
    (tmp_path / "queue.py").write_text("raise SystemExit('a stray queue.py ran')\n")
    monkeypatch.chdir(tmp_path)
    reader = ReaderProcess()
    try:
        reader.submit(PAPERS[0], None, None)
        assert reader.next().extraction.papers
    finally:
        reader.close()


def test_with_no_child_to_start_the_files_are_read_here(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    with Register(tmp_path / "r.sqlite") as reg:
        outcomes = import_paths(reg, PAPERS)
    assert [o.status for o in outcomes] == [IMPORTED] * len(PAPERS)
