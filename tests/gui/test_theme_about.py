"""The light and dark themes, the application icon and the About dialog."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableWidget, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.gui.about import DEPENDENCIES, AboutDialog, licence_of
from desktop_app.gui.theme import ICON_SIZES, SVG_RENDER_SIZE, app_icon, apply_theme

Role = QPalette.ColorRole


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, with its style and palettes put back afterwards so other tests see no change."""
    style, palette, tooltip = qapp.style().name(), qapp.palette(), QToolTip.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    QToolTip.setPalette(tooltip)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def lightness(app: QApplication, role: QPalette.ColorRole) -> int:
    return app.palette().color(role).lightness()


def test_dark_theme_is_dark_with_light_text(app: QApplication) -> None:
    assert apply_theme(app, "dark") == "dark"
    # Fusion, under a style sheet that draws check boxes visibly on the dark palette
    assert "indicator" in app.styleSheet()
    for role in (Role.Window, Role.Base, Role.Button):
        assert lightness(app, role) < 80, role
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        assert lightness(app, role) > 180, role
    disabled = app.palette().color(QPalette.ColorGroup.Disabled, Role.Text).lightness()
    assert lightness(app, Role.Base) < disabled < lightness(app, Role.Text)
    assert QToolTip.palette().color(Role.ToolTipBase).lightness() < 80
    assert QToolTip.palette().color(Role.ToolTipText).lightness() > 180


def test_light_theme_is_light_with_dark_text(app: QApplication) -> None:
    assert apply_theme(app, "light") == "light"
    assert lightness(app, Role.Window) > 180
    assert lightness(app, Role.Base) > 180
    assert lightness(app, Role.Text) < 80
    assert lightness(app, Role.WindowText) < 80


def test_light_after_dark_restores_the_light_palette(app: QApplication) -> None:
    apply_theme(app, "light")
    light = {role: app.palette().color(role).name() for role in (Role.Window, Role.Text, Role.Highlight)}
    apply_theme(app, "dark")
    assert app.palette().color(Role.Window).name() != light[Role.Window]
    apply_theme(app, "light")
    assert {role: app.palette().color(role).name() for role in light} == light
    assert QToolTip.palette().color(Role.ToolTipText).lightness() < 80


def test_system_theme_follows_the_platform_scheme(app: QApplication) -> None:
    effective = apply_theme(app, "system")
    assert effective in ("light", "dark")
    window = lightness(app, Role.Window)
    assert window < 80 if effective == "dark" else window > 180


def test_app_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    available = {size.width() for size in icon.availableSizes()}
    assert available == {*ICON_SIZES, SVG_RENDER_SIZE}
    for size in ICON_SIZES:
        assert icon.pixmap(size, size).size() == QSize(size, size)
    big = icon.pixmap(SVG_RENDER_SIZE, SVG_RENDER_SIZE)
    assert big.size() == QSize(SVG_RENDER_SIZE, SVG_RENDER_SIZE)
    assert big.toImage().pixelColor(SVG_RENDER_SIZE // 2, SVG_RENDER_SIZE // 2).alpha() == 255
    assert big.toImage().pixelColor(0, 0).alpha() == 0  # transparent corner


def test_about_dialog_shows_version_and_dependencies(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert __version__ in dialog.version_label.text()
    table = dialog.table
    assert table.rowCount() == len(DEPENDENCIES)
    names = [cell(table, row, 0) for row in range(table.rowCount())]
    assert names == list(DEPENDENCIES)
    for row, name in enumerate(names):
        version = cell(table, row, 1)
        assert version == metadata.version(name)
        assert cell(table, row, 2).strip()
    assert "LGPL" in dialog.qt_label.text()
    with qtbot.waitSignal(dialog.rejected):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"License-Expression": "MIT", "License": "whatever"}, "MIT"),
        ({"License": "Two-clause BSD license"}, "Two-clause BSD license"),
        (
            {"License": "Copyright (c) 2020\n\nPermission is hereby granted ...",
             "Classifier": "License :: OSI Approved :: BSD License"},
            "BSD License",
        ),
        ({"License": "A" * 200}, "A" * 59 + "…"),
        ({}, "unknown"),
    ],
)  # fmt: skip
def test_licence_is_one_short_line(fields: dict[str, str], expected: str) -> None:
    from email.message import Message

    meta = Message()
    for key, value in fields.items():
        meta[key] = value
    assert licence_of(meta) == expected  # type: ignore[arg-type]
