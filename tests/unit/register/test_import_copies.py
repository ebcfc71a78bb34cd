"""The register's copies of imported files: written while the file is read, let go of when the
file is not imported, and always there for every document the register names."""

from __future__ import annotations

import shutil
from pathlib import Path

from mopac_desk.pdf import PaperError
from mopac_desk.register.importer import (
    DUPLICATE, FAILED, IMPORTED, default_extractor, import_file, import_paths,
)
from tests.conftest import PAPERS


def _stored(register) -> set[str]:
    return {p.name for p in (register.root / "store").rglob("*.pdf")}


def _named(register) -> set[str]:
    return {d.stored_path.name for p in register.list_papers() for d in register.documents(p.id)}


def test_a_file_that_fails_leaves_no_copy_and_the_others_keep_theirs(register, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAPERS[0], folder / "a.pdf")
    (folder / "b.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf at all\n%%EOF\n")
    shutil.copy(PAPERS[1], folder / "c.pdf")
    outcomes = import_paths(register, [folder])
    assert [o.status for o in outcomes] == [IMPORTED, FAILED, IMPORTED]
    assert _stored(register) == _named(register) and len(_stored(register)) == 2
    for row in register.list_papers():
        assert row.stored_path.read_bytes() in (PAPERS[0].read_bytes(), PAPERS[1].read_bytes())


def test_a_copy_let_go_for_one_file_is_written_again_for_its_twin(register, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAPERS[0], folder / "a.pdf")
    shutil.copy(PAPERS[0], folder / "b.pdf")  # the same bytes: the same stored copy
    calls = []

    def first_fails(path: Path):
        calls.append(path.name)
        if len(calls) == 1:
            raise PaperError("could not be read this time")
        return default_extractor(path)

    outcomes = import_paths(register, [folder], extractor=first_fails)
    assert [o.status for o in outcomes] == [FAILED, IMPORTED]
    [row] = register.list_papers()
    assert row.stored_path.read_bytes() == PAPERS[0].read_bytes()
    assert _stored(register) == _named(register)


def test_twins_in_one_folder_share_one_copy(register, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAPERS[0], folder / "a.pdf")
    shutil.copy(PAPERS[0], folder / "b.pdf")
    outcomes = import_paths(register, [folder])
    assert [o.status for o in outcomes] == [IMPORTED, DUPLICATE]
    assert _stored(register) == _named(register) and len(_stored(register)) == 1


def test_a_file_changed_while_read_is_not_imported_and_leaves_no_copy(register, tmp_path):
    path = tmp_path / "moving.pdf"
    shutil.copy(PAPERS[0], path)

    def changes_it(p: Path):
        read = default_extractor(p)
        with open(p, "ab") as fh:
            fh.write(b"\n% saved again by its author\n")
        return read

    for outcome in (import_paths(register, [path], extractor=changes_it)[0],
                    import_file(register, path, extractor=changes_it)):
        assert outcome.status == FAILED and "changed while it was being read" in outcome.message
    assert register.list_papers() == [] and _stored(register) == set()
