"""The demo newsrooms: each city's newsroom and a few press releases, as plain data.

The releases are made up for the demo, from what the seed pages say each
unit does (the Helsinki-info magazine, participatory budgeting, Virka
Galleria, Göteborg's Youth Council and Student Forum, its international
work, Stockholm's communications programme and digital channels); each ends
by saying it is a demo. Shapes as in content.py, plus, per release:

- "published": the publication date, fixed so that loading again changes nothing;
- "source": the slugs, in the city's default language, of the department or
  unit the release comes from, from the city home down;
- "contacts": the "more information" people, by name, from content.py.
  Stockholm's seed page names nobody, so its releases have no contacts.
"""

import datetime
from zoneinfo import ZoneInfo

HELSINKI_TIME = ZoneInfo("Europe/Helsinki")
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")

NEWSROOM_TITLE = {"fi": "Uutishuone", "sv": "Nyhetsrum", "en": "Newsroom"}
NEWSROOM_SLUG = {"fi": "uutishuone", "sv": "nyhetsrum", "en": "newsroom"}

DEMO_NOTE = {
    "fi": "<p>Tämä on CityCommsin demotiedote.</p>",
    "sv": "<p>Detta är ett demopressmeddelande i CityComms.</p>",
    "en": "<p>This is a CityComms demo press release.</p>",
}


def body(texts):
    """Body blocks per language: the paragraphs given, then the note that this is a demo."""
    return {code: [("paragraph", text), ("paragraph", DEMO_NOTE[code])] for code, text in texts.items()}


HELSINKI = {
    "newsroom": {
        "title": NEWSROOM_TITLE,
        "slug": NEWSROOM_SLUG,
        "intro": {
            "fi": "Helsingin kaupungin tiedotteet. Toimittajat löytävät tiedotteista myös lisätietojen antajat.",
            "sv": "Helsingfors stads pressmeddelanden. Journalister hittar kontaktpersonerna i varje meddelande.",
            "en": "Press releases of the City of Helsinki. Journalists find whom to ask in each release.",
        },
    },
    "releases": [
        {
            "title": {
                "fi": "Syksyn Helsinki-info jaetaan kaikkiin kotitalouksiin",
                "sv": "Höstens Helsingforstidningen delas ut till alla hushåll",
                "en": "The autumn issue of the residents' magazine reaches every home",
            },
            "slug": {
                "fi": "syksyn-helsinki-info",
                "sv": "hostens-helsingforstidningen",
                "en": "autumn-residents-magazine",
            },
            "intro": {
                "fi": "Asukaslehti Helsinki-info kertoo syksyn numerossaan kaupungin palveluista ja päätöksistä.",
                "sv": "Helsingforstidningen berättar i höstnumret om stadens service och beslut.",
                "en": "The autumn issue of the residents' magazine tells about the City's services and decisions.",
            },
            "body": body(
                {
                    "fi": "<p>Viestintäyksikön toimittama lehti ilmestyy neljä kertaa vuodessa. Lehti on luettavissa "
                    "myös Hel.fi-verkkosivuilla.</p>",
                    "sv": "<p>Tidningen ges ut av enheten för kommunikation och kommer ut fyra gånger om året. Den "
                    "finns också på Hel.fi-nätsidorna.</p>",
                    "en": "<p>The magazine, edited by the Communications unit, comes out four times a year. It can "
                    "also be read on the Hel.fi website.</p>",
                }
            ),
            "published": datetime.datetime(2025, 9, 2, 9, 0, tzinfo=HELSINKI_TIME),
            "source": ["viestintaosasto", "viestinta"],
            "contacts": ["Liisa Kivelä"],
        },
        {
            "title": {
                "fi": "Stadiluotsit kutsuvat asukkaat ideoimaan alueensa budjettia",
                "sv": "Stadslotsarna bjuder in invånarna att föreslå hur budgeten ska användas i deras område",
                "en": "District coordinators invite residents to propose how their area's budget is spent",
            },
            "slug": {
                "fi": "stadiluotsit-osallistuva-budjetointi",
                "sv": "stadslotsarna-deltagande-budgetering",
                "en": "district-coordinators-participatory-budgeting",
            },
            "intro": {
                "fi": "Osallistuvan budjetoinnin ideointi alkaa. Stadiluotsit auttavat ehdotusten tekemisessä.",
                "sv": "Idéinsamlingen för deltagande budgetering börjar. Stadslotsarna hjälper till med förslagen.",
                "en": "Idea collection for participatory budgeting begins. District coordinators help with proposals.",
            },
            "body": body(
                {
                    "fi": "<p>Alueosallisuustiimin stadiluotsit vauhdittavat kaupunkilaisten aloitteita ja "
                    "toimivat sillanrakentajina kaupunkilaisten ja kaupungin välillä.</p>",
                    "sv": "<p>Stadslotsarna i teamet för områdesdelaktighet stöder invånarnas initiativ och bygger "
                    "broar mellan invånarna och staden.</p>",
                    "en": "<p>The district coordinators of the Area Participation team support residents' initiatives "
                    "and build bridges between residents and the City.</p>",
                }
            ),
            "published": datetime.datetime(2025, 10, 6, 10, 0, tzinfo=HELSINKI_TIME),
            "source": ["viestintaosasto", "osallisuus-ja-neuvonta"],
            "contacts": ["Liisa Kivelä"],
        },
        {
            "title": {
                "fi": "Helsinki hakee kahta kansainvälistä suurtapahtumaa",
                "sv": "Helsingfors ansöker om två stora internationella evenemang",
                "en": "Helsinki bids for two major international events",
            },
            "slug": {
                "fi": "helsinki-hakee-suurtapahtumia",
                "sv": "helsingfors-ansoker-om-stora-evenemang",
                "en": "helsinki-bids-for-major-events",
            },
            "intro": {
                "fi": "Markkinointiyksikkö valmistelee kaupungin hakemuksia kahteen kansainväliseen tapahtumaan.",
                "sv": "Marknadsföringsenheten förbereder stadens ansökningar om två internationella evenemang.",
                "en": "The Marketing unit is preparing the City's bids for two international events.",
            },
            "body": body(
                {
                    "fi": "<p>Suurtapahtumien hakeminen kuuluu kaupungin markkinointi- ja brändistrategiaan.</p>",
                    "sv": "<p>Att ansöka om stora evenemang hör till stadens marknadsförings- och brandstrategi.</p>",
                    "en": "<p>Bidding for major events is part of the City's marketing and brand strategy.</p>",
                }
            ),
            "published": datetime.datetime(2025, 11, 12, 9, 30, tzinfo=HELSINKI_TIME),
            "source": ["viestintaosasto", "markkinointi"],
            "contacts": ["Liisa Kivelä"],
        },
        {
            "title": {
                "fi": "Virka Galleriassa avautuu uusi näyttely",
                "sv": "En ny utställning öppnar i Virka Galleria",
                "en": "A new exhibition opens at Virka Galleria",
            },
            "slug": {
                "fi": "virka-gallerian-uusi-nayttely",
                "sv": "ny-utstallning-i-virka-galleria",
                "en": "new-exhibition-at-virka-galleria",
            },
            "intro": {
                "fi": "Kaupungintalon Virka Galleria esittelee uuden näyttelyn. Sisäänpääsy on maksuton.",
                "sv": "Virka Galleria i stadshuset visar en ny utställning. Inträdet är fritt.",
                "en": "Virka Galleria in the City Hall shows a new exhibition. Admission is free.",
            },
            "body": body(
                {
                    "fi": "<p>Virka Galleria järjestää vaihtuvia näyttelyitä, tapahtumia, konsertteja ja "
                    "elokuvaesityksiä. Virka Info neuvoo numerossa 09 310 11 111.</p>",
                    "sv": "<p>Virka Galleria ordnar växlande utställningar, evenemang, konserter och filmvisningar. "
                    "Virka Info svarar på frågor på numret 09 310 11 111.</p>",
                    "en": "<p>Virka Galleria hosts changing exhibitions, events, concerts and film screenings. "
                    "Virka Info answers questions on 09 310 11 111.</p>",
                }
            ),
            "published": datetime.datetime(2025, 12, 1, 12, 0, tzinfo=HELSINKI_TIME),
            "source": ["tietotekniikka-ja-viestintaosasto", "vuorovaikutus-ja-osallisuus"],
            "contacts": ["Markku Raitio"],
        },
    ],
}

GOTEBORG = {
    "newsroom": {
        "title": {"sv": NEWSROOM_TITLE["sv"], "en": NEWSROOM_TITLE["en"]},
        "slug": {"sv": NEWSROOM_SLUG["sv"], "en": NEWSROOM_SLUG["en"]},
        "intro": {
            "sv": "Göteborgs Stads pressmeddelanden från område kommunikation.",
            "en": "Press releases of the City of Gothenburg from the Communications Area.",
        },
    },
    "releases": [
        {
            "title": {
                "sv": "Ungdomsfullmäktige samlas till höstens första möte",
                "en": "The Youth Council meets for its first session of the autumn",
            },
            "slug": {"sv": "ungdomsfullmaktige-hostmote", "en": "youth-council-autumn-session"},
            "intro": {
                "sv": "Ungdomar mellan 12-17 år från alla stadsdelar diskuterar frågor som rör unga i Göteborg.",
                "en": "Young people aged 12-17 from every district discuss issues that matter to the young.",
            },
            "body": body(
                {
                    "sv": "<p>Genom ungdomsfullmäktige har ungdomarna möjlighet att påverka kommunens nämnder, "
                    "styrelser, bolag och förvaltningar.</p>",
                    "en": "<p>Through the Youth Council young people can influence the City's committees, boards, "
                    "companies and administrations.</p>",
                }
            ),
            "published": datetime.datetime(2025, 9, 15, 10, 0, tzinfo=SWEDISH_TIME),
            "source": ["omrade-kommunikation", "kommunikation"],
            "contacts": ["Helena Mehner"],
        },
        {
            "title": {
                "sv": "Studentforum diskuterar bostäder för studenter",
                "en": "Student Forum discusses housing for students",
            },
            "slug": {"sv": "studentforum-studentbostader", "en": "student-forum-student-housing"},
            "intro": {
                "sv": "Studenter möter politiker för att diskutera hur Göteborg kan bli en bättre studentstad.",
                "en": "Students meet politicians to discuss how Gothenburg can become a better student city.",
            },
            "body": body(
                {
                    "sv": "<p>I Studentforum finns även representanter från högskolor och näringslivet.</p>",
                    "en": "<p>Universities and businesses are represented in the Student Forum too.</p>",
                }
            ),
            "published": datetime.datetime(2025, 10, 20, 9, 0, tzinfo=SWEDISH_TIME),
            "source": ["omrade-kommunikation", "kommunikation"],
            "contacts": ["Helena Mehner"],
        },
        {
            "title": {
                "sv": "Göteborg och Oslo fördjupar sitt samarbete",
                "en": "Gothenburg and Oslo deepen their cooperation",
            },
            "slug": {"sv": "goteborg-oslo-samarbete", "en": "gothenburg-oslo-cooperation"},
            "intro": {
                "sv": "Internationella avdelningen samlar städerna kring gemensamma frågor i samarbetet.",
                "en": "The International Department brings the two cities together on shared questions.",
            },
            "body": body(
                {
                    "sv": "<p>Samarbeten med partnerstäder och internationella organisationer är viktiga "
                    "plattformar för att Göteborgs Stad ska dra nytta av internationellt samarbete.</p>",
                    "en": "<p>Cooperation with partner cities and international organisations helps the City of "
                    "Gothenburg benefit from international work.</p>",
                }
            ),
            "published": datetime.datetime(2025, 11, 25, 13, 0, tzinfo=SWEDISH_TIME),
            "source": ["omrade-kommunikation", "internationell-avdelning"],
            "contacts": ["Gunilla Bökmark"],
        },
    ],
}

STOCKHOLM = {
    "newsroom": {
        "title": {"sv": NEWSROOM_TITLE["sv"], "en": NEWSROOM_TITLE["en"]},
        "slug": {"sv": NEWSROOM_SLUG["sv"], "en": NEWSROOM_SLUG["en"]},
        "intro": {
            "sv": "Stockholms stads pressmeddelanden om stadens kommunikation.",
            "en": "Press releases of the City of Stockholm on the City's communications.",
        },
    },
    "releases": [
        {
            "title": {
                "sv": "Arbetet med ett nytt kommunikationsprogram börjar",
                "en": "Work on a new communications programme begins",
            },
            "slug": {"sv": "nytt-kommunikationsprogram", "en": "new-communications-programme"},
            "intro": {
                "sv": "Kommunikationsprogrammet för 2017–2022 ska ersättas av ett nytt program.",
                "en": "The communications programme for 2017–2022 is to be followed by a new one.",
            },
            "body": body(
                {
                    "sv": "<p>Programmet gäller alla Stockholms stads nämnder och bolagsstyrelser. Kommunikationen "
                    "ska även framöver vara aktiv, tillgänglig och trovärdig.</p>",
                    "en": "<p>The programme applies to all the City's committees and company boards. Communication "
                    "will remain active, accessible and credible.</p>",
                }
            ),
            "published": datetime.datetime(2025, 9, 8, 9, 0, tzinfo=SWEDISH_TIME),
            "source": ["kommunikation"],
            "contacts": [],
        },
        {
            "title": {
                "sv": "Stadens digitala kanaler får ett gemensamt utseende",
                "en": "The City's digital channels get a common look",
            },
            "slug": {"sv": "digitala-kanaler-gemensamt-utseende", "en": "digital-channels-common-look"},
            "intro": {
                "sv": "Stadsledningskontoret samordnar utvecklingen av stadens digitala kanaler.",
                "en": "The City Executive Office coordinates the development of the City's digital channels.",
            },
            "body": body(
                {
                    "sv": "<p>Stadens grafiska profil ger en enhetlig och relevant bild av Stockholms stad.</p>",
                    "en": "<p>The City's graphic profile gives a consistent and relevant picture of the City.</p>",
                }
            ),
            "published": datetime.datetime(2025, 10, 14, 10, 0, tzinfo=SWEDISH_TIME),
            "source": ["kommunikation", "stadsledningskontoret"],
            "contacts": [],
        },
        {
            "title": {
                "sv": "Uppdaterad handledning för sociala medier",
                "en": "Updated guidelines for social media",
            },
            "slug": {"sv": "handledning-sociala-medier", "en": "social-media-guidelines"},
            "intro": {
                "sv": "Handledningen ger praktiska råd om att starta, bemanna och avsluta ett konto i sociala medier.",
                "en": "The guidelines give practical advice on starting, staffing and closing social media accounts.",
            },
            "body": body(
                {
                    "sv": "<p>Genom sociala medier förmedlar staden information om sådant stockholmare och "
                    "besökare har nytta av i vardagen.</p>",
                    "en": "<p>On social media the City shares information that residents and visitors find "
                    "useful.</p>",
                }
            ),
            "published": datetime.datetime(2025, 11, 18, 9, 0, tzinfo=SWEDISH_TIME),
            "source": ["kommunikation"],
            "contacts": [],
        },
    ],
}

NEWSROOMS = {"Helsinki": HELSINKI, "Göteborg": GOTEBORG, "Stockholm": STOCKHOLM}
