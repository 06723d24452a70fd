"""Each city's languages and colours, edited in the admin's settings."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Site
from wagtail.users.models import UserProfile

from citycomms.colours import MIN_TEXT_CONTRAST, WHITE, contrast_ratio
from citycomms.models import CitySettings
from tests.conftest import edit_form_values


@pytest.mark.django_db
def test_languages_round_trip_as_a_list(goteborg):
    settings = CitySettings.for_site(Site.objects.get(hostname="goteborg.localhost"))
    settings.refresh_from_db()
    assert settings.languages == ["sv", "en"]
    assert settings.fallback_order == ["sv", "en"]


@pytest.mark.django_db
def test_default_language_must_be_offered(goteborg):
    settings = CitySettings.for_site(Site.objects.get(hostname="goteborg.localhost"))
    settings.default_language = "fi"
    with pytest.raises(ValidationError) as caught:
        settings.full_clean()
    assert list(caught.value.message_dict) == ["default_language"]


@pytest.mark.django_db
def test_unknown_language_code_is_refused(goteborg):
    settings = CitySettings.for_site(Site.objects.get(hostname="goteborg.localhost"))
    settings.languages = ["sv", "de"]
    with pytest.raises(ValidationError) as caught:
        settings.full_clean()
    assert "languages" in caught.value.message_dict


@pytest.mark.django_db
def test_admin_edits_a_citys_languages_with_checkboxes(admin_client, helsinki, goteborg):
    site = Site.objects.get(hostname="goteborg.localhost")
    url = f"/admin/settings/citycomms/citysettings/{site.pk}/"
    html = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="languages" value="sv"' in html and "checked" in html

    # Browsers send ticked checkboxes in the form's order.
    response = admin_client.post(
        url, {"languages": ["fi", "sv", "en"], "default_language": "sv", "brand_colour": "#0b3d91"}
    )
    assert response.status_code == 302
    assert CitySettings.objects.get(site=site).languages == ["fi", "sv", "en"]

    response = admin_client.post(url, {"languages": ["en"], "default_language": "sv", "brand_colour": "#0b3d91"})
    assert response.status_code == 200
    assert CitySettings.objects.get(site=site).default_language == "sv"
    assert len(CitySettings.objects.get(site=site).languages) == 3  # the refused change saved nothing


# White text on it has a contrast ratio of about 1.07:1; the body text on the house accent colour is fine with it.
UNREADABLE = "#ffff00"


def brand_colour_message(city_settings, language):
    """What the model says of `city_settings`' brand colour in `language`."""
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            city_settings.clean()
        return caught.value.message_dict["brand_colour"][0]  # lazy: read in that language


def settings_form(client, url):
    """The admin's city settings form as it stands, every language kept (the helper keeps one checkbox)."""
    values = edit_form_values(client.get(url).content.decode(), CitySettings)
    return {**values, "languages": ["fi", "sv", "en"]}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_brand_colour_white_text_is_hard_to_read_on_is_refused_in_the_admins_language(
    admin_client, admin_user, helsinki, language
):
    UserProfile.get_for_user(admin_user)
    UserProfile.objects.filter(user=admin_user).update(preferred_language=language)
    site = Site.objects.get(hostname="localhost")
    url = f"/admin/settings/citycomms/citysettings/{site.pk}/"
    saved = CitySettings.objects.get(site=site).brand_colour
    assert contrast_ratio(UNREADABLE, WHITE) < MIN_TEXT_CONTRAST <= contrast_ratio(saved, WHITE)

    response = admin_client.post(url, {**settings_form(admin_client, url), "brand_colour": UNREADABLE})

    assert response.status_code == 200
    unreadable = CitySettings(site=site, languages=["fi"], default_language="fi", brand_colour=UNREADABLE)
    message = brand_colour_message(unreadable, language)
    assert UNREADABLE in message and f"{contrast_ratio(UNREADABLE, WHITE):.2f}:1" in message
    if language != "en":
        assert message != brand_colour_message(unreadable, "en"), "not translated"
    assert html.escape(message) in response.content.decode()  # shown beside the field, in the admin's language
    with translation.override(language):
        assert response.context["form"].errors["brand_colour"] == [message]  # and only that
    assert CitySettings.objects.get(site=site).brand_colour == saved  # nothing saved


@pytest.mark.django_db
def test_a_brand_colour_white_text_reads_well_on_is_saved(admin_client, helsinki):
    site = Site.objects.get(hostname="localhost")
    url = f"/admin/settings/citycomms/citysettings/{site.pk}/"
    response = admin_client.post(url, {**settings_form(admin_client, url), "brand_colour": "#1a2b3c"})
    assert response.status_code == 302
    assert CitySettings.objects.get(site=site).brand_colour == "#1a2b3c"
