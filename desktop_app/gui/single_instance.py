"""One window per profile: a lock file in the profile, and a local socket that calls the window forward."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
ACTIVATE = b"activate\n"
ANSWER = b"ok\n"


def server_name(profile_root: Path) -> str:
    """Return the local-socket name of the window on this profile (one per user and profile)."""
    digest = hashlib.sha256(str(profile_root.resolve()).encode()).hexdigest()[:16]
    return f"glossary-jobs-{os.getuid() if hasattr(os, 'getuid') else 0}-{digest}"


class SingleInstance(QObject):
    """The profile's window lock and the socket on which later starts ask this window forward.

    Signals:
        activation_requested(): another start of the app on this profile asked to be shown.
    """

    activation_requested = Signal()

    def __init__(self, lock_file: Path, profile_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = QLockFile(str(lock_file))
        # Held for as long as the window is open: only a dead holder makes the lock stale, never age.
        self._lock.setStaleLockTime(0)
        self.name = server_name(profile_root)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the lock and listen for later starts; return False when a live window holds it.

        A lock left by a window that crashed (its process is gone) is taken over.
        """
        if not self._lock.tryLock(0):
            return False
        QLocalServer.removeServer(self.name)  # a socket file a crashed window left behind
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("cannot listen for other starts on %s: %s", self.name, server.errorString())
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        """Stop listening and give the lock up."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        if socket.canReadLine() and bytes(socket.readLine().data()) == ACTIVATE:
            socket.write(ANSWER)
            socket.flush()
            self.activation_requested.emit()
        socket.disconnectFromServer()


def ask_running_window(profile_root: Path, attempts: int = 10, wait_ms: int = 500) -> bool:
    """Ask the window already open on this profile to come forward; return True when it answered.

    Retries for a moment: the window may have taken its lock and not be listening yet.
    """
    name = server_name(profile_root)
    for _ in range(attempts):
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(wait_ms):
            socket.write(ACTIVATE)
            socket.waitForBytesWritten(wait_ms)
            answered = socket.waitForReadyRead(4 * wait_ms) and bytes(socket.readLine().data()) == ANSWER
            socket.disconnectFromServer()
            if answered:
                return True
        else:
            socket.abort()
            QThread.msleep(wait_ms)
    return False


def bring_forward(window: QWidget) -> None:
    """Show a window restored from minimised, raised above the others and active."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
