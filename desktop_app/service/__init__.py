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
from desktop_app.service.profile import (
    BACKUP_NOT_MADE,
    backup_not_made,
    newest_good_backup,
    restore_backup,
    window_process,
)

__all__ = [
    "BACKUP_NOT_MADE",
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
    "backup_not_made",
    "failure_message",
    "job_line",
    "newest_good_backup",
    "restore_backup",
    "said_plainly",
    "window_process",
]
