"""Outside judges of the public site: Lighthouse and the Nu HTML checker over every demo page type and language.

    .venv/bin/python -m audit          # `make audit`: prints the table, details in .audit/report.md

Not part of CI (`make test` never runs it): about ten seconds of Chromium a page. Each run serves the demo
itself: a throw-away SQLite database in a temporary folder (migrate, load_demo), gunicorn with the production
settings on a free loopback port (bench.server), each city on the host its demo data gives it
(localhost, goteborg.localhost, stockholm.localhost: Chromium resolves *.localhost to loopback).

    django_tasks.py  what runs under Django, in a process of its own: build the demo, list the pages to judge
    judges.py        Lighthouse (npm, Debian's Chromium) and the Nu checker (npm's vnu.jar, the system's Java)
    report.py        the table, the Markdown report and whether the site passed; no browser, no Django
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
