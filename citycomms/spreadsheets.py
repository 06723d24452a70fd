"""Cells for spreadsheets the site writes: a value a spreadsheet program must read as text."""

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value):
    """The value as a spreadsheet cell of text: a leading apostrophe keeps "+358…" and "=…" from being read
    as a number or run as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
