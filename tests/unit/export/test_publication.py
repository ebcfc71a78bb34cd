"""Part 2 never leaks into a publication pack (issue #13): a paper whose Part 2 names the
bidders and their bids is imported into a real register and exported with publication=True;
no word or figure of its Part 2 reaches any XML part of the workbook."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from mopac_desk.cli import main
from mopac_desk.export.excel import write_pack
from mopac_desk.export.from_register import pack_for_register
from mopac_desk.extract.model import (
    Cost, Extraction, FieldValue, Finding, Paper, Part, Recommendation,
)
from mopac_desk.register import Register

# Words and figures that appear only in Part 2 (page 3).
SECRETS = ["Alpha Systems", "Brightwater Comms", "preferred bidder", "3,120,000", "3120000",
           "3,480,000", "3480000", "OFFICIAL-SENSITIVE [COMMERCIAL]", "lowest compliant",
           "price per handset", "Ask Procurement about Alpha"]


def part2_paper() -> Paper:
    paper = Paper(first_page=1, last_page=3, parts=[
        Part("decision", 1, 1), Part("report", 2, 2), Part("part2", 3, 3)])
    for name, value, page in (("reference", "PCD 2200", 1),
                              ("title", "Radio Handset Replacement", 1),
                              ("classification", "OFFICIAL", 1),
                              ("part2_classification", "OFFICIAL-SENSITIVE [COMMERCIAL]", 2)):
        paper.fields[name] = FieldValue(value, page, value, [])
    paper.recommendations = [
        Recommendation("decision", "1", "Approve capital expenditure of £2.5m for handsets.",
                       "approve", None, 1, []),
        Recommendation("part2", "2", "Award the contract to Alpha Systems Ltd, the preferred "
                       "bidder, at £3,120,000 (lowest compliant bid).", "award", None, 3, []),
    ]
    paper.costs = [
        Cost(250_000_000, "£2.5m", "capital", ["2025/26"], "decision", 1,
             "Approve capital expenditure of £2.5m for handsets.", []),
        Cost(312_000_000, "£3,120,000", "contract", [], "part2", 3,
             "Alpha Systems Ltd bid £3,120,000, a price per handset of £412.", []),
        Cost(348_000_000, "£3,480,000", "contract", [], "part2", 3,
             "Brightwater Comms bid £3,480,000.", []),
    ]
    paper.checks = [
        Finding("amount_mismatch", "warning",
                "Contract amount given as £3,120,000 and as £3,480,000 (Alpha Systems).", 3,
                "£3,480,000", []),
        Finding("missing-date", "warning", "No signature date.", 1, "Sig", []),
    ]
    return paper


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    path = tmp_path / "register.sqlite"
    with Register(path, user="clerk") as reg:
        reg.add_extraction(Extraction("p2.pdf", "e" * 64, 3, [part2_paper()]), "p2.pdf")
        (paper,) = reg.list_papers()
        reg.add_annotation(paper.id, 3, "note", text="Ask Procurement about Alpha's price")
        reg.add_annotation(paper.id, 1, "note", text="Check the capital line")
        tags = [c for c in reg.get_paper(paper.id).costs if c.kind == "contract"]
        reg.create_tag("handsets")
        reg.tag("handsets", "cost", [tags[0].id])
    return path


def xml_text(path: Path) -> str:
    """Every XML part of the workbook, entities decoded, as one string."""
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist()]
    text = "\n".join(parts)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def test_full_pack_has_the_part2_content(register_path, tmp_path):
    with Register(register_path) as reg:
        pack = pack_for_register(reg)
    xml = xml_text(write_pack(pack, tmp_path / "full.xlsx"))
    for word in ("Alpha Systems", "Brightwater Comms", "3120000", "Ask Procurement about Alpha"):
        assert word in xml  # the test can fail: these words are there to be left out
    assert pack.papers[0].part2_items == 5  # 1 recommendation, 2 costs, 1 check, 1 note
    # Bids are confidential: listed in the full pack, counted in no summary or total.
    wb = openpyxl.load_workbook(tmp_path / "full.xlsx")
    counts = [r[4] for r in wb["Costs"].iter_rows(min_row=2, values_only=True)]
    assert counts == ["Capital"] + ["Not counted: Part 2 (confidential)"] * 2
    finance = dict(zip([c.value for c in wb["Finance"][1]], [c.value for c in wb["Finance"][2]]))
    assert finance["Capital"] == 2_500_000 and finance["Contracts (not spend)"] is None


def test_no_part2_word_reaches_the_publication_workbook(register_path, tmp_path):
    with Register(register_path) as reg:
        pack = pack_for_register(reg)
    out = write_pack(pack, tmp_path / "pub.xlsx", publication=True)
    xml = xml_text(out)
    leaked = [w for w in SECRETS if w.lower() in xml.lower()]
    assert leaked == []
    # What is not Part 2 is all there, and the Summary says what went.
    wb = openpyxl.load_workbook(out)
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Version"] == ("Publication version: 5 Part 2 items left out "
                                  "(1 recommendation, 2 costs, 1 check, 1 annotation)")
    assert summary["Protective marking"] == "OFFICIAL"
    assert [r[4] for r in wb["Recommendations"].iter_rows(min_row=2, values_only=True)] == [
        "Approve capital expenditure of £2.5m for handsets."]
    finance = dict(zip([c.value for c in wb["Finance"][1]], [c.value for c in wb["Finance"][2]]))
    assert finance["Capital"] == 2_500_000 and finance["Contracts (not spend)"] is None
    assert "Check the capital line" in xml
    # Nothing of Part 2 hides in a number either: no cell holds a Part 2 figure.
    numbers = set(re.findall(r"<v>([^<]*)</v>", xml))
    assert not numbers & {"3120000", "3480000", "412"}


def test_cli_publication_says_how_many_were_left_out(register_path, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert main(["export-pack", "--register", str(register_path), "--all", "--publication",
                 "--out", str(out)]) == 0
    assert "5 Part 2 item(s) left out" in capsys.readouterr().out
    assert [w for w in SECRETS if w.lower() in xml_text(out).lower()] == []
