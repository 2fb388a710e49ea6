"""Every action of the window declared in one place: id, text, shortcuts, handler, menu."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

from desktop_app.service import STATUSES

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: where it lives and what it does."""

    id: str
    menu: str
    text: str
    shortcuts: tuple[QKeySequence | Key | str, ...]
    handler: Callable[[MainWindow], Callable[[], object]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("import_jobs", "file", "&Import Jobs…", ("Ctrl+I",), lambda w: w.importer.choose_job_files),
    ActionSpec(
        "update_feeds",
        "file",
        "&Update From Feeds…",
        ("Ctrl+Shift+I",),
        lambda w: w.importer.choose_feed_files,
    ),
    ActionSpec(
        "add_entries", "file", "Add &Glossary Entries…", (), lambda w: w.importer.choose_glossary_files
    ),
    ActionSpec("save_filter", "file", "&Save Filter…", ("Ctrl+S",), lambda w: w.save_current_filter),
    ActionSpec("export_data", "file", "&Export My Data…", (), lambda w: w.user_data.export_data),
    ActionSpec("import_data", "file", "Import My &Data…", (), lambda w: w.user_data.import_data),
    ActionSpec("quit", "file", "&Quit", (Key.Quit, "Ctrl+Q"), lambda w: w.close),
    ActionSpec("copy_text", "edit", "Copy Page &Text", ("Ctrl+Shift+C",), lambda w: w.copy_page_text),
    ActionSpec("copy_link", "edit", "Copy Page &Link", ("Ctrl+Shift+L",), lambda w: w.copy_page_link),
    ActionSpec("focus_search", "edit", "&Find", ("Ctrl+L", Key.Find), lambda w: w.focus_search),
    ActionSpec("toggle_filters", "view", "Show &Filters", ("Ctrl+Shift+F",), lambda w: w.toggle_filters),
    ActionSpec("back", "go", "&Back", (Key.Back,), lambda w: w.go_back),
    ActionSpec("forward", "go", "&Forward", (Key.Forward,), lambda w: w.go_forward),
    ActionSpec("clear_history", "go", "Clear &History", (), lambda w: w.user_data.clear_history),
    ActionSpec("new_tab", "go", "Open in New &Tab", ("Ctrl+T",), lambda w: w.new_tab),
    ActionSpec("close_tab", "go", "&Close Tab", ("Ctrl+W",), lambda w: w.close_tab),
    ActionSpec("star", "favourites", "&Star or Unstar Job", ("Ctrl+D",), lambda w: w.user_data.toggle_star),
    ActionSpec("note", "favourites", "Edit &Note…", ("Ctrl+Shift+N",), lambda w: w.user_data.edit_note),
    ActionSpec(
        "favourites",
        "favourites",
        "Show &Favourites",
        ("Ctrl+Shift+D",),
        lambda w: w.user_data.show_favourites,
    ),
    ActionSpec("hide_job", "favourites", "&Hide This Job", ("Ctrl+Shift+H",), lambda w: w.user_data.hide_job),
    ActionSpec("hide_company", "favourites", "Hide This &Company", (), lambda w: w.user_data.hide_company),
    ActionSpec("hide_titles", "favourites", "Hide &Titles With…", (), lambda w: w.user_data.hide_titles),
    ActionSpec(
        "unhide", "favourites", "Show Again (Remove a Hide Rule)…", (), lambda w: w.user_data.remove_hide_rule
    ),
    ActionSpec("about", "help", "&About Glossary & Jobs", (), lambda w: w.show_about),
)
MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("go", "&Go"),
         ("favourites", "F&avourites"), ("help", "&Help"))  # fmt: skip
THEMES = (("system", "&System"), ("light", "&Light"), ("dark", "&Dark"))


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Create the actions, the menu bar and the tool bar of ``window``; return actions by id."""
    actions: dict[str, QAction] = {}
    menus = {key: window.menuBar().addMenu(_tr(title)) for key, title in MENUS}
    for spec in SPECS:
        action = QAction(_tr(spec.text), window)
        action.setObjectName(spec.id)
        action.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(spec.handler(window))
        window.addAction(action)
        if spec.id == "quit":
            menus["file"].addSeparator()
        menus[spec.menu].addAction(action)
        actions[spec.id] = action
    actions["toggle_filters"].setCheckable(True)
    actions["toggle_filters"].setChecked(True)
    show_hidden = QAction(_tr("Show &Hidden Jobs"), window, checkable=True)
    show_hidden.toggled.connect(window.user_data.set_show_hidden)
    menus["view"].addAction(show_hidden)
    actions["show_hidden"] = show_hidden
    window.history_menu = menus["go"].addMenu(_tr("&Recently Viewed"))
    window.history_menu.aboutToShow.connect(window.fill_history_menu)
    status_menu = menus["favourites"].addMenu(_tr("Set &Status"))
    for status in STATUSES:
        action = QAction(_tr(status.title()), window)
        action.triggered.connect(lambda _checked=False, s=status: window.user_data.set_status(s))
        status_menu.addAction(action)
        actions[f"status_{status}"] = action
    theme_menu = menus["view"].addMenu(_tr("&Theme"))
    group = QActionGroup(window)
    current = str(window.settings.value("view/theme", "system"))
    for theme, title in THEMES:
        action = QAction(_tr(title), window, checkable=True)
        action.setChecked(theme == current)
        action.triggered.connect(lambda _checked=False, t=theme: window.set_theme(t))
        group.addAction(action)
        theme_menu.addAction(action)
        actions[f"theme_{theme}"] = action
    toolbar = QToolBar(_tr("Navigation"), window)
    toolbar.setObjectName("navigation")
    toolbar.setMovable(False)
    toolbar.addAction(actions["back"])
    toolbar.addAction(actions["forward"])
    toolbar.addWidget(window.search_box)
    toolbar.addWidget(window.scope_bar)
    window.addToolBar(toolbar)
    actions["back"].setEnabled(False)
    actions["forward"].setEnabled(False)
    return actions
