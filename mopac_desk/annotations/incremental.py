"""Annotations added to a signed PDF as an incremental update, written by pypdf.

pikepdf (qpdf) always rewrites a whole file, which breaks a digital signature: the signed
byte range would no longer be the file's bytes. pypdf's ``PdfWriter(reader,
incremental=True)`` appends only the new and changed objects and a new cross-reference
section after the original bytes, which stay the file's prefix unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject, BooleanObject, DecodedStreamObject, DictionaryObject, FloatObject,
    IndirectObject, NameObject, NumberObject, PdfObject, TextStringObject,
)

from ..files import openable
from .model import Annotation
from .pdf_plan import PAGE, PagePlan, Ref, Stream, Text, plan_pages


class IncrementalError(Exception):
    """The signed file cannot be updated incrementally (message for the clerk)."""


def _value(value: Any, refs: dict[str, Any]) -> PdfObject:
    if isinstance(value, Ref):
        return refs[value.key]
    if isinstance(value, Text):
        return TextStringObject(str(value))
    if isinstance(value, str):
        return NameObject(value)
    if isinstance(value, bool):
        return BooleanObject(value)
    if isinstance(value, int):
        return NumberObject(value)
    if isinstance(value, float):
        return FloatObject(value)
    if isinstance(value, dict):
        d = DictionaryObject()
        for k, v in value.items():
            d[NameObject(k)] = _value(v, refs)
        return d
    if isinstance(value, list):
        return ArrayObject([_value(v, refs) for v in value])
    raise TypeError(f"no PDF form for {value!r}")


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, IndirectObject):
        obj = obj.get_object()
    return obj.get(key) if isinstance(obj, DictionaryObject) else None


def _add(writer: PdfWriter, page: DictionaryObject, plan: PagePlan,
         kept: list[Any]) -> None:
    refs: dict[str, Any] = {PAGE.key: page.indirect_reference}
    made: dict[str, PdfObject] = {}
    for key, obj in plan.objects.items():
        target: PdfObject = DecodedStreamObject() if isinstance(obj, Stream) else DictionaryObject()
        if isinstance(obj, Stream):
            target.set_data(obj.data)  # type: ignore[attr-defined]
        made[key] = target
        # pypdf has no public call that makes an object indirect without adding it to a page
        refs[key] = writer._add_object(target)
    for key, obj in plan.objects.items():
        entries = obj.entries if isinstance(obj, Stream) else obj
        target_dict = made[key]
        for k, v in entries.items():
            target_dict[NameObject(k)] = _value(v, refs)  # type: ignore[index]
    page[NameObject("/Annots")] = ArrayObject(kept + [refs[k] for k in plan.annots])


def write_incremental(source: Path, password: str | None, chosen: Sequence[Annotation],
                      tmp: Path, keep: Callable[[int], bool],
                      check_pages: Callable[[Sequence[Annotation], int], None],
                      is_review: Callable[[Any, Callable[[Any, str], Any]], bool]) -> None:
    """Append ``chosen`` to ``source`` as an incremental update written to ``tmp``."""
    try:
        reader = PdfReader(openable(source))
        if reader.is_encrypted:
            raise IncrementalError(
                f"“{source.name}” is signed and protected by a password: this app cannot add "
                "annotations to it without breaking its signature.")
        writer = PdfWriter(reader, incremental=True)
        pages = list(writer.pages)
        boxes = {i: [float(v) for v in p.cropbox] for i, p in enumerate(pages, start=1)}
        check_pages(chosen, len(pages))
        plans = plan_pages(chosen, boxes)
        for number, page in enumerate(pages, start=1):
            annots = page.get("/Annots")
            annots = annots.get_object() if annots is not None else None
            existing = list(annots) if isinstance(annots, ArrayObject) else []
            kept = [a for a in existing if keep(number) or not is_review(a, _get)]
            plan = plans.get(number)
            if plan is not None:
                _add(writer, page, plan, kept)
            elif len(kept) != len(existing):
                page[NameObject("/Annots")] = ArrayObject(kept)
        with tmp.open("wb") as fh:
            writer.write(fh)
    except PdfReadError as exc:
        raise IncrementalError(f"“{source.name}” cannot be read for an incremental "
                               f"update ({exc}).") from None
