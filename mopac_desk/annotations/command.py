"""Command line for annotations: ``mopac-desk annotations list|export``.

Bad input (no such paper or register, a path that cannot be written) gets one plain line on
standard error and exit status 2. Paper and comment text printed for a person goes through
:mod:`mopac_desk.terminal`, so control characters show as visible escapes and are never
obeyed; ``--json`` output escapes everything outside ASCII.
"""

from __future__ import annotations

import argparse
import functools
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any, Callable

from ..register import Register
from ..register.command_common import fail, register_path
from ..register.connect import translate
from ..register.errors import RegisterError
from ..terminal import echo, printable
from .model import Annotation
from .pdf_write import ExportError, export_annotated

_SHOWN = 70


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``annotations`` and its subcommands to the ``mopac-desk`` parser."""
    p = subparsers.add_parser("annotations", help="list reviewers' annotations or export a "
                                                   "paper as an annotated PDF")
    sub = p.add_subparsers(dest="annotations_command", required=True, metavar="ACTION")
    ls = sub.add_parser("list", help="list annotations with their replies")
    ls.add_argument("--paper", type=int, metavar="ID", help="only this paper's")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.add_argument("--register", metavar="FILE",
                    help="register file (default: the per-user register)")
    ls.set_defaults(func=cmd_list)
    ex = sub.add_parser("export", help="write a paper's document with its annotations as a PDF "
                                       "other readers show and print")
    ex.add_argument("--paper", type=int, metavar="ID", required=True)
    ex.add_argument("--out", metavar="FILE.pdf", required=True)
    ex.add_argument("--include-private", action="store_true",
                    help="also write private notes")
    ex.add_argument("--password", help="the password of a protected paper")
    ex.add_argument("--register", metavar="FILE",
                    help="register file (default: the per-user register)")
    ex.set_defaults(func=cmd_export)


def _short(text: str) -> str:
    t = printable(" ".join(text.split()))
    return t if len(t) <= _SHOWN else t[:_SHOWN - 1] + "…"


def _open(args: argparse.Namespace) -> Register:
    path = register_path(args)
    if args.register and not path.is_file():
        raise RegisterError(f"There is no register at {path}.")
    return Register(path)


def _bad_input_is_status_2(command: Callable[[argparse.Namespace], int]
                           ) -> Callable[[argparse.Namespace], int]:
    """Any refusal (no such paper or register, a path that cannot be written) is one plain
    line on stderr and exit status 2, never a traceback."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (RegisterError, ExportError) as exc:
            return fail(str(exc), 2)
        except sqlite3.DatabaseError as exc:
            return fail(str(translate(exc, register_path(args))), 2)

    return run


def as_json(a: Annotation) -> dict[str, Any]:
    """One annotation as the command prints it (``type`` is its kind)."""
    return {
        "id": a.id, "paper_id": a.paper_id, "document_id": a.document_id, "page": a.page,
        "type": a.kind, "author": a.author, "contents": a.contents, "quote": a.quote,
        "status": a.status, "created": a.created, "modified": a.modified, "colour": a.colour,
        "rects": a.rects, "ink": a.ink, "pdf_name": a.pdf_name, "tags": list(a.tags),
        "private": a.private, "origin": a.origin, "needs_anchor": a.needs_anchor,
        "replies": [{"id": r.id, "author": r.author, "contents": r.contents,
                     "created": r.created, "modified": r.modified, "pdf_name": r.pdf_name}
                    for r in a.replies],
    }


def _line(a: Annotation) -> str:
    parts = [f"{a.id or '-':>5}", f"paper {a.paper_id}", f"p.{a.page}", a.kind]
    if a.status != "none":
        parts.append(a.status)
    if a.private:
        parts.append("private")
    parts.append(_short(a.author) or "-")
    text = ""
    if a.quote:
        text += f"“{_short(a.quote)}” "
    text += _short(a.contents)
    if a.tags:
        text += "  [" + ", ".join(printable(t) for t in a.tags) + "]"
    return "  ".join(parts) + ("  " + text if text.strip() else "")


@_bad_input_is_status_2
def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        if args.paper is not None:
            reg.get_paper(args.paper)  # no such paper: one plain line
        found = reg.list_annotations(args.paper)
    if args.json:
        sys.stdout.write(json.dumps([as_json(a) for a in found], indent=2, ensure_ascii=True)
                         + "\n")
        return 0
    for a in found:
        echo(_line(a), block=False)
        for r in a.replies:
            echo(f"{'':>7}↳ {_short(r.author) or '-'}: {_short(r.contents)}", block=False)
    replies = sum(len(a.replies) for a in found)
    echo(f"{len(found)} annotation(s), {replies} repl{'y' if replies == 1 else 'ies'}")
    return 0


@_bad_input_is_status_2
def cmd_export(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        reg.get_paper(args.paper)
        docs = reg.documents(args.paper)
        if not docs:
            return fail(f"Paper {args.paper} has no document in the register.", 2)
        doc = next((d for d in docs if d.current), docs[0])
        chosen = [a for a in reg.list_annotations(args.paper)
                  if a.document_id in (None, doc.id)]
        result = export_annotated(doc.stored_path, chosen, Path(args.out),
                                  include_private=args.include_private,
                                  password=args.password,
                                  pages=(doc.first_page, doc.last_page))
    how = " as an incremental update (its signature kept)" if result.incremental else ""
    replies = f"{result.replies} repl{'y' if result.replies == 1 else 'ies'}"
    echo(f"wrote {result.path}: {result.comments} annotation(s), {replies}{how}", block=False)
    return 0
