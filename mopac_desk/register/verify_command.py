"""``mopac-desk verify [--register FILE] [--repair [--originals FOLDER ...]] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys

from ..terminal import echo, printable
from .command_common import fail, guarded, register_path
from .verify import repair_register, verify_register


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``verify`` to the ``mopac-desk`` parser."""
    p = subparsers.add_parser(
        "verify", help="check the register: stored copies, orphans, the file's integrity",
        description="Check every stored copy against the hash it was imported with, look for "
        "files in store/ that no paper names, and run SQLite's integrity and foreign-key "
        "checks. Exit status 0 when all is well, 1 when something is wrong.")
    p.add_argument("--repair", action="store_true",
                   help="remove orphan copies and unfinished .part files and put back missing "
                        "copies that can be found (never deletes a paper from the register)")
    p.add_argument("--originals", metavar="FOLDER", nargs="+", default=[],
                   help="with --repair: folders (or files) to look in for the originals of "
                        "missing copies, matched by their contents")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--register", metavar="FILE",
                   help="register file (default: the per-user register)")
    p.set_defaults(func=cmd_verify)


@guarded
def cmd_verify(args: argparse.Namespace) -> int:
    path = register_path(args)
    if args.originals and not args.repair:
        return fail("--originals names where to find missing copies for --repair; add "
                    "--repair (verify alone never changes anything).", status=2)
    if args.repair:
        report = repair_register(path, originals=args.originals)
    else:
        report = verify_register(path)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=True) + "\n")
    else:
        for line in report.lines():
            echo(printable(line), block=False)
    return 0 if report.ok else 1
