"""The demo cities' media contacts pages and Helsinki's media desk, keyed by city name.

Who is listed comes from the people content.py marks as media contacts. The
desk's description follows seed 000 ("service to domestic and international
media"); its address and hours are demo values.
"""

TITLES = {"fi": "Yhteystiedot medialle", "sv": "Kontaktuppgifter för medierna", "en": "Media contacts"}
SLUGS = {"fi": "yhteystiedot-medialle", "sv": "kontaktuppgifter-for-medierna", "en": "media-contacts"}
INTRO = {
    "fi": "Tavoitat kaupungin viestinnän asiantuntijat alta. Hae nimellä, aiheella tai yksiköllä.",
    "sv": "Här når du stadens experter på kommunikation. Sök på namn, ämne eller enhet.",
    "en": "Reach the City's communications experts here. Search by name, topic or unit.",
}

HELSINKI_MEDIA_DESK = {
    "name": {"fi": "Viestinnän mediapalvelu", "sv": "Kommunikationens medieservice", "en": "Media service"},
    "description": {
        "fi": (
            "Kaupunginkanslian viestintäyksikkö palvelee kotimaista ja kansainvälistä mediaa ja ohjaa "
            "toimittajan oikealle asiantuntijalle."
        ),
        "sv": (
            "Stadskansliets kommunikationsenhet betjänar inhemska och internationella medier och hänvisar "
            "journalisten till rätt expert."
        ),
        "en": (
            "The Communications Unit of the City Executive Office serves domestic and international media and "
            "puts journalists in touch with the right expert."
        ),
    },
    "phone": "",
    "email": "media@hel.fi",
    "street_address": {},
    "postal_code": "",
    "locality": {},
    "opening_hours": {"fi": "ma–pe 8–16", "sv": "mån–fre 8–16", "en": "Mon–Fri 8 am–4 pm"},
}

PRESS_PAGES = {
    "Helsinki": {"title": TITLES, "slug": SLUGS, "intro": INTRO, "media_desk": HELSINKI_MEDIA_DESK},
    "Göteborg": {
        "title": {code: TITLES[code] for code in ("sv", "en")},
        "slug": {code: SLUGS[code] for code in ("sv", "en")},
        "intro": {code: INTRO[code] for code in ("sv", "en")},
        "media_desk": None,
    },
}
PRESS_PAGES["Stockholm"] = PRESS_PAGES["Göteborg"]
