"""Before the window starts: can Qt's display plugin load on this machine?

Qt's own message for a missing library ("could not load the Qt platform plugin xcb") names
neither the library nor the package that brings it, so ``make run`` checks first and prints
one plain line naming the Debian packages to install. Nothing here imports Qt's modules (only
the PySide6 package, to find its plugin folder), so the check itself cannot fail the way the
window would. ``python -m ui.preflight`` exits 0 when the window can start, 1 otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Library file (as ldd names it) -> the Debian/Ubuntu package that ships it.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libICE.so.6": "libice6",
    "libSM.so.6": "libsm6",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# Qt's xcb plugin opens xcb-cursor by name at start (Qt 6.5+), so ldd does not list it.
LOADED_AT_START = ("libxcb-cursor.so.0",)
LIBRARY_FOLDERS = ("/lib", "/usr/lib", "/lib64", "/usr/lib64")


def plugin_path(platform: str = "xcb") -> Path | None:
    """The Qt platform plugin of the installed PySide6 (``libqxcb.so``), if there is one."""
    import PySide6  # the package only: its folder, not Qt's libraries

    path = Path(PySide6.__file__).resolve().parent / "Qt" / "plugins" / "platforms"
    found = path / f"libq{platform}.so"
    return found if found.exists() else None


def missing_libraries(plugin: Path) -> list[str]:
    """Shared libraries ``plugin`` needs that this machine lacks (ldd's "not found", plus the
    libraries Qt opens by name at start)."""
    if shutil.which("ldd") is None:
        return []
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True,
                         check=False).stdout
    missing = sorted({m.group(1) for m in re.finditer(r"^\s*(\S+) => not found", out, re.M)})
    for name in LOADED_AT_START:
        if name not in missing and not _library_present(name):
            missing.append(name)
    return missing


def _library_present(name: str) -> bool:
    out = ""
    if shutil.which("ldconfig") or Path("/sbin/ldconfig").exists():
        ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
        out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True,
                             check=False).stdout
        if out:
            return name in out
    return any(next(Path(root).rglob(name), None) is not None
               for root in LIBRARY_FOLDERS if Path(root).is_dir())


def packages_for(libraries: list[str]) -> list[str]:
    """Debian package names for ``libraries`` (an unknown library is named as it is)."""
    return sorted({DEBIAN_PACKAGES.get(lib, lib) for lib in libraries})


def advice(packages: list[str], *, root: bool, has_apt: bool) -> str:
    """The one line the clerk (or whoever sets the laptop up) reads."""
    line = ("The window cannot start: Qt's display plugin needs these system packages: "
            + " ".join(packages) + ".")
    if root and has_apt:
        line += " Install them with: apt-get install -y " + " ".join(packages)
    elif has_apt:
        line += " Install them with: sudo apt-get install -y " + " ".join(packages)
    return line


def check(platform: str | None = None) -> str | None:
    """None when the window can start here, else the one line saying what to install."""
    platform = platform or os.environ.get("QT_QPA_PLATFORM", "") or "xcb"
    if not sys.platform.startswith("linux") or platform.split(":")[0] != "xcb":
        return None  # offscreen/wayland, Windows and macOS bring what they need
    plugin = plugin_path("xcb")
    missing = missing_libraries(plugin) if plugin is not None else []
    if not missing:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return ("The window cannot start: there is no display (DISPLAY is not set). Run it "
                    "on a desktop, or headless with QT_QPA_PLATFORM=offscreen or xvfb-run.")
        return None
    # This branch runs on Linux only, where os.geteuid exists.
    return advice(packages_for(missing), root=os.geteuid() == 0,
                  has_apt=shutil.which("apt-get") is not None)


def main() -> int:
    problem = check()
    if problem is None:
        return 0
    print(problem, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
