"""Colour checks for city branding: valid hex colours and WCAG contrast."""

import re

# What the brand colour field accepts, and the only thing /city.css will write out.
HEX_COLOUR = re.compile(r"\A#[0-9a-fA-F]{6}\Z")

WHITE = "#ffffff"

# WCAG 2.1 level AA for normal-sized text (success criterion 1.4.3).
MIN_TEXT_CONTRAST = 4.5


def relative_luminance(colour):
    """The WCAG relative luminance of "#rrggbb": 0 for black, 1 for white."""
    red, green, blue = (_linear(int(colour[start : start + 2], 16) / 255) for start in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _linear(channel):
    # sRGB values are gamma-encoded; luminance is a sum of linear light.
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def contrast_ratio(first, second):
    """The WCAG contrast ratio of two "#rrggbb" colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
