"""Command line: the headless subcommands of ``mopac-desk``.

Each subcommand lives beside the code it drives (``<package>/command.py`` with
``register(subparsers)``) and is imported here plainly, so the layering contracts and the
installer see every one of them. The window is not started from here: the ``mopac-desk``
entry point (``ui.app:main``) sends a subcommand to :func:`main` and opens the window
otherwise, so the core never imports the Qt front end.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import __version__
from .annotations import command as annotations_command
from .checks import command as check_command
from .compare import command as compare_command
from .export import command as export_command
from .extract import command as extract_command
from .ocr import command as ocr_command
from .register import command as register_command
from .register import verify_command

# Modules that add subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = (extract_command, check_command, register_command, export_command,
                   compare_command, ocr_command, annotations_command, verify_command)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand (``func`` on the parsed namespace runs it)."""
    parser = argparse.ArgumentParser(
        prog="mopac-desk",
        description="Offline register of MOPAC decision papers. With no subcommand, "
        "mopac-desk opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"mopac-desk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def command_names() -> frozenset[str]:
    """Names of the subcommands (what makes an argument list a command, not files to open)."""
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return frozenset(sub.choices)


def is_command(argv: Sequence[str]) -> bool:
    """True when ``argv`` asks for a subcommand (or the core's own --help/--version)."""
    return bool(argv) and argv[0] in command_names()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns its exit status."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # the reader went away (``mopac-desk import ... | head``): stop quietly. Whatever was
        # committed is whole; stdout is pointed at devnull so the interpreter's final flush
        # cannot raise again on the way out.
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        print("mopac-desk: interrupted.", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # stdout is not a real file (captured in a test): nothing will flush to it


if __name__ == "__main__":
    sys.exit(main())
