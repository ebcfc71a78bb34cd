"""Safe terminal output: a paper's control characters are shown, never obeyed."""

from __future__ import annotations

import errno
import io
import json

import pytest

from mopac_desk.cli import main
from mopac_desk.terminal import (_escape, echo, needs_escaping, os_reason, printable,
                                 printable_block, quoted)
from tests.helpers.hostile_pdfs import HOSTILE, hostile_paper


def _no_controls(text: str) -> None:
    bad = [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) < 0xA0
           or c in "\u202e\u202c" or 0xD800 <= ord(c) <= 0xDFFF]
    assert not bad, f"control characters reached the output: {bad!r}"


def test_printable_escapes_every_control_sequence():
    out = printable(HOSTILE)
    _no_controls(out)
    assert "\\e]0;owned\\x07" in out and "\\e[2J" in out and "\\x9b" in out
    assert "\\u202e" in out and "Title" in out and "red" in out
    assert printable("line one\nline two") == "line one\\nline two"
    assert printable_block("line one\nline\x07 two") == "line one\nline\\x07 two"
    assert printable("£14.7m – fine") == "£14.7m – fine"  # ordinary text passes untouched


def test_names_that_are_not_utf8_or_hold_newlines_are_quoted_on_one_line():
    assert quoted("pcd-977.pdf") == "pcd-977.pdf"
    assert quoted("caf\udce9.pdf") == '"caf\\xe9.pdf"'
    assert quoted("two\nlines.pdf") == '"two\\nlines.pdf"'
    assert quoted("trailing.pdf ") == '"trailing.pdf "'
    assert "\n" not in quoted("a\nb\rc")


def test_echo_survives_a_console_that_cannot_show_the_text():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    echo("£14.7m \x1b[2J", file=stream)
    stream.flush()
    assert raw.getvalue() == b"?14.7m \\e[2J\n"


def test_os_errors_are_named_in_plain_words():
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full"
    assert "Error" not in os_reason(OSError(errno.EBADF, "Bad file descriptor"))


@pytest.fixture
def hostile_pdf(tmp_path):
    return hostile_paper(tmp_path / "hostile\x1b[2J.pdf")


@pytest.mark.parametrize("command", ["extract", "check"])
def test_extract_and_check_print_hostile_text_inert(hostile_pdf, capsys, command):
    assert main([command, str(hostile_pdf)]) == 0
    out = capsys.readouterr().out
    _no_controls(out)
    assert "hostile\\e[2J.pdf" in out
    assert main([command, str(hostile_pdf), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)  # JSON stays JSON
    assert parsed


def test_list_and_search_print_hostile_titles_inert(tmp_path, capsys):
    from mopac_desk.register import Register
    from tests.unit.register.conftest import make_extraction, make_paper

    reg_path = tmp_path / "r.sqlite"
    with Register(reg_path, user="tester") as reg:
        reg.add_extraction(make_extraction(papers=[make_paper(title="Devices " + HOSTILE)]),
                           "store/aa/x.pdf", ["devices page text"])
    for argv in (["list"], ["search", "devices"], ["meeting", "list"]):
        main([*argv, "--register", str(reg_path)])
        captured = capsys.readouterr()
        _no_controls(captured.out)
        _no_controls(captured.err)
    assert main(["search", "Title", "--register", str(reg_path), "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert any("\x1b" in h["snippet"] for h in hits)  # JSON keeps the text, escaped


@pytest.mark.parametrize("keep", ["", "\n\t"])
def test_the_one_scan_finds_exactly_the_characters_made_visible(keep):
    # needs_escaping scans with one regular expression; it must agree, character by
    # character, with the rule printable applies (every code point of the BMP, and past it).
    for code in [*range(0x10000), 0x1F600, 0x10FFFF]:
        ch = chr(code)
        assert needs_escaping(f"a{ch}b", keep) == (_escape(ch, keep) != ch), hex(code)
