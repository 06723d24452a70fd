"""The interface's message catalogues: every string translated into Finnish and Swedish, and compiled."""

import polib
import pytest
from django.conf import settings

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
