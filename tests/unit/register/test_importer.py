"""Importing real PDFs: stored copies, duplicates, meetings, and bad files reported per file."""

from __future__ import annotations

import shutil
import threading

import pikepdf

from mopac_desk.register.importer import DUPLICATE, FAILED, IMPORTED, import_paths, reextract_paper
from tests.conftest import PAPERS


def test_import_folder_copies_and_indexes(register, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(PAPERS[0], folder / "sub" / "A.PDF")
    shutil.copy(PAPERS[1], folder / "b.pdf")
    (folder / "notes.txt").write_text("not picked up")
    seen = []
    outcomes = import_paths(register, [folder],
                            progress=lambda d, t, o: seen.append((d, t, o.status)))
    assert [o.status for o in outcomes] == [IMPORTED, IMPORTED]
    assert seen == [(1, 2, IMPORTED), (2, 2, IMPORTED)]
    for row in register.list_papers():
        assert row.stored_path.is_file()
        assert row.stored_path.parent.parent.name == "store"
    # the register keeps working with the originals gone
    shutil.rmtree(folder)
    hits = register.search("device*") + register.search("OneDrive")
    assert hits and all(h.stored_path.is_file() and h.page >= 1 for h in hits)


def test_same_file_twice_is_recognised(register, pcd977, tmp_path):
    copy = tmp_path / "renamed.pdf"
    shutil.copy(pcd977, copy)
    first = import_paths(register, [pcd977])
    second = import_paths(register, [copy])
    assert first[0].status == IMPORTED
    assert second[0].status == DUPLICATE
    assert second[0].message.startswith("already in the register as")
    assert len(register.list_papers()) == len(first[0].papers)


def test_import_into_meeting(register):
    mid = register.meeting_for_date("2025-06-12")
    import_paths(register, PAPERS[:2], meeting_id=mid)
    assert len(register.agenda(mid)) >= 2


def test_cancel_stops_between_files(register):
    stop = threading.Event()

    def progress(done, total, outcome):
        stop.set()

    outcomes = import_paths(register, PAPERS, cancel=stop, progress=progress)
    # the file already extracted when the clerk cancelled is still written, whole
    assert 1 <= len(outcomes) < len(PAPERS)
    assert len(register.list_papers()) == sum(len(o.papers) for o in outcomes)


def test_bad_files_are_reported_one_by_one(register, pcd977, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "1-empty.pdf").write_bytes(b"")
    (folder / "2-letter.pdf").write_text("Dear clerk, this is a letter, not a PDF.")
    data = pcd977.read_bytes()
    (folder / "3-truncated.pdf").write_bytes(data[: len(data) // 3])
    with pikepdf.open(pcd977) as pdf:
        pdf.save(folder / "4-locked.pdf", encryption=pikepdf.Encryption(owner="o", user="secret"))
    shutil.copy(pcd977, folder / "5-good.pdf")

    outcomes = import_paths(register, [folder, tmp_path / "missing.pdf"])
    status = {o.path.name: o for o in outcomes}
    assert status["5-good.pdf"].status == IMPORTED
    for name in ("1-empty.pdf", "2-letter.pdf", "3-truncated.pdf", "4-locked.pdf", "missing.pdf"):
        assert status[name].status == FAILED, name
        msg = status[name].message
        assert msg and "Traceback" not in msg and "pdfium" not in msg.lower(), msg
    assert "password" in status["4-locked.pdf"].message.lower()
    assert "empty" in status["1-empty.pdf"].message.lower()
    assert len({o.message for o in outcomes if o.status == FAILED}) >= 4
    assert len(register.list_papers()) == len(status["5-good.pdf"].papers)
    assert register.integrity_ok()


def test_real_extraction_lands_whole(register, pcd977):
    [outcome] = import_paths(register, [pcd977])
    [paper] = outcome.papers
    assert paper.reference == "PCD 977"
    assert outcome.message == "imported as PCD 977"
    detail = register.get_paper(paper.id)
    assert detail.fields["reference"].page >= 1
    assert detail.recommendations and detail.costs
    assert all(c.amount_pence is None or isinstance(c.amount_pence, int)
               for c in detail.costs)
    hits = [h for h in register.search("Refresh") if h.paper_id == paper.id]
    assert hits and all(h.page >= 1 for h in hits)


def test_reextract_from_stored_copy_keeps_clerk_edits(register, pcd977, tmp_path):
    original = tmp_path / "orig.pdf"
    shutil.copy(pcd977, original)
    [outcome] = import_paths(register, [original])
    original.unlink()
    pid = outcome.papers[0].id
    register.set_field(pid, "title", "Clerk's own title")
    before = register.get_paper(pid)
    changes = reextract_paper(register, pid)
    after = register.get_paper(pid)
    assert after.fields["title"].value == "Clerk's own title"
    assert [r.id for r in after.recommendations] == [r.id for r in before.recommendations]
    assert changes[-1].what == "re-extracted"
    assert register.audit_for(pid)[-1]["what"] == "re-extracted"


def test_meeting_pack_file_becomes_one_paper_per_paper(register, tmp_path):
    pack = tmp_path / "pack.pdf"
    with pikepdf.new() as out:
        for paper in PAPERS:
            with pikepdf.open(paper) as src:
                out.pages.extend(src.pages)
        out.save(pack)
    [outcome] = import_paths(register, [pack])
    assert outcome.status == IMPORTED and len(outcome.papers) == len(PAPERS)
    rows = register.list_papers()
    assert len({r.stored_path for r in rows}) == 1
    assert [r.first_page for r in rows] == sorted(r.first_page for r in rows)
    pcd = next(r for r in rows if r.reference == "PCD 977")
    hits = [h for h in register.search('"End User Device Refresh"') if h.paper_id == pcd.id]
    assert hits and all(pcd.first_page <= h.page <= pcd.last_page for h in hits)
    [again] = import_paths(register, [pack])
    assert again.status == DUPLICATE and "PCD 977" in again.message


def test_same_content_twice_in_one_folder_is_imported_once(register, pcd977, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        shutil.copy(pcd977, folder / name)
    outcomes = import_paths(register, [folder])
    assert [o.status for o in outcomes] == [IMPORTED, DUPLICATE, DUPLICATE]
    assert all("PCD 977" in o.message for o in outcomes)
    assert len(register.list_papers()) == 1


def test_a_protected_file_imports_with_the_password_the_clerk_gave(register, tmp_path):
    from tests.helpers.bad_pdfs import PASSWORD, encrypted_pdf

    locked = encrypted_pdf(tmp_path)
    [refused] = import_paths(register, [locked], passwords={tmp_path / "x.pdf": PASSWORD})
    assert refused.status == FAILED and "password" in refused.message.lower()
    [wrong] = import_paths(register, [locked], passwords={locked: "not it"})
    assert wrong.status == FAILED and "password does not open" in wrong.message.lower()
    [done] = import_paths(register, [locked], passwords={locked: PASSWORD})
    assert done.status == IMPORTED
    [paper] = register.list_papers()
    assert paper.reference == "PCD 977"
    assert register.search("laptops")  # the text is indexed like any other paper
