"""``python -m desktop_app``: the same as the ``glossary-jobs`` command."""

from desktop_app.main import main

raise SystemExit(main())
