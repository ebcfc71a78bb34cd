"""The one thread that owns every PDFium call in the process.

PDFium is not thread-safe, not even across separate documents (measured: two threads on two
documents crash most runs). Every call into pypdfium2 is therefore made on a single dedicated
thread. Callers on that thread run inline, so nested calls cannot deadlock.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, TypeVar

T = TypeVar("T")

_executor: ThreadPoolExecutor | None = None
_owner: threading.Thread | None = None
_lock = threading.Lock()


def _remember_owner() -> None:
    global _owner
    _owner = threading.current_thread()


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="pdfium", initializer=_remember_owner
            )
        return _executor


def on_pdfium_thread() -> bool:
    """True when the caller is the PDFium owner thread."""
    return _owner is not None and threading.current_thread() is _owner


def submit(fn: Callable[..., T], *args: Any, **kwargs: Any) -> "Future[T]":
    """Queue ``fn`` on the PDFium thread and return its future (never blocks)."""
    if on_pdfium_thread():
        fut: Future[T] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller through the future
            fut.set_exception(exc)
        return fut
    return _pool().submit(fn, *args, **kwargs)


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn`` on the PDFium thread and wait for its result."""
    if on_pdfium_thread():
        return fn(*args, **kwargs)
    return _pool().submit(fn, *args, **kwargs).result()
