"""What is checked of a file before PDFium reads it (with qpdf, through pikepdf).

PDFium repairs a damaged cross-reference table without saying so, and it reads whatever a
stream inflates to: a content stream of under a megabyte can inflate to gigabytes. qpdf reads
the file's structure on its own, so it tells whether the file needed repair, and the size of
every stream can be measured here, inflating at most a limit's worth of it, before PDFium
spends any memory on the file.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pikepdf

from ..files import openable
from .errors import ResourceLimitError

#: The most a content stream (a page's or a form's drawing) may inflate to. Text-heavy
#: pages of the real papers hold a few tens of kilobytes; PDFium holds about four times a
#: stream's size while it parses it.
STREAM_LIMIT = 64 << 20
#: The most all content streams of a file may inflate to together (pages stay open while
#: extraction reads their character boxes).
TOTAL_LIMIT = 512 << 20
#: The most one image may take decoded (an A4 page scanned at 600 dpi in colour: ~100 MB).
IMAGE_LIMIT = 512 << 20
#: Flate cannot inflate more than about 1032 times (LZW about as much).
_FLATE_RATIO = 1100
_CHUNK = 1 << 20
_COMPRESSING = {"/FlateDecode", "/Fl", "/LZWDecode", "/LZW"}
_FLATE = {"/FlateDecode", "/Fl"}
_COMPONENTS = {"/DeviceGray": 1, "/CalGray": 1, "/G": 1, "/DeviceRGB": 3, "/CalRGB": 3,
               "/RGB": 3, "/Lab": 3, "/DeviceCMYK": 4, "/CMYK": 4}


@dataclass(frozen=True)
class Preflight:
    """What qpdf found: ``repaired`` when the file's structure (cross-reference table,
    trailer) is damaged, which PDFium mends silently on opening; ``encrypted`` when the file
    is encrypted, ``pages`` its page count (None: qpdf could not read it far enough)."""

    repaired: bool
    encrypted: bool | None
    pages: int | None = None
    #: with ``first_page_only``: the check of every other stream, still to run (it raises
    #: :class:`ResourceLimitError`); None when everything has been checked
    rest: "RestCheck | None" = None


class RestCheck:
    """The stream check left for later by ``preflight(..., first_page_only=True)``: ``run()``
    measures every stream of the file (raising :class:`ResourceLimitError`), ``close()``
    lets go of the file without checking. Either ends it; run it before PDFium reads anything
    but the first page."""

    def __init__(self, pdf: pikepdf.Pdf, path: Path) -> None:
        self._pdf: pikepdf.Pdf | None = pdf
        self._path = path

    def run(self) -> bool:
        """Measure the rest; True when qpdf found the structure damaged only now (resolving
        the whole page tree, which the first-page check leaves for here)."""
        pdf, self._pdf = self._pdf, None
        if pdf is None:
            return False
        with pdf:
            damaged = _page_count(pdf) is None or bool(pdf.get_warnings())
            _check_streams(pdf, self._path)
            return damaged or bool(pdf.get_warnings())

    def close(self) -> None:
        pdf, self._pdf = self._pdf, None
        if pdf is not None:
            pdf.close()


def preflight(path: Path, password: str | None = None, *,
              first_page_only: bool = False) -> Preflight:
    """Check ``path`` before PDFium opens it; raises :class:`ResourceLimitError` for a file
    whose streams would take more memory than a paper may cost. Never raises for a file qpdf
    cannot read (PDFium is the judge of that).

    ``first_page_only``: measure now only what PDFium reads to open the file, size its pages
    and draw page 1 (object streams, page 1's drawing and resources); the rest (about 100 ms
    on a 3 MB meeting pack, nearly all of it inflating) is left in ``Preflight.rest``."""
    try:
        # Not pushing inherited attributes down to every page: it costs ten times the
        # opening, the checks do not need it (the first-page check follows page 1's
        # inherited resources itself), and it resolves the whole page tree, which qpdf
        # refuses past a depth PDFium still follows (the stream check would be skipped).
        pdf = pikepdf.open(openable(path), password=password or "", suppress_warnings=True,
                           inherit_page_attributes=False)
    except pikepdf.PasswordError:
        return Preflight(repaired=False, encrypted=True)
    except Exception:  # damaged beyond qpdf's own repair: PDFium may still mend it
        return Preflight(repaired=True, encrypted=None)
    kept = False
    try:
        if not first_page_only:
            pages = _page_count(pdf)
            _check_streams(pdf, path)
            return Preflight(repaired=pages is None or bool(pdf.get_warnings()),
                             encrypted=pdf.is_encrypted, pages=pages)
        damaged = bool(pdf.get_warnings())
        # Object streams hold dictionaries PDFium reads on opening (qpdf too, next).
        _check_all(_object_streams(pdf, damaged), path)
        # Page 1 as PDFium finds it, without resolving the other pages (1.4 ms for 300
        # pages: they are resolved by the rest check, which may then find damage).
        first = _first_page(pdf)
        if first is not None:
            _check_all(_first_page_streams(first), path)
        damaged = damaged or bool(pdf.get_warnings())
        kept = True
        return Preflight(repaired=damaged, encrypted=pdf.is_encrypted,
                         pages=_declared_count(pdf), rest=RestCheck(pdf, path))
    finally:
        if not kept:
            pdf.close()


def _page_count(pdf: pikepdf.Pdf) -> int | None:
    """Resolves the whole page tree (a misplaced page object shows as a warning here); None
    when qpdf cannot (PDFium may still mend it: the streams are measured all the same)."""
    try:
        return len(pdf.pages)
    except Exception:
        return None


#: PDFium follows the page tree no deeper than this (``kMaxPageLevel``).
_MAX_PAGE_LEVEL = 1024


def _first_page(pdf: pikepdf.Pdf) -> pikepdf.Object | None:
    """The dictionary PDFium draws as page 1, found as PDFium finds it (CPDF_Document::
    TraversePDFPages): depth first from ``/Root /Pages``, the first kid with no ``/Kids``
    key, a node whose ``/Kids`` is not an array being a page itself, no deeper than PDFium
    goes; None when PDFium finds no dictionary there (a kid that is not one takes page 1's
    place) or qpdf cannot read it. A loop back up the tree is skipped (PDFium finds nothing
    down it), so a page after it may be checked that PDFium does not draw: more, not less."""
    try:
        return _first_leaf(pdf.Root.get("/Pages"))
    except Exception:  # unreadable here: PDFium will not draw it either
        return None


_DICTS = (pikepdf.Dictionary, pikepdf.Stream)  # PDFium reads a stream's dictionary as one


def _first_leaf(root: object) -> pikepdf.Object | None:
    if not isinstance(root, _DICTS):
        return None
    kids = root.get("/Kids")
    if not isinstance(kids, pikepdf.Array):
        return root  # PDFium takes such a node for the page itself
    seen = {root.objgen} if root.is_indirect else set()
    # Walked with a stack, not recursion: the tree may be as deep as PDFium follows it.
    stack: list[tuple[pikepdf.Array, int, int]] = [(kids, 0, 0)]  # kids, next, their level
    while stack:
        kids, i, level = stack.pop()
        if i >= len(kids):
            continue  # a subtree with no page: on with its parent's next kid
        stack.append((kids, i + 1, level))
        kid = kids[i]
        if not isinstance(kid, _DICTS):
            return None  # counted as page 1, and it is nothing
        if kid.is_indirect:
            if kid.objgen in seen:
                continue
            seen.add(kid.objgen)
        if "/Kids" not in kid:
            return kid
        if level + 1 >= _MAX_PAGE_LEVEL:
            return None
        inner = kid.get("/Kids")
        if not isinstance(inner, pikepdf.Array):
            return kid
        stack.append((inner, 0, level + 1))
    return None


def _declared_count(pdf: pikepdf.Pdf) -> int | None:
    """The page count the tree's root declares (PDFium believes it), None if it has none."""
    try:
        count = pdf.Root.get("/Pages").get("/Count")
        return int(count) if isinstance(count, int) else None
    except Exception:
        return None


#: Keys that lead from what page 1 draws to other pages or the page tree (destinations,
#: actions, the parent), not to anything drawn.
_NOT_DRAWN = {"/Parent", "/P", "/Dest", "/A", "/AA", "/PA", "/Thumb", "/B", "/Metadata"}


def _first_page_streams(page: pikepdf.Object) -> list[pikepdf.Stream]:
    """Every stream page 1's drawing can reach: its contents, resources (its own and those
    inherited from the page tree), fonts, forms, images, annotations' appearances."""
    roots: list[object] = [page]
    node, depth = page.get("/Parent"), 0
    while isinstance(node, pikepdf.Dictionary) and depth < 64:  # inherited resources
        if "/Resources" in node:
            roots.append(node.get("/Resources"))
        node, depth = node.get("/Parent"), depth + 1
    seen: set[tuple[int, int]] = set()
    streams: list[pikepdf.Stream] = []
    stack = roots
    while stack:
        obj = stack.pop()
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            stack.extend(obj)
            continue
        if isinstance(obj, pikepdf.Stream):
            streams.append(obj)
        stack.extend(v for k, v in obj.items() if k not in _NOT_DRAWN)
    return streams


def _object_streams(pdf: pikepdf.Pdf, damaged: bool = True) -> list[pikepdf.Stream]:
    """The file's object streams (found in its cross-reference table without reading them).

    A file whose table qpdf read without repair, a classic table (no ``/W``: not a stream)
    with no ``/XRefStm`` beside it, has none: the table need not be walked (0.4 ms at 600
    objects)."""
    if not damaged and "/W" not in pdf.trailer and "/XRefStm" not in pdf.trailer:
        return []
    try:
        numbers = {e.obj_stream_number for e in pdf.get_xref_table().values() if e.type == 2}
        found = [pdf.get_object(n, 0) for n in sorted(numbers)]
    except Exception:  # a table qpdf could not read: its repair resolves objects itself
        return []
    return [s for s in found if isinstance(s, pikepdf.Stream)]


def _names(value: object) -> list[str]:
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    return [str(value)] if value is not None else []


def _check_streams(pdf: pikepdf.Pdf, path: Path) -> None:
    _check_all((obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)), path)


def _check_all(streams: Iterable[pikepdf.Stream], path: Path) -> None:
    total = 0
    for obj in streams:
        try:
            if obj.get("/Subtype") == pikepdf.Name.Image:
                _check_image(obj, path)
                continue
            filters = _names(obj.get("/Filter"))
            if not any(f in _COMPRESSING for f in filters):
                continue
            size = _inflated_size(obj, filters, STREAM_LIMIT)
        except ResourceLimitError:
            raise
        except Exception:  # an unreadable stream is PDFium's to judge (it skips it)
            continue
        if size > STREAM_LIMIT:
            raise _too_costly(path, "a part of a page that would take more than "
                              f"{STREAM_LIMIT >> 20} MB to read")
        total += size
        if total > TOTAL_LIMIT:
            raise _too_costly(path, f"pages that would take more than {TOTAL_LIMIT >> 20} MB "
                              "to read")


def _inflated_size(stream: pikepdf.Stream, filters: list[str], limit: int) -> int:
    """How many bytes the stream decodes to, counting no further than just past ``limit``.

    A lone Flate layer is inflated here a chunk at a time; another chain (rare) is measured
    by its compressed size at the most Flate could inflate it, so that nothing is decoded
    whole.
    """
    raw = stream.read_raw_bytes()
    if len(filters) != 1 or filters[0] not in _FLATE:
        layers = sum(f in _COMPRESSING for f in filters)
        return len(raw) * _FLATE_RATIO ** layers
    inflater = zlib.decompressobj()
    size, data = 0, raw
    while data and size <= limit:
        try:
            size += len(inflater.decompress(data, _CHUNK))
        except zlib.error:
            break  # PDFium reads what inflates before the damage, so do we
        data = inflater.unconsumed_tail
        if inflater.eof:
            break
    return size


def _check_image(image: pikepdf.Stream, path: Path) -> None:
    width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
    bits = int(image.get("/BitsPerComponent", 8))
    space = image.get("/ColorSpace")
    name = str(space[0]) if isinstance(space, pikepdf.Array) and len(space) else str(space)
    components = _COMPONENTS.get(name, 4)  # indexed, ICC, separations: at most four
    if width * height * components * bits // 8 > IMAGE_LIMIT:
        raise _too_costly(path, f"an image of {width} × {height} pixels")


def _too_costly(path: Path, what: str) -> ResourceLimitError:
    return ResourceLimitError(
        f"“{path.name}” holds {what}: more than a paper may cost, so it was not opened "
        "(it may have been made to exhaust the computer's memory). Ask for a fresh copy.",
        str(path))

