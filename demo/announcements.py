"""The demo cities' announcements (`announcements` in demo/data/<city>.yaml), each found by its city and its text in
the city's default language, so that loading the demo again changes nothing."""

from zoneinfo import ZoneInfo

from modeltranslation.utils import build_localized_fieldname

from announcements.models import Announcement

from .saving import save_object


def load_announcements(city, home, log):
    zone = ZoneInfo(city["time_zone"])
    default_language = city["default_language"]
    for data in city.get("announcements", []):
        key = {build_localized_fieldname("text", default_language): data["text"][default_language]}
        announcement = Announcement.objects.filter(city=home, **key).first() or Announcement(city=home)
        fields = {
            "kind": data["kind"],
            "starts_at": data["starts"].replace(tzinfo=zone),
            "ends_at": data["ends"].replace(tzinfo=zone) if data.get("ends") else None,
            "live": True,  # published, as the demo's people are: the workflow is for what editors add
            **{build_localized_fieldname("text", code): text for code, text in data["text"].items()},
        }
        log(f"{city['name']}: announcement ({data['kind']}) … {save_object(announcement, fields)}")
