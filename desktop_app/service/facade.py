"""The façade: the one object the window and the command line hold, exposing one part per job."""

from __future__ import annotations

from desktop_app.paths import AppPaths
from desktop_app.search.whoosh_index import WhooshIndex
from desktop_app.service.boards import BoardsPart
from desktop_app.service.dto import StartupReport
from desktop_app.service.glossary import GlossaryPart
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.jobs import JobsPart
from desktop_app.service.myskills import MySkillsPart
from desktop_app.service.pipeline import PipelinePart
from desktop_app.service.profile import Profile
from desktop_app.service.search import HiddenRules, SearchPart
from desktop_app.service.skills import SkillsPart
from desktop_app.service.user import UserPart


class Service:
    """One profile's service, after Anki's Collection: it builds the parts and holds them.

    - ``profile``: the database, its backups and health;
    - ``indexing``: the search index and the rule that keeps it in step;
    - ``glossary``: loading entries, the reader's own entries, term pages;
    - ``search``: queries, the browse list, hidden jobs;
    - ``user``: saved filters, favourites, hide rules, history, the data file;
    - ``pipeline``: the favourites as a board, their next actions and what is due, CSV and .ics;
    - ``jobs``: one job, import, withdraw, export;
    - ``boards``: followed company boards, fetched only when asked;
    - ``skills``: each job's skills (derived), demand, fit to a skills profile;
    - ``myskills``: the reader's skills profile (My Skills) and each job's fit to it.
    """

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        self.profile = Profile(paths)
        self.indexing = IndexGateway(self.profile, WhooshIndex(paths.index_dir))
        self.glossary = GlossaryPart(self.profile, self.indexing)
        self.search = SearchPart(self.profile, self.indexing, HiddenRules(self.profile))
        self.user = UserPart(self.profile, self.search.hidden, self.search.job_ids)
        self.pipeline = PipelinePart(self.profile)
        self.skills = SkillsPart(self.profile, self.glossary, self.search, self.indexing)
        self.myskills = MySkillsPart(self.profile, self.skills, self.search)
        self.jobs = JobsPart(self.profile, self.indexing, self.search, self.skills)
        self.boards = BoardsPart(self.profile, self.indexing, self.skills.derive)

    def open(self, back_up: bool = True) -> StartupReport:
        """Open the database (migrating it if behind), load changed glossary files, seed samples.

        Makes today's backup unless ``back_up`` is False (then ``profile.back_up_daily`` does,
        later). Does not build the search index: call ``indexing.ensure`` (slow on first start).
        Opening an open service only checks the glossary again. Raises ServiceError naming the
        newest good backup when the database is damaged.
        """
        if self.profile.is_open:
            loaded, problems = self.glossary.sync()
            return StartupReport(loaded, False, None, problems)
        store = self.profile.open(back_up)
        try:
            loaded, problems = self.glossary.sync()
            samples = self.jobs.seed_samples()
        except Exception as exc:  # noqa: BLE001 - fail_open re-raises all but damage
            self.indexing.close()
            self.profile.fail_open(exc)
        return StartupReport(loaded, samples, store.migration_backup, problems, self.profile.backup_problem)

    def close(self) -> None:
        """Close the index and the database (and end any helper process)."""
        self.skills.close()
        self.indexing.close()
        self.profile.close()

    def check(self) -> list[str]:
        """Return every problem found in the database and the index (empty when healthy)."""
        problems = self.profile.problems()
        state = self.indexing.state()
        if state != "ok":
            problems.append(f"index: {state} (run reindex, or start the app, to rebuild it)")
        return problems
