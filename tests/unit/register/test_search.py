"""Full-text search: words, prefixes, phrases, and queries that must never raise."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from mopac_desk.register import Register
from mopac_desk.register.search import fts_query

from .conftest import make_extraction


def _fill(register: Register) -> None:
    register.add_extraction(make_extraction(), "store/aa/x.pdf",
                            ["Cover page", "The end user devices are nine years old."])


def test_words_prefixes_and_phrases_give_page_and_snippet(register):
    _fill(register)
    page_hits = [h for h in register.search('"end user" nine') if h.source == "page"]
    assert page_hits[0].page == 2 and "[end user]" in page_hits[0].snippet
    assert {h.source for h in register.search("devic*")} >= {"page", "recommendation", "field:title"}
    assert register.search("nonexistentword") == []


def test_stray_syntax_falls_back_to_words(register):
    _fill(register)
    for q in ['"end user', "nine)", "(nine", "NOT", "nine AND", "title:nine", "-nine", "*", "ni*ne", "£14.7m"]:
        register.search(q)  # never raises
    assert register.search("nine)")[0].page == 2


def test_operator_placement_is_repaired():
    assert fts_query("OR nine AND") == '"nine"'
    assert fts_query('devic* "end user"') == '"devic"* "end user"'


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_query_is_safe(tmp_path_factory, text):
    reg = _REG.get("r")
    if reg is None:
        reg = _REG["r"] = Register(tmp_path_factory.mktemp("s") / "r.sqlite")
        _fill(reg)
    reg.search(text)


_REG: dict[str, Register] = {}


def teardown_module() -> None:
    for reg in _REG.values():
        reg.close()
