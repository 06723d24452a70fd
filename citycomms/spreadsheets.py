"""Spreadsheets the site writes: CSV and XLSX downloads, with every cell read as text, never run as a formula."""

import csv
import io
import re

from django.http import HttpResponse
from openpyxl import Workbook

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A sign followed by digits and spaces only is a phone number ("+46313680603") or a number ("-12"): no formula
# can hide in it, and an apostrophe before it would show in the spreadsheet.
SIGNED_NUMBER = re.compile(r"[+-][0-9 ]+")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_text_cell(value):
    """The value as a spreadsheet cell that is never run as a formula: a leading apostrophe before "=…", "@…",
    a tab or carriage return, and "+" or "-" followed by anything but digits and spaces ("+A1", "-2+3")."""
    if SIGNED_NUMBER.fullmatch(value):
        return value
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_response(rows, filename):
    """`rows` (lists of values) as a CSV download `filename`.csv in UTF-8, with the byte order mark that tells
    spreadsheet programs so."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    csv.writer(response).writerows([as_text_cell(str(value)) for value in row] for row in rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(rows, filename):
    """`rows` as an XLSX download `filename`.xlsx, every cell a string."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    for cells in workbook.active.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # never a formula, whatever it starts with
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
