"""What the harness needs done under Django, each in a process of its own with the run's settings.

    python -m bench.django_tasks setup --seed=1 [--units=7 ...]   migrate, load_demo, generate_scale_data
    python -m bench.django_tasks routes                           the addresses to load, and data counts (JSON)
    python -m bench.django_tasks draft-save                       save a draft of the default city's home
    python -m bench.django_tasks draft-check <revision> <text>    is that draft still the latest, unchanged?
    python -m bench.django_tasks crisis --every=5 --rounds=12     the crisis drill's publisher (bench/crisis.py)

The harness itself never imports Django: its processes keep their own settings (production,
a database of the run's own), and `run()` (or `start()`) below starts this module with them.
"""

import argparse
import functools
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
# The crisis drill's alert, before each publish's mark.
CRISIS_TEXT = "Valmiusharjoitus / Beredskapsövning / Preparedness drill:"


def run(env, *arguments):
    """Run one task under `env` (see bench.server.django_environment); its standard output."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.django_tasks", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BenchError(f"bench.django_tasks {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def start(env, errors, *arguments):
    """Start one task under `env`, to talk to through its standard input and output (text, line by line); its
    standard error goes to the open file `errors`."""
    return subprocess.Popen(
        [sys.executable, "-m", "bench.django_tasks", *arguments],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )


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
    from django.contrib.staticfiles.storage import staticfiles_storage
    from wagtail.models import Site

    from citycomms.models import CitySettings
    from contacts.models import ContactPerson
    from departments.models import DepartmentPage, TeamPage, UnitPage
    from newsroom.models import NewsroomPage, PressReleasePage
    from press.models import PressContactsPage

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
    # The edge variant's physical yardstick: a file of about a page's size that Varnish keeps, as it keeps pages.
    static = {
        "name": "static file (edge yardstick)",
        "host": demo.hostname,
        "path": staticfiles_storage.url("css/site.css"),
    }
    print(json.dumps({"routes": routes, "static": static, "data": data}))


def path_of(page, language):
    from django.utils import translation

    with translation.override(language):
        return page.get_url_parts()[2]


def first(model, site):
    """The first live, public page of `model` in the site's tree."""
    return model.objects.live().public().descendant_of(site.root_page).order_by("path").first()


def crisis_addresses(site, department):
    """What the crisis drill's readers ask, in each of the city's languages: its home, the department, its newsroom,
    and a search for the department."""
    from django.urls import reverse
    from django.utils import translation

    from citycomms.models import CitySettings
    from newsroom.models import NewsroomPage

    newsroom = first(NewsroomPage, site)
    addresses = {}
    for code in CitySettings.for_site(site).languages:
        with translation.override(code):
            search = f"{reverse('search')}?{urllib.parse.urlencode({'q': department.title})}"
        addresses[code] = {
            "home": path_of(site.root_page, code),
            "department": path_of(department, code),
            "newsroom": path_of(newsroom, code),
            "search": search,
        }
    return addresses


def committed_at(change):
    """Run `change` in a transaction; the moment (time.time()) it committed, taken before the on-commit work the
    change asked for (the page cache's new token, the ban at the edge), which is what the drill measures."""
    from django.db import transaction

    moment = []
    with transaction.atomic():
        transaction.on_commit(lambda: moment.append(time.time()))
        change()
    return moment[0]


def wait_until(moment):
    time.sleep(max(0.0, moment - time.monotonic()))


def crisis(every, rounds):
    """The crisis drill's publisher, on the default city (load_demo's Helsinki, or the test's).

    Prints the readers' addresses as JSON, waits for a line on standard input (the readers are running), then
    every `every` seconds publishes a new revision of an alert on every page of the city and, half-way between,
    the first department with a new intro, each through Wagtail's publish as a moderator's would be. After each
    it prints what changed: when it committed, and each address in each language with the mark it must now show
    (that of this publish, or of a later one of the same kind: "drill-<run>-<kind>-<language>-<round>").
    """
    from wagtail.models import Site

    from announcements.models import ALERT, Announcement
    from departments.models import DepartmentPage

    site = Site.objects.get(is_default_site=True)
    department = first(DepartmentPage, site)
    addresses = crisis_addresses(site, department)
    print(json.dumps({"host": site.hostname, "addresses": addresses}), flush=True)
    if not sys.stdin.readline():
        return
    run, started = secrets.token_hex(3), time.monotonic()
    alert = Announcement(city=site.root_page.specific, kind=ALERT, live=False)
    intros = {code: getattr(department, f"intro_{code}") or "" for code in addresses}

    def announce(marks):
        for code, mark in marks.items():
            setattr(alert, f"text_{code}", f"{CRISIS_TEXT} {mark}")
        if alert.pk is None:
            alert.save()
        alert.save_revision().publish()

    def republish(marks):
        page = DepartmentPage.objects.get(pk=department.pk)
        for code, mark in marks.items():
            setattr(page, f"intro_{code}", f"{intros[code]} {mark}".strip())
        page.save_revision().publish()

    changes = [  # what, when in each round, how, and which addresses in a language show it
        ("announcement", 0, announce, lambda code: list(addresses[code].values())),
        ("page", every / 2, republish, lambda code: [addresses[code]["department"]]),
    ]
    for number in range(1, rounds + 1):
        for kind, offset, change, shown_on in changes:
            wait_until(started + (number - 1) * every + offset)
            marks = {code: f"drill-{run}-{kind}-{code}-{number}" for code in addresses}
            began = time.monotonic()
            committed = committed_at(functools.partial(change, marks))
            event = {"kind": kind, "round": number, "committed": committed, "seconds": time.monotonic() - began}
            event["checks"] = [(code, path, marks[code]) for code in addresses for path in shown_on(code)]
            print(json.dumps(event), flush=True)


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
    drill = tasks.add_parser("crisis")
    drill.add_argument("--every", type=float, default=5)
    drill.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args(argv)

    import django

    django.setup()
    if args.task == "setup":
        setup_data(args.seed, {name: getattr(args, name) for name in SIZE_NAMES if getattr(args, name) is not None})
    elif args.task == "routes":
        routes()
    elif args.task == "draft-save":
        draft_save()
    elif args.task == "crisis":
        crisis(args.every, args.rounds)
    else:
        draft_check(args.revision, " ".join(args.text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
