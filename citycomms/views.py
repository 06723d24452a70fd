"""Site-wide views outside the page tree: each city's colours as CSS and its favicon."""

import io

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from PIL import Image, ImageDraw

from .colours import HEX_COLOUR
from .i18n import city_settings
from .models import DEFAULT_BRAND_COLOUR
from .models.city_settings import DEFAULT_ACCENT_COLOUR

# The sizes in /favicon.ico: tabs, taskbars and bookmarks.
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]


def safe_colour(colour, default):
    """`colour` if it is "#rrggbb", else `default`: only a valid colour may be written into CSS or an image,
    whatever the database holds."""
    return colour if HEX_COLOUR.search(colour or "") else default


@require_safe
@cache_control(public=True, max_age=300)
def city_css(request):
    """The serving city's colours as CSS custom properties, which site.css builds its look from.

    A stylesheet, not a style attribute, because the Content-Security-Policy
    forbids inline styles. Cached for five minutes, so a new colour shows soon.
    """
    settings = city_settings(request)
    brand = safe_colour(settings.brand_colour, DEFAULT_BRAND_COLOUR)
    accent = safe_colour(settings.accent_colour, DEFAULT_ACCENT_COLOUR)
    return HttpResponse(f":root {{ --brand: {brand}; --accent: {accent}; }}\n", content_type="text/css; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    """The serving city's icon: a rounded square in its brand colour with a wave in its accent colour.

    Browsers ask for /favicon.ico on every site whatever the page links, so it answers here, outside
    any language, drawn for the city rather than a file that would be the same for all.
    """
    settings = city_settings(request)
    brand = safe_colour(settings.brand_colour, DEFAULT_BRAND_COLOUR)
    accent = safe_colour(settings.accent_colour, DEFAULT_ACCENT_COLOUR)
    buffer = io.BytesIO()
    favicon_image(brand, accent).save(buffer, format="ICO", sizes=FAVICON_SIZES)
    return HttpResponse(buffer.getvalue(), content_type="image/x-icon")


def favicon_image(brand, accent, size=48):
    """The icon at `size` pixels; ICO scales it down for the smaller sizes."""
    picture = Image.new("RGBA", (size, size), brand)
    # A band of gentle waves across the lower half, as a city's seafront.
    step = size // 4
    wave = [(x, size * 5 // 8 + (step // 3 if (x // step) % 2 else -step // 3)) for x in range(0, size + step, step)]
    ImageDraw.Draw(picture).polygon([(0, size), *wave, (size, size)], fill=accent)
    # Rounded corners: the picture through a rounded mask onto transparency.
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=255)
    icon = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    icon.paste(picture, (0, 0), mask)
    return icon
