"""The PDF objects of exported annotations, as plain data both writers turn into PDF.

The same plan is written by pikepdf (a whole new file) or by pypdf (an incremental update of
a signed file), so the dictionaries are described once here: dictionary keys and plain
``str`` values are PDF names ("/Highlight"), :class:`Text` is a text string, :class:`Ref`
points at another object of the same page's plan (or at the page itself, :data:`PAGE`), and
:class:`Stream` is a form XObject. They follow what Acrobat writes: ``/NM`` on everything, the
print flag, a ``/Popup`` for each note, replies as ``/Text`` annotations ``/IRT`` their
comment with ``/RT /R``, and the review status as a hidden reply carrying ``/State`` and
``/StateModel /Review``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any, Mapping, Sequence

from . import appearance
from .appearance import Drawing, note_rect
from .model import Annotation, Reply, new_pdf_name

PRINT = 4
NO_ZOOM, NO_ROTATE, HIDDEN = 8, 16, 2
#: notes, replies and popups as Acrobat flags them: printed, icon kept upright and unscaled
NOTE_FLAGS = PRINT | NO_ZOOM | NO_ROTATE
STATE_FLAGS = NOTE_FLAGS | HIDDEN
POPUP_SIZE = (200.0, 110.0)

SUBTYPES: dict[str, str] = {
    "highlight": "/Highlight", "underline": "/Underline", "strikeout": "/StrikeOut",
    "note": "/Text", "area": "/Square", "textbox": "/FreeText", "insert": "/Caret",
    "ink": "/Ink",
}
SUBJECTS: dict[str, str] = {
    "highlight": "Highlight", "underline": "Underline", "strikeout": "Strikeout",
    "note": "Sticky Note", "area": "Rectangle", "textbox": "Text Box", "insert": "Inserted Text",
    "ink": "Pencil",
}


class Text(str):
    """A PDF text string (not a name)."""


@dataclass(frozen=True)
class Ref:
    """A reference to another object of the plan, by its key."""

    key: str


PAGE = Ref("page")


@dataclass
class Stream:
    """A form XObject: its dictionary entries and content bytes."""

    entries: dict[str, Any]
    data: bytes


@dataclass
class PagePlan:
    """The objects to add to one page: every object by key, and the keys of those that go
    into the page's ``/Annots`` (in drawing order)."""

    page: int
    objects: dict[str, dict[str, Any] | Stream] = field(default_factory=dict)
    annots: list[str] = field(default_factory=list)


@lru_cache(maxsize=4096)
def pdf_date(iso: str) -> str:
    """An ISO 8601 time as a PDF date in UTC (``D:20240312101500+00'00'``); now if empty."""
    when = None
    if iso:
        try:
            when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        except ValueError:
            when = None
    if when is None:
        when = datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")


def _nums(values: Sequence[float]) -> list[float]:
    return [round(float(v), 3) for v in values]


def _form(d: Drawing) -> Stream:
    entries: dict[str, Any] = {"/Type": "/XObject", "/Subtype": "/Form", "/FormType": 1,
                               "/BBox": _nums(d.bbox)}
    if d.resources:
        entries["/Resources"] = d.resources
    return Stream(entries, d.content)


def _common(subtype: str, rect: Sequence[float], flags: int, name: str, author: str,
            contents: str, created: str, modified: str, ap: str) -> dict[str, Any]:
    return {
        "/Type": "/Annot", "/Subtype": subtype, "/Rect": _nums(rect), "/P": PAGE,
        "/F": flags, "/NM": Text(name), "/T": Text(author), "/Contents": Text(contents),
        "/CreationDate": Text(pdf_date(created)), "/M": Text(pdf_date(modified or created)),
        "/AP": {"/N": Ref(ap)},
    }


def pdf_name_of(a: Annotation) -> str:
    """The ``/NM`` written for ``a``: its own, else one stable for its register id."""
    if a.pdf_name:
        return a.pdf_name
    if a.id is not None:
        return f"mopac-annotation-{a.id}"
    return new_pdf_name()


def _reply_name(a_name: str, r: Reply, k: int) -> str:
    if r.pdf_name:
        return r.pdf_name
    return f"mopac-reply-{r.id}" if r.id is not None else f"{a_name}-reply-{k}"


def _popup_rect(icon: Sequence[float], page_box: Sequence[float]) -> list[float]:
    w, h = POPUP_SIZE
    px0, py0, px1, py1 = page_box
    x = icon[2] + 6 if icon[2] + 6 + w <= px1 else max(px0, icon[0] - 6 - w)
    top = min(py1, max(py0 + h, icon[3]))
    return [x, top - h, x + w, top]


def plan_annotation(plan: PagePlan, n: int, a: Annotation, page_box: Sequence[float]) -> None:
    """Add the objects of ``a`` (comment, drawing, popup, replies, status) to ``plan``."""
    key = f"a{n}"
    name = pdf_name_of(a)
    drawing = appearance.drawing(a)
    rect = drawing.bbox
    flags = NOTE_FLAGS if a.kind == "note" else PRINT
    annot = _common(SUBTYPES[a.kind], rect, flags, name, a.author, a.contents, a.created,
                    a.modified, f"{key}.ap")
    annot["/C"] = _nums(appearance.rgb(a.colour))
    annot["/Subj"] = Text(SUBJECTS[a.kind])
    if a.kind in ("highlight", "underline", "strikeout"):
        quads: list[float] = []
        for x0, y0, x1, y1 in a.rects:
            quads += [x0, y1, x1, y1, x0, y0, x1, y0]  # the order Acrobat writes
        annot["/QuadPoints"] = _nums(quads)
    elif a.kind == "note":
        annot["/Name"] = "/Comment"
        annot["/Open"] = False
    elif a.kind == "area":
        annot["/BS"] = {"/Type": "/Border", "/W": appearance.LINE_WIDTH, "/S": "/S"}
        # the outline's middle line is the area: /RD says how far inside /Rect it runs
        annot["/RD"] = [appearance.LINE_WIDTH / 2] * 4
    elif a.kind == "textbox":
        annot["/DA"] = Text(f"/Helv {appearance.TEXT_SIZE:g} Tf 0 g")
        annot["/Q"] = 0
        annot["/BS"] = {"/Type": "/Border", "/W": 1, "/S": "/S"}
    elif a.kind == "insert":
        annot["/Sy"] = "/None"
    elif a.kind == "ink":
        annot["/InkList"] = [_nums([c for pt in path for c in pt]) for path in a.ink]
        annot["/BS"] = {"/Type": "/Border", "/W": appearance.LINE_WIDTH, "/S": "/S"}
    plan.objects[f"{key}.ap"] = _form(drawing)
    plan.objects[key] = annot
    plan.annots.append(key)

    if a.kind == "note":
        annot["/Popup"] = Ref(f"{key}.pop")
        plan.objects[f"{key}.pop"] = {
            "/Type": "/Annot", "/Subtype": "/Popup", "/Parent": Ref(key), "/P": PAGE,
            "/Rect": _nums(_popup_rect(rect, page_box)), "/Open": False, "/F": NOTE_FLAGS,
            "/NM": Text(f"{name}-popup"),
        }
        plan.annots.append(f"{key}.pop")

    icon = note_rect(a) if a.kind == "note" else [rect[0], rect[3] - 20, rect[0] + 20, rect[3]]
    for k, reply in enumerate(a.replies):
        rkey = f"{key}.r{k}"
        plan.objects[f"{rkey}.ap"] = _form(appearance.empty(icon))
        entry = _common("/Text", icon, NOTE_FLAGS, _reply_name(name, reply, k), reply.author,
                        reply.contents, reply.created, reply.modified, f"{rkey}.ap")
        entry.update({"/IRT": Ref(key), "/RT": "/R", "/Name": "/Comment", "/Open": False,
                      "/C": annot["/C"], "/Subj": Text("Reply")})
        plan.objects[rkey] = entry
        plan.annots.append(rkey)

    if a.status != "none":
        skey = f"{key}.st"
        state = a.status.capitalize()
        who = a.author or "reviewer"
        plan.objects[f"{skey}.ap"] = _form(appearance.empty(icon))
        entry = _common("/Text", icon, STATE_FLAGS, f"{name}-state", who,
                        f"{state} set by {who}", a.modified or a.created,
                        a.modified or a.created, f"{skey}.ap")
        entry.update({"/IRT": Ref(key), "/State": Text(state),
                      "/StateModel": Text("Review"), "/Name": "/Comment", "/Open": False})
        plan.objects[skey] = entry
        plan.annots.append(skey)


def plan_pages(annotations: Sequence[Annotation],
               page_boxes: Mapping[int, Sequence[float]]) -> dict[int, PagePlan]:
    """Every annotation's objects, by 1-based page (annotations off the file's pages are
    left out: the caller checks that first)."""
    plans: dict[int, PagePlan] = {}
    for n, a in enumerate(annotations):
        box = page_boxes.get(a.page)
        if box is None or (not a.rects and not a.ink) or (a.kind == "ink" and not a.ink):
            continue
        plan = plans.setdefault(a.page, PagePlan(a.page))
        plan_annotation(plan, n, a, box)
    return plans
