"""Readers never lose a page when its translated slug changes or when they mix languages.

- When an editor publishes a new slug in any language, the page's old URL in
  that language (and those of the pages below it) redirect permanently to it.
  Wagtail's own automatic redirects only see the slug of the active language.
- A URL that uses another language's slugs ("/sv/viestintaosasto/") redirects
  to the same page's URL in the language of the prefix.
"""

import re

from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site, get_page_models

from .languages import LANGUAGE_CODES

# What a slug can be: Wagtail serves only paths made of these (wagtail.urls).
SLUG = re.compile(r"[\w-]+")
URL_PATH_FIELDS = {code: build_localized_fieldname("url_path", code) for code in LANGUAGE_CODES}


def connect():
    for model in get_page_models():
        pre_save.connect(remember_url_paths, sender=model, dispatch_uid=f"citycomms_remember_{model.__name__}")
        post_save.connect(redirect_old_url_paths, sender=model, dispatch_uid=f"citycomms_redirect_{model.__name__}")


def remember_url_paths(sender, instance, **kwargs):
    if instance.pk:
        instance._url_paths_before_save = Page.objects.filter(pk=instance.pk).values(*URL_PATH_FIELDS.values()).first()


def redirect_old_url_paths(sender, instance, **kwargs):
    before = getattr(instance, "_url_paths_before_save", None)
    if not before or not instance.live or Site.objects.filter(root_page=instance).exists():
        return
    for code, field in URL_PATH_FIELDS.items():
        old_path, new_path = before[field], getattr(instance, field)
        if old_path and new_path and old_path != new_path:
            redirect_subtree(instance, code, old_path)


def redirect_subtree(page, code, old_path):
    """Redirect the old `code` URLs of `page` and its descendants (whose url_paths still start with
    `old_path`: descendants are updated after the page's own save) to the pages themselves."""
    field = URL_PATH_FIELDS[code]
    subtree = Page.objects.filter(path__startswith=page.path).exclude(pk=page.pk)
    old_paths = {page.pk: old_path} | {
        pk: url_path for pk, url_path in subtree.values_list("pk", field) if url_path and url_path.startswith(old_path)
    }
    for site in sites_containing(page, code):
        root_path = getattr(site.root_page, field)
        for pk, url_path in old_paths.items():
            Redirect.objects.update_or_create(
                site=site,
                old_path=Redirect.normalise_path(f"/{code}/{url_path[len(root_path) :]}"),
                defaults={"redirect_page_id": pk, "is_permanent": True, "automatically_created": True},
            )


def sites_containing(page, code):
    return [
        site
        for site in Site.objects.select_related("root_page")
        if page.path.startswith(site.root_page.path) and getattr(site.root_page, URL_PATH_FIELDS[code])
    ]


def find_page_by_any_slug(root, components):
    """The live, public page below `root` whose path is `components`, each a slug in any language."""
    if not all(SLUG.fullmatch(slug) for slug in components):
        return None  # no page has such a slug; and PostgreSQL refuses some characters (NUL) outright
    page = root
    for slug in components:
        any_language = Q()
        for code in LANGUAGE_CODES:
            any_language |= Q(**{build_localized_fieldname("slug", code): slug})
        page = page.get_children().live().public().filter(any_language).first()
        if page is None:
            return None
    return page
