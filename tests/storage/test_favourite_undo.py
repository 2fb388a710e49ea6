"""Unstarring a job and undoing it: the favourite comes back whole, whatever happened in between."""

from __future__ import annotations

from datetime import date

from desktop_app.service import Service


def test_undo_brings_back_status_note_timeline_snapshot_and_next_action(service: Service) -> None:
    job_id = next(iter(service.profile.store.iter_jobs())).id
    service.user.star(job_id, "saved", "Met them at the fair")
    service.user.star(job_id, "applied")
    service.pipeline.set_next_action(job_id, "Follow up", date(2026, 12, 1))
    before = service.user.favourite(job_id)
    token = service.user.unstar(job_id)
    assert token is not None and service.user.favourite(job_id) is None
    assert service.user.unstar(job_id) is None  # not a favourite any more: nothing to undo
    service.user.undo_unstar(token)
    after = service.user.favourite(job_id)
    assert after == before
    card = next(c for c in service.pipeline.cards() if c.job_id == job_id)
    assert card.next_action is not None and card.next_action.text == "Follow up"


def test_undo_after_the_job_was_starred_again_and_its_id_reused(service: Service) -> None:
    first, second = [j.id for j in service.profile.store.iter_jobs()][:2]
    service.user.star(first, "interviewing", "Second round")
    token = service.user.unstar(first)
    assert token is not None
    service.user.star(second)  # may take the freed id
    service.user.star(first, "saved")  # starred again meanwhile: the undo wins
    service.user.undo_unstar(token)
    restored = service.user.favourite(first)
    assert restored is not None and (restored.status, restored.note) == ("interviewing", "Second round")
    assert [s for s, _at in restored.timeline] == ["interviewing"]
    assert service.user.favourite(second) is not None
