"""The word list a comparison reads: body text only, broken words joined, punctuation apart."""

from __future__ import annotations

from mopac_desk.compare.words import Words, word_key
from mopac_desk.extract.lines import Line


def line(text: str, page: int = 1, y: float = 700.0, **flags: bool) -> Line:
    # One box per character, 5 points wide: enough to give every word a rectangle.
    boxes = [(72.0 + 5 * i, y, 77.0 + 5 * i, y + 10) for i in range(len(text))]
    return Line(page=page, text=text, boxes=boxes, x0=72.0, y0=y, x1=72.0 + 5 * len(text),
                y1=y + 10, **flags)


def texts(words: Words) -> list[str]:
    return list(words.texts)


def test_punctuation_is_tokenised_apart_but_sums_and_years_stay_whole():
    w = Words([line("Approve £2.5m (capital) in 2024/25, as agreed.")])
    assert texts(w) == ["Approve", "£2.5m", "(", "capital", ")", "in", "2024/25", ",", "as",
                        "agreed", "."]


def test_running_headers_are_left_out_and_footnotes_follow_the_body():
    w = Words([line("OFFICIAL", running=True), line("1 A note.", y=80, footnote=True),
               line("Body text.", y=600), line("Page 1 of 2", running=True)])
    assert texts(w) == ["Body", "text", ".", "1", "A", "note", "."]


def test_a_word_hyphenated_over_a_line_end_is_one_word():
    w = Words([line("The estate needs re-"), line("newal now.", y=686)])
    assert texts(w) == ["The", "estate", "needs", "renewal", "now", "."]
    i = texts(w).index("renewal")
    assert w.text(i, i + 2) == "renewal now"
    side = w.side(i, i + 1)
    assert side is not None and len(side.spans[0][1]) == 2  # on both lines


def test_a_dash_before_a_capital_is_not_a_broken_word():
    w = Words([line("Finance -"), line("Estates will pay.", y=686)])
    assert texts(w)[:3] == ["Finance", "-", "Estates"]


def test_pdfiums_hyphen_mark_and_soft_hyphens_vanish_from_the_key():
    assert word_key("re\ufffenewal") == word_key("renewal") == word_key("re\u00adnewal")
    assert word_key("re-newal") == "renewal"
    assert word_key("Capital") == word_key("CAPITAL")
    w = Words([line("re\ufffenewal")])
    assert texts(w) == ["renewal"]


def test_paragraph_labels_match_whatever_their_number():
    a = Words([line("4. The review found.")])
    b = Words([line("5. The review found.")])
    assert a.keys == b.keys
    assert a.labels == {0}
    # A year or a sum at a line start is not a label.
    assert not Words([line("2019. The handsets")]).labels
    assert Words([line("2019. The handsets")]).keys != Words([line("2020. The handsets")]).keys


def test_list_letters_are_labels_too():
    a = Words([line("(b) Approve the plan.")])
    b = Words([line("(c) Approve the plan.")])
    assert a.keys == b.keys and a.labels == {1}
    assert not Words([line("(a) above, the plan")]).labels  # a cross-reference wrapped
