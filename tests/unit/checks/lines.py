"""Hand-made layout lines for rule tests: every character 5 pt wide on its own baseline."""

from __future__ import annotations

from mopac_desk.extract.lines import Line
from mopac_desk.extract.model import Cost, FieldValue, Paper, Part


def make_lines(*rows: str | tuple[int, str] | tuple[int, str, float], size: float = 9.0) -> list[Line]:
    """Lines from text rows; a row may be ``(page, text)`` or ``(page, text, x0)``.
    Each page starts near the top and goes down 14 pt a line."""
    lines: list[Line] = []
    y_by_page: dict[int, float] = {}
    for row in rows:
        page, text, x = (1, row, 72.0) if isinstance(row, str) else (*row, 72.0)[:3]
        y = y_by_page.get(page, 780.0)
        y_by_page[page] = y - 14.0
        boxes = [(x + 5.0 * i, y, x + 5.0 * i + 4.5, y + size) for i in range(len(text))]
        lines.append(Line(page=page, text=text, boxes=boxes, x0=x, y0=y,
                          x1=x + 5.0 * len(text), y1=y + size, font_size=size))
    return lines


def make_paper(lines: list[Line], kind: str | None = None, costs: list[Cost] | None = None,
               **fields: str) -> Paper:
    """A paper over ``lines``: one part of ``kind`` if given, fields given as ISO/text values."""
    first, last = (lines[0].page, lines[-1].page) if lines else (1, 1)
    paper = Paper(first_page=first, last_page=last,
                  parts=[Part(kind, first, last)] if kind else [], costs=costs or [])
    for name, value in fields.items():
        paper.fields[name] = FieldValue(value=value, page=first, quote=value,
                                        rects=[[72.0, 700.0, 120.0, 709.0]])
    return paper


def cost(raw: str, pence: int, kind: str, context: str, page: int = 1,
         part: str = "report") -> Cost:
    """A cost as extraction reports it."""
    return Cost(amount_pence=pence, raw=raw, kind=kind, years=[], part=part, page=page,
                context=context, rects=[[72.0, 700.0, 110.0, 709.0]])
