"""The launcher, AppStream metadata, icons and Flatpak manifest: valid, and naming one another."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app import APP_ID, __version__
from desktop_app.cli import PROG

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
FLATPAK = PACKAGING / f"{APP_ID}.json"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _tool(command: str, debian_package: str) -> str:
    """Return the validator's path, installing its Debian package first when root can."""
    # Two apt-gets at once fail on dpkg's lock: under pytest -n, --dist loadfile keeps this
    # module's tests on one worker.
    found = shutil.which(command)
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.skip(f"{command} is missing and cannot be installed here (needs root and apt-get): "
                    f"install the Debian package {debian_package}")  # fmt: skip
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-q", "--no-install-recommends", debian_package]
    if subprocess.run(install, capture_output=True, env=env, timeout=600).returncode != 0:
        # A fresh image has no package lists yet.
        subprocess.run([apt, "update", "-q"], capture_output=True, env=env, timeout=600)
        result = subprocess.run(install, capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, f"apt-get could not install {debian_package}:\n{result.stderr}"
    found = shutil.which(command)
    assert found, f"{debian_package} is installed but {command} is not on PATH"
    return found


def _desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_desktop_file_passes_desktop_file_validate() -> None:
    validate = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout and "warning" not in result.stdout, result.stdout


def test_metainfo_passes_appstreamcli_validate() -> None:
    appstreamcli = _tool("appstreamcli", "appstream")
    # --no-net: validate offline, without fetching the URLs the file names.
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_launcher_metainfo_icon_and_flatpak_name_the_same_app() -> None:
    entry = _desktop_entry(DESKTOP)
    assert entry["Exec"].split()[0] == PROG
    assert entry["Icon"] == APP_ID
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/binary") == PROG
    newest = component.find("releases/release")
    assert newest is not None and newest.get("version") == __version__, "add this version to the metainfo"
    manifest = json.loads(FLATPAK.read_text(encoding="utf-8"))
    assert manifest["id"] == APP_ID and manifest["command"] == PROG
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert not any("network" in arg for arg in manifest["finish-args"]), "the app is offline"


def test_icons_are_in_every_hicolor_size_and_as_svg() -> None:
    hicolor = PACKAGING / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert _png_size(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    svg = ET.parse(hicolor / "scalable" / "apps" / f"{APP_ID}.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_install_desktop_puts_the_launcher_where_the_desktop_finds_it_and_uninstall_removes_it(
    tmp_path: Path,
) -> None:
    home = tmp_path / "share"
    (home / "applications").mkdir(parents=True)
    (home / "applications" / "other.desktop").write_text("[Desktop Entry]\n", encoding="utf-8")
    program = str(tmp_path / "my apps" / PROG)
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    script = [sys.executable, str(ROOT / "scripts" / "install-desktop.py")]
    result = subprocess.run([*script, "--exec", program], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr

    launcher = home / "applications" / f"{APP_ID}.desktop"
    entry = _desktop_entry(launcher)
    assert entry["Exec"] == f'"{program}"'  # quoted: the folder name has a space
    assert entry["TryExec"] == program
    validate = _tool("desktop-file-validate", "desktop-file-utils")
    assert subprocess.run([validate, str(launcher)], capture_output=True, timeout=60).returncode == 0
    assert _png_size(home / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png") == (48, 48)
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (home / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()

    result = subprocess.run([*script, "--uninstall"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    left = sorted(p.name for p in home.rglob("*") if p.is_file())
    assert APP_ID not in " ".join(left)
    assert "other.desktop" in left  # nothing of anyone else's is touched
