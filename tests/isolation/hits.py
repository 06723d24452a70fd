"""The walk's requests (Hit) and the forms its POSTs send."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.conftest import edit_form_values
from tests.isolation.city_content import png_with_text, translated

# --- requests and what comes back --------------------------------------------------------------------------


@dataclass
class Hit:
    """One request of the walk. `data` is the POST's form, or a callable(walker) giving it at request time."""

    method: str
    path: str
    data: object = None
    json: bool = False
    # The path names another city's file: a 200 answering its bytes is a leak even without a marker in them.
    serves_file: bool = False
    # The user's own object, with another city's id in the form (a page's head, a page to move it under …).
    towards: bool = False
    # Why this POST changes nothing even when made by someone allowed to (else it would: see
    # test_every_write_of_the_walk_would_change_the_database_if_it_were_allowed).
    inert: str = ""

    @property
    def key(self):
        return (self.method, self.path, repr(sorted(self.data.items())) if isinstance(self.data, dict) else "")


def G(path, serves_file=False):
    return Hit("GET", path, serves_file=serves_file)


def P(path, data=None, json=False, towards=False, inert=""):
    return Hit("POST", path, {} if data is None else data, json=json, towards=towards, inert=inert)


def T(path, data=None, json=False):
    """A POST of the user's own object that names the other city's: a write that must be refused too."""
    return P(path, data, json=json, towards=True)


FORMS = {}


def superuser_form(url, model=None, **changes):
    """What the superuser's browser would submit from the form at `url` (read once per module), with `changes`:
    a POST the view would accept from someone allowed to make it, so that a refusal is what keeps the
    database unchanged. Callable at request time, inside the request's savepoint."""

    def data(walker):
        if url not in FORMS:
            client = Client(HTTP_HOST=walker.client.defaults["HTTP_HOST"])
            client.force_login(get_user_model().objects.get(username="walk-superuser"))
            response = client.get(url)
            assert response.status_code == 200, f"the superuser cannot open {url}: {response.status_code}"
            html = response.content.decode()
            if response["Content-Type"].startswith("application/json"):  # a chooser's modal
                html = response.json().get("html") or response.json()["htmlFragment"]
            FORMS[url] = edit_form_values(html, model)
        return {**FORMS[url], **changes}

    return data


def upload(name, content):
    """A file for a POST: made at request time, as the test client reads it to the end."""
    return SimpleUploadedFile(name, content)


def pdf(name="intruder.pdf"):
    return upload(name, b"%PDF-1.4 intruder")


def png(name="intruder.png"):
    return upload(name, png_with_text("intruder"))


def ids(objects):
    return "&".join(f"id={item.pk}" for item in objects)


# The moderator's publish button: a write naming another city's objects is tried as publishing them.
PUBLISH = {"action-publish": "action-publish"}


def intruder_title(**extra):
    """A page form's title and slug in every language, for a page that must not come into being."""
    return {**{f"title_{code}": "Intruder" for code in ("fi", "sv", "en")}, "slug_fi": "intruder", **extra}


def head_post(person_id):
    """A page form's head post held by `person_id`, as the editor's nested inline forms post it."""
    appointments = inline_formset([{"person": person_id}])
    post = {"title_fi": "Intruder", "title_sv": "Intruder", "is_head": "on", "appointments": appointments}
    return nested_form_data({"posts": inline_formset([post])})


def stream(field, block_type, value):
    """A StreamField of one block, as the page editor's script posts it."""
    fields = {f"{field}-count": "1", f"{field}-0-type": block_type, f"{field}-0-deleted": "", f"{field}-0-order": "0"}
    fields[f"{field}-0-id"] = ""
    if isinstance(value, dict):
        fields.update({f"{field}-0-value-{name}": item for name, item in value.items()})
    else:
        fields[f"{field}-0-value"] = value
    return fields


def workflow_hits(url):
    """A workflow action's screen, and both of its actions taken: `url` has {} for the action's name."""
    return [G(url.format("approve")), P(url.format("approve"), {"comment": "Intruder"}), P(url.format("reject"))]


def intruder_name(model_name):
    if model_name == "contactperson":
        return {"first_name": "Intruder", "last_name": "Intruder", "email": "intruder@example.org"}
    if model_name == "announcement":
        return translated("text", "Intruder")
    return {f"name_{code}": "Intruder" for code in ("fi", "sv", "en")}
