"""Make the program icons the Windows and macOS bundles need from the one SVG.

``python -m tools.app_icons OUT_DIR`` renders ``ui/icons/mopac-desk.svg`` with Qt's SVG
renderer and writes ``mopac-desk.ico`` (16-256 px) and ``mopac-desk.icns`` with Pillow, so
no icon binary is kept in git and the three platforms show the same picture.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "ui" / "icons" / "mopac-desk.svg"
SIZE = 512
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render(svg: Path = SVG, size: int = SIZE) -> Image.Image:
    """The SVG drawn on a transparent square of ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def write_icons(out: Path) -> list[Path]:
    """Write the .ico and .icns into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    picture = render()
    ico, icns = out / "mopac-desk.ico", out / "mopac-desk.icns"
    picture.save(ico, sizes=ICO_SIZES)
    picture.save(icns)
    return [ico, icns]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.app_icons OUT_DIR", file=sys.stderr)
        return 2
    app = QGuiApplication.instance() or QGuiApplication(["app_icons"])  # QPainter needs it
    for path in write_icons(Path(args[0])):
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
