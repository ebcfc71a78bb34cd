"""A scanned version compared with a typeset one: the scan is read by OCR (or from the words the
register keeps), OCR's misreadings are kept apart from the changes, and a changed amount is
still found."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from mopac_desk.cli import main
from mopac_desk.compare import compare_files
from mopac_desk.compare.engine import compare_versions, read_version
from mopac_desk.extract.engine import reading
from mopac_desk.ocr.engine import OcrPage
from mopac_desk.ocr.reader import recognise_pages
from mopac_desk.pdf import NoTextLayerError, PaperDocument
from tests.helpers import versions
from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision, write_report
from tests.unit.ocr.scans import find_rect, make_scan


@dataclass
class Pair:
    typeset: Path
    scan: Path
    raised: Path  # the typeset paper with its capital raised
    amounts_v1_scan: Path
    amounts_v2: Path


def _paper(path: Path, spec: ReportSpec) -> Path:
    flow = Flow()
    write_decision(flow, DecisionSpec())
    write_report(flow, spec)
    return flow.save(path)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    folder = tmp_path_factory.mktemp("scanned")
    spec = ReportSpec()
    typeset = _paper(folder / "typeset.pdf", spec)
    raised = _paper(folder / "raised.pdf", ReportSpec(
        financial=spec.financial.replace("£2.025 million", "£2.4 million")))
    assert raised.read_bytes() != typeset.read_bytes()
    old, new = versions.amounts_changed(folder)
    return Pair(typeset, make_scan(typeset, folder / "scan.pdf", dpi=200, lean=0.6), raised,
                make_scan(old, folder / "amounts-v1-scan.pdf", dpi=200, lean=0.6), new)


@pytest.fixture(scope="module")
def scan_vs_typeset(pair: Pair):
    return compare_files(pair.scan, pair.typeset)


def test_a_scan_of_a_typeset_paper_shows_few_or_no_changes(scan_vs_typeset, pair):
    result = scan_vs_typeset
    assert result.old.ocr_pages == list(range(1, result.old.pages + 1))
    assert result.new.ocr_pages == []
    assert len(result.changes) <= 2, [(c.old and c.old.text, c.new and c.new.text)
                                      for c in result.changes]
    assert result.amounts == []
    assert result.summary_changes == []
    assert result.recommendations == []
    assert sum(op.i2 - op.i1 for op in result.ops if op.tag == "equal") > 300


def test_ocr_misreadings_are_listed_apart_not_dropped(scan_vs_typeset):
    result = scan_vs_typeset
    for noise in result.ocr_noise:
        assert not noise.money and noise.kind != "renumber"
    data = result.to_dict()
    assert data["ocr"]["old_pages"] == result.old.ocr_pages
    assert len(data["ocr"]["noise"]) == len(result.ocr_noise)
    assert all(set(n) == {"kind", "old", "new", "money"} for n in data["ocr"]["noise"])


def test_a_changed_amount_is_found_against_a_scan(pair):
    result = compare_files(pair.scan, pair.raised)
    money = [a for a in result.amounts if a.old_pence == 202_500_000]
    assert money and all(a.new_pence == 240_000_000 for a in money)
    assert any(c.money and "2.4" in c.new.text for c in result.changes)
    # As the typeset paper compared with its raised version says: the same money, the same
    # summaries (the recommendation's figure stands in both), and little else.
    typeset = compare_files(pair.typeset, pair.raised)
    assert [(a.old_pence, a.new_pence, a.kind) for a in result.amounts] == [
        (a.old_pence, a.new_pence, a.kind) for a in typeset.amounts]
    assert [s.to_dict() for s in result.summary_changes] == [
        s.to_dict() for s in typeset.summary_changes]
    assert len(result.changes) <= len(typeset.changes) + 2


def test_every_amount_changed_in_a_scanned_version_is_found(pair):
    result = compare_files(pair.amounts_v1_scan, pair.amounts_v2)
    assert [(a.old_pence, a.new_pence) for a in result.amounts] == [
        (250_000_000, 270_000_000)] * 3 + [(290_000_000, 310_000_000),
                                           (250_000_000, 270_000_000)]
    assert [s.kind for s in result.summary_changes] == ["capital"]


def test_either_side_may_be_the_scan(pair):
    result = compare_files(pair.typeset, pair.scan)
    assert result.new.ocr_pages and not result.old.ocr_pages
    assert len(result.changes) <= 2 and result.amounts == []


def test_the_registers_kept_words_stand_for_ocr(pair):
    with PaperDocument.open(pair.scan) as doc:
        kept: dict[int, OcrPage] = {p.index: p for p in recognise_pages(doc)}
    asked: list[int] = []

    def stored() -> dict[int, OcrPage]:
        asked.append(1)
        return kept

    with PaperDocument.open(pair.scan) as scan, PaperDocument.open(pair.typeset) as typeset:
        with reading(scan), reading(typeset):
            # OCR off: the kept words are read, nothing is recognised again.
            old = read_version(scan, "scan.pdf", ocr=False, stored=stored)
            new = read_version(typeset, "typeset.pdf", ocr=False, stored=stored)
            result = compare_versions(old, new)
    assert asked == [1]  # asked once, for the scan only: the typeset paper has no empty page
    assert old.ocr_pages == sorted(i + 1 for i in kept)
    assert len(result.changes) <= 2 and result.amounts == []


def test_without_ocr_a_scan_is_refused_plainly(pair):
    with pytest.raises(NoTextLayerError):
        compare_files(pair.scan, pair.typeset, ocr=False)


def test_command_reads_the_scan_and_says_so(pair, capsys):
    assert main(["compare", str(pair.scan), str(pair.raised), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["schema"] == "mopac-desk/compare@1"
    assert data["ocr"]["old_pages"] == [1, 2, 3, 4] and data["ocr"]["new_pages"] == []
    assert any(a["old_pence"] == 202_500_000 and a["new_pence"] == 240_000_000
               for a in data["amounts"])
    assert main(["compare", str(pair.scan), str(pair.typeset)]) == 0
    out = capsys.readouterr().out
    assert "The earlier paper was read by OCR (page(s) 1, 2, 3, 4)." in out


def test_command_no_ocr_gives_one_line_and_status_2(pair, capsys):
    for flags in ([], ["--json"]):
        assert main(["compare", str(pair.scan), str(pair.typeset), "--no-ocr", *flags]) == 2
        out, err = capsys.readouterr()
        line = out if flags else err  # with --json, one JSON object on stdout
        assert (err if flags else out) == "" and len(line.strip().splitlines()) == 1
        assert "no text layer" in line and "Traceback" not in line


def test_a_smudged_amount_is_a_change_to_check_against_the_page(pair, tmp_path, capsys):
    l, b, r, t = find_rect(pair.typeset, 2, "£213,477")
    digit = (r - l) / 8
    smudge = (l + 3 * digit, b + 1, l + 4.4 * digit, t - 2)  # a blot over the "3" and ","
    scan = make_scan(pair.typeset, tmp_path / "smudged.pdf", smudges={2: [smudge]})
    result = compare_files(scan, pair.typeset)
    at = [k for k, c in enumerate(result.changes)
          if c.new is not None and "213,477" in c.new.text]
    # Whatever OCR made of the blot, the figure is not passed off as the same sum: it is a
    # change, read with low confidence, to compare with the page.
    assert at, [(c.old and c.old.text, c.new and c.new.text) for c in result.changes]
    assert at[0] in result.doubtful()
    assert {d["change"] for d in result.to_dict()["ocr"]["doubtful"]} == set(result.doubtful())
    assert main(["compare", str(scan), str(pair.typeset)]) == 0
    out = capsys.readouterr().out
    assert "compare with the page" in out
