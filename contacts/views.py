"""Admin views for contact people in bulk: the listing with its import link and exports, and the import itself.

The import reads the file once, keeps its rows in the session (never a file path from the
browser), shows every row with its errors, and on confirmation checks them all again and
writes all or none.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import IndexView

from citycomms.cities import user_cities

from .importing import import_as_batch
from .spreadsheet import COLUMNS, SpreadsheetError, check_rows, export_response, read_upload

SESSION_KEY = "contacts_import"
LISTING_URL = "wagtailsnippets_contacts_contactperson:list"


class ContactIndexView(IndexView):
    """The contact people listing: its exports are in the import's columns, and it links the import."""

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("add"):
            buttons.append(Button(_("Import from a spreadsheet"), url=reverse("contacts_import"), icon_name="upload"))
        return buttons

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return export_response(queryset, spreadsheet_format, "contacts")


class ImportForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: %(columns)s. CSV files in UTF-8.") % {"columns": ", ".join(COLUMNS)},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = user_cities(user).order_by("path")


def import_contacts(request):
    """Upload a file and see its rows (GET, POST with a file), or write the rows shown (POST with confirm)."""
    if not request.user.has_perm("contacts.add_contactperson"):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return confirm_import(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if form.is_valid():
        try:
            rows = read_upload(form.cleaned_data["file"])
        except SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            city = form.cleaned_data["city"]
            request.session[SESSION_KEY] = {"city": city.pk, "rows": rows}
            return preview(request, city, check_rows(rows, city))
    status = 400 if form.is_bound else 200
    return render(request, "contacts/contact_import.html", {"form": form}, status=status)


def confirm_import(request):
    stored = request.session.get(SESSION_KEY)
    city = user_cities(request.user).filter(pk=(stored or {}).get("city")).first()
    if city is None:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("contacts_import")
    rows = check_rows(stored["rows"], city)  # the database may have changed since the preview
    if any(row.errors for row in rows):
        return preview(request, city, rows)
    created, updated, _batch = import_as_batch(rows, city, request.user)
    del request.session[SESSION_KEY]
    messages.success(request, imported_message(created, updated))
    return redirect(LISTING_URL)


def preview(request, city, rows):
    """Every row with its errors; the confirm button only when there are none."""
    error_count = sum(bool(row.errors) for row in rows)
    change_count = sum(bool(row.is_new or row.changed) for row in rows)
    context = {
        "city": city,
        "rows": rows,
        "columns": COLUMNS,
        "error_count": error_count,
        "change_count": change_count,
    }
    return render(request, "contacts/contact_import_preview.html", context)


def imported_message(created, updated):
    created_text = ngettext("%(count)s new contact", "%(count)s new contacts", created) % {"count": created}
    updated_text = ngettext("%(count)s changed contact", "%(count)s changed contacts", updated) % {"count": updated}
    return _(
        "Imported %(created)s and %(updated)s as drafts, submitted for moderation as one import: the city's "
        "moderators review it on one screen."
    ) % {
        "created": created_text,
        "updated": updated_text,
    }
