"""The application's log: a rotating file in the per-user data folder.

Errors are written here with their full tracebacks; the clerk sees one plain sentence (see
``ui.app.install_excepthook``), so the details a support person needs live only in this file.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path

from mopac_desk.paths import user_data_dir

LOG_NAME = "mopac-desk.log"
MAX_BYTES = 1_000_000
BACKUPS = 3  # mopac-desk.log.1 … .3: a few MB at most on the clerk's disk
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOGGER = "mopac_desk"


def log_dir() -> Path:
    """Where the log files are kept (created on demand)."""
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    """The current log file (older ones beside it end in .1, .2, …)."""
    return log_dir() / LOG_NAME


def setup_logging(path: Path | None = None) -> Path:
    """Send the ``mopac_desk`` loggers (the ``ui`` ones are named under it) to a rotating
    file at ``path`` (default :func:`log_file`); returns where the log goes. Called twice,
    it does not add a second handler. A folder that cannot be written logs to stderr."""
    path = path or log_file()
    logger = logging.getLogger(LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and \
                Path(handler.baseFilename) == path.resolve():
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _log_thread_errors(logger)
    return path


def _log_thread_errors(logger: logging.Logger) -> None:
    """An exception that ends a worker thread is logged with its traceback too (Python
    would print it to a console the clerk never sees)."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        logger.error("Unexpected error in thread %s", args.thread.name if args.thread else "?",
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        if previous is not threading.__excepthook__:
            previous(args)

    threading.excepthook = hook
