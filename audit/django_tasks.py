"""What the audit needs done under Django, in a process of its own with the run's settings.

    python -m audit.django_tasks setup    migrate and load_demo into DATABASE_URL's database
    python -m audit.django_tasks pages    every page to judge, as JSON: [{"page", "language", "host", "path"}]

The audit itself never imports Django: its processes keep the production settings and a database of their own.
"""

import json
import os
import subprocess
import sys
import urllib.parse

from audit import ROOT


class TaskError(Exception):
    """A Django task failed; the message has its output."""


def run(env, *arguments):
    """Run one task under `env`; its standard output."""
    result = subprocess.run(
        [sys.executable, "-m", "audit.django_tasks", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise TaskError(f"audit.django_tasks {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


# --- the Django side ------------------------------------------------------------------------------


def setup():
    """Migrate and load the demo cities in one process (Django starts once)."""
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("migrate", interactive=False, stdout=quiet)
        call_command("load_demo", stdout=quiet)


def city_pages(site):
    """(page type, the first live public page of it in the city) for each page type the city has."""
    from citycomms.models import AccessibilityStatementPage, InformationPage
    from citycomms.visibility import public
    from departments.models import DepartmentPage, TeamPage, UnitPage
    from newsroom.models import NewsroomPage, PressReleasePage
    from press.models import PressContactsPage

    home = site.root_page.specific
    types = [
        ("department", DepartmentPage),
        ("unit", UnitPage),
        ("team", TeamPage),
        ("information page", InformationPage),
        ("accessibility statement", AccessibilityStatementPage),
        ("media contacts", PressContactsPage),
        ("newsroom", NewsroomPage),
        ("press release", PressReleasePage),
    ]
    yield "home", home
    for name, model in types:
        page = public(model.objects.live().descendant_of(home)).order_by("path").first()
        if page is not None:  # the demo's information page is staff-only: nothing public to judge
            yield name, page


def pages():
    """Every page type of every demo city in each of its languages, and a search that finds a department."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Site

    from citycomms.models import CitySettings

    found = []
    # One site per city: its default one, else the first by name (Helsinki's localhost, not helsinki.localhost).
    cities = {}
    for site in Site.objects.order_by("-is_default_site", "hostname"):
        cities.setdefault(site.root_page_id, site)
    for site in cities.values():
        typed = list(city_pages(site))
        city = getattr(site.root_page.specific, "title_en", "") or site.root_page.title
        for language in CitySettings.for_site(site).languages:
            with translation.override(language):
                for name, page in typed:
                    found.append(entry(f"{city}: {name}", language, site, page.get_url_parts()[2]))
                department = dict(typed).get("department")
                query = urllib.parse.urlencode({"q": department.title if department else city})
                found.append(entry(f"{city}: search results", language, site, f"{reverse('search')}?{query}"))
    print(json.dumps(found))


def entry(page, language, site, path):
    return {"page": page, "language": language, "host": site.hostname, "path": path}


def main(argv=None):
    task = (argv or sys.argv[1:] or [""])[0]
    if task not in ("setup", "pages"):
        print(__doc__, file=sys.stderr)
        return 2
    import django

    django.setup()
    setup() if task == "setup" else pages()
    return 0


if __name__ == "__main__":
    sys.exit(main())
