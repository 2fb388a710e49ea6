"""The skills features in the window: the Skills view, My Skills, the Fit sort and badge, Study."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.criteria import Criteria
from desktop_app.core.types import Term
from desktop_app.gui.detail_tabs import Place
from desktop_app.gui.my_skills import MySkillsDialog
from desktop_app.gui.searching import Searcher, run_search
from desktop_app.gui.selection import ViewSelection
from desktop_app.gui.skills_view import SkillsController
from desktop_app.gui.study import sheet_html, write_sheet
from desktop_app.gui.tasks import Task
from desktop_app.gui.window_state import SCOPES
from desktop_app.service import Scope, SearchResult
from desktop_app.service.myskills import MySkillsPart

MAX_STUDY_TABS = 12  # more missing skills than this: the first ones (required first), and the sheet has all


class FitSource(Protocol):
    """What a fit-sorted search needs of the service: the My Skills part."""

    def ranked(self, text: str, criteria: Criteria, limit: int) -> tuple[Any, ...]: ...
    def marks(self, job_ids: Iterable[str]) -> dict[str, Any]: ...


def fit_search(
    search: Searcher, fit: FitSource, text: str, scope: Scope, limit: int, criteria: Criteria
) -> SearchResult:
    """Run a search as the window does; sorted by fit, its jobs come best fit first, ties newest first.

    Runs on the read thread. The fit of every job listed is worked out here (once per job),
    so that painting a row's "7/9 skills" badge is a look-up.
    """
    if criteria.sort != "fit":
        result = run_search(search, text, scope, limit, criteria)
    else:
        dated = replace(criteria, sort="date")
        # The jobs' hits are replaced: in the Jobs scope only the counts of this search are used.
        result = run_search(search, text, scope, limit if scope == "all" else 1, dated)
        if scope != "term":
            jobs = fit.ranked(text, dated, limit)
            terms = tuple(h for h in result.hits if h.kind == "term")
            result = replace(result, hits=(jobs + terms)[:limit], criteria=criteria)
    fit.marks(h.id for h in result.hits if h.kind == "job")
    return result


class SkillsWiring(QObject):
    """Wires the skills features into the main window (``window`` gives its parts by name).

    Signals:
        study_opened(int): this many skill entries were opened in tabs to study.
        sheet_written(str): a study sheet was written to this path.
        profile_saved(int): My Skills was saved with this many skills.
    """

    study_opened = Signal(int)
    sheet_written = Signal(str)
    profile_saved = Signal(int)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._w = window
        self._myskills: MySkillsPart = window.service.myskills
        self.view: SkillsController | None = None
        self.dialog: MySkillsDialog | None = None
        window.model.fit_of = self._myskills.mark
        w = window
        self._selection = ViewSelection(w.results, w.pages, w.search_box, w.filters, lambda _job: None)
        window.ready.connect(self._check_profile)
        # Import My Data may bring skills: offer the Fit sort once there are some.
        window.user_data.status_changed.connect(self._on_user_data_status_changed)

    def handlers(self) -> dict[str, Callable[..., object]]:
        """Return the handlers of the Skills menu's actions, by action id."""
        return {
            "skills_view": self.show_skills,
            "my_skills": self.show_my_skills,
            "study_missing": self.study_missing,
            "export_study": self.export_study,
        }

    def search(
        self, search: Searcher, text: str, scope: Scope, limit: int, criteria: Criteria
    ) -> SearchResult:
        """The window's search, aware of the Fit sort (runs on the read thread)."""
        return fit_search(search, self._myskills, text, scope, limit, criteria)

    # -- the Skills view ------------------------------------------------------------------
    def show_skills(self) -> None:
        """Open the Skills view: what the jobs ask for, ranked; a row filters the board by its skill."""
        if self.view is None:
            self.view = SkillsController(self._w.service.skills, self._w.runner, self._w)
            self.view.skill_chosen.connect(self.filter_by_skill)
        self.view.show()

    def filter_by_skill(self, slug: str) -> None:
        """Show the jobs that ask for a skill: the query ``skill:SLUG``, in the Jobs scope."""
        self._w.scope_bar.setCurrentIndex(SCOPES.index("job"))
        self._w.search_box.setText(f"skill:{slug}")

    # -- My Skills ------------------------------------------------------------------------
    def show_my_skills(self) -> None:
        """Open My Skills, loaded from the profile (or bring the open one forward)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self.dialog = MySkillsDialog(self._myskills, self._w.runner, self._w)
        self.dialog.saved.connect(self._on_profile_saved)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.load()
        self.dialog.show()

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _on_profile_saved(self, profile: tuple[tuple[str, str], ...]) -> None:
        self._offer_fit_sort(bool(profile))
        self._w.status_label.setText(self.tr("My Skills saved: {0} skills.").format(len(profile)))
        self._w.rerun_search()
        self._w.pages.refresh_current()
        self.profile_saved.emit(len(profile))

    def _on_user_data_status_changed(self, _text: str) -> None:
        if self._w.is_ready:
            self._check_profile()

    def _check_profile(self) -> None:
        task = Task(self._myskills.slugs)
        task.signals.finished.connect(lambda slugs: self._offer_fit_sort(bool(slugs)))
        self._w.runner.read(task)

    def _offer_fit_sort(self, offered: bool) -> None:
        combo = self._w.filters.sort
        index = combo.findData("fit")
        if offered and index < 0:
            combo.addItem(self.tr("Best fit to My Skills"), "fit")
        elif not offered and index >= 0:
            if combo.currentIndex() == index:
                combo.setCurrentIndex(0)
            combo.removeItem(index)

    # -- studying -------------------------------------------------------------------------
    def _current_job(self) -> str | None:
        job_id = self._selection.current_job_id()  # the focused job row, else the open job page
        if job_id is None:
            self._w.status_label.setText(self.tr("Open a job first: its missing skills are what to study."))
        return job_id

    def study_missing(self) -> None:
        """Open the entries of the current job's missing skills in new tabs: a reading list."""
        job_id = self._current_job()
        if job_id is None:
            return
        task = Task(self._myskills.missing_of, job_id)
        task.signals.finished.connect(self._open_study_tabs)
        task.signals.failed.connect(self._w.status_label.setText)
        self._w.runner.read(task)

    def _open_study_tabs(self, missing: tuple[Any, ...]) -> None:
        if not missing:
            self._w.status_label.setText(self.tr("Nothing to study: you have every skill this job asks for."))
        for skill in missing[:MAX_STUDY_TABS]:
            self._w.pages.open(Place("term", skill.id), new_tab=True)
        if missing:
            self._w.status_label.setText(
                self.tr("Opened {0} entries to study, required skills first.").format(
                    min(len(missing), MAX_STUDY_TABS)
                )
            )
        self.study_opened.emit(min(len(missing), MAX_STUDY_TABS))

    def export_study(self, path: Path | None = None) -> None:
        """Write the current job's missing skills' entries as a study sheet: PDF or web page."""
        job_id = self._current_job()
        if job_id is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self._w, self.tr("Export a Study Sheet"), "study-sheet.pdf",
                self.tr("PDF (*.pdf);;Web page (*.html)"),
            )  # fmt: skip
            if not chosen:
                return
            path = Path(chosen)
        task = Task(self._sheet_parts, job_id)
        task.signals.finished.connect(lambda parts, p=path: self._write_sheet(p, parts))
        task.signals.failed.connect(self._w.status_label.setText)
        self._w.runner.read(task)

    def _sheet_parts(self, job_id: str) -> tuple[str, str | None, list[Term]]:
        job = self._w.service.jobs.job(job_id)
        terms = self._myskills.entries(s.id for s in self._myskills.missing_of(job_id))
        return (job.title if job else job_id), (job.company if job else None), terms

    def _write_sheet(self, path: Path, parts: tuple[str, str | None, list[Term]]) -> None:
        try:
            write_sheet(path, sheet_html(*parts))
        except OSError as exc:
            self._w.status_label.setText(self.tr("The study sheet was not written: {0}").format(exc))
            return
        self._w.status_label.setText(self.tr("Study sheet written: {0}").format(path))
        self.sheet_written.emit(str(path))
