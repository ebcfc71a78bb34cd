"""Recommendation lists: the decision form's "Recommendation:" and the report's list.

Items may be numbered ("1.", "a)", "(ii)"), bulleted, or plain paragraphs; they wrap across
lines and pages. Running headers/footers and footnotes are already out of the part's lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line, load_spans
from .model import Recommendation
from .stream import PartText

_HEADING = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?recommendations?(?:\(s\))?\s*(?P<colon>:)?\s*(?P<rest>.*)$",
    re.IGNORECASE)
# Headings that end a recommendations list (numbering before them allowed).
_STOP = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+|[A-Z]\.\s+)?(?:time\s+sensitiv|non-?\s?confidential\s+facts|"
    r"introduction|background|executive\s+summary|summary\b|issues\s+for\s+consideration|"
    r"financial|legal\s+(comments|implications)|equality|part\s+(?:1|i|2|ii)\b|signature|"
    r"i\s+confirm\b|the\s+above\s+request|deputy\s+mayor\s+for\s+policing\s+and\s+crime\s*$|"
    r"chief\s+executive|public\s+access\s+to\s+information|originating\s+officer|"
    r"reasons?\s+for|decision\s+required|contributes\s+to|risks?\b|next\s+steps|date\s*:?\s*\d)",
    re.IGNORECASE)
_MARKER = re.compile(
    r"^\s*(?:(?P<num>(?:\(?\d{1,2}(?:\.\d{1,2})+\.?|\(?\d{1,2}[.)]|\(\d{1,2}\))(?=\s))|"
    r"(?P<alpha>(?:\(?[a-hj-z][.)]|\([a-hj-z]\))(?=\s))|"
    r"(?P<roman>(?:\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|\((?:i{1,3}|iv|vi{0,3}|ix|x)\))(?=\s))|"
    # Word's bullets arrive as Symbol/Wingdings private-use characters too.
    r"(?P<bullet>[•●○▪◦■□➢►‣∙·\uf0b7\uf0a7\uf076\uf0d8\uf0e8\uf0fc\uf02d](?=\s*\S)|"
    r"[\-–—*o](?=\s+\S)))\s*")
_INTRO = re.compile(
    r"\b(?:is|are)\s+(?:hereby\s+)?(?:recommended|asked|invited|requested|being\s+asked)\s+to\b\s*:?\s*",
    re.IGNORECASE)
_VERB_ONLY = re.compile(
    r"^\s*(?:to\s+)?(approve|note|agree|delegate|award|endorse)"
    r"(?:\s+(?:the\s+following(?:\s+recommendations)?|as\s+follows))?\s*:?\s*$", re.IGNORECASE)


def action_of(text: str, default: str | None = None) -> str:
    """The action an item asks for: approve, delegate, note, agree, award or other."""
    words = re.findall(r"[a-z]+", text.lower())[:6]
    if words and words[0] == "to":
        words = words[1:]
    head = words[0] if words else ""
    if any(w.startswith("delegat") for w in words[:4]):
        return "delegate"
    if head.startswith(("approv", "authoris", "authoriz", "sanction")):
        return "approve"
    if head.startswith(("note", "noting")):
        return "note"
    if head.startswith(("agree", "endorse", "support", "confirm")):
        return "agree"
    if head.startswith("award"):
        return "award"
    return default or "other"


@dataclass
class _Item:
    number: str | None
    level: int
    lines: list[tuple[Line, int]] = field(default_factory=list)  # (line, start column)
    action: str | None = None
    parent: int | None = None

    def text(self) -> str:
        out = ""
        for ln, col in self.lines:
            piece = ln.text[col:].strip()
            if not out:
                out = piece
            elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and piece[:1].islower():
                out += piece  # a word broken at the line end
            else:
                out += " " + piece
        out = re.sub(r"\s+", " ", out).strip()
        out = re.sub(r"\s*(?:;|,)?\s*(?:and|or)\s*$", "", out) if re.search(r"[;,]\s*(and|or)$", out) else out
        return out.rstrip(";").rstrip()


def _number(m: re.Match[str]) -> str | None:
    if m.group("bullet"):
        return None
    return re.sub(r"[().]", "", m.group(0).strip()).rstrip(")") or None


def _kind(m: re.Match[str], prev_alpha: str | None) -> str:
    if m.group("roman"):
        letter = re.sub(r"[().]", "", m.group(0).strip())
        # "(i)" after "(h)" is a letter, not a Roman one.
        if prev_alpha and len(letter) == 1 and ord(letter) == ord(prev_alpha) + 1:
            return "alpha"
        return "roman"
    for k in ("num", "alpha", "bullet"):
        if m.group(k):
            return k
    return "bullet"


def _body_lines(part: PartText) -> list[list[tuple[Line, int]]]:
    """Each recommendations block of the part: its lines with the column text starts at."""
    blocks = []
    lines = part.lines
    i = 0
    while i < len(lines):
        m = _HEADING.match(lines[i].text)
        if not m or (m.group("rest") and not m.group("colon")) or (
                lines[i].text.strip().lower().startswith("recommendations") and len(lines[i].text) > 60):
            i += 1
            continue
        block: list[tuple[Line, int]] = []
        if m.group("rest").strip():
            block.append((lines[i], m.start("rest")))
        j = i + 1
        while j < len(lines) and not _stops(lines[j], block) and not _HEADING.match(lines[j].text):
            block.append((lines[j], 0))
            j += 1
        if block:
            blocks.append(block)
        i = j
    return blocks


def _stops(line: Line, block: list[tuple[Line, int]]) -> bool:
    """True for a heading that ends the list (a wrapped item line never starts in capitals
    with a heading's words and no full stop)."""
    text = line.text.strip()
    first = next((ch for ch in text if ch.isalpha()), "")
    if _STOP.match(text) and first.isupper() and (len(text) < 40 or not text.endswith(".")):
        return True
    if not first.isupper() or text.endswith((".", ",", ";", ":")) or _MARKER.match(text) or \
            _VERB_ONLY.match(text):
        return False
    sizes = sorted(ln.font_size for ln, _ in block)
    if len(sizes) >= 3 and line.font_size > sizes[len(sizes) // 2] * 1.15 and len(text) < 80:
        return True
    # A short capitalised line after a finished sentence reads as the next heading.
    if block:
        prev = block[-1][0]
        right = max(ln.x1 for ln, _ in block)
        left = min(ln.x0 for ln, _ in block)
        if prev.text.rstrip().endswith(".") and len(text.split()) <= 8 and \
                line.x1 < left + 0.55 * (right - left) and line.page == prev.page:
            return True
    return False


def _typical_pitch(block: list[tuple[Line, int]]) -> float:
    gaps = sorted(a.y0 - b.y0 for (a, _), (b, _) in zip(block, block[1:])
                  if a.page == b.page and 0 < a.y0 - b.y0 < 60)
    return gaps[len(gaps) // 4] if gaps else 14.0


def _parse_block(block: list[tuple[Line, int]]) -> list[_Item]:
    items: list[_Item] = []
    list_verb: str | None = None
    pitch = _typical_pitch(block)
    right = max(ln.x1 for ln, _ in block)
    first_kind: str | None = None
    first_x: float | None = None
    prev_alpha: str | None = None
    marked = any(_MARKER.match(ln.text[c:]) for ln, c in block)
    intro_open = True  # still in the lead-in sentence ("... is asked to:")
    intro_parts: list[tuple[Line, int]] = []
    parent_hint: int | None = None
    prev: Line | None = None
    for ln, col in block:
        text = ln.text[col:]
        m = _MARKER.match(text)
        vm = _VERB_ONLY.match(text)
        if vm and not m:
            list_verb = action_of(vm.group(1))
            intro_open = False
            prev = ln
            continue
        if intro_open and not m:
            intro_parts.append((ln, col))
            joined = " ".join(l.text[c:] for l, c in intro_parts)
            im = _INTRO.search(joined)
            if joined.rstrip().endswith(":") and (im or len(intro_parts) <= 3):
                tail = joined[im.end():] if im else ""
                if im is None:
                    # "It is recommended that the DMPC approves:" names the verb last.
                    words = re.findall(r"[A-Za-z]+", joined)
                    verb = action_of(words[-1]) if words else "other"
                    list_verb = verb if verb != "other" else list_verb
                if im:
                    vm2 = _VERB_ONLY.match(tail)
                    if vm2:
                        list_verb = action_of(vm2.group(1))
                    elif tail.strip().rstrip(":").strip():
                        # "... is recommended to approve X, including:" -> X is an item.
                        items.append(_intro_item(intro_parts, im, level=0))
                        parent_hint = len(items) - 1
                intro_open = False
            elif im is None and len(intro_parts) >= 4:
                # No lead-in at all: these are items.
                for l2, c2 in intro_parts:
                    _add_plain(items, l2, c2, prev, pitch, right)
                    prev = l2
                intro_parts = []
                intro_open = False
            prev = ln
            continue
        if intro_open and m:
            if intro_parts:
                joined = " ".join(l.text[c:] for l, c in intro_parts)
                im = _INTRO.search(joined)
                if im and joined[im.end():].strip().rstrip(":").strip() and not _VERB_ONLY.match(
                        joined[im.end():]):
                    items.append(_intro_item(intro_parts, im, level=0))
                    parent_hint = len(items) - 1 if joined.rstrip().endswith(":") else None
                elif im:
                    vm2 = _VERB_ONLY.match(joined[im.end():])
                    if vm2:
                        list_verb = action_of(vm2.group(1))
            intro_open = False
        if m:
            kind = _kind(m, prev_alpha)
            if kind == "alpha":
                prev_alpha = re.sub(r"[().]", "", m.group(0).strip())
            if first_kind is None:
                first_kind, first_x = kind, ln.x0
            level = 0 if kind == first_kind and ln.x0 <= (first_x or 0) + 8 else 1
            if parent_hint is not None and level == 0 and (first_kind == kind):
                level = 1
            item = _Item(_number(m), level)
            item.lines.append((ln, col + m.end()))
            if level == 1:
                parents = [k for k, it in enumerate(items) if it.level == 0]
                item.parent = parents[-1] if parents else parent_hint
            items.append(item)
        elif marked and items:
            items[-1].lines.append((ln, col))
        else:
            _add_plain(items, ln, col, prev, pitch, right)
        prev = ln
    if intro_open and intro_parts:
        joined = " ".join(l.text[c:] for l, c in intro_parts)
        im = _INTRO.search(joined)
        if im and joined[im.end():].strip():
            items.append(_intro_item(intro_parts, im, level=0))
        elif im is None:
            prev = None
            for l2, c2 in intro_parts:
                _add_plain(items, l2, c2, prev, pitch, right)
                prev = l2
    for it in items:
        it.action = action_of(it.text(), list_verb)
        if it.parent is not None and it.action == "other" and 0 <= it.parent < len(items):
            it.action = items[it.parent].action or "other"
    return items


def _intro_item(parts: list[tuple[Line, int]], im: re.Match[str], level: int) -> _Item:
    """The item that follows "is recommended to" inside the lead-in sentence."""
    item = _Item(None, level)
    offset = im.end()
    pos = 0
    for ln, col in parts:
        piece = ln.text[col:]
        if pos + len(piece) >= offset:
            item.lines.append((ln, col + max(0, offset - pos)))
            offset = -1
        elif offset < 0:
            item.lines.append((ln, col))
        pos += len(piece) + 1
    if offset >= 0:
        item.lines.append(parts[-1])
    return item


def _add_plain(items: list[_Item], ln: Line, col: int, prev: Line | None, pitch: float,
               right: float) -> None:
    """An unmarked line: a new paragraph item, or the continuation of the last one."""
    new = not items
    if items and prev is not None:
        last_text = prev.text.rstrip()
        if ln.page != prev.page:
            new = last_text.endswith((".", ";")) and ln.text[col:col + 1].isupper()
        else:
            gap = prev.y0 - ln.y0
            short = prev.x1 < right - 0.2 * (right - prev.x0)
            new = gap > pitch * 1.35 or (short and last_text.endswith((".", ";"))
                                          and ln.text[col:col + 1].isupper())
    if new:
        items.append(_Item(None, 0))
    items[-1].lines.append((ln, col))


def _text_start(line: Line, col: int) -> int:
    """Where an item's text starts on ``line``: its column, spaces skipped."""
    return col + (len(line.text[col:]) - len(line.text[col:].lstrip()))


def extract_recommendations(parts: list[PartText]) -> list[Recommendation]:
    """Every recommendation of every part, in reading order; ``parent`` indexes this list."""
    return read_recommendations(parts)[0]


def read_recommendations(parts: list[PartText]) -> tuple[list[Recommendation], set[int]]:
    """:func:`extract_recommendations` and :func:`recommendation_lines` of ``parts`` from one
    reading of their recommendation blocks (the costs ask which lines hold one)."""
    out: list[Recommendation] = []
    held: set[int] = set()
    cited: list[list[tuple[Line, int]]] = []  # each item's lines on its first page
    for part in parts:
        if part.kind not in ("decision", "report", "other"):
            continue
        for block in _body_lines(part):
            parsed = _parse_block(block)
            for it in parsed:
                held.update(id(ln) for ln, _ in it.lines)
            keep = [k for k, it in enumerate(parsed) if it.lines and it.text()]
            new_index = {old: base_k for base_k, old in enumerate(keep)}
            base = len(out)
            for it in (parsed[k] for k in keep):
                if it.parent is not None:
                    it.parent = new_index.get(it.parent)
                first_line, col = it.lines[0]
                out.append(Recommendation(
                    part=part.kind,
                    number=it.number,
                    text=it.text(),
                    action=it.action or "other",
                    parent=(base + it.parent) if it.parent is not None else None,
                    page=first_line.page,
                    rects=[],
                ))
                cited.append([(ln, c) for ln, c in it.lines if ln.page == first_line.page])
    # Every item's boxes in one trip to the PDFium thread, then its rects.
    load_spans((ln, _text_start(ln, c), len(ln.text)) for lines in cited for ln, c in lines)
    for rec, lines in zip(out, cited):
        rec.rects = [r for ln, c in lines for r in ln.rects_for(_text_start(ln, c), len(ln.text))]
    return out, held


def recommendation_lines(parts: list[PartText]) -> set[int]:
    """``id()`` of every line that holds recommendation text, so an amount can tell it is
    stated in a recommendation (whose figure stands where the paper disagrees with itself)."""
    out: set[int] = set()
    for part in parts:
        if part.kind not in ("decision", "report", "other"):
            continue
        for block in _body_lines(part):
            for it in _parse_block(block):
                out.update(id(ln) for ln, _ in it.lines)
    return out
