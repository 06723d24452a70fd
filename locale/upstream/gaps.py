"""List the Wagtail admin strings that show in English in the Finnish or Swedish admin.

The strings are the msgids of each installed Wagtail app's English catalogue
(locale/en/LC_MESSAGES/django.po and djangojs.po) and the gettext calls of
wagtail-modeltranslation, which ships no catalogue at all. A string is a gap when
the catalogue Django builds at run time for that language (Django's, every
installed app's, LOCALE_PATHS) has no translation for it; for djangojs, the
catalogue Wagtail's admin JavaScript gets from /admin/jsi18n/.

    .venv/bin/python locale/upstream/gaps.py               # gaps left with LOCALE_PATHS, this folder included
    .venv/bin/python locale/upstream/gaps.py --upstream    # gaps in Wagtail's and Django's own catalogues
    .venv/bin/python locale/upstream/gaps.py --update      # rewrite this folder's .po files to those upstream gaps

--update keeps the translations already made, adds each new gap with an empty
msgstr and drops the strings Wagtail now translates or no longer has. Exit status 1
when gaps are listed.
"""

import argparse
import ast
import functools
import os
import re
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
LANGUAGES = ("fi", "sv")
DOMAINS = ("django", "djangojs")
GETTEXT_CALLS = {  # function name: which positional arguments are (context, singular, plural)
    **dict.fromkeys(("_", "gettext", "gettext_lazy", "gettext_noop"), (None, 0, None)),
    **dict.fromkeys(("ngettext", "ngettext_lazy"), (None, 0, 1)),
    **dict.fromkeys(("pgettext", "pgettext_lazy"), (0, 1, None)),
    **dict.fromkeys(("npgettext", "npgettext_lazy"), (0, 1, 2)),
}


def setup_django():
    sys.path.insert(0, str(FOLDER.parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citycomms.settings.dev")
    import django

    django.setup()


def wagtail_apps():
    """The installed app configs whose code is Wagtail's or wagtail-modeltranslation's."""
    from django.apps import apps

    return [app for app in apps.get_app_configs() if app.name.split(".")[0] in ("wagtail", "wagtail_modeltranslation")]


@functools.cache
def source_strings(app):
    """(msgctxt, msgid, msgid_plural, where, flags) for each gettext call in an app without a catalogue."""
    from django.utils.translation.template import templatize

    found = []
    for path in sorted(Path(app.path).rglob("*")):
        if "tests" in path.relative_to(app.path).parts or path.suffix not in (".py", ".html", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        code = text if path.suffix == ".py" else templatize(text, origin=str(path))
        where = f"{app.name.replace('.', '/')}/{path.relative_to(app.path)}"
        for match in re.finditer(r"\b(" + "|".join(GETTEXT_CALLS) + r")\(", code):
            for end in (m.end() for m in re.finditer(r"\)", code[match.end() :])):
                try:
                    call = ast.parse(code[match.start() : match.end() + end], mode="eval").body
                    break
                except SyntaxError:
                    continue
            else:
                continue
            args = [arg.value if isinstance(arg, ast.Constant) else None for arg in call.args]
            context, singular, plural = (
                None if index is None or index >= len(args) else args[index] for index in GETTEXT_CALLS[match[1]]
            )
            if isinstance(singular, str):
                line = code[: match.start()].count("\n") + 1
                flags = ["python-format"] if "%(" in singular else ["python-brace-format"] if "{" in singular else []
                found.append((context, singular, plural, f"{where}:{line}", flags))
    return found


@functools.cache
def english_strings(app, domain):
    """The app's msgids for the domain as (msgctxt, msgid, msgid_plural, where, flags)."""
    import polib

    catalogue = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    if not catalogue.exists():
        return source_strings(app) if domain == "django" and not (Path(app.path) / "locale").exists() else []
    prefix = app.name.replace(".", "/")
    return [
        (
            entry.msgctxt,
            entry.msgid,
            entry.msgid_plural or None,
            ", ".join(f"{prefix}/{file}:{line}" for file, line in entry.occurrences),
            [flag for flag in entry.flags if flag != "fuzzy"],
        )
        for entry in polib.pofile(str(catalogue))
        if not entry.obsolete and entry.msgid
    ]


def runtime_catalogue(language, domain, ours=True):
    """The catalogue Django merges for the language, without LOCALE_PATHS unless ours.

    For djangojs it is the one Wagtail's jsi18n view serves: wagtail.admin's catalogue and LOCALE_PATHS.
    """
    from django.apps import apps
    from django.conf import settings
    from django.test import override_settings
    from django.utils.translation.trans_real import DjangoTranslation

    with override_settings(LOCALE_PATHS=settings.LOCALE_PATHS if ours else []):
        if domain == "django":
            return DjangoTranslation(language)._catalog
        admin = Path(apps.get_app_config("wagtailadmin").path) / "locale"
        return DjangoTranslation(language, domain=domain, localedirs=[str(admin)])._catalog


def translated(catalogue, context, msgid, plural):
    key = f"{context}\x04{msgid}" if context else msgid
    return (key, 0) in catalogue if plural else key in catalogue


def gaps(language, domain, ours=True):
    """{(msgctxt, msgid): (msgid_plural, app name, where, flags)} for the strings without a translation."""
    catalogue = runtime_catalogue(language, domain, ours)
    missing = {}
    for app in wagtail_apps():
        for context, msgid, plural, where, flags in english_strings(app, domain):
            if not translated(catalogue, context, msgid, plural):
                missing.setdefault((context, msgid), (plural, app.name, where, flags))
    return missing


def update(language, domain, missing):
    """Rewrite this folder's catalogue to hold exactly the missing strings, keeping translations made."""
    import polib

    path = FOLDER / language / "LC_MESSAGES" / f"{domain}.po"
    old = polib.pofile(str(path)) if path.exists() else polib.POFile()
    made = {(entry.msgctxt, entry.msgid): entry for entry in old if not entry.obsolete}
    new = polib.POFile(wrapwidth=old.wrapwidth or 79)
    new.header = old.header or (
        f"The Wagtail admin strings that Wagtail's own '{language}' catalogues leave untranslated.\n"
        "Made and refreshed by locale/upstream/gaps.py --update; see locale/upstream/README.md."
    )
    new.metadata = old.metadata or {
        "Project-Id-Version": "CityComms: Wagtail strings",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for (context, msgid), (plural, app, where, flags) in missing.items():
        entry = made.get((context, msgid)) or polib.POEntry(
            msgctxt=context,
            msgid=msgid,
            msgid_plural=plural or "",
            msgstr="",
            msgstr_plural={0: "", 1: ""} if plural else {},
        )
        entry.occurrences = [tuple(place.rsplit(":", 1)) for place in where.split(", ")]
        entry.comment = app
        entry.flags = [flag for flag in entry.flags if flag == "fuzzy"] + flags
        new.append(entry)
    dropped = sorted(key[1] for key in made.keys() - missing.keys())
    added = sum(1 for key in missing if key not in made or not made[key].translated())
    path.parent.mkdir(parents=True, exist_ok=True)
    new.save(str(path))
    print(
        f"{path.relative_to(FOLDER.parent.parent)}: {len(new)} strings, {added} to translate, {len(dropped)} dropped"
    )
    for msgid in dropped:
        print(f"  dropped (Wagtail translates it or no longer has it): {msgid!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", action="store_true", help="leave LOCALE_PATHS (this folder too) out")
    parser.add_argument("--update", action="store_true", help="rewrite this folder's .po files to the upstream gaps")
    options = parser.parse_args()
    setup_django()
    listed = 0
    for language in LANGUAGES:
        for domain in DOMAINS:
            missing = gaps(language, domain, ours=not (options.upstream or options.update))
            if options.update:
                update(language, domain, missing)
                continue
            listed += len(missing)
            counts = {}
            for (context, msgid), (_plural, app, _where, _flags) in missing.items():
                counts[app] = counts.get(app, 0) + 1
                print(f"{language} {domain} {app}: {msgid!r}" + (f" (context {context!r})" if context else ""))
            print(f"== {language} {domain}: {len(missing)} {counts}")
    return 1 if listed else 0


if __name__ == "__main__":
    sys.exit(main())
