"""The light and dark palettes on the Fusion style, and the application icon."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QToolTip

from desktop_app.paths import resources_dir

Theme = Literal["system", "light", "dark"]
Scheme = Literal["light", "dark"]

ICON_NAME = "glossary-jobs"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
SVG_RENDER_SIZE = 512

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Neutral greys with a faint blue cast; text on Base and Window stays above 7:1 contrast,
# and the highlight is a mid blue that keeps white text readable (about 5:1).
_DARK: dict[QPalette.ColorRole, str] = {
    _Role.Window: "#2b2d30",
    _Role.WindowText: "#e8eaed",
    _Role.Base: "#1e1f22",
    _Role.AlternateBase: "#26282b",
    _Role.ToolTipBase: "#3c3f44",
    _Role.ToolTipText: "#f1f3f4",
    _Role.Text: "#e8eaed",
    _Role.Button: "#35373b",
    _Role.ButtonText: "#e8eaed",
    _Role.BrightText: "#ff6b6b",
    _Role.Link: "#8ab4f8",
    _Role.LinkVisited: "#c58af9",
    _Role.Highlight: "#3d6fb4",
    _Role.HighlightedText: "#ffffff",
    _Role.PlaceholderText: "#9aa0a6",
    # Fusion draws frames and bevels from these, so they must be dark too.
    _Role.Light: "#4a4d52",
    _Role.Midlight: "#3f4246",
    _Role.Mid: "#26282b",
    _Role.Dark: "#1a1b1d",
    _Role.Shadow: "#0e0f10",
}
_DARK_DISABLED: dict[QPalette.ColorRole, str] = {
    _Role.Text: "#6f7378",
    _Role.ButtonText: "#6f7378",
    _Role.WindowText: "#6f7378",
    _Role.Highlight: "#4a4d52",
    _Role.HighlightedText: "#a0a4a8",
}


def dark_palette() -> QPalette:
    """Return the dark palette: every role set for all groups, greyed text when disabled."""
    palette = QPalette(QColor(_DARK[_Role.Button]), QColor(_DARK[_Role.Window]))
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(_Role.Accent, QColor(_DARK[_Role.Highlight]))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(_Group.Disabled, role, QColor(colour))
    return palette


def _set_color_scheme(app: QApplication, scheme: Qt.ColorScheme | None) -> None:
    """Ask the platform for a scheme (window title bars follow it); None returns to the system's."""
    hints = app.styleHints()
    if not hasattr(hints, "setColorScheme"):  # Qt < 6.8
        return
    if scheme is None:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(scheme)


def apply_theme(app: QApplication, theme: Theme) -> Scheme:
    """Set the Fusion style and the palette for ``theme``; return the scheme in effect.

    "system" follows the platform's colour scheme when the call is made: dark when it
    reports dark, light otherwise (also when it cannot tell).
    """
    if theme == "system":
        _set_color_scheme(app, None)
        effective: Scheme = "dark" if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"
    else:
        effective = theme
        _set_color_scheme(app, Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    app.setStyle("Fusion")
    palette = dark_palette() if effective == "dark" else app.style().standardPalette()
    app.setPalette(palette)
    QToolTip.setPalette(palette)
    app.setStyleSheet(_dark_indicators() if effective == "dark" else "")
    return effective


def _dark_indicators() -> str:
    """Return a style sheet that draws check boxes visibly on dark backgrounds.

    Fusion outlines unchecked boxes with a darker shade of the window colour, which vanishes
    on a dark palette.
    """
    check = (resources_dir() / "icons" / "check.svg").as_posix()
    box = "width: 13px; height: 13px; border: 1px solid #8a8f98; border-radius: 2px; background: #1e1f22;"
    return (
        f"QAbstractItemView::indicator, QCheckBox::indicator {{ {box} }}"
        "QAbstractItemView::indicator:checked, QCheckBox::indicator:checked "
        f"{{ background: #3d6fb4; border-color: #3d6fb4; image: url({check}); }}"
    )


def contrast(foreground: QColor, background: QColor) -> float:
    """Return the WCAG contrast ratio of two opaque colours, from 1 (none) to 21 (black on white).

    >>> round(contrast(QColor("#767676"), QColor("#ffffff")), 2)
    4.54
    """

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(foreground: QColor, background: QColor, weight: float) -> QColor:
    """Return ``foreground`` laid over ``background`` at opacity ``weight`` (0 to 1), as an opaque colour."""

    def mix(front: float, back: float) -> float:
        return weight * front + (1 - weight) * back

    return QColor.fromRgbF(
        mix(foreground.redF(), background.redF()),
        mix(foreground.greenF(), background.greenF()),
        mix(foreground.blueF(), background.blueF()),
    )


def muted_colour(text: QColor, background: QColor, minimum: float = 4.5) -> QColor:
    """Return a secondary text colour: ``text`` faded toward ``background``, yet readable on it.

    It fades as far as WCAG AA for normal text (``minimum``, 4.5:1) allows.
    """
    for weight in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        colour = blend(text, background, weight)
        if contrast(colour, background) >= minimum:
            return colour
    return QColor(text)


def _render_svg(path: Path, size: int) -> QPixmap | None:
    """Return the SVG drawn at ``size`` pixels square on transparency, or None if unreadable."""
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return None
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


def app_icon() -> QIcon:
    """Return the application icon: the hicolor PNGs at their sizes, plus the SVG drawn large.

    The result is a null icon when no icon file is found.
    """
    folder = resources_dir() / "icons"
    icon = QIcon()
    # A pixmap icon rather than QIcon(svg): the SVG icon engine reports no availableSizes(),
    # which window managers read, and the hand-checked PNGs are the crispest at small sizes.
    for size in ICON_SIZES:
        png = folder / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    svg = folder / f"{ICON_NAME}.svg"
    large = _render_svg(svg, SVG_RENDER_SIZE) if svg.is_file() else None
    if large is not None:  # for high-density screens, and the sizes without a PNG
        icon.addPixmap(large)
    return icon
