"""The SQLAlchemy 2 typed ORM models: terms, jobs, saved filters, favourites, history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base, with constraint names that migrations can refer to."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class TermRow(Base):
    """A glossary entry, shipped or the user's own."""

    __tablename__ = "terms"

    slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    category: Mapped[str] = mapped_column(String(80))
    summary: Mapped[str] = mapped_column(String(400))
    definition: Mapped[str] = mapped_column(Text)
    applications: Mapped[list[Any]] = mapped_column(default=list)
    safety: Mapped[list[Any]] = mapped_column(default=list)
    origin: Mapped[str] = mapped_column(String(16), default="shipped")
    reviewed: Mapped[date | None] = mapped_column(Date)
    sources: Mapped[list[Any]] = mapped_column(default=list)
    recruiters: Mapped[str] = mapped_column(Text, default="")
    ambiguous: Mapped[list[Any]] = mapped_column(default=list)


class TermRedirectRow(Base):
    """The slug of an entry merged into another: links and favourites to it open the other."""

    __tablename__ = "term_redirects"

    old_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    target_slug: Mapped[str] = mapped_column(ForeignKey("terms.slug", ondelete="CASCADE"), index=True)


class TermLinkRow(Base):
    """One related-term link, in the order the entry lists it."""

    __tablename__ = "term_links"

    source_slug: Mapped[str] = mapped_column(ForeignKey("terms.slug", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_slug: Mapped[str] = mapped_column(String(120), index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class JobRow(Base):
    """A normalised job listing."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    company: Mapped[str | None] = mapped_column(String(400))
    locations: Mapped[list[Any]] = mapped_column(default=list)
    remote: Mapped[bool] = mapped_column(default=False)
    employment_types: Mapped[list[Any]] = mapped_column(default=list)
    salary_min: Mapped[float | None]
    salary_max: Mapped[float | None]
    salary_currency: Mapped[str | None] = mapped_column(String(8))
    salary_unit: Mapped[str | None] = mapped_column(String(8))
    annual_min: Mapped[float | None]
    annual_max: Mapped[float | None]
    team: Mapped[str | None] = mapped_column(String(200))
    date_posted: Mapped[date | None] = mapped_column(Date, index=True)
    valid_through: Mapped[date | None] = mapped_column(Date)
    description_html: Mapped[str] = mapped_column(Text, default="")
    description_text: Mapped[str] = mapped_column(Text, default="")
    apply_url: Mapped[str | None] = mapped_column(String(2000))
    direct_apply: Mapped[bool | None]
    workplace: Mapped[str | None] = mapped_column(String(8))  # "onsite", "hybrid", "remote"
    url: Mapped[str | None] = mapped_column(String(2000))  # the listing's page (apply_url: where to apply)
    identifier: Mapped[str | None] = mapped_column(String(400))  # the posting's id at its source
    salary_text: Mapped[str | None] = mapped_column(String(400))  # pay as posted, when unreadable
    # The posting's own skills (schema.org ``skills``), as written: [str].
    stated_skills: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    source: Mapped[str] = mapped_column(String(400), default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    # Same posting seen again (a repost, another source) has the same fingerprint.
    fingerprint: Mapped[str | None] = mapped_column(String(32), index=True)
    # Every file or feed the listing came from: [{"source": str, "seen_at": ISO datetime}].
    sources: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    first_seen: Mapped[datetime] = mapped_column(DateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    # Read of every job (versions; first-seen and pay for demand): from indexes alone, without
    # reading the rows, which hold the descriptions.
    __table_args__ = (
        Index("ix_jobs_version", "id", "content_hash"),
        Index("ix_jobs_facts", "first_seen", "annual_min", "annual_max", "id"),
    )


class SavedFilterRow(Base):
    """A saved job filter: query text plus structured criteria."""

    __tablename__ = "saved_filters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text, default="")
    criteria: Mapped[dict[str, Any]] = mapped_column(default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_opened_at: Mapped[datetime | None] = mapped_column(DateTime)


class FavouriteRow(Base):
    """A starred job with its pipeline status, note and a snapshot of the listing."""

    __tablename__ = "favourites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(String(64), unique=True)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="saved")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # What it waits for next ("Follow up", "Interview") and by when: the offline reminders.
    next_action: Mapped[str] = mapped_column(String(200), default="", server_default="")
    next_action_due: Mapped[date | None] = mapped_column(Date, index=True)


class FavouriteEventRow(Base):
    """One status change of a favourite: the timeline shown with the job."""

    __tablename__ = "favourite_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    favourite_id: Mapped[int] = mapped_column(ForeignKey("favourites.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)


class HideRuleRow(Base):
    """A rule that hides jobs: one job, every job of a company, or titles matching words."""

    __tablename__ = "hide_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # "job", "company" or "title"
    value: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class HistoryRow(Base):
    """One viewing of a term or a job."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_viewed_at", "viewed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))
    item_id: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(400))
    viewed_at: Mapped[datetime] = mapped_column(DateTime)


class MetaRow(Base):
    """Key-value facts about the database: glossary hash, data generation."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class BoardRow(Base):
    """A company board the reader follows, and how its last fetch went."""

    __tablename__ = "boards"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)  # "greenhouse:airbnb"
    url: Mapped[str] = mapped_column(String(400))
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    last_fetched: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The last fetch's counts: {"new", "updated", "unchanged", "closed"}.
    last_counts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class BoardPostingRow(Base):
    """A job as one board listed it: first and last seen, and when it left the board (closed)."""

    __tablename__ = "board_postings"

    board: Mapped[str] = mapped_column(String(160), primary_key=True)
    job_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    title: Mapped[str] = mapped_column(String(400))
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class JobSkillStateRow(Base):
    """A job's skills (derived from its text: rebuilt, never edited), and what they were derived from.

    ``skills``: the glossary terms it asks for, in the order the posting names them, separated
    by spaces, each required one followed by "!" ("kubernetes! terraform"). One row a job: a
    row per skill made a fifth of the database and most of what storing skills cost.
    ``content_hash`` and ``stamp``: the version of the job, and of the glossary and rules.
    """

    __tablename__ = "job_skill_state"

    job_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    stamp: Mapped[str] = mapped_column(String(200))
    skills: Mapped[str] = mapped_column(Text, default="", server_default="")


class SkillProfileRow(Base):
    """A glossary term in the reader's skills profile (My Skills): typed or read from a résumé."""

    __tablename__ = "skill_profile"

    slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime)
