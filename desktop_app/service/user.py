"""The user part: saved filters, favourites, hide rules, history, and the reader's data file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.core.criteria import Criteria
from desktop_app.core.files import write_atomic
from desktop_app.core.snapshot import to_snapshot
from desktop_app.core.types import Kind
from desktop_app.service.dto import FavouriteInfo, FilterStatus, Link, SavedFilter
from desktop_app.service.errors import ServiceError
from desktop_app.service.profile import Profile
from desktop_app.service.search import HiddenRules
from desktop_app.storage.favourite_undo import put_back_favourite, take_favourite
from desktop_app.storage.myskills import SkillProfileStore, checked_profile
from desktop_app.storage.pipeline import PipelineData, checked_next_actions
from desktop_app.storage.userdata import UserData

JobMatcher = Callable[[str, Criteria], list[str]]


class UserPart:
    """The reader's own data in one profile; every method raises ServiceError with a reason."""

    def __init__(self, profile: Profile, hidden: HiddenRules, matching: JobMatcher) -> None:
        self._profile = profile
        self._hidden = hidden
        self._matching = matching

    @property
    def _data(self) -> UserData:
        return self._profile.store.user

    # -- saved filters --------------------------------------------------------------------
    def save_filter(self, name: str, query: str, criteria: Criteria) -> int:
        """Save a named filter (query text plus criteria); return its id."""
        if not name.strip():
            raise ServiceError("a saved filter needs a name")
        return self._data.add_filter(name.strip(), query, criteria.to_json())

    def saved_filters(self) -> list[SavedFilter]:
        """Return the saved filters in their order."""
        return [
            SavedFilter(row.id, row.name, row.query, Criteria.from_json(row.criteria))
            for row in self._data.filter_rows()
        ]

    def filters_overview(self) -> list[FilterStatus]:
        """Return each saved filter with how many jobs it matches and how many are new.

        "New" counts the matching jobs first seen since the filter was last opened.
        """
        out = []
        for row in self._data.filter_rows():
            ids = self._matching(row.query, Criteria.from_json(row.criteria))
            new = self._data.count_new(ids, row.last_opened_at)
            out.append(FilterStatus(row.id, row.name, row.query, len(ids), new))
        return out

    def open_filter(self, filter_id: int) -> None:
        """Record that the reader opened a saved filter (its "new" count starts again)."""
        self._on_filter(filter_id, lambda: self._data.mark_filter_opened(filter_id))

    def update_filter(self, filter_id: int, query: str, criteria: Criteria) -> None:
        """Give a saved filter a new query and criteria (its name and "new" count stay)."""
        self._on_filter(filter_id, lambda: self._data.update_filter(filter_id, query, criteria.to_json()))

    def rename_filter(self, filter_id: int, name: str) -> None:
        """Rename a saved filter."""
        if not name.strip():
            raise ServiceError("a saved filter needs a name")
        self._on_filter(filter_id, lambda: self._data.rename_filter(filter_id, name.strip()))

    def duplicate_filter(self, filter_id: int) -> int:
        """Copy a saved filter; return the copy's id."""
        return int(self._on_filter(filter_id, lambda: self._data.duplicate_filter(filter_id)))

    def move_filter(self, filter_id: int, step: int) -> None:
        """Move a saved filter up (-1) or down (+1)."""
        self._on_filter(filter_id, lambda: self._data.move_filter(filter_id, step))

    def delete_filter(self, filter_id: int) -> dict[str, Any]:
        """Delete a saved filter; return a token that ``undo_delete_filter`` takes."""
        kept: dict[str, Any] = self._on_filter(filter_id, lambda: self._data.delete_filter(filter_id))
        return kept

    def undo_delete_filter(self, token: dict[str, Any]) -> None:
        """Bring back a saved filter deleted by ``delete_filter``."""
        self._data.restore_filter(token)

    @staticmethod
    def _on_filter(filter_id: int, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except KeyError as exc:
            raise ServiceError(f"no saved filter has the id {filter_id}") from exc

    # -- favourites -----------------------------------------------------------------------
    def star(self, job_id: str, status: str = "saved", note: str | None = None) -> int:
        """Star a job (or change its status and note), keeping a snapshot of it; return the id.

        ``status`` is one of STATUSES, in any case ("Applied" is "applied").
        """
        job = self._profile.store.job(job_id)
        if job is None and self.favourite(job_id) is None:
            raise ServiceError(f"no job has the id '{job_id}'")
        snapshot = to_snapshot(job) if job else {}
        try:
            return self._data.star(job_id, snapshot, status.lower(), note)
        except ValueError as exc:
            raise ServiceError(str(exc)) from exc

    def unstar(self, job_id: str) -> dict[str, Any] | None:
        """Remove a job from the favourites; return a token for ``undo_unstar`` (None: not one)."""
        return take_favourite(self._profile.store.session, job_id)

    def undo_unstar(self, token: dict[str, Any]) -> None:
        """Bring back a favourite removed by ``unstar``: its status, note, snapshot and timeline."""
        put_back_favourite(self._profile.store.session, token)

    def favourite(self, job_id: str) -> FavouriteInfo | None:
        """Return the favourite of a job, or None."""
        return next((f for f in self.favourites() if f.job_id == job_id), None)

    def favourites(self) -> list[FavouriteInfo]:
        """Return the favourites, most recently changed first (with ``listed`` and the timeline)."""
        return self._data.favourites()

    # -- hiding ---------------------------------------------------------------------------
    @property
    def show_hidden(self) -> bool:
        """Whether searches show the jobs the hide rules hide (the window's "Show Hidden Jobs")."""
        return self._hidden.show_hidden

    @show_hidden.setter
    def show_hidden(self, show: bool) -> None:
        self._hidden.show_hidden = show

    def hide(self, kind: str, value: str) -> int:
        """Hide a job ("job", its id), a company ("company") or titles with words ("title")."""
        try:
            rule_id = self._data.add_hide_rule(kind, value)
        except ValueError as exc:
            raise ServiceError(str(exc)) from exc
        self._hidden.changed()
        return rule_id

    def hide_rules(self) -> list[tuple[int, str, str]]:
        """Return (id, kind, value) of the hide rules."""
        return self._data.hide_rules()

    def unhide(self, rule_id: int) -> bool:
        """Remove a hide rule; return False when there was none."""
        self._hidden.changed()
        return self._data.remove_hide_rule(rule_id)

    # -- history --------------------------------------------------------------------------
    def record_view(self, kind: Kind, item_id: str, title: str) -> None:
        """Remember that the reader opened a term or a job (for "recent" and history)."""
        self._profile.store.add_history(kind, item_id, title)

    def recent(self, limit: int = 10) -> list[Link]:
        """Return the terms and jobs opened most recently, newest first, each once."""
        return [
            Link(f"{kind}:{item_id}", title) for kind, item_id, title in self._profile.store.recent(limit)
        ]

    def clear_history(self) -> int:
        """Forget the recently viewed items; return how many were removed."""
        return self._data.clear_history()

    def seen_jobs(self) -> tuple[set[str], set[str]]:
        """Return the ids of jobs already opened, and of jobs applied to (applied or later)."""
        return self._data.seen()

    # -- the data file --------------------------------------------------------------------
    def export_data(self, path: Path) -> dict[str, int]:
        """Write the reader's filters, favourites, notes, history and skills profile to one JSON file."""
        data = self._data.export()
        data["skills"] = SkillProfileStore(self._profile.store).export()
        data["next_actions"] = PipelineData(self._profile.store.session).export()
        try:
            write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2))
        except OSError as exc:
            raise ServiceError(f"cannot write {path}: {exc.strerror or exc}") from exc
        parts = ("filters", "favourites", "history", "hide_rules", "skills", "next_actions")
        return {key: len(data[key]) for key in parts}

    def import_data(self, path: Path) -> dict[str, int]:
        """Merge a data file into the profile; return what was added. A bad file changes nothing."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ServiceError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ServiceError(f"{path.name} is not JSON: {exc}") from exc
        try:
            skills = checked_profile(data)  # checked before anything is merged
            next_actions = checked_next_actions(data)
            added = self._data.merge(data)
        except ValueError as exc:
            raise ServiceError(f"{path.name} was not imported: {exc}") from exc
        added["skills"] = SkillProfileStore(self._profile.store).merge(skills)
        added["next_actions"] = PipelineData(self._profile.store.session).merge(next_actions)
        return added
