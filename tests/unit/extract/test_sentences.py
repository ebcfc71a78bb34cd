"""Where an amount's sentence ends: full stops before a capital, a colon at a line end, a line
that starts a list item; not an abbreviation's full stop, nor one inside brackets."""

from __future__ import annotations

from mopac_desk.extract.costs import sentence_ends


def _ends(text: str) -> list[str]:
    """The last few characters before each sentence end, to read the cuts by."""
    return [text[:i][-12:] for i in sentence_ends(text)]


def test_sentences_end_at_full_stops_colons_and_list_items():
    text = ("The programme. The cost is £213,477 (inc. VAT) or above. See para. 4. Approve:\n"
            "1. First item; Second\n• bullet\nDone e.g. Here. Capital of £14.7m. ABC. Next")
    assert _ends(text) == ['e programme.', 'T) or above.', 'See para. 4.', '4. Approve:\n',
                           ' Approve:\n1.', ' First item;', 'tem; Second\n', 'e e.g. Here.',
                           'l of £14.7m.', '£14.7m. ABC.']


def test_no_sentence_ends_at_an_abbreviation_or_inside_brackets():
    for text in ("About £2m approx. The rest", "See Fig. 3 below", "Item no. 4", "Mr J. Smith",
                 "£5k (see the note. It says more) and"):
        assert sentence_ends(text) == [], text
    # after a long word the full stop ends the sentence, whatever letters end the word
    assert _ends("Subject to the Regulations. The sum") == ['Regulations.']
    assert _ends("It is no longer a prototypinc. Then") == ['prototypinc.']
