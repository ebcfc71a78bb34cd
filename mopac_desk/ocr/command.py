"""``mopac-desk ocr SCAN.pdf --out SEARCHABLE.pdf``: a searchable copy of a scanned paper."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..pdf import PaperDocument, PaperError
from .engine import OcrUnavailableError
from .figures import suspect_figures
from .layer import CopyCancelled, write_searchable_copy
from .reader import OcrCancelled, image_only_pages, recognise_pages
from .text import page_text

_log = logging.getLogger(__name__)


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``ocr`` subcommand."""
    p = subparsers.add_parser(
        "ocr",
        help="write a searchable copy of a scanned paper (text read by OCR)",
        description="Read the scanned pages of a paper by OCR and write a copy with an "
        "invisible text layer under the images, so any PDF reader can search and copy it. "
        "The scan itself is not changed. Exit status 2 when the paper cannot be read or "
        "OCR is not available.",
    )
    p.add_argument("file", help="the scanned paper (PDF)")
    p.add_argument("--out", required=True, help="where to write the searchable copy (PDF)")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.set_defaults(func=run)


def _say(text: str) -> None:
    # Paper text goes to the terminal: no control characters.
    sys.stderr.write("mopac-desk: " + "".join(c if c.isprintable() else "?" for c in text) + "\n")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    src, out = Path(args.file), Path(args.out)
    try:
        if out.exists() and out.resolve() == src.resolve():
            _say(f"the searchable copy must not replace the scan “{src.name}”: "
                 "choose another --out.")
            return 2
        if not (out.parent if str(out.parent) else Path(".")).is_dir():
            _say(f"the folder for “{out.name}” does not exist.")
            return 2
        with PaperDocument.open(src, password=args.password) as doc:
            todo = image_only_pages(doc)
            if not todo:
                _say(f"“{src.name}” already has text on every page; no copy written.")
                return 0
            show = sys.stderr.isatty()

            def progress(done: int, total: int) -> None:
                if show and done < total:
                    sys.stderr.write(f"\rReading page {done + 1} of {total}…")
                    sys.stderr.flush()

            pages = recognise_pages(doc, todo, progress=progress)
            if show:
                sys.stderr.write("\r" + " " * 40 + "\r")
        write_searchable_copy(src, out, pages, password=args.password)
    except OcrUnavailableError as exc:
        _say(f"“{src.name}” has no text layer (it looks like a scan) and {exc}")
        return 2
    except PaperError as exc:
        _say(str(exc))
        return 2
    except (KeyboardInterrupt, OcrCancelled, CopyCancelled):
        _say("cancelled; nothing was written.")
        return 130
    except Exception as exc:  # an odd scan still gets one plain line, never a traceback
        _log.debug("ocr failed", exc_info=True)
        _say(f"“{src.name}” could not be read to the end; it may be damaged "
             f"({type(exc).__name__}). Nothing was written.")
        return 2
    texts = [page_text(p) for p in pages]
    words = sum(len(p.words) for p in pages)
    confs = [w.confidence for p in pages for w in p.words]
    mean = f", mean confidence {sum(confs) / len(confs):.0f}%" if confs else ""
    sys.stdout.write(f"Wrote {out}: {len(pages)} page(s) read by OCR, {words} word(s){mean}.\n")
    suspects = [s for t in texts for s in suspect_figures(t)]
    if suspects:
        sys.stdout.write(f"{len(suspects)} figure(s) to compare with the page:\n")
        for s in suspects:
            shown = "".join(c if c.isprintable() else "?" for c in s.text)
            sys.stdout.write(f"  p.{s.index + 1} “{shown}”: {'; '.join(s.problems)}\n")
    return 0
