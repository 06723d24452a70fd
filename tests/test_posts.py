"""Posts and appointments (issue 18, item 2): a page's posts, one of them its head post, held by people from a date
to a date, acting or not, or vacant; what the public reads of them in each language; the editor's rules; a
leaver's history kept."""

import datetime
import importlib
import io

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory, post
from departments.posts import OVERLAPS, SECOND_HEAD_POST, Appointment, Post
from tests.conftest import edit_form_values, in_english, signed_in

pytestmark = pytest.mark.django_db


def today():
    """Today in the site's time zone, asked when a test runs: a suite can pass midnight."""
    return timezone.localdate()


DAY = datetime.timedelta(days=1)


@pytest.fixture
def raitio(helsinki):
    return ContactPersonFactory(
        city=helsinki, first_name="Markku", last_name="Raitio", job_title_fi="tietotekniikka- ja viestintäjohtaja va."
    )


@pytest.fixture
def former(helsinki, raitio):
    """Seed 002's department as the demo has it: its head post held by Markku Raitio, acting ("va.")."""
    return DepartmentPageFactory(
        parent=helsinki,
        title_fi="Tietotekniikka- ja viestintäosasto",
        slug_fi="tietotekniikka-ja-viestintaosasto",
        posts=[post({"person": raitio, "acting": True}, title_fi="tietotekniikka- ja viestintäjohtaja")],
    )


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def words(element):
    return " ".join(element.get_text().split()) if element is not None else ""


def url_in(page, language):
    with translation.override(language):
        return page.url


# --- What readers see ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("fi", "Osastoa johtaa tietotekniikka- ja viestintäjohtaja va. Markku Raitio."),
        ("sv", "Avdelningen leds av t.f. tietotekniikka- ja viestintäjohtaja Markku Raitio."),
        ("en", "The department is led by acting tietotekniikka- ja viestintäjohtaja Markku Raitio."),
    ],
)
def test_an_acting_head_is_named_acting_in_each_language(client, former, language, sentence):
    page = read(client, url_in(former, language))

    assert words(page.select_one(".head-of")) == sentence
    if language != "fi":  # the post's title is written in Finnish only: marked so, in the sentence and the card
        assert page.select_one(".head-of span[lang=fi]").get_text() == "tietotekniikka- ja viestintäjohtaja"
        role = page.select_one(".contacts .contact-card__role")
        assert words(role).startswith(("t.f.", "acting")) and role.select_one("span[lang=fi]") is not None
    assert former.__class__.objects.get(pk=former.pk).head.last_name == "Raitio"  # the head, derived


def test_the_holders_card_shows_the_post_only_where_it_differs_from_their_job_title(client, helsinki, former):
    deputy = ContactPersonFactory(
        city=helsinki, first_name="Ville", last_name="Varajohtaja", job_title_fi="erityisasiantuntija"
    )
    deputy_post = Post.objects.create(page=former, title_fi="apulaisjohtaja", title="apulaisjohtaja", sort_order=1)
    Appointment.objects.create(post=deputy_post, person=deputy)

    cards = read(client, url_in(former, "fi")).select(".contacts .contact-card")

    assert [words(card.select_one(".contact-card__name")) for card in cards] == ["Markku Raitio", "Ville Varajohtaja"]
    assert cards[0].select_one(".contact-card__role") is None  # "… va." reads as his job title
    assert words(cards[1].select_one(".contact-card__role")) == "apulaisjohtaja"


def test_only_the_appointment_running_today_is_shown(client, helsinki):
    earlier, now, later = (
        ContactPersonFactory(city=helsinki, first_name="Anna", last_name=name) for name in ("Aiempi", "Nyt", "Tuleva")
    )
    department = DepartmentPageFactory(
        parent=helsinki,
        posts=[
            post(
                {"person": earlier, "starts_on": today() - 400 * DAY, "ends_on": today() - 30 * DAY},
                {"person": now, "starts_on": today() - 29 * DAY},
                {"person": later, "starts_on": today() + 30 * DAY},
            )
        ],
    )

    text = words(read(client, url_in(department, "fi")).select_one("main"))

    assert "Osastoa johtaa viestintäjohtaja Anna Nyt." in text
    assert "Aiempi" not in text and "Tuleva" not in text


def test_a_vacant_head_post_says_so_and_whom_to_contact(client, helsinki):
    left = ContactPersonFactory(city=helsinki, last_name="Lähtenyt")
    stand_in = ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä")
    department = DepartmentPageFactory(
        parent=helsinki,
        posts=[
            post(
                {"person": left, "ends_on": today() - DAY},
                title_sv="kommunikationsdirektör",
                title_en="Director of Communications",
                contact_when_vacant=stand_in,
            )
        ],
    )

    for language, sentence in [
        ("fi", "Virka on avoinna: viestintäjohtaja. Siihen asti ota yhteyttä: Liisa Kivelä."),
        ("sv", "Tjänsten är vakant: kommunikationsdirektör. Till dess kan du kontakta Liisa Kivelä."),
        ("en", "The post of Director of Communications is vacant. Until it is filled, please contact Liisa Kivelä."),
    ]:
        page = read(client, url_in(department, language))
        assert words(page.select_one(".head-of")) == sentence
        assert "Lähtenyt" not in words(page.select_one("main"))
        assert "Liisa Kivelä" in words(page.select_one(".contacts"))
    assert type(department).objects.get(pk=department.pk).head is None


# --- The editor's rules --------------------------------------------------------------------------------------


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def post_editor(client, page, posts, action="publish"):
    """The page editor's form as the browser sends it, with `posts` (dicts, "appointments" a list of dicts)."""
    form = edit_form_values(client.get(edit_url(page)).content.decode(), type(page))
    rows = [{**fields, "appointments": inline_formset(fields.get("appointments", []))} for fields in posts]
    form.update(nested_form_data({"posts": inline_formset(rows)}))
    if action:
        form[f"action-{action}"] = action
    return client.post(edit_url(page), form)


@pytest.fixture
def moderator(client, helsinki_moderator):
    return signed_in(client, in_english(helsinki_moderator))


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_the_editor_sets_the_head_through_the_head_post(moderator, helsinki):
    department = DepartmentPageFactory(parent=helsinki)
    kivela = ContactPersonFactory(city=helsinki, last_name="Kivelä")
    editor_html = moderator.get(edit_url(department)).content.decode()
    assert 'name="head"' not in editor_html and 'name="posts-TOTAL_FORMS"' in editor_html

    response = post_editor(
        moderator,
        department,
        [{"title_fi": "viestintäjohtaja", "is_head": "on", "appointments": [{"person": kivela.pk, "acting": "on"}]}],
    )

    assert response.status_code == 302, response.context["form"].errors
    department.refresh_from_db()
    assert department.head == kivela
    assert list(Appointment.objects.filter(post__page=department).values_list("acting", flat=True)) == [True]


def test_overlapping_appointments_are_refused_at_the_date_unless_one_is_acting(moderator, helsinki):
    department = DepartmentPageFactory(parent=helsinki)
    first, second = (ContactPersonFactory(city=helsinki, last_name=name) for name in ("Ensimmäinen", "Toinen"))
    appointments = [
        {"person": first.pk, "starts_on": "2024-01-01", "ends_on": "2025-06-30"},
        {"person": second.pk, "starts_on": "2025-06-01"},
    ]
    before = revisions(department)

    response = post_editor(moderator, department, [{"title_fi": "johtaja", "appointments": appointments}])

    assert response.status_code == 200
    rows = response.context["form"].formsets["posts"].forms[0].formsets["appointments"].forms
    assert rows[0].errors == {}
    with translation.override("en"):
        assert rows[1].errors["starts_on"] == [OVERLAPS % {"name": first.full_name}]
    assert f"overlap the appointment of {first.full_name}" in response.content.decode()
    assert revisions(department) == before and not Post.objects.filter(page=department).exists()

    appointments[1]["acting"] = "on"  # standing in while the other still holds it: accepted
    response = post_editor(moderator, department, [{"title_fi": "johtaja", "appointments": appointments}])
    assert response.status_code == 302


def test_an_appointment_ending_before_it_starts_is_refused_at_its_end(moderator, helsinki):
    department = DepartmentPageFactory(parent=helsinki)
    person = ContactPersonFactory(city=helsinki)
    appointment = {"person": person.pk, "starts_on": "2025-02-01", "ends_on": "2025-01-01"}

    response = post_editor(moderator, department, [{"title_fi": "johtaja", "appointments": [appointment]}])

    row = response.context["form"].formsets["posts"].forms[0].formsets["appointments"].forms[0]
    assert list(row.errors) == ["ends_on"]


def test_a_second_head_post_is_refused_at_its_tick(moderator, helsinki):
    department = DepartmentPageFactory(parent=helsinki)

    response = post_editor(
        moderator, department, [{"title_fi": "johtaja", "is_head": "on"}, {"title_fi": "toinen", "is_head": "on"}]
    )

    rows = response.context["form"].formsets["posts"].forms
    with translation.override("en"):
        assert rows[1].errors["is_head"] == [str(SECOND_HEAD_POST)]
    assert rows[0].errors == {}


def test_another_citys_person_is_refused_in_an_appointment(moderator, helsinki, goteborg):
    department = DepartmentPageFactory(parent=helsinki)
    stranger = ContactPersonFactory(city=goteborg)

    response = post_editor(moderator, department, [{"title_fi": "johtaja", "appointments": [{"person": stranger.pk}]}])

    row = response.context["form"].formsets["posts"].forms[0].formsets["appointments"].forms[0]
    assert "person" in row.errors


# --- A person leaves: their appointment ends, and stays ----------------------------------------------------------


def test_replacing_a_leaver_ends_their_appointment_and_starts_the_successors(moderator, helsinki, raitio, former):
    kivela = ContactPersonFactory(city=helsinki, first_name="Liisa", last_name="Kivelä")
    unit = UnitPageFactory(parent=former, posts=[post(raitio, title_fi="yksikön päällikkö", is_head=False)])

    response = moderator.post(f"/admin/contacts/people/{raitio.pk}/replace/", {"replacement": kivela.pk})

    assert response.status_code == 200
    for page in (former, unit):
        page.refresh_from_db()  # its latest revision is the replacement's new draft
        draft = page.get_latest_revision_as_object()
        (kept,) = draft.posts.all()
        history = [(item.person_id, item.ends_on, item.starts_on) for item in kept.appointments.all()]
        assert history[0] == (raitio.pk, today() - DAY, None)  # his appointment ended yesterday, kept
        assert history[1] == (kivela.pk, None, today())
    draft = former.get_latest_revision_as_object()
    assert draft.head == kivela
    assert [item.acting for item in draft.posts.first().appointments.all()] == [True, True]  # in his place: acting
    assert Appointment.objects.filter(person=raitio).count() == 2  # the live pages are unchanged until approved


def test_the_data_migration_gives_each_head_a_head_post(helsinki):
    person = ContactPersonFactory(city=helsinki, job_title_fi="osastopäällikkö", job_title_sv="avdelningschef")
    department = DepartmentPageFactory(parent=helsinki, head=person)
    assert not Post.objects.filter(page=department).exists()  # made by code with a head and no posts

    migration = importlib.import_module("departments.migrations.0004_head_posts_from_heads")
    migration.heads_to_head_posts(apps, None)

    (head_post,) = Post.objects.filter(page=department)
    assert (head_post.is_head, head_post.title_fi, head_post.title_sv) == (True, "osastopäällikkö", "avdelningschef")
    assert list(head_post.appointments.values_list("person", "acting")) == [(person.pk, False)]
    department.refresh_from_db()
    department.save_revision().publish()
    assert type(department).objects.get(pk=department.pk).head == person


def test_the_daily_refresh_shows_whoever_holds_the_post_from_today(client, helsinki, monkeypatch):
    leaving = ContactPersonFactory(city=helsinki, first_name="Anna", last_name="Vanha")
    coming = ContactPersonFactory(city=helsinki, first_name="Anna", last_name="Uusi")
    yesterday = today() - DAY
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "localdate", lambda *args, **kwargs: yesterday)
        department = DepartmentPageFactory(
            parent=helsinki,
            posts=[post({"person": leaving, "ends_on": yesterday}, {"person": coming, "starts_on": yesterday + DAY})],
        )
        assert "Anna Vanha" in words(read(client, url_in(department, "fi")).select_one("main"))
    # Midnight passed and nobody published: the page is kept as it was made yesterday.
    assert "Anna Vanha" in words(read(client, url_in(department, "fi")).select_one("main"))

    output = io.StringIO()
    call_command("refresh_appointments", stdout=output)

    assert f"(page {department.pk}) … saved" in output.getvalue()
    text = words(read(client, url_in(department, "fi")).select_one("main"))
    assert "Osastoa johtaa viestintäjohtaja Anna Uusi." in text and "Vanha" not in text
    department.refresh_from_db()
    assert department.head_id == coming.pk  # the media contacts, vCards and search read it


def test_the_daily_refresh_leaves_pages_whose_posts_keep_their_holders(helsinki, former):
    output = io.StringIO()
    call_command("refresh_appointments", "--days", "3", stdout=output)
    assert output.getvalue().splitlines()[-1].startswith("0 page(s)")
    with pytest.raises(CommandError, match="--days"):
        call_command("refresh_appointments", "--days", "0")
