"""The service the window and the command line talk to: a façade over one part per job."""

from desktop_app.service.dto import (
    HIDE_KINDS,
    STATUSES,
    FavouriteInfo,
    FilterStatus,
    Hit,
    ImportReport,
    Link,
    ReadProgress,
    SavedFilter,
    Scope,
    SearchResult,
    StartupReport,
    TermDetail,
    job_line,
)
from desktop_app.service.errors import ImportCancelledError, ServiceError, failure_message, said_plainly
from desktop_app.service.facade import Service
from desktop_app.service.profile import newest_good_backup, restore_backup, window_process

__all__ = [
    "HIDE_KINDS",
    "STATUSES",
    "FavouriteInfo",
    "FilterStatus",
    "Hit",
    "ImportCancelledError",
    "ImportReport",
    "Link",
    "ReadProgress",
    "SavedFilter",
    "Scope",
    "SearchResult",
    "Service",
    "ServiceError",
    "StartupReport",
    "TermDetail",
    "failure_message",
    "job_line",
    "newest_good_backup",
    "restore_backup",
    "said_plainly",
    "window_process",
]
