"""The interface's message catalogues: every string translated into Finnish and Swedish, and compiled."""

import importlib.util
import json
import re

import polib
import pytest
from django.conf import settings
from wagtail.users.models import UserProfile

from departments.factories import DepartmentPageFactory
from departments.models import DepartmentPage
from tests.conftest import edit_form_values

CATALOGUES = settings.BASE_DIR / "locale"


def entries(catalogue):
    return {(entry.msgctxt, entry.msgid): entry for entry in catalogue if not entry.obsolete}


def translations(entry):
    return [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_interface_string_is_translated(language):
    catalogue = polib.pofile(CATALOGUES / language / "LC_MESSAGES" / "django.po")
    missing = [
        entry.msgid for entry in entries(catalogue).values() if "fuzzy" in entry.flags or not all(translations(entry))
    ]
    assert not missing, f"{len(missing)} strings lack a {language} translation (run make messages): {missing}"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_compiled_catalogues_match_their_sources(language):
    folder = CATALOGUES / language / "LC_MESSAGES"
    source = {key: translations(entry) for key, entry in entries(polib.pofile(folder / "django.po")).items()}
    compiled = {key: translations(entry) for key, entry in entries(polib.mofile(folder / "django.mo")).items()}
    # msgfmt leaves untranslated strings out of the .mo; the English catalogue is all of those.
    translated = {key: value for key, value in source.items() if all(value) and key[1]}
    assert {key: value for key, value in compiled.items() if key[1]} == translated, "run make messages"


# --- Wagtail's own strings: locale/upstream fills what Wagtail's fi and sv catalogues lack --------------

UPSTREAM = CATALOGUES / "upstream"
WAGTAIL_CATALOGUES = [(language, domain) for language in ("fi", "sv") for domain in ("django", "djangojs")]
# What a translation must carry over from its English: %-placeholders, {}-placeholders and HTML tags.
CARRIED = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|</?[a-zA-Z][^>]*>")


def upstream_gaps():
    """locale/upstream/gaps.py: a script outside the project's packages, loaded by its path."""
    spec = importlib.util.spec_from_file_location("upstream_gaps", UPSTREAM / "gaps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("language", "domain"), WAGTAIL_CATALOGUES)
def test_every_installed_wagtail_string_is_translated(language, domain):
    # Every msgid of an installed Wagtail app's English catalogue (and wagtail-modeltranslation's
    # gettext calls): a Wagtail upgrade that brings new strings fails here until they are translated.
    missing = upstream_gaps().gaps(language, domain)
    assert not missing, (
        f"{len(missing)} Wagtail strings show in English in the {language} admin; run "
        f".venv/bin/python locale/upstream/gaps.py --update, translate them in locale/upstream/{language} "
        f"and compile (make messages); the first of them: {sorted(msgid for _context, msgid in missing)[:20]}"
    )


@pytest.mark.parametrize(("language", "domain"), WAGTAIL_CATALOGUES)
def test_upstream_catalogues_hold_only_what_wagtail_lacks(language, domain):
    ours = set(entries(polib.pofile(UPSTREAM / language / "LC_MESSAGES" / f"{domain}.po")))
    lacking = set(upstream_gaps().gaps(language, domain, ours=False))
    assert ours == lacking, "run .venv/bin/python locale/upstream/gaps.py --update (see locale/upstream/README.md)"


@pytest.mark.parametrize(("language", "domain"), WAGTAIL_CATALOGUES)
def test_upstream_catalogues_are_translated_and_compiled(language, domain):
    folder = UPSTREAM / language / "LC_MESSAGES"
    source = entries(polib.pofile(folder / f"{domain}.po"))
    untranslated = [entry.msgid for entry in source.values() if "fuzzy" in entry.flags or not all(translations(entry))]
    assert not untranslated, f"translate these in {folder}: {untranslated}"
    compiled = {key: translations(entry) for key, entry in entries(polib.mofile(folder / f"{domain}.mo")).items()}
    assert {key: value for key, value in compiled.items() if key[1]} == {
        key: translations(entry) for key, entry in source.items()
    }, "run make messages"


@pytest.mark.parametrize(("language", "domain"), WAGTAIL_CATALOGUES)
def test_upstream_translations_keep_placeholders_and_markup(language, domain):
    changed = []
    for entry in polib.pofile(UPSTREAM / language / "LC_MESSAGES" / f"{domain}.po"):
        forms = [entry.msgid] if not entry.msgid_plural else [entry.msgid, entry.msgid_plural]
        for english, translated in zip(forms, translations(entry), strict=True):
            if sorted(CARRIED.findall(english)) != sorted(CARRIED.findall(translated)):
                changed.append((english, translated))
    assert not changed


@pytest.mark.django_db
def test_the_finnish_page_editor_shows_its_errors_in_finnish(admin_client, admin_user, helsinki):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fi"
    profile.save()
    department = DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")
    url = f"/admin/pages/{department.pk}/edit/"
    form = edit_form_values(admin_client.get(url).content.decode(), DepartmentPage)
    form["slug_fi"] = "ei kelpaa!"  # spaces and punctuation: no slug

    response = admin_client.post(url, form, HTTP_ACCEPT_LANGUAGE="fi")

    html = response.content.decode()
    assert response.status_code == 200  # the editor again, with the error
    assert "Go to the first error" not in html
    assert "Siirry ensimmäiseen virheeseen" in html
    assert "The page could not be saved due to validation errors." not in html
    assert "Sivua ei voitu tallentaa, koska sisällössä on virheitä." in html
    assert "Autosave is paused" not in html and "Automaattinen tallennus on keskeytetty" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "english", "translated"),
    [("fi", "Autosave in progress…", "Tallennetaan automaattisesti…"), ("sv", "Complex", "Komplex")],
)
def test_the_admin_javascript_catalogue_carries_the_upstream_strings(
    admin_client, admin_user, language, english, translated
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()

    script = admin_client.get("/admin/jsi18n/").content.decode()

    assert f"{json.dumps(english)}: {json.dumps(translated)}" in script
