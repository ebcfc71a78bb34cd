"""The tag vocabulary file and toggling tags on review items in a real register."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.review import tags as T
from mopac_desk.review.tags import Tag, VocabularyError


def test_defaults_come_from_resources_in_order():
    shipped = json.loads((T.resources_dir() / "tags.json").read_text(encoding="utf-8"))["tags"]
    names = [t.name for t in T.default_tags()]
    assert names == [t["name"] for t in shipped]
    assert {"capital", "IT", "procurement", "needs finance", "follow up"} <= set(names)
    assert all(t.colour.startswith("#") and len(t.colour) == 7 for t in T.default_tags())


def test_missing_file_gives_defaults_quietly(tmp_path):
    vocab = T.load_vocabulary(tmp_path / "tags.json")
    assert vocab.tags == T.default_tags() and vocab.problem is None


@pytest.mark.parametrize("body, says", [
    (b"{not json", "damaged"),
    (b"\xff\xfe\x00garbage", "not text"),
    (b'{"tags": "capital"}', "not a list"),
    (b'{"tags": [{"name": "a"}, {"name": "A "}]}', "two tags called"),
    (b'{"tags": [{"name": "  "}]}', "no name"),
])
def test_bad_file_gives_defaults_and_a_plain_reason(tmp_path, body, says):
    path = tmp_path / "tags.json"
    path.write_bytes(body)
    vocab = T.load_vocabulary(path)
    assert vocab.tags == T.default_tags()
    assert says in vocab.problem and str(path) in vocab.problem
    assert "Traceback" not in vocab.problem


def test_save_then_load_round_trips_order_and_colours(tmp_path):
    path = tmp_path / "sub" / "tags.json"
    saved = T.save_vocabulary([Tag("  follow   up ", "#AABBCC"), ("risk", "not a colour"),
                               {"name": "IT"}], path)
    assert saved == (Tag("follow up", "#aabbcc"), Tag("risk", T.DEFAULT_COLOUR),
                     Tag("IT", T.DEFAULT_COLOUR))
    assert T.load_vocabulary(path) == T.Vocabulary(saved)
    assert [p.name for p in path.parent.iterdir()] == ["tags.json"]  # no temporary left behind


def test_invalid_list_is_refused_and_the_old_file_kept(tmp_path):
    path = tmp_path / "tags.json"
    T.save_vocabulary([Tag("legal")], path)
    before = path.read_bytes()
    with pytest.raises(VocabularyError, match="two tags called 'Legal'"):
        T.save_vocabulary([Tag("Legal"), Tag("legal ")], path)
    with pytest.raises(VocabularyError, match="too long"):
        T.save_vocabulary([Tag("x" * (T.MAX_NAME_LENGTH + 1))], path)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a read-only folder")
def test_unwritable_folder_is_a_plain_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(VocabularyError, match="tag list could not be written: the folder "
                                                  ".* does not accept new files"):
            T.save_vocabulary([Tag("legal")], folder / "tags.json")
    finally:
        folder.chmod(0o700)


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=50)


@settings(max_examples=150, deadline=None)
@given(st.lists(names, max_size=12))
def test_validate_accepts_exactly_clean_unique_short_names(raw):
    cleaned = [" ".join(n.split()) for n in raw]
    ok = (all(cleaned) and all(len(n) <= T.MAX_NAME_LENGTH for n in cleaned)
          and len({n.casefold() for n in cleaned}) == len(cleaned))
    try:
        result = T.validate([(n, "#000000") for n in raw])
    except VocabularyError as exc:
        assert not ok and str(exc)
    else:
        assert ok and [t.name for t in result] == cleaned


def test_shortcut_tags_are_the_first_nine():
    many = tuple(Tag(f"t{i}") for i in range(12))
    assert [t.name for t in T.shortcut_tags(many)] == [f"t{i}" for i in range(9)]


# -- register ----------------------------------------------------------------------------------

def test_first_use_creates_the_register_tag_with_its_colour_once(register):
    assert T.ensure_register_tag(register, Tag("Needs Finance", "#ff7f0e")) == "Needs Finance"
    assert T.ensure_register_tag(register, Tag("needs finance", "#000000")) == "Needs Finance"
    [row] = register.tags()
    assert row["name"] == "Needs Finance" and row["colour"] == "#ff7f0e"


def test_toggle_adds_to_those_lacking_then_removes_from_all(register, paper):
    recs = [("recommendation", r.id) for r in paper.recommendations[:3]]
    T.ensure_register_tag(register, "capital")
    register.tag("capital", "recommendation", [recs[0][1]])
    plan = T.plan_toggle(register, "capital", recs)
    assert plan.add and plan.items == tuple(recs[1:])
    T.apply_toggle(register, plan, who="ada")
    assert all(register.tags_of(e, i) == ["capital"] for e, i in recs)
    again = T.plan_toggle(register, "capital", recs)
    assert not again.add and again.items == tuple(recs)
    # the inverse of the first toggle restores exactly the state before it
    T.apply_toggle(register, plan, who="ada", inverse=True)
    assert [register.tags_of(e, i) for e, i in recs] == [["capital"], [], []]
    audit = register.audit_for(paper.summary.id)
    assert [a["who"] for a in audit if a["what"] in ("tagged", "untagged")] == ["tester"] + ["ada"] * 4


def test_toggle_mixes_costs_and_recommendations(register, paper):
    items = [("recommendation", paper.recommendations[0].id),
             ("cost", paper.costs[0].id)]
    T.ensure_register_tag(register, "IT")
    T.apply_toggle(register, T.plan_toggle(register, "IT", items))
    assert register.tags_of("cost", items[1][1]) == ["IT"]
    assert register.tags_of("recommendation", items[0][1]) == ["IT"]


def test_only_review_items_can_be_toggled(register, paper):
    with pytest.raises(T.RegisterError):
        T.plan_toggle(register, "IT", [("paper", paper.summary.id)])


def test_sync_carries_renames_and_colours_and_keeps_removed_tags(register, paper):
    rec = paper.recommendations[0].id
    for name in ("IT", "estates", "legal"):
        T.ensure_register_tag(register, Tag(name, "#000000"))
    register.tag("IT", "recommendation", [rec])
    register.tag("legal", "recommendation", [rec])
    vocabulary = [Tag("Digital", "#00ff00"), Tag("estates", "#0000ff")]  # legal dropped
    problems = T.sync_register_tags(register, vocabulary, {"IT": "Digital"}, who="ada")
    assert problems == []
    assert register.tags_of("recommendation", rec) == ["Digital", "legal"]
    colours = {t["name"]: t["colour"] for t in register.tags()}
    assert colours == {"Digital": "#00ff00", "estates": "#0000ff", "legal": "#000000"}
    renames = register.conn.execute(
        "SELECT who, old_value, new_value FROM audit WHERE what = 'renamed tag'").fetchall()
    assert [tuple(r) for r in renames] == [("ada", "IT", "Digital")]


def test_a_rename_onto_a_name_in_use_is_refused_plainly_and_changes_nothing(register, paper):
    rec = paper.recommendations[0].id
    for name in ("IT", "Digital"):
        T.ensure_register_tag(register, name)
    register.tag("IT", "recommendation", [rec])
    [problem] = T.sync_register_tags(register, [Tag("Digital", "#00ff00")], {"IT": "Digital"})
    assert "'Digital' is already a tag" in problem
    assert register.tags_of("recommendation", rec) == ["IT"]
