"""mopac-desk annotations list|export."""

from __future__ import annotations

import json

import pikepdf

from mopac_desk.annotations import command
from mopac_desk.register import Register


def main(argv: list[str]) -> int:
    """Run the annotations subcommand as mopac-desk would (its own parser only, so these
    tests do not hang on every other command module)."""
    import argparse

    parser = argparse.ArgumentParser(prog="mopac-desk")
    command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def _fill(reg_path, paper_id):
    with Register(reg_path) as reg:
        aid = reg.add_annotation(paper_id, 1, "highlight", text="Red \x1b[31mflag\x07",
                                 rects=[[100, 700, 200, 712]], quote="the sum",
                                 who="Priya")[0].entity_id
        reg.add_reply(aid, "Agreed", who="Tom")
        reg.add_annotation(paper_id, 1, "note", text="private one", private=True,
                           rects=[[10, 10, 30, 30]])
    return aid


def test_list_json_has_the_promised_fields(register, paper_id, capsys):
    aid = _fill(register.path, paper_id)
    assert main(["annotations", "list", "--paper", str(paper_id), "--register",
                 str(register.path), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    first = items[0]
    for key in ("id", "paper_id", "page", "type", "author", "contents", "quote", "status",
                "created", "modified", "colour", "rects", "pdf_name", "tags", "private",
                "replies"):
        assert key in first, key
    assert (first["id"], first["type"], first["quote"], first["author"]) == (
        aid, "highlight", "the sum", "Priya")
    assert [(r["author"], r["contents"]) for r in first["replies"]] == [("Tom", "Agreed")]
    assert set(first["replies"][0]) >= {"author", "contents", "created"}
    assert items[1]["private"] is True


def test_list_for_people_has_no_terminal_control_characters(register, paper_id, capsys):
    _fill(register.path, paper_id)
    assert main(["annotations", "list", "--register", str(register.path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Red \\e[31mflag\\x07" in out and "↳ Tom: Agreed" in out
    assert out.strip().endswith("2 annotation(s), 1 reply")


def test_export_writes_an_annotated_pdf_without_private_notes(register, paper_id, tmp_path,
                                                              capsys):
    _fill(register.path, paper_id)
    out = tmp_path / "annotated.pdf"
    assert main(["annotations", "export", "--paper", str(paper_id), "--out", str(out),
                 "--register", str(register.path)]) == 0
    assert "1 annotation(s), 1 reply" in capsys.readouterr().out
    with pikepdf.open(out) as pdf:
        kinds = sorted(str(a.Subtype) for a in pdf.pages[0].obj.Annots)
    assert kinds == ["/Highlight", "/Text"]


def test_bad_input_gets_one_plain_line_and_status_2(register, paper_id, tmp_path, capsys):
    reg = str(register.path)
    cases = [
        ["annotations", "list", "--paper", "999", "--register", reg],
        ["annotations", "list", "--register", str(tmp_path / "none.sqlite")],
        ["annotations", "export", "--paper", "999", "--out", str(tmp_path / "x.pdf"),
         "--register", reg],
        ["annotations", "export", "--paper", str(paper_id), "--out",
         str(tmp_path / "no" / "x.pdf"), "--register", reg],
    ]
    for argv in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
    assert not (tmp_path / "none.sqlite").exists()


def test_the_subcommand_is_routed_by_mopac_desks_cli():
    from mopac_desk import cli

    assert command in cli.COMMAND_MODULES
