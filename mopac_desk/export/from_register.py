"""Build :class:`PackData` from the register: one meeting, chosen papers, or everything.

Reads only through the register's public query methods (``meetings``, ``agenda``,
``list_papers``, ``get_paper``), so the pack sees exactly what the clerk sees. Repeated
mentions of one sum are merged (see :func:`merge_repeated_costs`) so totals count it once.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Callable, Sequence

from ..register import Register, RegisterError
from .pack import (
    PackAnnotation, PackCheck, PackCost, PackData, PackPaper, PackRecommendation,
    merge_repeated_costs,
)

Progress = Callable[[int, int], None]

# A recommendation, cost or annotation belongs to Part 2 when its part says so ("part2",
# "Part 2 report") or it sits on a page inside a part of that kind.
_PART2 = re.compile(r"part[\s_-]*(2|two|ii)\b", re.IGNORECASE)


class PackSourceError(RegisterError):
    """The meeting or papers asked for are not in the register (message fit for a clerk)."""


def find_meeting(register: Register, meeting_date: str) -> dict[str, Any]:
    """The meeting on ``meeting_date`` (ISO); the first one made if several share the date."""
    try:
        wanted = date.fromisoformat(meeting_date.strip())
    except ValueError:
        raise PackSourceError(
            f"'{meeting_date}' is not a date: write the meeting date as YYYY-MM-DD."
        ) from None
    matches = [m for m in register.meetings() if m["date"] == wanted.isoformat()]
    if not matches:
        raise PackSourceError(
            f"There is no meeting on {wanted:%d/%m/%Y} in the register. Create it and add "
            "its papers first (mopac-desk meeting create / add)."
        )
    return min(matches, key=lambda m: m["id"])


def pack_for_meeting(register: Register, meeting_id: int,
                     progress: Progress | None = None) -> PackData:
    """A pack of one meeting's papers in agenda order, items numbered 1, 2, 3..."""
    meeting = next((m for m in register.meetings() if m["id"] == meeting_id), None)
    if meeting is None:
        raise PackSourceError(f"There is no meeting number {meeting_id} in the register.")
    ids = [p.id for p in register.agenda(meeting_id)]
    papers = _papers(register, ids, numbered=True, progress=progress)
    return PackData(meeting["name"], _to_date(meeting["date"]), datetime.now(), register.user,
                    papers)


def pack_for_papers(register: Register, paper_ids: Sequence[int],
                    progress: Progress | None = None) -> PackData:
    """A pack of chosen papers, in the order given."""
    if not paper_ids:
        raise PackSourceError("Choose at least one paper to export.")
    papers = _papers(register, list(dict.fromkeys(paper_ids)), numbered=False,
                     progress=progress)
    return PackData(None, None, datetime.now(), register.user, papers)


def pack_for_register(register: Register, progress: Progress | None = None) -> PackData:
    """A pack of every paper in the register, in the order they were imported."""
    ids = [p.id for p in register.list_papers()]
    papers = _papers(register, ids, numbered=False, progress=progress)
    return PackData(None, None, datetime.now(), register.user, papers)


def _papers(register: Register, ids: list[int], *, numbered: bool,
            progress: Progress | None) -> list[PackPaper]:
    out = []
    for n, pid in enumerate(ids, start=1):
        out.append(paper_from_register(register.get_paper(pid), str(n) if numbered else None))
        if progress is not None:
            progress(n, len(ids))
    return out


def paper_from_register(data: dict[str, Any], item: str | None = None) -> PackPaper:
    """Turn one ``Register.get_paper`` record into a :class:`PackPaper`."""
    fields = data.get("fields", {})

    def value(name: str) -> str | None:
        f = fields.get(name)
        v = f.get("value") if f else None
        return v if v not in ("", None) else None

    part2_pages = _part2_pages(data.get("parts", []))

    def from_part2(part: str | None, page: int | None) -> bool:
        return bool(part and _PART2.search(part)) or (page is not None and page in part2_pages)

    return PackPaper(
        item=item,
        reference=value("reference"),
        title=value("title"),
        report_by=value("report_by"),
        on_behalf_of=value("on_behalf_of"),
        decision_required_by=_to_date(value("decision_required_by")),
        status=data["paper"].get("status"),
        classification=value("classification"),
        part2_classification=value("part2_classification"),
        recommendations=[
            PackRecommendation(
                part=r["part"], number=r.get("number"), text=r["text"], action=r["action"],
                tags=list(r.get("tags", [])), outcome=r.get("outcome"),
                from_part2=from_part2(r["part"], r.get("page")))
            for r in data.get("recommendations", [])
        ],
        costs=merge_repeated_costs([
            PackCost(
                amount_pence=c["amount_pence"], kind=c["kind"], years=list(c.get("years") or []),
                context=c.get("context") or c.get("raw") or "", page=c.get("page"),
                part=c["part"], from_part2=from_part2(c["part"], c.get("page")))
            for c in data.get("costs", [])
        ]),
        checks=[
            PackCheck(code=f["code"], severity=f["severity"], message=f["message"],
                      page=f.get("page"), dismissed=bool(f.get("dismissed")))
            for f in data.get("findings", [])
        ],
        annotations=[
            PackAnnotation(page=a.get("page"), author=a.get("author") or "",
                           text=a.get("text") or f"({a.get('kind', 'note')})",
                           created=_to_datetime(a.get("created_at")))
            for a in data.get("annotations", [])
        ],
    )


def _part2_pages(parts: list[dict[str, Any]]) -> set[int]:
    pages: set[int] = set()
    for p in parts:
        if _PART2.search(str(p.get("kind", ""))):
            pages.update(range(int(p["first_page"]), int(p["last_page"]) + 1))
    return pages


def _to_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _to_datetime(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
