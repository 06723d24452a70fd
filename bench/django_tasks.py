"""What the harness needs done under Django, each in a process of its own with the run's settings.

    python -m bench.django_tasks setup --seed=1 [--units=7 ...]   migrate, load_demo, generate_scale_data
    python -m bench.django_tasks routes                           the addresses to load, and data counts (JSON)
    python -m bench.django_tasks draft-save                       save a draft of the default city's home
    python -m bench.django_tasks draft-check <revision> <text>    is that draft still the latest, unchanged?

The harness itself never imports Django: its processes keep their own settings (production,
a database of the run's own), and `run()` below starts this module with them.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.parse

from bench import ROOT, BenchError

SIZE_NAMES = ("cities", "departments", "units", "teams", "contacts")
SCALE_HOST_PREFIX = "scale-"
DRAFT_MARK = "loadtest draft"


def run(env, *arguments):
    """Run one task under `env` (see bench.server.django_environment); its standard output."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.django_tasks", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BenchError(f"bench.django_tasks {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


# --- the Django side ------------------------------------------------------------------------------


def setup_data(seed, sizes):
    """Migrate, load the demo and generate the scale data in one process.

    One process instead of three manage.py commands: Django's start-up is seconds on a busy machine.
    """
    from django.core.management import call_command

    steps = [
        ("migrate", {"interactive": False}),
        ("load_demo", {}),
        ("generate_scale_data", {"seed": seed, **sizes}),
    ]
    for name, options in steps:
        started = time.monotonic()
        with open(os.devnull, "w") as quiet:
            call_command(name, stdout=quiet, **options)
        print(f"  manage.py {name} {options or ''} ({time.monotonic() - started:.0f} s)", flush=True)


def routes():
    """Real addresses in the bench database, as JSON, with how much data it holds.

    The department, unit, team, media contacts and vCard routes use the first generated
    city that speaks Finnish, so the scale data is what they read; the rest use the Helsinki demo.
    """
    from django.utils import translation
    from wagtail.models import Site

    from citycomms.models import CitySettings
    from contacts.models import ContactPerson
    from departments.models import DepartmentPage, TeamPage, UnitPage
    from newsroom.models import NewsroomPage, PressReleasePage
    from press.models import PressContactsPage

    def path_of(page, language):
        with translation.override(language):
            return page.get_url_parts()[2]

    def first(model, site):
        return model.objects.live().public().descendant_of(site.root_page).order_by("path").first()

    demo = Site.objects.get(hostname="localhost")
    scale_sites = Site.objects.filter(hostname__startswith=SCALE_HOST_PREFIX).order_by("hostname")
    scale = next(site for site in scale_sites if "fi" in CitySettings.for_site(site).languages)
    department, unit, team = first(DepartmentPage, scale), first(UnitPage, scale), first(TeamPage, scale)
    press_path = path_of(first(PressContactsPage, scale), "fi")
    media_contact = ContactPerson.objects.filter(city=scale.root_page, is_media_contact=True).order_by("pk").first()
    found = [
        ("healthz (yardstick)", demo.hostname, "/healthz"),
        ("home", demo.hostname, "/fi/"),
        ("department", scale.hostname, path_of(department, "fi")),
        ("unit", scale.hostname, path_of(unit, "fi")),
        ("team", scale.hostname, path_of(team, "fi")),
        ("media contacts", scale.hostname, press_path),
        ("press search", scale.hostname, f"{press_path}?{urllib.parse.urlencode({'q': media_contact.last_name})}"),
        ("press filter", scale.hostname, f"{press_path}?department={department.pk}"),
        ("site search", demo.hostname, "/fi/search/?" + urllib.parse.urlencode({"q": "viestintä"})),
        ("newsroom", demo.hostname, path_of(first(NewsroomPage, demo), "fi")),
        ("vCard", scale.hostname, f"/fi/vcard/{department.head_id}.vcf"),
        ("API pages list", demo.hostname, "/api/v2/pages/"),
    ]
    data = {
        "sites": Site.objects.count(),
        "departments": DepartmentPage.objects.count(),
        "units": UnitPage.objects.count(),
        "teams": TeamPage.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "press releases": PressReleasePage.objects.count(),
    }
    routes = [{"name": name, "host": host, "path": path} for name, host, path in found]
    print(json.dumps({"routes": routes, "data": data}))


def draft_save():
    """Save a draft revision of the default city's home page; print its id and the text it holds."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    home.intro_fi = f"{DRAFT_MARK} {secrets.token_hex(4)}"
    revision = home.save_revision()
    print(revision.pk, home.intro_fi)


def draft_check(revision_id, text):
    """Print "intact" if the revision holds `text` and is still its page's latest, else "changed"."""
    from wagtail.models import Revision

    revision = Revision.objects.get(pk=revision_id)
    intact = revision.as_object().intro_fi == text and revision.content_object.get_latest_revision().pk == revision.pk
    print("intact" if intact else "changed")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    tasks = parser.add_subparsers(dest="task", required=True)
    setup = tasks.add_parser("setup")
    setup.add_argument("--seed", type=int, default=1)
    for name in SIZE_NAMES:
        setup.add_argument(f"--{name}", type=int)
    tasks.add_parser("routes")
    tasks.add_parser("draft-save")
    check = tasks.add_parser("draft-check")
    check.add_argument("revision", type=int)
    check.add_argument("text", nargs="+")
    args = parser.parse_args(argv)

    import django

    django.setup()
    if args.task == "setup":
        setup_data(args.seed, {name: getattr(args, name) for name in SIZE_NAMES if getattr(args, name) is not None})
    elif args.task == "routes":
        routes()
    elif args.task == "draft-save":
        draft_save()
    else:
        draft_check(args.revision, " ".join(args.text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
