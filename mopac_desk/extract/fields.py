"""The clerk's fields of one paper: reference, title, dates, who reports, markings."""

from __future__ import annotations

import re
from contextvars import ContextVar

from .dates import find_dates
from .lines import Line, load_spans
from .model import FIELD_NAMES, FieldValue
from .segment import is_meeting_line
from .stream import PartText, TextStream

_WS = re.compile(r"\s+")
_LOGO_WORDS = {"mayor", "of", "london", "office", "for", "policing", "and", "crime", "mopac"}


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


# Fields found while extract_fields runs get their rects at its end, all lines' boxes read
# in one trip to the PDFium thread (and none for candidates that were passed over).
_PENDING: ContextVar["list[tuple[FieldValue, TextStream, int, int]] | None"] = ContextVar(
    "fields_pending_rects", default=None)


def _field(stream: TextStream, start: int, end: int, value: str | None = None) -> FieldValue:
    quote = stream.text[start:end]
    fv = FieldValue(
        value=_clean(value if value is not None else quote),
        page=stream.page_at(start),
        quote=_clean(quote),
        rects=[],
    )
    pending = _PENDING.get()
    if pending is None:
        fv.rects = stream.rects(start, end)
    else:
        pending.append((fv, stream, start, end))
    return fv


def _strip_unbalanced(text: str) -> str:
    text = text.strip()
    while text and text[-1] in ")]" and text.count(text[-1]) > text.count(
            "(" if text[-1] == ")" else "["):
        text = text[:-1].rstrip()
    return text


def _wrapped_end(stream: TextStream, start: int, stop: re.Pattern[str] | None = None,
                 max_lines: int = 3) -> int:
    """End offset of a value starting at ``start`` that may wrap onto following lines: it
    runs on while the line before reaches the right margin."""
    lines, starts = stream.lines, stream.starts
    i = stream.line_index(start)
    right = stream.right
    end = starts[i] + len(lines[i].text)
    n = 1
    while (i + 1 < len(lines) and n < max_lines and lines[i].x1 >= right - 0.15 * (right - lines[i].x0)
           and lines[i + 1].page == lines[i].page
           and lines[i].y0 - lines[i + 1].y1 < 0.8 * max(lines[i].font_size, 4.0)
           and not (stop and stop.match(lines[i + 1].text))
           and not lines[i].text.rstrip().endswith((".", ":"))):
        i += 1
        n += 1
        end = starts[i] + len(lines[i].text)
    return end


# -- single fields -----------------------------------------------------------------------

_REFERENCE = re.compile(r"\b(PCD|DMPCD|DMPC\s*D)\s*[-–]?\s*(?:No\.?\s*)?(\d{2,5}(?:/\d{1,4})?)\b")


def _reference(decision: PartText | None, whole: TextStream) -> FieldValue | None:
    """The decision's reference: from the decision form, or a "Reference:" label. A report
    on its own has none (it may cite earlier decisions)."""
    if decision is not None:
        m = _REFERENCE.search(decision.stream.text)
        if m:
            prefix = re.sub(r"\s+", "", m.group(1))
            return _field(decision.stream, m.start(), m.end(), f"{prefix} {m.group(2)}")
    for m in re.finditer(r"(?im)^\s*(?:decision\s+)?reference\s*(?:no\.?)?\s*:\s*", whole.text):
        m2 = _REFERENCE.match(whole.text, m.end())
        if m2:
            prefix = re.sub(r"\s+", "", m2.group(1))
            return _field(whole, m2.start(), m2.end(), f"{prefix} {m2.group(2)}")
    return None


# "Title:", "Decision title:", "Title of decision –", or a table's "Title" cell beside the title.
_TITLE_LABEL = re.compile(
    r"^\s*(?:(?:decision|paper)\s+title|title(?:\s+of\s+(?:the\s+)?(?:decision|paper|report))?|"
    r"subject)\s*(?::\s*|[-–]\s+|(?=\s{2,}[A-Z])\s+|$)", re.IGNORECASE)
# A form's table: the "Title" cell and the title beside it read as one line, "Title Police …".
_TITLE_CELL = re.compile(r"^\s*Title\s+(?=[A-Z(])")
_STOP_LINE = re.compile(
    r"^\s*(executive\s+summary|recommendations?|summary|background|decision|part\s+(1|i|2|ii)\b|"
    r"report\s+by|mopac\s+investment|investment\s+advisory)", re.IGNORECASE)


def _decision_title(decision: PartText) -> FieldValue | None:
    """The title a decision form gives after its "Title" label (on the same line, or alone
    on its line with the title below)."""
    s = decision.stream
    for i, ln in enumerate(s.lines[:40]):
        m = _TITLE_LABEL.match(ln.text) or _TITLE_CELL.match(ln.text)
        if not m:
            continue
        if ln.text[m.end():].strip():
            start = s.starts[i] + m.end()
        elif i + 1 < len(s.lines) and not _STOP_LINE.match(s.lines[i + 1].text):
            start = s.starts[i + 1]  # the label alone; the title on the next line
        else:
            continue
        end = _wrapped_end(s, start, _STOP_LINE, max_lines=2)
        return _field(s, start, end)
    return None


_REPORT_BY = re.compile(r"^\s*Report\s+by\b", re.IGNORECASE)


_NOT_TITLE = re.compile(
    r"^\s*((agenda\s+)?item\s*\d+|(PCD|DMPCD)\s*\d+|(?-i:OFFICIAL|SECRET)\b|appendix\b|annex\b)",
    re.IGNORECASE)


def _report_title_lines(report: PartText) -> list[int]:
    """Indices of the heading lines above the meeting line (the logo block left out)."""
    lines = report.stream.lines
    anchor = next((i for i, ln in enumerate(lines[:25])
                   if is_meeting_line(ln.text) or _REPORT_BY.match(ln.text)), None)
    if anchor is None:
        return []
    picked: list[int] = []
    j = anchor - 1
    while j >= 0 and len(picked) < 4 and lines[j].page == lines[anchor].page:
        words = set(re.findall(r"[a-z]+", lines[j].text.lower()))
        if words and words <= _LOGO_WORDS:
            break
        if _NOT_TITLE.match(lines[j].text):
            break  # "Agenda item 4", "PCD 977", "OFFICIAL – PUBLIC" above the heading
        picked.insert(0, j)
        j -= 1
    # A tall heading sits apart from the logo; keep only the lines of the largest type.
    if picked:
        top = max(lines[k].font_size for k in picked)
        picked = [k for k in picked if lines[k].font_size >= top * 0.8]
    return picked


def _with_brackets(found: str, title: str) -> str:
    """``found`` closed with the bracket the upper-case ``title`` closes with."""
    stripped = title.rstrip()
    if stripped.endswith(")") and not found.endswith(")") and found.count("(") > found.count(")"):
        return found + ")"
    return found


def _mixed_case_twin(title: str, whole: TextStream) -> str | None:
    """The same words written in mixed case elsewhere in the paper, if any."""
    words = re.findall(r"\w+", title)
    if not words:
        return None
    pattern = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    for m in pattern.finditer(whole.text):
        found = _clean(m.group(0))
        if not found.isupper() and re.findall(r"\w+", found.lower()) == [w.lower() for w in words]:
            # Brackets the words pattern stops short of are the heading's own: keep them.
            return _with_brackets(found, title)
    return None


def _title(decision: PartText | None, report: PartText | None, whole: TextStream,
           others: list[PartText] | None = None) -> FieldValue | None:
    """The paper's title: its decision form's title when it has one (the report heading is
    the report's own title; a real difference is for the title-mismatch check), else the
    report heading."""
    for part in [decision] if decision else []:
        found = _decision_title(part)
        if found:
            return found
    for part in others or []:
        found = _decision_title(part)  # a form not recognised as such still has its label
        if found:
            return found
    return _report_title(report, whole)


def _report_title(report: PartText | None, whole: TextStream) -> FieldValue | None:
    """The report's own heading (in mixed case where the paper also writes it so)."""
    if report is None:
        return None
    idx = _report_title_lines(report)
    if not idx:
        return None
    s = report.stream
    start = s.starts[idx[0]]
    end = s.starts[idx[-1]] + len(s.lines[idx[-1]].text)
    fv = _field(s, start, end)
    if fv.value.isupper():
        twin = _mixed_case_twin(fv.value, whole)
        if twin:
            fv.value = twin
    return fv


def _meeting_date(report: PartText | None, whole: TextStream) -> FieldValue | None:
    streams = [report.stream] if report else []
    streams.append(whole)
    for s in streams:
        for i, ln in enumerate(s.lines):
            if is_meeting_line(ln.text) or re.match(r"^\s*(meeting\s+)?date\s+of\s+meeting|^\s*meeting\s+date",
                                                        ln.text, re.IGNORECASE):
                # The date may have wrapped onto the next line.
                end = s.starts[i + 1] + len(s.lines[i + 1].text) if i + 1 < len(s.lines) else len(s.text)
                for d in find_dates(s.text[s.starts[i]:end]):
                    if d.start > len(ln.text) + 1 + 4:
                        break
                    if d.iso is None:
                        return None
                    start = s.starts[i] + d.start
                    return _field(s, start, start + len(d.raw), d.iso)
                return None
    return None


_TIME_SENSITIVITY = re.compile(r"^\s*(\d+(\.\d+)*\.?\s*)?time\s+sensitiv\w*\s*:?\s*",
                               re.IGNORECASE)
_REQUIRED_BY = re.compile(r"(decision|approval)\s+is\s+(required|needed|sought)\b", re.IGNORECASE)


def _section_end(s: TextStream, i: int, max_lines: int = 10) -> int:
    """End offset of the section whose heading is line ``i``: before the next heading-like
    line (short, capitalised, no closing punctuation, after a finished sentence)."""
    lines = s.lines
    right = s.right
    j = i + 1
    while j < len(lines) and j <= i + max_lines:
        ln, prev = lines[j], lines[j - 1]
        text = ln.text.strip()
        if j > i + 1 and prev.text.rstrip().endswith((".", ":")) and text[:1].isupper() and \
                not text.endswith((".", ",", ";")) and ln.x1 < right - 0.3 * (right - ln.x0):
            break
        j += 1
    return s.starts[j] - 1 if j < len(lines) else len(s.text)


def _required_by(parts: list[PartText]) -> FieldValue | None:
    for part in parts:
        s = part.stream
        for i, ln in enumerate(s.lines):
            m = _TIME_SENSITIVITY.match(ln.text)
            if m:
                start = s.starts[i] + m.end()
                window = s.text[start:_section_end(s, i)]
                for d in find_dates(window):
                    if d.iso:
                        a = start + d.start
                        return _field(s, a, a + len(d.raw), d.iso)
                    return None
    for part in parts:
        s = part.stream
        for m in _REQUIRED_BY.finditer(s.text):
            window = s.text[m.end():m.end() + 200]
            for d in find_dates(window):
                if d.iso:
                    a = m.end() + d.start
                    return _field(s, a, a + len(d.raw), d.iso)
    return None


_ROLE_LINE = re.compile(
    r"^\s*(deputy\s+mayor\s+for\s+policing\s+and\s+crime|dmpc|chief\s+executive(\s+officer)?|"
    r"director|chief\s+finance\s+officer|head\s+of|originating\s+officer|"
    r"mayor\s+of\s+london)\b[^.]{0,40}$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\bdate[d]?\s*:?\s*$", re.IGNORECASE)


def _signed_on(decision: PartText | None) -> FieldValue | None:
    """The date beside the Deputy Mayor's signature on the decision form."""
    if decision is None:
        return None
    s = decision.stream
    role: str | None = None
    for i, ln in enumerate(s.lines):
        if _ROLE_LINE.match(ln.text):
            role = ln.text.lower()
        for d in find_dates(ln.text):
            labelled = _DATE_LABEL.search(ln.text[:d.start]) or (
                i > 0 and re.match(r"^\s*date\s*:?\s*$", s.lines[i - 1].text, re.IGNORECASE))
            if not labelled:
                continue
            if role and ("deputy mayor" in role or role.strip().startswith("dmpc")):
                if d.iso is None:
                    return None
                a = s.starts[i] + d.start
                return _field(s, a, a + len(d.raw), d.iso)
    return None


_BEHALF = re.compile(
    r"\bReport\s+by\s+(?P<by>.+?)\s+on\s+behalf\s+of\s+(?:the\s+)?(?P<of>.+)",
    re.IGNORECASE | re.DOTALL)
_AUTHOR = re.compile(r"^\s*(?:Report\s+)?authors?\s*(?:\(s\))?\s*[:\-–]\s*", re.IGNORECASE)
_BY_ONLY = re.compile(r"^\s*Report\s+by\s*:?\s+(?P<by>.+)$", re.IGNORECASE)


def _report_by(report: PartText | None) -> tuple[FieldValue | None, FieldValue | None]:
    if report is None:
        return None, None
    s = report.stream
    for i, ln in enumerate(s.lines[:30]):
        if not re.match(r"^\s*Report\s+by\b", ln.text, re.IGNORECASE):
            continue
        base = s.starts[i]
        end = _wrapped_end(s, base, _STOP_LINE, max_lines=2)
        m = _BEHALF.match(s.text, base, end)
        if m:
            by_text = s.text[m.start("by"):m.end("by")].rstrip(" ,;")
            by = _field(s, m.start("by"), m.start("by") + len(by_text))
            of_end = m.end("of")
            of_text = s.text[m.start("of"):of_end].rstrip(" .")
            of = _field(s, m.start("of"), m.start("of") + len(of_text))
            return by, of
        m2 = _BY_ONLY.match(s.text[base:end])
        if m2:
            return _field(s, base + m2.start("by"), base + m2.end("by")), None
    return None, None


def _author(parts: list[PartText]) -> FieldValue | None:
    for part in reversed(parts):
        s = part.stream
        for i, ln in enumerate(s.lines):
            m = _AUTHOR.match(ln.text)
            if m and not ln.text[m.end():].strip() and i + 1 < len(s.lines):
                # The label alone on its line: the name is on the next one.
                start = s.starts[i + 1]
                end = _wrapped_end(s, start, re.compile(r"^\s*part\s*(2|ii)\b", re.IGNORECASE))
                value = _strip_unbalanced(_clean(s.text[start:end]))
                return _field(s, start, end, value) if value else None
            if m and ln.text[m.end():].strip():
                start = s.starts[i] + m.end()
                end = _wrapped_end(s, start, re.compile(r"^\s*part\s*(2|ii)\b|^\s*(contact|tel|email)",
                                                        re.IGNORECASE))
                value = _strip_unbalanced(_clean(s.text[start:end]))
                return _field(s, start, end, value)
    return None


# A marking may wrap ("OFFICIAL –" / "PUBLIC"); its words are capitals, dashes and brackets.
_CLASSIFIED_AS = re.compile(
    r"classified\s+as\s*:?\s*(?P<v>(?:OFFICIAL|SECRET|TOP\s+SECRET|PROTECT(?:ED)?)"
    r"(?:[ \t]*[-–—]?\s*(?:PUBLIC|SENSITIVE|RESTRICTED|\[[A-Z \-]+\]))*)")
_MARKING_LINE = re.compile(r"^\s*(OFFICIAL|SECRET|TOP\s+SECRET)(\s*[-–—:]\s*[A-Z][A-Z \[\]\-]*)?\s*$")
_PART2 = re.compile(r"marking\s+for\s+Part\s*(?:2|II|two)\s+is\s*:?\s*(?P<v>[^\n]*(?:\n[^\n]*)?)",
                    re.IGNORECASE)


def _classification(parts: list[PartText], all_lines: list[Line]) -> FieldValue | None:
    for part in parts:
        s = part.stream
        m = _CLASSIFIED_AS.search(s.text)
        if m:
            value = m.group("v").strip()
            return _field(s, m.start("v"), m.start("v") + len(value))
    running = [ln for ln in all_lines if ln.running and _MARKING_LINE.match(ln.text)]
    if running:
        s = TextStream(running[:1])
        return _field(s, 0, len(running[0].text))
    return None


def _part2_classification(parts: list[PartText]) -> FieldValue | None:
    for part in parts:
        s = part.stream
        m = _PART2.search(s.text)
        if m:
            seg = m.group("v")
            start = m.start("v")
            # The marking may sit on the same line or the next one.
            first, _, second = seg.partition("\n")
            if first.strip():
                value, off = first.strip(), start + seg.index(first.strip())
            else:
                value, off = second.strip(), start + len(first) + 1 + (len(second) - len(second.lstrip()))
            if value and re.match(r"(OFFICIAL|SECRET|TOP|PROTECT|RESTRICTED)", value, re.IGNORECASE):
                return _field(s, off, off + len(value))
    return None


def extract_fields(parts: list[PartText], all_lines: list[Line]) -> dict[str, FieldValue | None]:
    """Every field of :data:`FIELD_NAMES` for one paper (None where the paper has none)."""
    pending: list[tuple[FieldValue, TextStream, int, int]] = []
    token = _PENDING.set(pending)
    try:
        found = _find_fields(parts, all_lines)
    finally:
        _PENDING.reset(token)
    load_spans(piece for _, stream, start, end in pending for piece in stream.pieces(start, end))
    for fv, stream, start, end in pending:
        fv.rects = stream.rects(start, end)
    return found


def _find_fields(parts: list[PartText], all_lines: list[Line]) -> dict[str, FieldValue | None]:
    decision = next((p for p in parts if p.kind == "decision"), None)
    report = next((p for p in parts if p.kind == "report"), None)
    body = [ln for p in parts for ln in p.lines]
    whole = TextStream(body)
    by, of = _report_by(report)
    found: dict[str, FieldValue | None] = {
        "reference": _reference(decision, whole),
        "title": _title(decision, report, whole,
                        [p for p in parts if p.kind not in ("decision", "report")]),
        "meeting_date": _meeting_date(report, whole),
        "decision_required_by": _required_by([p for p in parts if p.kind == "report"] + [
            p for p in parts if p.kind != "report"]),
        "decision_signed_on": _signed_on(decision),
        "report_by": by,
        "on_behalf_of": of,
        "report_author": _author(parts),
        "classification": _classification(parts, all_lines),
        "part2_classification": _part2_classification(parts),
        "report_title": _report_title(report, whole),
    }
    return {name: found.get(name) for name in FIELD_NAMES}
