"""What search engines read: each page's URLs in every language, the sitemap and robots.txt.

URLs are made absolute from the request (its scheme and host), so they name
the host the reader or crawler actually used, whichever of a city's host
names that is.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

from .cache import cacheable
from .i18n import city_settings, language_links
from .params import site_or_404


def page_urls(page, request):
    """The absolute URL of `page` in each language its site offers, by language code."""
    return {link.code: request.build_absolute_uri(link.url) for link in language_links(page, request) if link.url}


def head_links(page, request):
    """The <head> links of `page`: its URL in each language, x-default (the site's default language) and canonical."""
    urls = page_urls(page, request)
    alternates = list(urls.items())
    default = urls.get(city_settings(request).default_language)
    if default:
        alternates.append(("x-default", default))
    return {"alternates": alternates, "canonical": urls.get(translation.get_language())}


class CitySitemap(Sitemap):
    """Every live, public page of the request's site, once per language the site offers."""

    i18n = True
    alternates = True

    def __init__(self, request, site):
        self.request = request
        self.site = site
        self.settings = city_settings(request)
        self.languages = self.settings.languages

    def items(self):
        return self.site.root_page.get_descendants(inclusive=True).live().public().order_by("path")

    def location(self, page):
        # Called with each language active in turn; the URL is relative, as the sitemap framework expects.
        return page.get_url(self.request)

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        # Django's own x-default is the unprefixed URL in settings.LANGUAGE_CODE; a city's is its default language.
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            url["alternates"] += [
                {**alternate, "lang_code": "x-default"}
                for alternate in url["alternates"]
                if alternate["lang_code"] == self.settings.default_language
            ]
        return urls


@cacheable
def sitemap(request):
    """/sitemap.xml: the pages of the site serving this request, with their other-language versions."""
    return sitemap_views.sitemap(request, {"pages": CitySitemap(request, site_or_404(request))})


def robots_txt(request):
    """/robots.txt: crawlers may read everything but the admin, and find the sitemap."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/", "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
