"""The ``mopac-desk`` entry point: a subcommand runs headless in the core
(:mod:`mopac_desk.cli`, Qt is never imported for it); anything else opens the window."""

from __future__ import annotations

import argparse
import sys

from mopac_desk import __version__, cli


def gui_parser() -> argparse.ArgumentParser:
    """Arguments of the window (``mopac-desk [FILE.pdf ...]``)."""
    parser = argparse.ArgumentParser(
        prog="mopac-desk",
        description="Offline register of MOPAC decision papers. With no subcommand, opens the "
        "window. Subcommands: " + ", ".join(sorted(cli.command_names())) + ".",
    )
    parser.add_argument("files", nargs="*", help="PDF papers to open")
    parser.add_argument("--register", help="register file to open (default: per-user register)")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo register")
    parser.add_argument("--self-test", action="store_true",
                        help="open a paper, check every panel is there, exit 0 when all are")
    parser.add_argument("--version", action="version", version=f"mopac-desk {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """``mopac-desk``: a subcommand runs in the core; otherwise the window until the clerk
    quits. Returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] and argv[0].startswith("--mopac-desk-"):  # (loaded only then: it is heavy)
        from mopac_desk.register import reader_process

        if argv == [reader_process.CHILD_ARGUMENT]:
            # The frozen program started as a child that reads files for an import (there
            # is no interpreter in the bundle to start it with otherwise).
            reader_process.serve()
            return 0
    if cli.is_command(argv):
        return cli.main(argv)
    args = gui_parser().parse_args(argv)
    from .app import run_window  # Qt is loaded only when a window is wanted

    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
