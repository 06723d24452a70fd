"""The project's languages, in settings.LANGUAGES order: one list for every module, the lowest of them included
(citycomms.panels, which citycomms.i18n's models import)."""

from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
