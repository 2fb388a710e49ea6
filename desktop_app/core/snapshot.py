"""The copy of a job kept with a favourite: a versioned format of its own, read back whole.

A favourite outlives its listing, so its snapshot must stay readable whatever the command
line's JSON or the database's columns become. Version 2 stores the job's own fields by name;
version 1 (the command line's job object plus ``description_html``) is still read.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from desktop_app.core.types import Job, JobId, Location, Salary

SNAPSHOT_FORMAT = 2
_DATES = ("date_posted", "valid_through")


def to_snapshot(job: Job) -> dict[str, Any]:
    """Return the snapshot of ``job``: ``{"format": 2, "job": {field: JSON value}}``.

    >>> to_snapshot(Job(JobId("j1"), "Engineer", date_posted=date(2026, 1, 2)))["job"]["date_posted"]
    '2026-01-02'
    """
    fields: dict[str, Any] = {}
    for item in dataclasses.fields(Job):
        value = getattr(job, item.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = [_plain(v) for v in value]
        else:
            value = _plain(value)
        fields[item.name] = value
    return {"format": SNAPSHOT_FORMAT, "job": fields}


def from_snapshot(job_id: str, snapshot: dict[str, Any]) -> Job:
    """Return the job a snapshot describes (either format); missing or unreadable parts are left empty.

    >>> from_snapshot("j1", {"title": "Engineer", "salary": {"min": 1, "max": 2}}).salary.max
    2
    >>> from_snapshot("j1", to_snapshot(Job(JobId("j1"), "Engineer", remote=True))).remote
    True
    """
    data = snapshot.get("job") if snapshot.get("format") == SNAPSHOT_FORMAT else snapshot
    if not isinstance(data, dict):
        data = {}
    known = {item.name for item in dataclasses.fields(Job)}
    # Plain values by name; structured ones below (a field this version does not know is left out).
    values: dict[str, Any] = {
        k: v for k, v in data.items() if k in known and isinstance(v, str | int | float)
    }
    values["id"] = JobId(job_id)
    values["title"] = str(data.get("title") or job_id)
    values["locations"] = tuple(_location(p) for p in data.get("locations") or () if isinstance(p, dict))
    values["employment_types"] = tuple(str(t) for t in data.get("employment_types") or ())
    values["salary"] = _salary(data.get("salary"))
    for name in _DATES:
        values[name] = _date(data.get(name))
    for name in ("remote",):
        values[name] = bool(data.get(name))
    return Job(**values)


def upgrade(snapshot: dict[str, Any], job_id: str) -> dict[str, Any]:
    """Return ``snapshot`` in the current format (unchanged when it already is)."""
    if snapshot.get("format") == SNAPSHOT_FORMAT or not snapshot:
        return snapshot
    return to_snapshot(from_snapshot(job_id, snapshot))


def _plain(value: Any) -> Any:
    """Return a dataclass instance as a dict of its fields, anything else as it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _location(data: dict[str, Any]) -> Location:
    known = {item.name for item in dataclasses.fields(Location)}
    return Location(**{k: v for k, v in data.items() if k in known})


def _salary(data: Any) -> Salary | None:
    if not isinstance(data, dict):
        return None
    known = {item.name for item in dataclasses.fields(Salary)}
    values = {k: v for k, v in data.items() if k in known}
    low, high = values.pop("min", None), values.pop("max", None)
    return Salary(low, high, values.pop("currency", None), values.pop("unit", None), **values)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
