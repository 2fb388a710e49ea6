"""Every action of the window declared in one place: id, text, shortcuts, menu; handlers come from outside."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.service import STATUSES

Key = QKeySequence.StandardKey
Handler = Callable[..., object]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: its id (the key of its handler), menu, text and shortcuts."""

    id: str
    menu: str
    text: str
    shortcuts: tuple[Key | str, ...] = ()


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("import_jobs", "file", "&Import Jobs…", ("Ctrl+I",)),
    ActionSpec("update_feeds", "file", "&Update From Feeds…", ("Ctrl+Shift+I",)),
    ActionSpec("company_boards", "file", "Company &Boards…", ("Ctrl+B",)),
    ActionSpec("add_entries", "file", "Add &Glossary Entries…"),
    ActionSpec("save_filter", "file", "&Save Filter…", ("Ctrl+S",)),
    ActionSpec("export_data", "file", "&Export My Data…"),
    ActionSpec("import_data", "file", "Import My &Data…"),
    # Key.Quit is Ctrl+Q on Linux desktops and nothing on Windows: "Ctrl+Q" covers both (deduplicated).
    ActionSpec("quit", "file", "&Quit", (Key.Quit, "Ctrl+Q")),
    ActionSpec("copy_text", "edit", "Copy Page &Text", ("Ctrl+Shift+C",)),
    ActionSpec("copy_link", "edit", "Copy Page &Link", ("Ctrl+Shift+L",)),
    ActionSpec("focus_search", "edit", "&Find", ("Ctrl+L", Key.Find)),
    ActionSpec("toggle_filters", "view", "Show &Filters", ("Ctrl+Shift+F",)),
    ActionSpec("back", "go", "&Back", (Key.Back,)),
    ActionSpec("forward", "go", "&Forward", (Key.Forward,)),
    ActionSpec("clear_history", "go", "Clear &History"),
    ActionSpec("new_tab", "go", "Open in New &Tab", ("Ctrl+T",)),
    ActionSpec("close_tab", "go", "&Close Tab", ("Ctrl+W",)),
    ActionSpec("star", "favourites", "&Star or Unstar Job", ("Ctrl+D",)),
    ActionSpec("note", "favourites", "Edit &Note…", ("Ctrl+Shift+N",)),
    ActionSpec("favourites", "favourites", "Show &Favourites", ("Ctrl+Shift+D",)),
    ActionSpec("hide_job", "favourites", "&Hide This Job", ("Ctrl+Shift+H",)),
    ActionSpec("hide_company", "favourites", "Hide This &Company"),
    ActionSpec("hide_titles", "favourites", "Hide &Titles With…"),
    ActionSpec("unhide", "favourites", "Show Again (Remove a Hide Rule)…"),
    ActionSpec("skills_view", "skills", "&Skills the Jobs Ask For…", ("Ctrl+Shift+K",)),
    ActionSpec("my_skills", "skills", "&My Skills…", ("Ctrl+Shift+M",)),
    ActionSpec("study_missing", "skills", "S&tudy This Job's Missing Skills"),
    ActionSpec("export_study", "skills", "&Export a Study Sheet…"),
    ActionSpec("cheat_sheet", "help", "Search Syntax and &Shortcuts", ("F1",)),
    # "&&" is a literal ampersand in a menu; a single "&" would mark the next letter as the mnemonic.
    ActionSpec("about", "help", "&About Glossary && Jobs"),
)
MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("go", "&Go"),
         ("favourites", "F&avourites"), ("skills", "&Skills"), ("help", "&Help"))  # fmt: skip
THEMES = (("system", "&System"), ("light", "&Light"), ("dark", "&Dark"))


@dataclass(slots=True)
class Actions:
    """What ``build_actions`` made: actions by id, the menus in menu-bar order, the history menu."""

    by_id: dict[str, QAction] = field(default_factory=dict)
    menus: dict[str, QMenu] = field(default_factory=dict)
    history_menu: QMenu | None = None

    def __getitem__(self, action_id: str) -> QAction:
        return self.by_id[action_id]


def key_sequences(shortcuts: Iterable[Key | str]) -> list[QKeySequence]:
    """Return the key sequences of ``shortcuts``, standard keys expanded, each sequence once.

    A sequence listed twice on one action makes Qt report an ambiguous shortcut and do nothing.
    """
    found: list[QKeySequence] = []
    for shortcut in shortcuts:
        expanded = (
            QKeySequence.keyBindings(shortcut) if isinstance(shortcut, Key) else [QKeySequence(shortcut)]
        )
        found.extend(seq for seq in expanded if not seq.isEmpty() and seq not in found)
    return found


def build_actions(parent: QWidget, handlers: Mapping[str, Handler], theme: str = "system") -> Actions:
    """Create every action, with its menu and shortcuts, owned by ``parent``; return them.

    ``handlers`` maps each spec id to a slot taking no argument, and also holds ``set_status``
    (called with a status), ``set_theme`` (with a theme name), ``show_hidden`` (with a bool) and
    ``fill_history`` (before the Recently Viewed menu shows). Raises KeyError when one is missing.
    """
    made = Actions()
    made.menus = {key: QMenu(_tr(title), parent) for key, title in MENUS}
    for spec in SPECS:
        action = _action(parent, _tr(spec.text), spec.id)
        action.setShortcuts(key_sequences(spec.shortcuts))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(handlers[spec.id])
        parent.addAction(action)
        if spec.id == "quit":
            made.menus["file"].addSeparator()
        made.menus[spec.menu].addAction(action)
        made.by_id[spec.id] = action
    made.by_id["toggle_filters"].setCheckable(True)
    made.by_id["toggle_filters"].setChecked(True)
    show_hidden = _action(parent, _tr("Show &Hidden Jobs"), "show_hidden")
    show_hidden.setCheckable(True)
    show_hidden.toggled.connect(handlers["show_hidden"])
    made.menus["view"].addAction(show_hidden)
    made.by_id["show_hidden"] = show_hidden
    made.history_menu = made.menus["go"].addMenu(_tr("&Recently Viewed"))
    made.history_menu.aboutToShow.connect(handlers["fill_history"])
    status_menu = made.menus["favourites"].addMenu(_tr("Set &Status"))
    for status in STATUSES:
        action = _action(parent, _tr(status.title()), f"status_{status}")
        action.triggered.connect(lambda _checked=False, s=status: handlers["set_status"](s))
        status_menu.addAction(action)
        made.by_id[f"status_{status}"] = action
    theme_menu = made.menus["view"].addMenu(_tr("&Theme"))
    group = QActionGroup(parent)
    for name, title in THEMES:
        action = _action(parent, _tr(title), f"theme_{name}")
        action.setCheckable(True)
        action.setChecked(name == theme)
        action.triggered.connect(lambda _checked=False, t=name: handlers["set_theme"](t))
        group.addAction(action)
        theme_menu.addAction(action)
        made.by_id[f"theme_{name}"] = action
    made.by_id["back"].setEnabled(False)
    made.by_id["forward"].setEnabled(False)
    return made


def _action(parent: QObject, text: str, action_id: str) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(action_id)
    return action


def job_menu(by_id: Mapping[str, QAction], status: str | None, parent: QWidget) -> QMenu:
    """Return the menu of a job row: Star, Status (the current one ticked), Note, Study, Hide job/company."""
    menu = QMenu(parent)
    menu.addAction(_tr("★ Save") if status is None else _tr("Unstar"), by_id["star"].trigger)
    statuses = menu.addMenu(_tr("Status"))
    for name in STATUSES:
        action = statuses.addAction(_tr(name.title()), by_id[f"status_{name}"].trigger)
        action.setCheckable(True)
        action.setChecked(name == status)
    for action_id in ("note", "study_missing", "hide_job", "hide_company"):
        menu.addAction(by_id[action_id])
    return menu
