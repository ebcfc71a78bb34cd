"""``make run``'s check of Qt's display plugin: missing libraries named as packages."""

from __future__ import annotations

import shutil
import sys

import pytest

from ui import preflight


def test_libraries_map_to_debian_packages() -> None:
    assert preflight.packages_for(["libxcb-icccm.so.4", "libxcb-keysyms.so.1",
                                   "libxcb-icccm.so.4"]) == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert preflight.packages_for(["libunknown.so.9"]) == ["libunknown.so.9"]


def test_the_line_offers_the_command_to_root_where_apt_get_exists() -> None:
    line = preflight.advice(["libxcb-cursor0", "libxcb-icccm4"], root=True, has_apt=True)
    assert "\n" not in line
    assert line.endswith("apt-get install -y libxcb-cursor0 libxcb-icccm4")
    assert "sudo" not in line
    assert "sudo apt-get" in preflight.advice(["libegl1"], root=False, has_apt=True)
    plain = preflight.advice(["libegl1"], root=False, has_apt=False)
    assert "libegl1" in plain and "apt-get" not in plain


def test_offscreen_needs_no_display_libraries() -> None:
    assert preflight.check("offscreen") is None


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                    reason="ldd is Linux's")
def test_every_library_the_plugin_lacks_here_has_a_known_package() -> None:
    plugin = preflight.plugin_path("xcb")
    assert plugin is not None and plugin.name == "libqxcb.so"
    missing = preflight.missing_libraries(plugin)
    assert set(missing) <= set(preflight.DEBIAN_PACKAGES), missing


def test_with_a_display_and_every_library_the_window_may_start(monkeypatch) -> None:
    plugin = preflight.plugin_path("xcb")
    monkeypatch.setenv("DISPLAY", ":99")
    result = preflight.check("xcb")
    if plugin is not None and preflight.missing_libraries(plugin):
        assert result is not None and "apt-get install" in result
    else:
        assert result is None


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None
                    or shutil.which("cc") is None, reason="needs ldd and a C compiler")
def test_a_library_gone_from_the_machine_is_named_with_its_package(tmp_path) -> None:
    """A real plugin-like library linked against a library that is then removed: ldd
    reports it missing and the line names it (a library of ours, so no machine has it)."""
    import subprocess

    (tmp_path / "dep.c").write_text("int dep(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int dep(void);\nint plugin(void) { return dep(); }\n")
    dep = tmp_path / "libmopac-gone.so.1"
    subprocess.run(["cc", "-shared", "-fPIC", "-Wl,-soname,libmopac-gone.so.1", "-o", str(dep),
                    str(tmp_path / "dep.c")], check=True)
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(plugin), str(tmp_path / "plugin.c"),
                    str(dep)], check=True)
    dep.unlink()
    missing = preflight.missing_libraries(plugin)
    assert "libmopac-gone.so.1" in missing
    line = preflight.advice(preflight.packages_for(missing), root=True, has_apt=True)
    assert "libmopac-gone.so.1" in line and "apt-get install -y" in line
