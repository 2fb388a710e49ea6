"""Skills → My Skills…: the skills I have, typed (completed from titles and aliases) or read from a résumé."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.tasks import Task, TaskRunner

SlugRole = Qt.ItemDataRole.UserRole + 1
TitleRole = Qt.ItemDataRole.UserRole + 2
Skills = tuple[tuple[str, str], ...]  # (slug, title)


class ProfileSource(Protocol):
    """What the dialog needs of the service: its My Skills part."""

    def profile(self) -> Skills: ...
    def names(self) -> list[tuple[str, str]]: ...
    def read(self, text: str) -> Skills: ...
    def read_resume(self, path: Path) -> Skills: ...
    def set_profile(self, slugs: list[str]) -> Skills: ...


class MySkillsDialog(QDialog):
    """Edit My Skills: add typed skills, read a résumé and keep what it names, remove, save.

    Signals:
        loaded(): the profile and the names to complete are in.
        found(int): a typed list or a résumé was read: this many skills (the résumé's are listed to tick).
        failed(str): something could not be read or saved: the one line shown in the dialog.
        saved(object): the profile was saved: the new (slug, title) tuple.
    """

    loaded = Signal()
    found = Signal(int)
    failed = Signal(str)
    saved = Signal(object)

    def __init__(self, myskills: ProfileSource, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._myskills = myskills
        self._runner = runner
        self._by_name: dict[str, str] = {}
        self.setWindowTitle(self.tr("My Skills"))
        self.resize(620, 560)
        intro = QLabel(
            self.tr(
                "The skills you have, as glossary entries: job rows show how many of their skills you "
                "have, and a job page what you lack. A résumé is read on this computer; only the skills "
                "it names are kept, never its text."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(self.tr("Type a skill or a list: Python, k8s, Postgres"))
        self.entry.setAccessibleName(self.tr("Skill to add"))
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.resume_button = QPushButton(self.tr("Read a &Résumé…"), self)
        self.mine = QListWidget(self)
        self.mine.setAccessibleName(self.tr("My skills"))
        self.mine.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.remove_button = QPushButton(self.tr("&Remove Selected"), self)
        self.found_box = QGroupBox(self)
        self.found_list = QListWidget(self.found_box)
        self.found_list.setAccessibleName(self.tr("Skills the résumé names"))
        self.keep_button = QPushButton(self.tr("&Keep the Ticked Skills"), self.found_box)
        found_layout = QVBoxLayout(self.found_box)
        found_layout.addWidget(self.found_list)
        found_layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignRight)
        self.found_box.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        # Enter in the entry adds what it names; it must not press Save and close the dialog.
        for button in (self.resume_button, self.remove_button, self.keep_button, *self.buttons.buttons()):
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.add_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.resume_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.mine, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.found_box, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_typed)
        self.resume_button.clicked.connect(self.choose_resume)
        self.remove_button.clicked.connect(self.remove_selected)
        self.keep_button.clicked.connect(self.keep_ticked)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # -- loading --------------------------------------------------------------------------
    def load(self) -> None:
        """Read the profile and the names to complete (on the read thread); ``loaded`` follows."""
        task = Task(lambda: (self._myskills.profile(), self._myskills.names()))
        task.signals.finished.connect(self._on_loaded)
        task.signals.failed.connect(self._fail)
        self._runner.read(task)

    def _on_loaded(self, answer: tuple[Skills, list[tuple[str, str]]]) -> None:
        profile, names = answer
        self.mine.clear()
        self._add_mine(profile)
        self._by_name = {name.casefold(): slug for name, slug in names}
        self.names.setStringList([name for name, _ in names])
        self.loaded.emit()

    def slugs(self) -> list[str]:
        """Return the skills listed as mine, in order."""
        return [str(self.mine.item(row).data(SlugRole)) for row in range(self.mine.count())]

    def _add_mine(self, skills: Skills) -> int:
        have = set(self.slugs())
        added = 0
        for slug, title in skills:
            if slug not in have:
                item = QListWidgetItem(title, self.mine)
                item.setData(SlugRole, slug)
                have.add(slug)
                added += 1
        return added

    # -- typing ---------------------------------------------------------------------------
    def add_typed(self) -> None:
        """Add what the entry names: one skill by its title or alias, or a list read like a résumé."""
        text = self.entry.text().strip()
        if not text:
            return
        task = Task(self._myskills.read, text)
        task.signals.finished.connect(lambda skills, typed=text: self._on_typed(typed, skills))
        task.signals.failed.connect(self._fail)
        self._runner.read(task)

    def _on_typed(self, typed: str, skills: Skills) -> None:
        if not skills:
            self._say(self.tr("“{0}” names no skill in the glossary.").format(typed))
            self.found.emit(0)
            return
        added = self._add_mine(skills)
        self.entry.clear()
        names = ", ".join(title for _, title in skills)
        self._say(
            self.tr("Added {0}.").format(names) if added else self.tr("Already listed: {0}.").format(names)
        )
        self.found.emit(len(skills))

    def remove_selected(self) -> None:
        """Remove the selected skills from the list (saved with Save)."""
        for item in self.mine.selectedItems():
            self.mine.takeItem(self.mine.row(item))

    # -- a résumé -------------------------------------------------------------------------
    def choose_resume(self) -> None:
        """Ask for a résumé and read it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Read a Résumé"), "", self.tr("Résumés (*.pdf *.docx *.txt *.md)")
        )
        if path:
            self.read_resume(Path(path))

    def read_resume(self, path: Path) -> None:
        """Read a résumé on the read thread; list the skills it names, ticked, for the reader to keep."""
        self._say(self.tr("Reading {0}…").format(path.name))
        task = Task(self._myskills.read_resume, path)
        task.signals.finished.connect(lambda skills, name=path.name: self._on_resume_read(name, skills))
        task.signals.failed.connect(self._fail)
        self._runner.read(task)

    def _on_resume_read(self, name: str, skills: Skills) -> None:
        self.found_list.clear()
        have = set(self.slugs())
        for slug, title in skills:
            item = QListWidgetItem(title, self.found_list)
            item.setData(SlugRole, slug)
            item.setData(TitleRole, title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            if slug in have:
                item.setText(self.tr("{0} (already yours)").format(title))
        self.found_box.setTitle(self.tr("Read from {0}: {1} skills — untick any you do not have").format(
            name, len(skills)))  # fmt: skip
        self.found_box.show()
        self._say(self.tr("The résumé's text was read here and is not kept."))
        self.found.emit(len(skills))

    def keep_ticked(self) -> None:
        """Add the ticked skills the résumé named to mine."""
        ticked = []
        for row in range(self.found_list.count()):
            item = self.found_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append((str(item.data(SlugRole)), str(item.data(TitleRole))))
        added = self._add_mine(tuple(ticked))
        self.found_box.hide()
        self._say(self.tr("Kept {0} skills from the résumé.").format(added))

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Save the list as My Skills (on the write thread), then close; ``saved`` follows."""
        task = Task(self._myskills.set_profile, self.slugs())
        task.signals.finished.connect(self._on_saved)
        task.signals.failed.connect(self._fail)
        self._runner.write(task)

    def _on_saved(self, profile: Skills) -> None:
        self.saved.emit(profile)
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _fail(self, message: str) -> None:
        self._say(message)
        self.failed.emit(message)
