"""Safe human-readable output: what a paper or a file name says never drives the terminal.

Paper text is untrusted. A PDF can carry ESC, BEL, OSC sequences (a window title, a
hyperlink), ``ESC[2J`` (clear the screen) or bidirectional overrides that make a line read
differently from what it holds; a file name can hold a newline, which would split one output
line into two, or bytes that are not UTF-8 (Python keeps them as lone surrogates, which a
UTF-8 console cannot even encode). Every command prints through :func:`printable` (one line of
untrusted text), :func:`printable_block` (several lines), :func:`quoted` (a file name) or
:func:`echo`, so such characters are shown as visible escapes instead of being obeyed.

JSON output needs none of this: ``json.dumps`` escapes every control character already.
"""

from __future__ import annotations

import errno
import re
import sys
from functools import lru_cache
from typing import TextIO

# C0 controls, DEL and C1 controls (U+0080-U+009F: 8-bit CSI/OSC on some terminals), plus the
# characters that reorder or hide text: bidi embeddings/overrides/isolates, zero-width marks
# that only serve to disguise, the line/paragraph separators and the BOM.
_INVISIBLE = frozenset(
    [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0),
     0x200B, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
     0xFEFF]
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape(ch: str, keep: str) -> str:
    if ch in keep:
        return ch
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        # a byte that was not UTF-8 (surrogateescape): show the byte itself
        return f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\u{code:04x}"
    if ch in _NAMED:
        return _NAMED[ch]
    if code in _INVISIBLE:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return ch


@lru_cache(maxsize=8)
def _escaped(keep: str) -> re.Pattern[str]:
    """One character :func:`_escape` changes (those in ``keep`` aside): one regular
    expression scans a line in C, where asking of each character took 50 µs a line."""
    codes = sorted(c for c in (*_INVISIBLE, *range(0xD800, 0xE000)) if chr(c) not in keep)
    ranges: list[list[int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return re.compile("[" + "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges) + "]")


def needs_escaping(text: str, keep: str = "") -> bool:
    """True when :func:`printable` would change ``text``."""
    return _escaped(keep).search(text) is not None


def printable(text: object, keep: str = "") -> str:
    """``text`` as one safe line: every control, reordering or undecodable character becomes a
    visible escape (``\\e``, ``\\n``, ``\\x07``, ``\\u202e``, ``\\xe9`` for a non-UTF-8 byte);
    characters in ``keep`` pass through. ``None`` becomes an empty string."""
    if text is None:
        return ""
    text = str(text)
    if not needs_escaping(text, keep):
        return text
    return "".join(_escape(ch, keep) for ch in text)


def printable_block(text: object) -> str:
    """Several lines of text, each made safe; the line breaks (and tabs) are kept."""
    return printable(text, keep="\n\t")


def quoted(name: object) -> str:
    """A file name fit for one output line: as it is when it is plain, otherwise in double
    quotes with its odd characters escaped (a newline, a non-UTF-8 byte, spaces at the end),
    so the name can neither split the line nor be mistaken for a neighbour."""
    text = "" if name is None else str(name)
    if (text and text == text.strip() and not needs_escaping(text)
            and '"' not in text and "\\" not in text):
        return text
    return '"' + printable(text).replace('"', '\\"') + '"'


def echo(text: object = "", *, file: TextIO | None = None, block: bool = True) -> None:
    """Print ``text`` made safe (several lines kept when ``block``), flushing at once so a
    line is seen as soon as it is done (progress of a long import)."""
    stream = file if file is not None else sys.stdout
    safe = printable_block(text) if block else printable(text)
    try:
        stream.write(safe + "\n")
    except UnicodeEncodeError:
        # a console that cannot show "£" or "–" gets a stand-in rather than a crash
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write((safe + "\n").encode(encoding, "replace").decode(encoding))
    stream.flush()


def warn(text: object) -> None:
    """One line on stderr, prefixed with the program's name."""
    echo(f"mopac-desk: {printable(text)}", file=sys.stderr, block=False)


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "it does not exist",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a folder on its path is a file",
    errno.EIO: "the disk reported an input/output error",
    errno.ENAMETOOLONG: "its name is too long",
    errno.EMFILE: "too many files are open",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = "the disk quota is used up"


def os_reason(exc: BaseException) -> str:
    """Plain words for why a file operation failed ("permission denied", "the disk is full"),
    never a Python class name."""
    code = getattr(exc, "errno", None)
    if code in _REASONS:
        return _REASONS[code]
    strerror = getattr(exc, "strerror", None)
    if strerror:
        return str(strerror)[:1].lower() + str(strerror)[1:]
    return "the system refused"
