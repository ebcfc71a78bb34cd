"""The installer's pieces that run without building a bundle: the spec derives what it takes,
the sample scan is a scan, and the frozen-program check fails a bundle that misbehaves.
(`make installer-check` builds the real bundle and runs the check on it.)"""

from __future__ import annotations

import ast
import os
import stat
import sys
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from mopac_desk import __version__
from mopac_desk.ocr.engine import engine_available
from mopac_desk.pipeline import read_file
from tools import installer_check
from tools.app_icons import write_icons
from tools.sample_scan import EXPECTED_WORDS, write_scan

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_installer.spec"


def _calls(tree: ast.AST) -> dict[str, ast.Call]:
    return {n.func.id: n for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}


def test_the_spec_derives_its_modules_and_lists_none_by_hand() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    analysis = _calls(tree)["Analysis"]
    hidden = next(k.value for k in analysis.keywords if k.arg == "hiddenimports")
    assert isinstance(hidden, ast.Name) and hidden.id == "hiddenimports"
    assigned = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "hiddenimports" for t in n.targets)]
    assert len(assigned) == 1
    called = {c.args[0].value for c in ast.walk(assigned[0].value)
              if isinstance(c, ast.Call) and c.args and isinstance(c.args[0], ast.Constant)}
    assert called == {"mopac_desk", "ui"}
    assert not any(isinstance(n, ast.List) for n in ast.walk(assigned[0].value))
    text = SPEC.read_text(encoding="utf-8")
    assert "tessdata.data_path()" in text and '"tessdata")' in text


def test_no_module_is_loaded_by_name() -> None:
    """collect_submodules finds what is imported plainly; a module loaded by a string would
    be left out of the bundle, so none may be."""
    for folder in ("mopac_desk", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert "import_module(" not in source and "__import__(" not in source, path


@pytest.mark.skipif(not engine_available(), reason="OCR engine or its model not installed")
def test_the_sample_scan_is_small_image_only_and_read_by_ocr(tmp_path: Path) -> None:
    scan = write_scan(tmp_path / "scan.pdf")
    assert scan.stat().st_size < 300_000
    pdf = pypdfium2.PdfDocument(str(scan))
    try:
        assert len(pdf) == 1
        assert pdf[0].get_textpage().get_text_range().strip() == ""
    finally:
        pdf.close()
    reading = read_file(scan)
    assert reading.ocr_pages == [0]
    text = " ".join(reading.page_texts)
    assert all(word in text for word in EXPECTED_WORDS), text[:300]


def _fake_bundle(folder: Path, script: str) -> Path:
    """A bundle whose program is a small Python script (a real program that misbehaves)."""
    folder.mkdir()
    (folder / "_internal" / "resources" / "demo").mkdir(parents=True)
    exe = installer_check.executable(folder)
    exe.write_text(f"#!{sys.executable}\n{script}\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return folder


@pytest.mark.skipif(os.name != "posix", reason="runs a script as the program (#! line)")
def test_the_check_fails_a_bundle_that_misbehaves(tmp_path: Path, capsys) -> None:
    bundle = _fake_bundle(tmp_path / "bundle", "import sys; print('mopac-desk 0.0.0'); "
                                               "sys.exit(0)")
    assert installer_check.main([str(bundle)]) == 1
    out = capsys.readouterr().out
    assert "FAIL --version" in out
    assert "FAIL extract --json on a demo paper" in out and "not in the bundle" in out
    assert "FAIL OCR of the sample scan" in out
    assert "FAIL import of the demo papers" in out
    assert "FAIL window --self-test offscreen" in out
    assert "5 failed" in out


@pytest.mark.skipif(os.name != "posix", reason="runs a script as the program (#! line)")
def test_the_check_passes_the_version_of_a_bundle_that_says_it(tmp_path: Path,
                                                                capsys) -> None:
    bundle = _fake_bundle(tmp_path / "bundle", f"print('mopac-desk {__version__}')")
    installer_check.main([str(bundle)])
    assert "ok   --version" in capsys.readouterr().out


def test_the_check_refuses_a_folder_without_the_program(tmp_path: Path) -> None:
    assert installer_check.main([str(tmp_path)]) == 1


def test_the_program_icons_are_drawn_from_the_svg(qapp, tmp_path: Path) -> None:
    ico, icns = write_icons(tmp_path / "icons")
    with Image.open(ico) as picture:
        assert {(16, 16), (32, 32), (256, 256)} <= set(picture.info["sizes"])
    with Image.open(icns) as picture:
        assert picture.size[0] >= 512
        corner, middle = picture.convert("RGBA").getpixel((0, 0)), picture.convert(
            "RGBA").getpixel((picture.size[0] // 2, picture.size[1] // 2))
    assert corner[3] == 0 and middle[3] == 255  # transparent corner, the drawing inside
