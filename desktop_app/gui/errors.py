"""Unexpected errors: logged with their traceback, then a dialog naming the log; Qt's messages to the log."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("desktop_app")
qt_log = logging.getLogger("qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class ErrorReporter(QObject):
    """Reports errors nobody caught, from the GUI thread or any other, to the log and the reader.

    Signals:
        error_raised(str): an unexpected error happened (its one-line text); shown on the GUI thread.
    """

    error_raised = Signal(str)

    def __init__(
        self, window: QWidget, log_file: Path, on_error: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._log_file = log_file
        self._on_error = on_error
        self.shown: list[str] = []
        # Queued: the dialog opens once the failing slot has unwound, on the GUI thread.
        self.error_raised.connect(self._on_error_raised, Qt.ConnectionType.QueuedConnection)

    def excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """Take an uncaught exception of the GUI thread (sys.excepthook)."""
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        self.error_raised.emit(str(exc) or kind.__name__)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """Take an uncaught exception of another thread (threading.excepthook)."""
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        details = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        log.error("unexpected error in thread %s:\n%s", name, details)
        self.error_raised.emit(str(args.exc_value) or args.exc_type.__name__)

    def _on_error_raised(self, message: str) -> None:
        self.shown.append(message)
        if self._on_error is not None:
            self._on_error(message)
            return
        QMessageBox.critical(
            self._window,
            "Glossary & Jobs",
            self.tr(
                "Something went wrong: {0}\n\nNothing you saved was lost. Details are in the log:\n{1}"
            ).format(message, self._log_file),
        )


def qt_message_to_log(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Write one of Qt's own messages (warnings from plugins, for example) to the log."""
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def install(window: QWidget, log_file: Path, on_error: Callable[[str], None] | None = None) -> ErrorReporter:
    """Route uncaught errors of every thread to a reporter, and Qt's messages to the log; return it."""
    reporter = ErrorReporter(window, log_file, on_error)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    qInstallMessageHandler(qt_message_to_log)
    return reporter
