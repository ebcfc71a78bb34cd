"""Exporting a paper's document with its annotations as standard PDF annotations.

The input file is never changed: the output is written whole (:mod:`mopac_desk.whole_file`:
beside the target, moved into place only when complete), so a failure leaves no half-written PDF.
An ordinary PDF is rewritten by pikepdf. A signed PDF (one with a ``/ByteRange`` signature)
is written as an incremental update by pypdf (``PdfWriter(..., incremental=True)``): its
original bytes stay the file's prefix, so the signature still covers what was signed.

The register holds the document's review comments (imported ones included), so the file's
own review annotations (the kinds :mod:`pdf_read` imports, their popups and replies) are
replaced by the register's; links, form fields, stamps and the like are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import pikepdf

from ..whole_file import WholeFileError, writing_whole
from .model import Annotation
from .pdf_plan import PAGE, PagePlan, Ref, Stream, Text, plan_pages
from .pdf_read import SUBTYPE_KINDS, AnnotationReadError, open_pdf


class ExportError(Exception):
    """The annotated PDF could not be written (the message is for the clerk)."""


@dataclass
class ExportResult:
    """What :func:`export_annotated` wrote."""

    path: Path
    comments: int
    replies: int
    incremental: bool
    #: the library that wrote the file: "pikepdf" (whole file) or "pypdf" (incremental)
    writer: str


def is_signed(path: Path) -> bool:
    """True when the file holds a digital signature (a ``/ByteRange`` of signed bytes).

    Signature dictionaries are never inside compressed object streams (the signed byte
    range must be findable in the file), so a look at the raw bytes is enough.
    """
    with path.open("rb") as fh:
        carry = b""
        while chunk := fh.read(1 << 20):
            if b"/ByteRange" in carry + chunk:
                return True
            carry = chunk[-16:]
    return False


def _is_review(annot: Any, get: Callable[[Any, str], Any]) -> bool:
    """A review comment (or its popup or reply) that the register's comments replace."""
    subtype = str(get(annot, "/Subtype") or "")
    if subtype in SUBTYPE_KINDS:
        return True
    if subtype == "/Popup":
        parent = get(annot, "/Parent")
        return parent is not None and str(get(parent, "/Subtype") or "") in SUBTYPE_KINDS
    return get(annot, "/IRT") is not None and get(annot, "/State") is not None


# -- pikepdf (whole file) -------------------------------------------------------------------

def _pike_value(pdf: pikepdf.Pdf, value: Any, refs: dict[str, Any]) -> Any:
    if isinstance(value, Ref):
        return refs[value.key]
    if isinstance(value, Text):
        return pikepdf.String(str(value))
    if isinstance(value, str):
        return pikepdf.Name(value)
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        return pikepdf.Dictionary({k: _pike_value(pdf, v, refs) for k, v in value.items()})
    if isinstance(value, list):
        if all(type(v) is float or type(v) is int for v in value):
            return value  # pikepdf turns a list of numbers into an array itself, faster
        return pikepdf.Array([_pike_value(pdf, v, refs) for v in value])
    raise TypeError(f"no PDF form for {value!r}")


Keep = Callable[[int], bool]
"""Given a 1-based page number: keep the file's own review annotations on it?"""


def add_with_pikepdf(pdf: pikepdf.Pdf, plans: dict[int, PagePlan], keep: Keep) -> None:
    """Add every page plan's objects to ``pdf`` (open in pikepdf)."""
    get = lambda obj, key: obj.get(key)  # noqa: E731 - one accessor for both libraries
    for number, page in enumerate(pdf.pages, start=1):
        plan = plans.get(number)
        annots = page.obj.get("/Annots")
        kept = [a for a in annots if keep(number) or not _is_review(a, get)] \
            if isinstance(annots, pikepdf.Array) else []
        if plan is None:
            if isinstance(annots, pikepdf.Array) and len(kept) != len(annots):
                page.obj.Annots = pikepdf.Array(kept)
            continue
        refs: dict[str, Any] = {PAGE.key: page.obj}
        for key, obj in plan.objects.items():
            if isinstance(obj, Stream):
                stream = pikepdf.Stream(pdf, obj.data)
                refs[key] = stream
            else:
                refs[key] = pdf.make_indirect(pikepdf.Dictionary())
        for key, obj in plan.objects.items():
            target = refs[key]
            entries = obj.entries if isinstance(obj, Stream) else obj
            for k, v in entries.items():
                target[k] = _pike_value(pdf, v, refs)
        page.obj.Annots = pikepdf.Array(kept + [refs[k] for k in plan.annots])


def _box(page: Any) -> list[float]:
    return [float(v) for v in page.cropbox]


def _write_pikepdf(source: Path, password: str | None, chosen: Sequence[Annotation],
                   tmp: Path, keep: Keep) -> None:
    with open_pdf(source, password) as pdf:
        boxes = {i: _box(p) for i, p in enumerate(pdf.pages, start=1)}
        _check_pages(chosen, len(boxes))
        add_with_pikepdf(pdf, plan_pages(chosen, boxes), keep)
        # a protected paper stays protected with its own password
        pdf.save(tmp, encryption=True if pdf.is_encrypted else False)


# -- pypdf (incremental, for signed files) --------------------------------------------------

def _write_pypdf(source: Path, password: str | None, chosen: Sequence[Annotation],
                 tmp: Path, keep: Keep) -> None:
    from .incremental import IncrementalError, write_incremental

    try:
        write_incremental(source, password, chosen, tmp, keep, _check_pages,
                          _is_review)
    except IncrementalError as exc:
        raise ExportError(str(exc)) from None


# -- the export -----------------------------------------------------------------------------

def _check_pages(chosen: Sequence[Annotation], pages: int) -> None:
    off = sorted({a.page for a in chosen if a.page > pages})
    if off:
        raise ExportError(
            f"Some annotations are on page {off[0]}, but the document has {pages} page"
            f"{'s' if pages != 1 else ''}: they belong to another version of the paper.")


def export_annotated(source: str | Path, annotations: Sequence[Annotation], out: str | Path,
                     *, password: str | None = None, include_private: bool = False,
                     keep_existing: bool = False, pages: tuple[int, int] | None = None,
                     incremental: bool | None = None) -> ExportResult:
    """Write ``source`` with ``annotations`` (private ones only if ``include_private``) to
    ``out``, atomically; ``source`` is never changed.

    ``incremental`` None chooses by the file: an incremental update for a signed PDF,
    a whole rewrite otherwise. ``keep_existing`` keeps the file's own review annotations
    beside the ones written (by default the written ones replace them). ``pages`` (first,
    last), the paper's pages of a file holding several papers: the file's own review
    annotations are replaced there only, the other papers' are kept.
    """
    src, dest = Path(source), Path(out)
    if not src.is_file():
        raise ExportError(f"The paper's document “{src.name}” could not be found.")
    try:
        if dest.resolve() == src.resolve():
            raise ExportError("The annotated PDF must be written to a new file, not over the "
                              "paper's own document.")
    except OSError as exc:
        raise ExportError(f"“{dest}” cannot be written ({exc.strerror}).") from None
    chosen = [a for a in annotations if include_private or not a.private]
    use_incremental = is_signed(src) if incremental is None else incremental
    write = _write_pypdf if use_incremental else _write_pikepdf

    def keep(page: int) -> bool:
        return keep_existing or (pages is not None and not pages[0] <= page <= pages[1])

    try:
        with writing_whole(dest) as tmp:
            write(src, password, chosen, tmp, keep)
    except WholeFileError as exc:
        raise ExportError(str(exc)) from None
    except AnnotationReadError as exc:
        raise ExportError(str(exc)) from None
    except pikepdf.PdfError as exc:
        raise ExportError(f"“{src.name}” could not be rewritten ({exc}).") from None
    return ExportResult(dest, len(chosen), sum(len(a.replies) for a in chosen),
                        use_incremental, "pypdf" if use_incremental else "pikepdf")
