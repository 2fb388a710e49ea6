"""Two starts on one profile: the second calls the open window forward; a stale lock does not block."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.single_instance import SingleInstance, bring_forward
from desktop_app.paths import AppPaths

ROOT = Path(__file__).resolve().parents[2]


def start_app(profile: AppPaths) -> subprocess.Popen[str]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(profile.root)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_a_second_start_brings_the_open_window_forward_and_exits(
    qtbot: QtBot, window: MainWindow, profile: AppPaths
) -> None:
    guard = SingleInstance(profile.instance_lock, profile.root)
    assert guard.claim()
    guard.activation_requested.connect(lambda: bring_forward(window))
    window.showMinimized()
    assert window.isMinimized()
    filters_before = window.service.user.saved_filters()
    second = start_app(profile)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
        out, err = second.communicate()
    finally:
        second.kill()
        guard.release()
    assert second.returncode == 0, err
    assert "brought forward" in out
    assert not window.isMinimized()
    # It opened no window and wrote nothing of its own: the profile is the first window's alone.
    assert window.service.user.saved_filters() == filters_before
    assert "Traceback" not in err


STALE_HOLDER = """
import os, signal, sys
from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtNetwork import QLocalServer
from desktop_app.gui.single_instance import server_name
from pathlib import Path
app = QCoreApplication([])
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
server = QLocalServer()
assert server.listen(server_name(Path(sys.argv[2])))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_lock_left_by_a_crashed_window_does_not_block_the_next_start(
    qtbot: QtBot, profile: AppPaths
) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", STALE_HOLDER, str(profile.instance_lock), str(profile.root)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert crashed.returncode == -9, crashed.stderr
    assert profile.instance_lock.exists()  # left behind, naming a process that is gone
    guard = SingleInstance(profile.instance_lock, profile.root)
    try:
        assert guard.claim()
        assert profile.instance_lock.read_text().split("\n")[0] == str(os.getpid())
        assert guard._server is not None and guard._server.isListening()
    finally:
        guard.release()


def test_a_live_lock_is_not_taken(qapp: object, profile: AppPaths) -> None:
    first = SingleInstance(profile.instance_lock, profile.root)
    second = SingleInstance(profile.instance_lock, profile.root)
    try:
        assert first.claim()
        assert not second.claim()
    finally:
        first.release()
    assert second.claim()
    second.release()


HOLDER = """
import sys
from PySide6.QtCore import QCoreApplication, QLockFile
app = QCoreApplication([])
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
print("locked", flush=True)
sys.stdin.readline()
"""


def test_a_backup_is_not_restored_under_an_open_window(
    profile: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app import cli
    from desktop_app.storage import db

    good = db.backup(profile.database, profile.backups_dir, "daily")
    before = profile.database.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(profile.instance_lock)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        argv = ["--data-dir", str(profile.root), "data", "restore-backup", str(good)]
        assert cli.run(cli.parse_args(argv)) == 1
        err = capsys.readouterr().err
        assert f"the window is open on this profile (process {holder.pid})" in err
        assert profile.database.read_bytes() == before  # nothing was moved under the window
    finally:
        holder.kill()
        holder.wait()
    assert cli.run(cli.parse_args(argv)) == 0  # its lock is stale now: the restore goes ahead
    assert "Restored" in capsys.readouterr().out
