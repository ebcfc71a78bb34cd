"""``mopac-desk export-pack``: write an Excel meeting pack from the register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..paths import default_register_path
from ..register import Register, RegisterError
from .excel import PackWriteError, write_pack
from .from_register import find_meeting, pack_for_meeting, pack_for_papers, pack_for_register


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``export-pack`` to the ``mopac-desk`` parser."""
    p = subparsers.add_parser(
        "export-pack", help="write an Excel meeting pack (one meeting, chosen papers, or all)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", metavar="YYYY-MM-DD",
                       help="the meeting on this date, papers in agenda order")
    which.add_argument("--papers", metavar="ID", type=int, nargs="+",
                       help="these papers (register ids), in the order given")
    which.add_argument("--all", action="store_true", help="every paper in the register")
    p.add_argument("--out", metavar="PACK.xlsx", required=True, help="workbook to write")
    p.add_argument("--publication", action="store_true",
                   help="leave out everything drawn from Part 2 of a paper")
    p.add_argument("--register", metavar="FILE",
                   help="register file (default: the per-user register)")
    p.set_defaults(func=cmd_export_pack)


def cmd_export_pack(args: argparse.Namespace) -> int:
    """Build the pack and write it; a plain message and status 1 on any failure."""
    reg_path = Path(args.register) if args.register else default_register_path()
    if args.register and not reg_path.is_file():
        return _fail(f"there is no register at {reg_path}.")
    try:
        with Register(reg_path) as reg:
            if args.meeting:
                pack = pack_for_meeting(reg, find_meeting(reg, args.meeting)["id"])
            elif args.papers:
                pack = pack_for_papers(reg, args.papers)
            else:
                pack = pack_for_register(reg)
        out = write_pack(pack, Path(args.out), publication=args.publication)
    except (RegisterError, PackWriteError) as exc:
        return _fail(str(exc))
    n_recs = sum(len(p.recommendations) for p in pack.papers)
    version = "publication version" if args.publication else "full version"
    print(f"wrote {out}: {len(pack.papers)} paper(s), {n_recs} recommendation(s), {version}")
    return 0


def _fail(message: str) -> int:
    print(f"mopac-desk: {message}", file=sys.stderr)
    return 1
