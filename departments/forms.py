"""The editor's form of department, unit and team pages: the city page form, plus the rules of posts and
reorganisations, each refusal shown at the field (or inline row) it is about."""

from types import SimpleNamespace

from citycomms.chosen import CityPageForm

from .posts import SECOND_HEAD_POST, appointment_errors, second_head_posts
from .reorganisation import change_errors, successor_errors


def kept_rows(formset):
    """The formset's row forms that are valid and not deleted, with their cleaned data."""
    formset.is_valid()  # cleans the rows: the page form is cleaned before its formsets
    return [
        row
        for row in formset.forms
        if getattr(row, "cleaned_data", None) and not row.cleaned_data.get("DELETE") and not row.errors
    ]


class OrganisationPageForm(CityPageForm):
    """Successors: live pages of the city, not the page itself, no loop, and only with a change that has them.
    Posts: one head post at most; one post's appointments overlap only where one is acting."""

    def clean(self):
        cleaned_data = super().clean()
        self.check_reorganisation(cleaned_data)
        self.check_posts()
        return cleaned_data

    def check_reorganisation(self, cleaned_data):
        rows = [row for row in kept_rows(self.formsets["successors"]) if row.cleaned_data.get("successor")]
        page = self.instance if self.instance.pk else None
        for index, message in successor_errors(page, [row.cleaned_data["successor"] for row in rows]).items():
            rows[index].add_error("successor", message)
        status, date = cleaned_data.get("reorganisation"), cleaned_data.get("reorganised_on")
        for field, message in change_errors(status, date, len(rows)).items():
            if field in self.fields:
                self.add_error(field, message)

    def check_posts(self):
        posts = kept_rows(self.formsets["posts"])
        for index in second_head_posts([SimpleNamespace(**row.cleaned_data) for row in posts]):
            posts[index].add_error("is_head", SECOND_HEAD_POST)
        for post in posts:
            rows = [row for row in kept_rows(post.formsets["appointments"]) if row.cleaned_data.get("person")]
            found = appointment_errors([SimpleNamespace(**row.cleaned_data) for row in rows])
            for index, (field, message) in found.items():
                rows[index].add_error(field, message)

    def save(self, commit=True):
        page = super().save(commit=False)
        page.derive_head(strictly=True)  # the form has no head field: the head post says who leads
        return super().save(commit=True) if commit else page
