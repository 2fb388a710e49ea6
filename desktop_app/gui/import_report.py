"""The import report: what an import took, rejected, merged and found expired, every reason in full."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.types import MergedPosting, Rejected
from desktop_app.service import ImportReport

# Records listed one by one in each section; a file of 100,000 broken rows says how many more.
MAX_LISTED = 200
Severity = QMessageBox.Icon
_ICONS = {
    Severity.Critical: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.Warning: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.Information: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ImportReport", text, "", n)


def import_summary(report: ImportReport) -> str:
    """Return the one-line outcome of an import, in the reader's plurals."""
    counts = (
        _tr("%n new", report.new),
        _tr("%n updated", report.updated),
        _tr("%n unchanged", report.unchanged),
    )
    text = _tr("Took %n job(s)", report.taken) + ": " + ", ".join(counts) + ". "
    text += _tr("Rejected %n.", report.refused)
    if report.removed:
        text += " " + _tr("Removed %n listing(s) the feed no longer holds.", len(report.removed))
    return f"{report.note} {text}" if report.note else text  # a cancelled import: what it kept


def severity(report: ImportReport) -> QMessageBox.Icon:
    """Return the report's icon: an error when nothing was taken, a warning when records were rejected."""
    if not report.taken:
        return Severity.Critical
    return Severity.Warning if report.rejected else Severity.Information


def worth_showing(report: ImportReport) -> bool:
    """True when the report says more than the status line (rejections, merges, expiries, nothing taken)."""
    return bool(not report.taken or report.rejected or report.merged or report.note or _expired(report))


def _expired(report: ImportReport) -> list[tuple[str, str]]:
    expired = [c for c in report.checks if c.expired]
    titles: dict[str, str] = {job.id: job.title for job in report.accepted} if expired else {}
    return [(titles.get(c.job_id, c.job_id), c.source) for c in expired]


def _quoted(title: str, company: str | None) -> str:
    return f"“{title} — {company}”" if company else f"“{title}”"


def _merged_line(named: MergedPosting) -> str:
    return _tr("{0} from {1} into {2}, the listing it repeats").format(
        escape(_quoted(named.title, named.company)), escape(named.source), escape(f"“{named.kept_title}”")
    )


def _section(heading: str, items: list[str], total: int = 0) -> str:
    shown = "".join(f"<li>{item}</li>" for item in items[:MAX_LISTED])
    more = max(total, len(items)) - MAX_LISTED  # a big import's report holds the first of its records
    tail = f"<p>{escape(_tr('… and %n more', more))}</p>" if more > 0 else ""
    return f"<h3>{escape(heading)}</h3><ul>{shown}</ul>{tail}"


def report_html(report: ImportReport) -> str:
    """Return the report's body: rejected records with their whole reason, merges, expired postings."""
    parts: list[str] = []
    if report.rejected:
        rejected = [f"<b>{escape(r.source)}</b>: {escape(r.reason)}" for r in report.rejected]
        parts.append(_section(_tr("Rejected %n record(s)", report.refused), rejected, report.refused))
    if report.merged:
        names = {m.posting_id: m for m in report.merged_names}
        merged = [
            _merged_line(names[posting]) if posting in names else escape(f"{posting} → {kept}")
            for posting, kept in report.merged
        ]
        parts.append(_section(_tr("Merged %n repeated posting(s)", len(merged)), merged))
    expired = _expired(report)
    if expired:
        lines = [f"{escape(f'“{title}”')} ({escape(source)})" for title, source in expired]
        heading = _tr("%n posting(s) past the closing date: kept, marked expired", len(lines))
        parts.append(_section(heading, lines))
    if not report.accepted and not report.rejected:
        parts.append(f"<p>{escape(_tr('The files held no job posting this app can read.'))}</p>")
    return "".join(parts)


class ReportDialog(QDialog):
    """A report: an icon, a one-line heading, and a body that scrolls and wraps anywhere (nothing cut off)."""

    def __init__(
        self, title: str, icon: QMessageBox.Icon, heading: str, body_html: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.severity = icon
        self.icon_label = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        self.icon_label.setPixmap(self.style().standardIcon(_ICONS[icon], None, self).pixmap(size, size))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(heading, self)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QTextBrowser(self)
        self.body.setOpenLinks(False)
        self.body.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.body.setHtml(body_html)
        self.body.setVisible(bool(body_html))
        self.body.setAccessibleName(self.tr("Report"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        top.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        # As tall as the report needs (up to a limit, then it scrolls): a short one is a small box.
        self.body.document().setTextWidth(580)
        self.body.setMinimumHeight(min(max(int(self.body.document().size().height()) + 12, 60), 380))
        self.resize(620, self.minimumSizeHint().height())

    def text(self) -> str:
        """Return what the dialog says, as plain text: the heading, then the body."""
        return self.heading.text() + "\n\n" + self.body.toPlainText()


def import_report_dialog(report: ImportReport, parent: QWidget) -> ReportDialog:
    """Return the dialog reporting an import: error icon when nothing was taken, every reason whole."""
    return ReportDialog(_tr("Import"), severity(report), import_summary(report), report_html(report), parent)


def entries_report_dialog(
    summary: str, added_any: bool, rejected: Sequence[Rejected], parent: QWidget
) -> ReportDialog:
    """Return the dialog reporting glossary entries added: each rejected file with its whole reason."""
    items = [f"<b>{escape(r.source)}</b>: {escape(r.reason)}" for r in rejected]
    body = _section(_tr("Rejected %n file(s)", len(items)), items)
    icon = Severity.Warning if added_any else Severity.Critical
    return ReportDialog(_tr("Add Glossary Entries"), icon, summary, body, parent)


def failure_dialog(what: str, message: str, log_file: object, parent: QWidget) -> ReportDialog:
    """Return the dialog of a failed import or addition: an error icon, the whole message, the log."""
    body = f"<p>{escape(message)}</p><p>{escape(_tr('Details are in the log: {0}').format(log_file))}</p>"
    return ReportDialog(
        _tr("Glossary & Jobs"), Severity.Critical, _tr("{0} failed").format(what), body, parent
    )
