"""Site-wide views outside the page tree."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .colours import HEX_COLOUR
from .i18n import city_settings
from .models import DEFAULT_BRAND_COLOUR


@require_safe
@cache_control(public=True, max_age=300)
def city_css(request):
    """The serving city's brand colour as a CSS custom property, which site.css uses.

    A stylesheet, not a style attribute, because the Content-Security-Policy
    forbids inline styles. Cached for five minutes, so a new colour shows soon.
    """
    colour = city_settings(request).brand_colour
    # Written into CSS unescaped: only a valid colour may get there, whatever the database holds.
    if not HEX_COLOUR.search(colour):
        colour = DEFAULT_BRAND_COLOUR
    return HttpResponse(f":root {{ --brand: {colour}; }}\n", content_type="text/css; charset=utf-8")
