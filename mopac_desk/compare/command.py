"""``mopac-desk compare OLD.pdf NEW.pdf [--json] [--password-old PW] [--password-new PW]
[--no-ocr] [--annotated OUT.pdf] [--xlsx OUT.xlsx]``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ..annotations.pdf_write import ExportError
from ..export.changes_pdf import write_changes_pdf
from ..pdf import PaperError
from ..terminal import echo, os_reason, printable, quoted, warn
from .classify import Change
from .engine import Comparison, compare_files
from .excel import ChangesWriteError, write_changes_xlsx

_log = logging.getLogger(__name__)
_SHOWN = 160  # characters of a change shown on one line of the plain list


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``compare`` subcommand."""
    p = subparsers.add_parser(
        "compare",
        help="what changed between two papers or two versions of one (money first)",
        description="Compare two papers word by word, ignoring layout, running headers and "
        "page numbers: changed £ sums first, then recommendations added, removed or reworded, "
        "then every change with its pages. A scanned paper is read by OCR, and OCR's "
        "misreadings are listed apart from the changes. Exit status 2 when a file cannot be "
        "read.",
    )
    p.add_argument("old", help="the earlier paper (PDF)")
    p.add_argument("new", help="the later paper (PDF)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object (schema mopac-desk/compare@1)")
    p.add_argument("--password-old", metavar="PW", help="password of the earlier PDF")
    p.add_argument("--password-new", metavar="PW", help="password of the later PDF")
    p.add_argument("--no-ocr", dest="ocr", action="store_false",
                   help="do not read scanned pages by OCR (a scan then exits with status 2)")
    p.add_argument("--annotated", metavar="OUT.pdf",
                   help="also write the later PDF with each change as a standard annotation")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the change list to Excel")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    try:
        result = compare_files(args.old, args.new, args.password_old, args.password_new,
                               ocr=args.ocr)
    except PaperError as exc:
        return _unreadable(args, str(exc), exc.path)
    except OSError as exc:
        return _unreadable(args, f"{quoted(Path(args.old).name)} and "
                                 f"{quoted(Path(args.new).name)} could not be compared: "
                                 f"{os_reason(exc)}.")
    except Exception as exc:  # a PDF odd enough to trip the reader still gets one plain line
        _log.debug("comparison failed", exc_info=True)
        return _unreadable(args, f"“{Path(args.old).name}” and “{Path(args.new).name}” could "
                                 f"not be compared; one of them may be damaged or use features "
                                 f"this app cannot read ({type(exc).__name__}).")
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=True) + "\n")
    else:
        echo(summary(result).rstrip("\n"))
    return _write_outputs(args, result)


def _unreadable(args: argparse.Namespace, message: str, path: str | None = None) -> int:
    # With --json the error is JSON too (as extract and check give it), so a script reading
    # stdout always gets JSON: {"error": the plain line, "file": the file at fault or null}.
    if args.json:
        sys.stdout.write(json.dumps({"error": message, "file": str(path) if path else None},
                                    ensure_ascii=True) + "\n")
    else:
        warn(message)
    return 2


def _write_outputs(args: argparse.Namespace, result: Comparison) -> int:
    try:
        if args.xlsx:
            write_changes_xlsx(result, args.xlsx)
        if args.annotated:
            write_changes_pdf(result, args.new, args.annotated, args.password_new)
    except (ChangesWriteError, ExportError) as exc:
        warn(str(exc))
        return 2
    return 0


def _short(text: str | None) -> str:
    t = printable(" ".join((text or "").split()))
    return t if len(t) <= _SHOWN else t[:_SHOWN - 1] + "…"


def _pages(old: int | None, new: int | None) -> str:
    return f"p.{old if old is not None else '-'} → p.{new if new is not None else '-'}"


def summary(result: Comparison) -> str:
    """A reviewer-readable change list: money, recommendations, then every change (paper
    text made safe for a terminal: control characters shown as escapes, never obeyed)."""
    old, new = result.old, result.new
    out = [f"{quoted(old.name)} ({old.pages} page(s)) → {quoted(new.name)} "
           f"({new.pages} page(s)): {len(result.changes)} change(s)"]
    for side, version in (("earlier", old), ("later", new)):
        if version.ocr:
            pages = ", ".join(map(str, version.ocr_pages))
            out.append(f"The {side} paper was read by OCR (page(s) {pages}).")
    if not result.changes and not result.recommendations and not result.summary_changes:
        out.append("No change in the text.")
        return "\n".join(out + _noise(result)) + "\n"
    doubtful = set(result.doubtful())
    if result.amounts:
        out += ["", f"Money ({len(result.amounts)}):"]
        for a in result.amounts:
            check = _check(result.changes[a.change]) if a.change in doubtful else ""
            out.append(f"  {_short(a.describe())}  [{_pages(a.old_page, a.new_page)}]{check}")
    if result.summary_changes:
        out += ["", "Financial summary:"]
        many = max(len(result.old_summaries), len(result.new_summaries)) > 1
        for s in result.summary_changes:
            paper = f"paper {s.paper + 1}: " if many else ""
            before, after = s.stated("old"), s.stated("new")
            pages = (f"p.{','.join(map(str, s.old_pages)) or '-'} → "
                     f"p.{','.join(map(str, s.new_pages)) or '-'}")
            out.append(f"  {paper}{s.kind} {before} → {after}  [{pages}]")
    if result.recommendations:
        out += ["", f"Recommendations ({len(result.recommendations)}):"]
        for r in result.recommendations:
            num = (r.new or r.old).number  # type: ignore[union-attr]
            label = f"{r.change} {num + '. ' if num else ''}".rstrip() + ":"
            pages = _pages(r.old.page if r.old else None, r.new.page if r.new else None)
            if r.change == "reworded":
                out.append(f"  {label} “{_short(r.old.text)}” → “{_short(r.new.text)}”  [{pages}]")  # type: ignore[union-attr]
            else:
                out.append(f"  {label} “{_short((r.new or r.old).text)}”  [{pages}]")  # type: ignore[union-attr]
    out += ["", "Changes (money first):"]
    index = {id(c): k for k, c in enumerate(result.changes)}
    for c in result.money_first():
        pages = _pages(c.old.page if c.old else None, c.new.page if c.new else None)
        if c.kind == "insert":
            body = f"inserted “{_short(c.new.text)}”"  # type: ignore[union-attr]
        elif c.kind == "delete":
            body = f"deleted “{_short(c.old.text)}”"  # type: ignore[union-attr]
        elif c.kind == "renumber":
            body = f"renumbered {_short(c.old.text)} → {_short(c.new.text)}"  # type: ignore[union-attr]
        else:
            word = "format" if c.kind == "format" else "changed"
            body = f"{word} “{_short(c.old.text)}” → “{_short(c.new.text)}”"  # type: ignore[union-attr]
        tag = "£ " if c.money else "  "
        check = _check(c) if index[id(c)] in doubtful else ""
        out.append(f"{tag}[{pages}] {body}{check}")
    return "\n".join(out + _noise(result)) + "\n"


def _check(change: Change) -> str:
    return f"  (read by OCR at {change.ocr_confidence or 0:.0f}%: compare with the page)"


def _noise(result: Comparison) -> list[str]:
    """OCR's misreadings, after the changes: listed, so nothing is hidden, but not counted."""
    if not result.ocr_noise:
        return []
    out = ["", f"Read differently by OCR, not counted as changes ({len(result.ocr_noise)}):"]
    for c in result.ocr_noise:
        pages = _pages(c.old.page if c.old else None, c.new.page if c.new else None)
        out.append(f"  [{pages}] “{_short(c.old.text if c.old else '')}” / "
                   f"“{_short(c.new.text if c.new else '')}”")
    return out
