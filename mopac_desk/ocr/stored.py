"""What OCR read on a page, as the register keeps it (plain JSON), and back.

The register keeps the words of a scanned page beside the paper (the stored copy of the scan
is never changed), so opening the paper again does not read it again: the viewer's find,
selection and highlights work from these words as from a text layer.
"""

from __future__ import annotations

from typing import Any, Mapping

from .engine import OcrPage, OcrWord


def _box(values: Any) -> tuple[float, float, float, float]:
    l, b, r, t = (float(v) for v in values)
    return (l, b, r, t)


def page_to_json(page: OcrPage) -> dict[str, Any]:
    """One page's OCR reading as JSON-ready data."""
    return {"index": page.index, "turned": page.turned, "skew": page.skew, "dpi": page.dpi,
            "words": [[w.text, list(w.box), round(w.confidence, 2), [list(c) for c in w.chars],
                       w.line, w.baseline] for w in page.words]}


def page_from_json(data: Mapping[str, Any]) -> OcrPage:
    """:func:`page_to_json`'s data as an :class:`OcrPage` again."""
    words = tuple(OcrWord(text=w[0], box=_box(w[1]), confidence=float(w[2]),
                          chars=tuple(_box(c) for c in w[3]), line=int(w[4]),
                          baseline=float(w[5])) for w in data.get("words", []))
    return OcrPage(index=int(data["index"]), words=words, turned=int(data.get("turned", 0)),
                   skew=float(data.get("skew", 0.0)), dpi=int(data.get("dpi", 300)))
