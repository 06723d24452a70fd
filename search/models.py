"""What the site search reads: each page's text as a reader in each language sees it, stored as a search vector."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class PageText(models.Model):
    """A page's title, intro and body as a reader in `language` sees them (their language, else the city's other
    languages in its fallback order), stemmed for that language: what the site search finds the page by, and the
    text its result snippet is cut from. Not edited by anyone: search.indexing writes it whenever a page is saved,
    moved, or its city's languages change."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="search_texts")
    language = models.CharField(_("language"), max_length=8)
    vector = SearchVectorField(null=True)
    snippet_text = models.TextField(blank=True)
    snippet_language = models.CharField(max_length=8, blank=True)

    class Meta:
        verbose_name = _("page text for search")
        verbose_name_plural = _("page texts for search")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="search_pagetext_page_language")]

    def __str__(self):
        return f"{self.page_id} ({self.language})"
