"""Each city's languages, edited in the admin's settings."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from citycomms.models import CitySettings


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
