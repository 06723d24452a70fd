"""The demo content: three cities' communications departments, as plain data.

Copied from the seed pages the product is modelled on (Helsinki in Finnish
and Swedish, Göteborg and Stockholm in Swedish). Every department, unit,
team, person, title, phone number, address, link and document they mention
is here, spelled as they spell it. Where a seed page is thin (no English, no
phone number for a named person, a link without its address) the text below
adds something plausible in the same voice.

Shapes, read by demo.loader:

- Translated text is a dict {language: text}. A language left out is not
  written for that page; readers get the site's fallback language. Slugs
  left out are filled in from the site's default language by the loader.
- A page body is a dict {language: [(block type, value), ...]} with the
  block types of departments.blocks.OrganisationBodyBlock. Blocks that point
  at other objects name them instead of giving ids: ("contact", "Liisa
  Kivelä"), ("service_point", "Virka Info"), and a documents block lists
  document titles.
- "units" of a department and "teams" of a unit are pages below it, in order.
"""

# Link addresses the seed pages don't give are plausible pages on the city's own site.
HEL_MORE_COMMUNICATIONS = "https://www.hel.fi/fi/paatoksenteko-ja-hallinto/kaupungin-organisaatio/viestinta"
HEL_MEDIA_FI = "https://www.hel.fi/fi/uutiset/medialle"
HEL_MEDIA_SV = "https://www.hel.fi/sv/nyheter/for-medierna"
HEL_MEDIA_EN = "https://www.hel.fi/en/news/for-the-media"
HEL_PARTICIPATION_FI = "https://www.hel.fi/fi/paatoksenteko-ja-hallinto/osallistu-ja-vaikuta"
HEL_PARTICIPATION_SV = "https://www.hel.fi/sv/beslutsfattande-och-forvaltning/delta-och-paverka"
HEL_PARTICIPATION_EN = "https://www.hel.fi/en/decision-making/participate-and-influence"

# The lists of responsibilities are quoted from the seed pages, final full stops included.
HEL_COMMUNICATIONS_LEAD_IN = "Viestintäyksikön toimialaan kuuluvat"
HEL_COMMUNICATIONS_ITEMS = [
    "kaupunkia koskeva kotimainen ja kansainvälinen yleisviestintä",
    "kaupungin keskushallinnon, talous- ja elinkeinoasioiden ja henkilöstöasioiden viestintä",
    "kaupungin keskitetty ulkoinen verkkoviestintä",
    "kaupungin hallintokuntien viestinnän ohjeistus ja koordinointi.",
]
HEL_PARTICIPATION_LEAD_IN = "Osallisuus ja neuvonta -yksikön toimialaan kuuluvat"

HELSINKI = {
    "name": "Helsinki",
    "country": "FI",
    "languages": ["fi", "sv", "en"],
    "default_language": "fi",
    "sites": [
        {"hostname": "localhost", "port": 80, "is_default_site": True},
        {"hostname": "helsinki.localhost", "port": 80, "is_default_site": False},
    ],
    "home": {
        "title": {"fi": "Helsingin kaupunki", "sv": "Helsingfors stad", "en": "City of Helsinki"},
        "slug": {"fi": "helsinki", "sv": "helsingfors", "en": "helsinki"},
        "intro": {
            "fi": "Kaupunginkanslian osastot kertovat tällä sivustolla, mistä ne vastaavat ja miten ne tavoittaa.",
            "sv": "Stadskansliets avdelningar berättar här vad de ansvarar för och hur man når dem.",
            "en": "The departments of the City Executive Office tell here what they do and how to reach them.",
        },
        "body": {
            "fi": (
                "<p>Kaupungin viestinnästä vastaa kaupunginkanslian viestintäosasto. "
                "Toimittajat löytävät median yhteyshenkilöt kunkin osaston sivulta.</p>"
            ),
            "sv": (
                "<p>Stadens kommunikation sköts av stadskansliets kommunikationsavdelning. "
                "Journalister hittar kontaktpersonerna för medierna på varje avdelnings sida.</p>"
            ),
            "en": (
                "<p>The City's communications are run by the Communications Department of the City Executive "
                "Office. Journalists will find the media contacts on each department's page.</p>"
            ),
        },
    },
    "people": [
        {
            "first_name": "Liisa",
            "last_name": "Kivelä",
            "job_title": {
                "fi": "viestintäjohtaja",
                "sv": "kommunikationsdirektör",
                "en": "Director of Communications",
            },
            "phone": "09 310 36 211",
            "email": "liisa.kivela@hel.fi",
            "photo": True,
            "is_media_contact": True,
            "media_topics": {
                "fi": "kaupungin viestintä, kaupunginkanslia, markkinointi",
                "sv": "stadens kommunikation, stadskansliet, marknadsföring",
                "en": "City communications, City Executive Office, marketing",
            },
        },
        {
            "first_name": "Markku",
            "last_name": "Raitio",
            "job_title": {"fi": "tietotekniikka- ja viestintäjohtaja va."},
            "phone": "09 310 73 580",
            "email": "markku.raitio@hel.fi",
            "is_media_contact": False,
            "media_topics": {},
        },
    ],
    "service_points": [
        {
            "name": {"fi": "Virka Info", "sv": "Virka Info", "en": "Virka Info"},
            "description": {
                "fi": (
                    "Virka Infon palvelupiste sijaitsee Helsingin kaupungintalon ala-aulassa ja sen asiantuntijat "
                    "neuvovat kaupunkilaisia henkilökohtaisesti, verkkosivuilla, sähköpostitse sekä puhelimitse "
                    "numerossa 09 310 11 111."
                ),
                "sv": (
                    "Virka Infos servicepunkt finns i Helsingfors stadshus nedre vestibul. Experterna ger "
                    "invånarna råd personligen, på webben, per e-post och per telefon på numret 09 310 11 111."
                ),
                "en": (
                    "The Virka Info service point is in the lower lobby of Helsinki City Hall. Its experts advise "
                    "residents in person, online, by email and by phone on 09 310 11 111."
                ),
            },
            "phone": "09 310 11 111",
            "email": "",
            "street_address": {
                "fi": "Pohjoisesplanadi 11–13",
                "sv": "Norra esplanaden 11–13",
                "en": "Pohjoisesplanadi 11–13",
            },
            "postal_code": "00170",
            "locality": {"fi": "Helsinki", "sv": "Helsingfors", "en": "Helsinki"},
            "opening_hours": {
                "fi": "ma–pe 9–16\nla–su suljettu",
                "sv": "mån–fre 9–16\nlör–sön stängt",
                "en": "Mon–Fri 9 am–4 pm\nSat–Sun closed",
            },
        },
    ],
    "departments": [
        {
            "title": {"fi": "Viestintäosasto", "sv": "Kommunikationsavdelningen", "en": "Communications Department"},
            "slug": {"fi": "viestintaosasto", "sv": "kommunikationsavdelningen", "en": "communications-department"},
            # "Osastoa johtaa viestintäjohtaja Liisa Kivelä." is shown from `head` by the page template.
            "head": "Liisa Kivelä",
            "intro": {
                "fi": (
                    "Viestintä, osallisuus ja neuvonta, vieraanvaraisuus sekä markkinointi muodostavat yhdessä "
                    "viestintäosaston."
                ),
                "sv": (
                    "Kommunikationsavdelningen sköter Helsingfors centraliserade kommunikation och koordinationen "
                    "av hela stadens kommunikation, marknadsföring, allmän- och invandrarrådgivning samt "
                    "delaktighet och växelverkan."
                ),
                "en": (
                    "Communications, participation and advice, hospitality and marketing together make up the "
                    "Communications Department."
                ),
            },
            "body": {
                "fi": [
                    (
                        "paragraph",
                        "<p>Osasto huolehtii Kanslian viestinnästä ja kaupungin viestintätoimintojen "
                        "koordinoinnista. Osasto huolehtii myös kaupungin yleis- ja maahanmuuttoneuvonnasta sekä "
                        "kaupungin vuorovaikutuksen ja osallisuuden kehittämisestä ja niiden koordinoinnista.</p>",
                    ),
                    ("paragraph", "<p>Vieraanvaraisuus ja markkinointi ovat myös osa uuden osaston toimintaa.</p>"),
                ],
                "sv": [
                    (
                        "paragraph",
                        "<p>Avdelningen består av enheterna Kommunikation, Marknadsföring samt Delaktighet och "
                        "rådgivning. Teamet PR och Protokoll sköter stadens representation och gästfrihet.</p>",
                    ),
                ],
                "en": [
                    (
                        "paragraph",
                        "<p>The department is responsible for the communications of the City Executive Office and "
                        "for coordinating the City's communications. It also provides the City's general and "
                        "immigration advice and develops and coordinates interaction and participation across the "
                        "City.</p>",
                    ),
                    ("paragraph", "<p>Hospitality and marketing are also part of the new department's work.</p>"),
                ],
            },
            "contacts": [],
            "units": [
                {
                    "title": {"fi": "Viestintä", "sv": "Kommunikation", "en": "Communications"},
                    "slug": {"fi": "viestinta", "sv": "kommunikation", "en": "communications"},
                    "intro": {
                        "fi": "Viestintäyksikkö kertoo kaupungin päätöksistä, palveluista ja toiminnasta.",
                        "sv": (
                            "Kommunikationsenheten består av enheterna för extern kommunikation, intern "
                            "kommunikation och innehållsproduktion."
                        ),
                        "en": "The Communications unit tells residents and the media about the City's decisions, "
                        "services and activities.",
                    },
                    "body": {
                        "fi": [
                            (
                                "responsibilities",
                                {"intro": HEL_COMMUNICATIONS_LEAD_IN, "items": HEL_COMMUNICATIONS_ITEMS},
                            ),
                            (
                                "paragraph",
                                "<p>Viestintäyksikkö tiedottaa kaupunginvaltuuston, kaupunginhallituksen ja "
                                "kaupunginkanslian toiminnasta ja päätöksistä ja kertoo kaupungin asukkaille kaupungin "
                                "palveluista ja muusta toiminnasta. Yksikkö palvelee kotimaisia ja ulkomaisia "
                                "toimittajia. Yksikkö toimittaa kaupungin Hel.fi-verkkosivuja ja neljä kertaa "
                                "vuodessa ilmestyvää asukaslehteä, Helsinki-infoa.</p>",
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {"text": "Lisää viestinnästä »", "url": HEL_MORE_COMMUNICATIONS},
                                        {"text": "Yhteystiedot medialle »", "url": HEL_MEDIA_FI},
                                    ],
                                },
                            ),
                        ],
                        "sv": [
                            (
                                "paragraph",
                                "<p>Enheterna informerar om stadens beslut och service, betjänar medierna och "
                                "sköter stadens gemensamma kanaler.</p>",
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [{"text": "Kontaktuppgifter för medierna", "url": HEL_MEDIA_SV}],
                                },
                            ),
                        ],
                        "en": [
                            (
                                "responsibilities",
                                {
                                    "intro": "The Communications unit is responsible for",
                                    "items": [
                                        "general domestic and international communications about the City",
                                        "communications on the City's central administration, finance and business "
                                        "affairs and personnel matters",
                                        "the City's centralised external online communications",
                                        "guidelines for and coordination of the communications of the City's "
                                        "divisions.",
                                    ],
                                },
                            ),
                            (
                                "paragraph",
                                "<p>The unit reports on the activities and decisions of the City Council, the City "
                                "Board and the City Executive Office and tells residents about the City's services "
                                "and other activities. It serves Finnish and international journalists. The unit "
                                "edits the City's Hel.fi website and Helsinki-info, the residents' magazine "
                                "published four times a year.</p>",
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {"text": "More about communications »", "url": HEL_MORE_COMMUNICATIONS},
                                        {"text": "Contact information for the media »", "url": HEL_MEDIA_EN},
                                    ],
                                },
                            ),
                        ],
                    },
                    "contacts": [
                        {
                            "person": "Liisa Kivelä",
                            "role": {"fi": "Mediatiedustelut", "sv": "Mediefrågor", "en": "Media enquiries"},
                        },
                    ],
                    "teams": [
                        {
                            "title": {
                                "fi": "Ulkoinen viestintä",
                                "sv": "Extern kommunikation",
                                "en": "External communications",
                            },
                            "slug": {
                                "fi": "ulkoinen-viestinta",
                                "sv": "extern-kommunikation",
                                "en": "external-communications",
                            },
                            "intro": {
                                "fi": (
                                    "Ulkoinen viestintä tiedottaa kaupunginvaltuuston ja kaupunginhallituksen "
                                    "päätöksistä. Se palvelee kotimaisia ja kansainvälisiä tiedotusvälineitä ja tukee "
                                    "kaupunginkanslian osastojen ulkoista viestintää."
                                ),
                                "sv": (
                                    "Enheten för extern kommunikation informerar om stadsfullmäktiges och "
                                    "stadsstyrelsens beslut. Till dess verksamhet hör även service till inhemska och "
                                    "internationella medier och stöd till den externa kommunikationen på "
                                    "stadskansliets olika avdelningar."
                                ),
                                "en": (
                                    "External communications reports on the decisions of the City Council and the "
                                    "City Board. It also serves Finnish and international media and supports the "
                                    "external communications of the City Executive Office's departments."
                                ),
                            },
                        },
                        {
                            "title": {
                                "fi": "Sisäinen viestintä",
                                "sv": "Intern kommunikation",
                                "en": "Internal communications",
                            },
                            "slug": {
                                "fi": "sisainen-viestinta",
                                "sv": "intern-kommunikation",
                                "en": "internal-communications",
                            },
                            "intro": {
                                "fi": (
                                    "Sisäinen viestintä vastaa kaupungin henkilöstöasioiden viestinnästä, "
                                    "työnantajamaineesta, muutosviestinnästä ja sisäisten viestintäkanavien "
                                    "kehittämisestä sekä sisällöntuotannosta ja viestintäkoulutuksesta."
                                ),
                                "sv": (
                                    "Enheten för intern kommunikation ansvarar för kommunikation gällande stadens "
                                    "personalärenden, arbetsgivarrykte, kommunikation om förändringar, utveckling av "
                                    "interna kommunikationskanaler samt innehållsproduktion och "
                                    "kommunikationsutbildning."
                                ),
                                "en": (
                                    "Internal communications is responsible for communications on the City's personnel "
                                    "matters, its reputation as an employer and change, for developing internal "
                                    "channels, and for content production and communications training."
                                ),
                            },
                        },
                        {
                            "title": {
                                "fi": "Sisällöntuotanto",
                                "sv": "Innehållsproduktion",
                                "en": "Content production",
                            },
                            "slug": {
                                "fi": "sisallontuotanto",
                                "sv": "innehallsproduktion",
                                "en": "content-production",
                            },
                            "intro": {
                                "fi": (
                                    "Sisällöntuotanto vastaa kaupungin keskitetyistä ulkoisista digitaalisista "
                                    "kanavista: Hel.fi-verkkosivuista, Helsinki-lehdestä, Helsinki-kanavan "
                                    "videoista, monikielisestä InfoFinland-verkkosivustosta ja kaupungin "
                                    "sosiaalisen median kanavista."
                                ),
                                "sv": (
                                    "Enheten för innehållsproduktion står för stadens centraliserade externa digitala "
                                    "kommunikationskanaler, Hel.fi-nätsidorna, Helsingforstidningen, som kommer ut "
                                    "fyra gånger om året, produktionen av videotjänsten Helsingforskanalen, "
                                    "underhållet av den flerspråkiga nätsidan InfoFinland samt för Helsingfors stads "
                                    "centraliserade kanaler på de sociala medierna."
                                ),
                                "en": (
                                    "Content production runs the City's central external digital channels: the "
                                    "Hel.fi website, the Helsinki magazine published four times a year, the "
                                    "Helsinki Channel video service, the multilingual InfoFinland website and the "
                                    "City's social media channels."
                                ),
                            },
                        },
                    ],
                },
                {
                    "title": {"fi": "Markkinointi", "sv": "Marknadsföring", "en": "Marketing"},
                    "slug": {"fi": "markkinointi", "sv": "marknadsforing", "en": "marketing"},
                    "intro": {
                        "fi": (
                            "Markkinointiyksikkö johtaa kaupungin markkinointi- ja brändistrategiaa ja ohjaa "
                            "kaupungin visuaalista ilmettä."
                        ),
                        "sv": (
                            "Till marknadsföringsenhetens verksamhet hör ledning av stadens marknadsföring- och "
                            "brandstrategi, styrning av stadens visuella identitet, utveckling av stadens "
                            "evenemangverksamhet och ansökning av stora evenemang, och prioriterade "
                            "markandsföring och brandprojekten."
                        ),
                        "en": (
                            "The Marketing unit leads the City's marketing and brand strategy and steers the City's "
                            "visual identity."
                        ),
                    },
                    "body": {
                        "fi": [
                            (
                                "paragraph",
                                "<p>Yksikkö kehittää kaupungin tapahtumatoimintaa, hakee Helsinkiin suuria "
                                "tapahtumia ja vastaa kaupungin tärkeimmistä markkinointi- ja brändihankkeista.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>Vieraanvaraisuus ja markkinointi ovat myös osa uuden osaston toimintaa.</p>",
                            ),
                        ],
                        "sv": [
                            (
                                "paragraph",
                                "<p>Gästfrihet och marknadsföring är också en del av den nya avdelningens "
                                "verksamhet.</p>",
                            ),
                        ],
                        "en": [
                            (
                                "paragraph",
                                "<p>The unit develops the City's events, bids for major events and runs the City's "
                                "priority marketing and brand projects.</p>",
                            ),
                            (
                                "paragraph",
                                "<p>Hospitality and marketing are also part of the new department's work.</p>",
                            ),
                        ],
                    },
                    "contacts": [],
                    "teams": [
                        {
                            "title": {"fi": "PR ja protokolla", "sv": "PR och Protokoll", "en": "PR and Protocol"},
                            "slug": {"fi": "pr-ja-protokolla", "sv": "pr-och-protokoll", "en": "pr-and-protocol"},
                            "intro": {
                                "fi": (
                                    "Tiimi koordinoi edustustilaisuuksien ja erilaisten tapahtumien järjestämistä ja "
                                    "neuvoo kaupungin vieraanvaraisuuteen, edustamiseen ja protokollaan liittyvissä "
                                    "kysymyksissä. Tiimissä koordinoidaan myös kansainväliset asiantuntijavierailut."
                                ),
                                "sv": (
                                    "Teamet samordnar organiseringen av representationstillställningar och olika "
                                    "slags evenemang och ger råd i frågor som gäller stadens gästfrihet, "
                                    "representation och protokoll. I teamet samordnas dessutom internationella "
                                    "expertbesök."
                                ),
                                "en": (
                                    "The team coordinates official receptions and events of all kinds and advises on "
                                    "the City's hospitality, representation and protocol. It also coordinates "
                                    "international expert visits."
                                ),
                            },
                        },
                    ],
                },
                {
                    "title": {
                        "fi": "Osallisuus ja neuvonta",
                        "sv": "Delaktighet och rådgivning",
                        "en": "Participation and Advice",
                    },
                    "slug": {
                        "fi": "osallisuus-ja-neuvonta",
                        "sv": "delaktighet-och-radgivning",
                        "en": "participation-and-advice",
                    },
                    "intro": {
                        "fi": (
                            "Yksikkö kehittää helsinkiläisten osallistumis- ja vaikutusmahdollisuuksia ja neuvoo "
                            "kaupunkilaisia kaupungin palveluissa ja maahanmuutossa."
                        ),
                        "sv": (
                            "Till verksamheten i enheten delaktighet och rådgivning hör utvecklingen av modeller för "
                            "växelverkan och elektroniska delaktighetstjänster och lokal delaktighet samt deras "
                            "koordination på stadsnivå, stadens allmänna rådgivning och specialrådgivning gällande "
                            "invandringsärenden samt medlingsverksamhet."
                        ),
                        "en": (
                            "The unit develops the ways Helsinki residents can take part and have their say, and "
                            "advises them on City services and immigration."
                        ),
                    },
                    "body": {
                        "fi": [
                            ("heading", {"text": "Vuorovaikutus ja osallisuus", "level": "h2"}),
                            (
                                "responsibilities",
                                {
                                    "intro": HEL_PARTICIPATION_LEAD_IN,
                                    "items": [
                                        "vuorovaikutuksen ja sähköisten osallistumispalvelujen sekä alueellisen "
                                        "osallistumisen mallien kehittäminen ja kaupunkitasoinen koordinointi",
                                        "alueosallisuus",
                                        "kaupungin neuvonta ja maahanmuuttoneuvonta",
                                        "sovittelutoiminta",
                                        "sukupuolten tasa-arvon ja yhdenvertaisuuden kaupunkitasoinen kehittäminen ja "
                                        "koordinointi",
                                    ],
                                },
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {"text": "Lisää osallisuudesta ja neuvonnasta", "url": HEL_PARTICIPATION_FI}
                                    ],
                                },
                            ),
                        ],
                        "sv": [
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {"text": "Mer om delaktighet och rådgivning", "url": HEL_PARTICIPATION_SV}
                                    ],
                                },
                            ),
                        ],
                        "en": [
                            (
                                "responsibilities",
                                {
                                    "intro": "The Participation and Advice unit is responsible for",
                                    "items": [
                                        "developing and coordinating across the City the models of interaction, "
                                        "e-participation services and local participation",
                                        "participation in the districts",
                                        "the City's advice and immigration advice",
                                        "mediation",
                                        "developing and coordinating gender equality and non-discrimination across "
                                        "the City",
                                    ],
                                },
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {"text": "More about participation and advice", "url": HEL_PARTICIPATION_EN}
                                    ],
                                },
                            ),
                        ],
                    },
                    "contacts": [],
                    "teams": [
                        {
                            "title": {
                                "fi": "Vuorovaikutustiimi",
                                "sv": "Växelverkansteamet",
                                "en": "Interaction Team",
                            },
                            "slug": {"fi": "vuorovaikutustiimi", "sv": "vaxelverkansteamet", "en": "interaction-team"},
                            "intro": {
                                "fi": (
                                    "Vuorovaikutustiimi organisoi ja kehittää helsinkiläisten osallistumis- ja "
                                    "vaikutusmahdollisuuksia edistäviä palveluita."
                                ),
                                "sv": (
                                    "Växelverkansteamet organiserar och utvecklar tjänster som ger "
                                    "helsingforsarna möjlighet att delta och påverka."
                                ),
                                "en": (
                                    "The Interaction Team organises and develops services that help Helsinki "
                                    "residents take part and have their say."
                                ),
                            },
                        },
                        {
                            "title": {
                                "fi": "Alueosallisuustiimi",
                                "sv": "Teamet för lokal delaktighet",
                                "en": "Local Participation Team",
                            },
                            "slug": {
                                "fi": "alueosallisuustiimi",
                                "sv": "teamet-for-lokal-delaktighet",
                                "en": "local-participation-team",
                            },
                            # "Stadiluotsin toimivat" is as the seed page writes it.
                            "intro": {
                                "fi": (
                                    "Alueosallisuustiimi koostuu stadiluotseista, jotka vauhdittavat kaupunkilaisten "
                                    "aloitteita ja auttavat kaupunginosien verkostoja löytämään toisensa. Stadiluotsin "
                                    "toimivat sillanrakentajina kaupunkilaisten ja kaupunkiorganisaation välillä sekä "
                                    "vastaavat esimerkiksi osallistuvasta budjetoinnista alueilla."
                                ),
                                "sv": (
                                    "Teamet består av stadslotsar som sätter fart på invånarnas initiativ och hjälper "
                                    "stadsdelarnas nätverk att hitta varandra. Stadslotsarna bygger broar mellan "
                                    "invånarna och stadens organisation och ansvarar till exempel för den "
                                    "deltagande budgeteringen i områdena."
                                ),
                                "en": (
                                    "The team is made up of stadiluotsit, borough liaisons who speed up residents' "
                                    "initiatives and help district networks find each other. They build bridges "
                                    "between residents and the City organisation and are responsible, for example, "
                                    "for participatory budgeting in the districts."
                                ),
                            },
                        },
                        {
                            "title": {
                                "fi": "Neuvonta ja maahanmuuttoneuvonta",
                                "sv": "Rådgivning och invandrarrådgivning",
                                "en": "Advice and Immigration Advice",
                            },
                            "slug": {
                                "fi": "neuvonta-ja-maahanmuuttoneuvonta",
                                "sv": "radgivning-och-invandrarradgivning",
                                "en": "advice-and-immigration-advice",
                            },
                            "intro": {
                                "fi": (
                                    "Neuvonta ja maahanmuuttoneuvonta neuvovat kaupungin palveluihin ja "
                                    "maahanmuuttoon liittyvissä kysymyksissä puhelimen, chatin, sähköpostin ja "
                                    "Twitterin välityksellä sekä kasvotusten."
                                ),
                                "sv": (
                                    "Rådgivningen och invandrarrådgivningen svarar på frågor om stadens service och "
                                    "om invandring per telefon, chatt, e-post och Twitter samt ansikte mot ansikte."
                                ),
                                "en": (
                                    "Advice and immigration advice answer questions about City services and "
                                    "immigration by phone, chat, email and Twitter, and face to face."
                                ),
                            },
                        },
                    ],
                },
            ],
        },
        {
            # The earlier department (seed 002), written in Finnish only: Swedish and English readers get the
            # Finnish text. Its slug is used in every language so that each language has a URL.
            "title": {"fi": "Tietotekniikka- ja viestintäosasto"},
            "slug": {"fi": "tietotekniikka-ja-viestintaosasto"},
            # "Osaston johto: Osastoa johtaa tietotekniikka- ja viestintäjohtaja va. Markku Raitio." comes from `head`.
            "head": "Markku Raitio",
            "intro": {
                "fi": (
                    "Tietotekniikka- ja viestintäosasto huolehtii tieto- ja viestintäteknologioiden hyödyntämisen "
                    "ohjauksesta ja tietohallinnon yhteentoimivuuden kehittämisestä kaupunginhallinnossa sekä "
                    "keskushallinnon tietotekniikasta."
                ),
            },
            "body": {
                "fi": [
                    (
                        "paragraph",
                        "<p>Lisäksi osasto huolehtii keskushallinnon viestinnästä ja kaupungin viestintätoimintojen "
                        "koordinoinnista. Osasto huolehtii myös kaupungin yleis- ja maahanmuuttoneuvonnasta sekä "
                        "kaupungin vuorovaikutuksen ja osallisuuden kehittämisestä ja niiden koordinoinnista.</p>",
                    ),
                ],
            },
            "contacts": [],
            "units": [
                {
                    "title": {"fi": "Tietotekniikka"},
                    "slug": {"fi": "tietotekniikka"},
                    "intro": {
                        "fi": (
                            "Tietotekniikkayksikkö ohjaa kaupungin tietotekniikan kehittämistä ja vastaa yhteisestä "
                            "tietoteknisestä infrastruktuurista."
                        ),
                    },
                    "body": {
                        "fi": [
                            (
                                "responsibilities",
                                {
                                    "intro": "Tietotekniikkayksikön toimialaan kuuluvat",
                                    "items": [
                                        "kaupungin tietotekniikkatoiminnon kehittämisen ohjaus",
                                        "kaupungin tietotekniikkaohjelman valmistelu ja toimeenpanon johtaminen",
                                        "kokonaisarkkitehtuurin kehittämisen ohjaus",
                                        "kaupungin yhteisestä tietoteknisestä infrastruktuurista vastaaminen",
                                        "kaupungin strategisten tietojärjestelmien ja verkkopalvelujen kehittäminen.",
                                    ],
                                },
                            ),
                        ],
                    },
                    "contacts": [],
                    "teams": [],
                },
                {
                    "title": {"fi": "Viestintä"},
                    "slug": {"fi": "viestinta"},
                    "intro": {
                        "fi": "Viestintäyksikkö vastaa keskushallinnon viestinnästä ja kaupungin verkkoviestinnästä.",
                    },
                    "body": {
                        "fi": [
                            (
                                "responsibilities",
                                {"intro": HEL_COMMUNICATIONS_LEAD_IN, "items": HEL_COMMUNICATIONS_ITEMS},
                            ),
                            (
                                "paragraph",
                                "<p>Viestintäyksikkö tiedottaa kaupunginvaltuuston, kaupunginhallituksen ja "
                                "keskushallinnon toiminnasta ja päätöksistä ja kertoo kaupungin asukkaille kaupungin "
                                "palveluista ja muusta toiminnasta. Yksikkö palvelee kotimaisia ja ulkomaisia "
                                "toimittajia. Yksikkö toimittaa kaupungin Hel.fi -verkkosivuja ja kuusi kertaa "
                                "vuodessa ilmestyvää asukaslehteä, Helsinki-infoa.</p>",
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {"text": "Lisää viestinnästä »", "url": HEL_MORE_COMMUNICATIONS},
                                        {"text": "Yhteystiedot medialle »", "url": HEL_MEDIA_FI},
                                    ],
                                },
                            ),
                        ],
                    },
                    "contacts": [],
                    "teams": [],
                },
                {
                    "title": {"fi": "Vuorovaikutus ja osallisuus"},
                    "slug": {"fi": "vuorovaikutus-ja-osallisuus"},
                    "intro": {
                        "fi": (
                            "Yksikkö kehittää kaupungin vuorovaikutusta ja osallisuutta, neuvoo kaupunkilaisia ja "
                            "järjestää kaupungintalon näyttelyt."
                        ),
                    },
                    "body": {
                        "fi": [
                            (
                                "responsibilities",
                                {
                                    "intro": HEL_PARTICIPATION_LEAD_IN,
                                    "items": [
                                        "vuorovaikutuksen ja sähköisten osallistumispalvelujen sekä alueellisen "
                                        "osallistumisen mallien kehittäminen ja kaupunkitasoinen koordinointi",
                                        "kaupungin yleisneuvonta ja maahanmuuttoasioiden erityisneuvonta",
                                        "kaupungintalon näyttelytoiminta.",
                                    ],
                                },
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {"text": "Lisää osallisuudesta ja neuvonnasta", "url": HEL_PARTICIPATION_FI}
                                    ],
                                },
                            ),
                        ],
                    },
                    "contacts": [],
                    "teams": [
                        {
                            "title": {"fi": "Asukasyhteistyö"},
                            "slug": {"fi": "asukasyhteistyo"},
                            "intro": {
                                "fi": (
                                    "Asukasyhteistyö organisoi ja kehittää helsinkiläisten osallistumis- ja "
                                    "vaikutusmahdollisuuksia edistäviä palveluita."
                                ),
                            },
                        },
                        {
                            "title": {"fi": "Virka Galleria"},
                            "slug": {"fi": "virka-galleria"},
                            "intro": {
                                "fi": "Virka Galleria järjestää vaihtuvia näyttelyitä, tapahtumia, konsertteja ja "
                                "elokuvaesityksiä.",
                            },
                        },
                        {
                            "title": {"fi": "Virka Info"},
                            "slug": {"fi": "virka-info"},
                            "intro": {
                                "fi": (
                                    "Virka Infon palvelupiste sijaitsee Helsingin kaupungintalon ala-aulassa ja sen "
                                    "asiantuntijat neuvovat kaupunkilaisia henkilökohtaisesti, verkkosivuilla, "
                                    "sähköpostitse sekä puhelimitse numerossa 09 310 11 111."
                                ),
                            },
                            # The service point carries its own Swedish and English text.
                            "body": {
                                "fi": [("service_point", "Virka Info")],
                                "sv": [("service_point", "Virka Info")],
                                "en": [("service_point", "Virka Info")],
                            },
                        },
                        {
                            "title": {"fi": "Infopankki.fi"},
                            "slug": {"fi": "infopankki-fi"},
                            "intro": {
                                "fi": (
                                    "Infopankki.fi -verkkopalvelu tarjoaa tietoa niille, jotka ovat muuttaneet "
                                    "Suomeen tai harkitsevat sitä."
                                ),
                            },
                            "body": {
                                "fi": [
                                    (
                                        "paragraph",
                                        "<p>Palvelussa on perustietoa suomalaisesta yhteiskunnasta kuin myös "
                                        "esimerkiksi tarvittavista luvista 12 kielellä. Infopankki ylläpitää myös "
                                        "finnishcourses.fi -palvelua, josta löytyy tietoja suomen kielen kursseista "
                                        "Helsingin seudulla.</p>",
                                    ),
                                    (
                                        "links",
                                        {
                                            "heading": "",
                                            "links": [
                                                {"text": "Infopankki.fi", "url": "https://www.infopankki.fi/"},
                                                {"text": "finnishcourses.fi", "url": "https://www.finnishcourses.fi/"},
                                            ],
                                        },
                                    ),
                                ],
                            },
                        },
                    ],
                },
                {
                    "title": {"fi": "Kaupunginkanslian ICT-palvelut"},
                    "slug": {"fi": "kaupunginkanslian-ict-palvelut"},
                    "intro": {"fi": "Tietotekniikka- ja viestintäosasto huolehtii kaupunginkanslian ICT-palveluista."},
                    "contacts": [],
                    "teams": [],
                },
            ],
        },
    ],
}

GOTEBORG_YOUTH_COUNCIL = "https://goteborg.se/ungdomsfullmaktige"
GOTEBORG_STUDENT_FORUM = "https://goteborg.se/studentforum"
GOTEBORG_INTERNATIONAL = "https://goteborg.se/internationellt-samarbete"

GOTEBORG = {
    "name": "Göteborg",
    "country": "SE",
    "languages": ["sv", "en"],
    "default_language": "sv",
    "sites": [{"hostname": "goteborg.localhost", "port": 80, "is_default_site": False}],
    "home": {
        "title": {"sv": "Göteborgs Stad", "en": "City of Gothenburg"},
        "slug": {"sv": "goteborg", "en": "gothenburg"},
        "intro": {
            "sv": "Här berättar stadsledningskontoret om sina områden och avdelningar och hur du når dem.",
            "en": "Here the City Executive Office presents its areas and departments and how to reach them.",
        },
        "body": {
            "sv": (
                "<p>Stadsledningskontoret stödjer kommunstyrelsen i att leda och samordna Göteborgs Stad. "
                "Journalister hittar kontaktuppgifter på varje avdelnings sida.</p>"
            ),
            "en": (
                "<p>The City Executive Office supports the City Executive Board in leading and coordinating the "
                "City of Gothenburg. Journalists will find contact details on each department's page.</p>"
            ),
        },
    },
    "people": [
        {
            "first_name": "Helena",
            "last_name": "Mehner",
            "job_title": {"sv": "Kommunikationsdirektör", "en": "Director of Communications"},
            "phone": "031-368 06 03",
            "email": "helena.mehner@stadshuset.goteborg.se",
            "photo": True,
            "is_media_contact": True,
            "media_topics": {
                "sv": "Göteborgs Stads kommunikation, Vårt Göteborg",
                "en": "City of Gothenburg communications, Vårt Göteborg",
            },
        },
        {
            "first_name": "Gunilla",
            "last_name": "Bökmark",
            "job_title": {"sv": "Internationell chef", "en": "Head of International Affairs"},
            "phone": "031-365 00 00",
            "email": "gunilla.bokmark@stadshuset.goteborg.se",
            "is_media_contact": False,
            "media_topics": {},
        },
    ],
    "service_points": [],
    "departments": [
        {
            "title": {"sv": "Område kommunikation", "en": "Communications Area"},
            "slug": {"sv": "omrade-kommunikation", "en": "communications-area"},
            "head": "Helena Mehner",
            "intro": {
                "sv": (
                    "Område kommunikation stödjer kommunstyrelsens ledning och samordning av Göteborgs Stad genom att "
                    "kommunikativt stödja kommunstyrelsens ledningsprocesser och utveckla Göteborgs Stads gemensamma "
                    "kommunikation."
                ),
                "en": (
                    "The Communications Area supports the City Executive Board in leading and coordinating the City "
                    "of Gothenburg by supporting the Board's management processes with communications and by "
                    "developing the City's shared communications."
                ),
            },
            "body": {
                "sv": [
                    (
                        "paragraph",
                        "<p>Verksamhetsområde kommunikation ansvarar för Göteborgs Stads interna och externa "
                        "kommunikation inklusive nättidningen Vårt Göteborg. I område kommunikation ingår även att "
                        "stödja kommunstyrelsen i internationellt samarbete, digitalisering, demokratifrågor samt "
                        "ungdomsfullmäktige och studentforum.</p>",
                    ),
                    ("paragraph", "<p>I område kommunikation ingår följande avdelningar.</p>"),
                ],
                "en": [
                    (
                        "paragraph",
                        "<p>The Communications Area is responsible for the City of Gothenburg's internal and external "
                        "communications, including the online newspaper Vårt Göteborg. It also supports the City "
                        "Executive Board in international cooperation, digitalisation, democracy issues and the Youth "
                        "Council and Student Forum.</p>",
                    ),
                    ("paragraph", "<p>The Communications Area has the following departments.</p>"),
                ],
            },
            "contacts": [],
            "units": [
                {
                    "title": {"sv": "Kommunikation", "en": "Communications"},
                    "slug": {"sv": "kommunikation", "en": "communications"},
                    "head": "Helena Mehner",
                    "intro": {
                        "sv": (
                            "Kommunikationsavdelningen stödjer kommunstyrelsens ledning och samordning av Göteborgs "
                            "Stad genom att kommunikativt stödja kommunstyrelsens ledningsprocesser och utveckla "
                            "Göteborgs Stads gemensamma kommunikation, internt och externt."
                        ),
                        "en": (
                            "The Communications Department supports the City Executive Board in leading and "
                            "coordinating the City by supporting its management processes with communications and by "
                            "developing the City's shared communications, internal and external."
                        ),
                    },
                    "body": {
                        "sv": [("paragraph", "<p>I kommunikationsavdelningen ingår också följande funktioner.</p>")],
                        "en": [
                            (
                                "paragraph",
                                "<p>The Communications Department also includes the following functions.</p>",
                            )
                        ],
                    },
                    "contacts": [],
                    "teams": [
                        {
                            "title": {"sv": "Ungdomsfullmäktige", "en": "Youth Council"},
                            "slug": {"sv": "ungdomsfullmaktige", "en": "youth-council"},
                            "intro": {
                                "sv": (
                                    "I ungdomsfullmäktige träffas ungdomar mellan 12-17 år från alla stadsdelar och "
                                    "diskuterar olika frågor som rör unga i Göteborg. Genom ungdomsfullmäktige har "
                                    "ungdomarna möjlighet att påverka kommunens nämnder, styrelser, bolag och "
                                    "förvaltningar."
                                ),
                                "en": (
                                    "In the Youth Council, young people aged 12–17 from every district meet to discuss "
                                    "issues that concern young people in Gothenburg. Through the Youth Council they can "
                                    "influence the City's committees, boards, companies and administrations."
                                ),
                            },
                            "body": {
                                "sv": [
                                    (
                                        "links",
                                        {
                                            "heading": "",
                                            "links": [
                                                {"text": "Länk till ungdomsfullmäktige", "url": GOTEBORG_YOUTH_COUNCIL}
                                            ],
                                        },
                                    ),
                                ],
                                "en": [
                                    (
                                        "links",
                                        {
                                            "heading": "",
                                            "links": [
                                                {"text": "Go to the Youth Council", "url": GOTEBORG_YOUTH_COUNCIL}
                                            ],
                                        },
                                    ),
                                ],
                            },
                        },
                        {
                            "title": {"sv": "Studentforum", "en": "Student Forum"},
                            "slug": {"sv": "studentforum", "en": "student-forum"},
                            "intro": {
                                "sv": (
                                    "Studentforum är ett inflytandeforum där studenter möter politiker för att "
                                    "diskutera och förbättra Göteborg som studentstad. I Studentforum finns även "
                                    "representanter från högskolor och näringslivet."
                                ),
                                "en": (
                                    "The Student Forum is where students meet politicians to discuss and improve "
                                    "Gothenburg as a student city. Universities and businesses are also represented."
                                ),
                            },
                            "body": {
                                "sv": [
                                    (
                                        "links",
                                        {
                                            "heading": "",
                                            "links": [
                                                {"text": "Länk till studentforum", "url": GOTEBORG_STUDENT_FORUM}
                                            ],
                                        },
                                    ),
                                ],
                                "en": [
                                    (
                                        "links",
                                        {
                                            "heading": "",
                                            "links": [
                                                {"text": "Go to the Student Forum", "url": GOTEBORG_STUDENT_FORUM}
                                            ],
                                        },
                                    ),
                                ],
                            },
                        },
                    ],
                },
                {
                    "title": {"sv": "Internationell avdelning", "en": "International Department"},
                    "slug": {"sv": "internationell-avdelning", "en": "international-department"},
                    "head": "Gunilla Bökmark",
                    "intro": {
                        "sv": (
                            "Internationella avdelningen stödjer kommunstyrelsen genom att se till att Göteborgs Stad "
                            "drar nytta av de möjligheter och den påverkan som internationellt samarbete kan ge."
                        ),
                        "en": (
                            "The International Department supports the City Executive Board by making sure the City "
                            "of Gothenburg benefits from the opportunities and influence international cooperation "
                            "can bring."
                        ),
                    },
                    "body": {
                        "sv": [
                            (
                                "paragraph",
                                "<p>Viktiga plattformar är till exempel samarbeten med partnerstäder och "
                                "internationella organisationer, omvärlds- och intressebevakning gentemot EU "
                                "(lobbying), samarbete med Göteborgs Stads nordiska vänorter, Göteborg-Oslo-samarbetet "
                                "samt Den Skandinaviska Arenan.</p>",
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {
                                            "text": "Läs mer om Göteborgs Stads internationella samarbete",
                                            "url": GOTEBORG_INTERNATIONAL,
                                        },
                                    ],
                                },
                            ),
                        ],
                        "en": [
                            (
                                "paragraph",
                                "<p>Important platforms include cooperation with partner cities and international "
                                "organisations, monitoring and advocacy towards the EU (lobbying), cooperation with "
                                "the City's Nordic twin cities, the Gothenburg–Oslo cooperation and the "
                                "Scandinavian Arena.</p>",
                            ),
                            (
                                "links",
                                {
                                    "heading": "",
                                    "links": [
                                        {
                                            "text": "Read more about the City of Gothenburg's international cooperation",
                                            "url": GOTEBORG_INTERNATIONAL,
                                        },
                                    ],
                                },
                            ),
                        ],
                    },
                    "contacts": [],
                    "teams": [],
                },
            ],
        },
    ],
}

STOCKHOLM_PROGRAMME = "Kommunikationsprogram för Stockholms stad 2017–2022"
# Staff-only in the demo (demo.intranet): linked from the internal guidelines, not from public pages.
STOCKHOLM_BRAND_MANUAL = "Varumärkesmanual"
STOCKHOLM_SOCIAL_MEDIA_POLICY = "Policy och handledning för sociala medier"

STOCKHOLM = {
    "name": "Stockholm",
    "country": "SE",
    "languages": ["sv", "en"],
    "default_language": "sv",
    "sites": [{"hostname": "stockholm.localhost", "port": 80, "is_default_site": False}],
    "home": {
        "title": {"sv": "Stockholms stad", "en": "City of Stockholm"},
        "slug": {"sv": "stockholm", "en": "stockholm"},
        "intro": {
            "sv": "Här berättar Stockholms stad hur staden arbetar med kommunikation.",
            "en": "Here the City of Stockholm explains how the City works with communications.",
        },
        "body": {
            "sv": (
                "<p>Kommunikationen ska vara aktiv, tillgänglig och trovärdig. Här finns stadens styrande dokument "
                "för kommunikation, den grafiska profilen och policyn för sociala medier.</p>"
            ),
            "en": (
                "<p>Communications should be active, accessible and credible. Here you will find the City's "
                "governing documents for communications, its graphic profile and its social media policy.</p>"
            ),
        },
    },
    "people": [],
    "service_points": [],
    "departments": [
        {
            "title": {"sv": "Kommunikation", "en": "Communications"},
            "slug": {"sv": "kommunikation", "en": "communications"},
            "head": None,
            "intro": {
                "sv": (
                    "Kommunikation är en självklar och integrerad del i stadens verksamheter. All kommunikation ska "
                    "kännetecknas av att den är aktiv, tillgänglig och trovärdig."
                ),
                "en": (
                    "Communication is a natural and integral part of the City's work. All communication should be "
                    "active, accessible and credible."
                ),
            },
            "body": {
                "sv": [
                    (
                        "paragraph",
                        "<p>Varje dag har stadens medarbetare hundratusentals kontakter och möten. Där och då, i dessa "
                        "ögonblick, skapas upplevelser och föreställningar om staden och vår service och här sker den "
                        "viktigaste delen av stadens kommunikationsarbete.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Stockholms stad är en offentlig verksamhet som ytterst är till för stockholmarna. Det "
                        "innebär att staden har ett viktigt informationsansvar. Det ska vara enkelt för stockholmarna "
                        "att ta del av tillförlitlig information om den service staden erbjuder. Det ska också vara "
                        "enkelt att ha insyn och vara delaktig i de beslut som fattas och sådant som rör "
                        "stockholmarnas egen vardag.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Stadens kommunikationsarbete är ett verksamhetsstöd för att förverkliga kommunfullmäktiges "
                        "budget, mål och vision. Kommunikationen bidrar till kvaliteten i våra verksamheter och "
                        "utvecklingen av staden. Genom ett medvetet arbete med kommunikationen skapas en enhetlig och "
                        "relevant bild av Stockholms stad.</p>",
                    ),
                    ("heading", {"text": "Stockholms stad i sociala medier", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Genom sociala medier förmedlar staden information om sådant stockholmare och besökare har "
                        "nytta av i vardagen.</p>",
                    ),
                    ("heading", {"text": "Organisation", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Alla stadsdelsförvaltningar, fackförvaltningar och bolag ansvarar för kommunikationen "
                        "inom respektive verksamhetsområde.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Stadsledningskontoret ansvarar för att styra, leda och samordna stadens "
                        "kommunikationsarbete och ansvarar för de övergripande styrdokumenten. I ansvaret ingår även "
                        "utveckling och förvaltning av stadens digitala kanaler.</p>",
                    ),
                    ("heading", {"text": "Styrande dokument", "level": "h2"}),
                    ("heading", {"text": "Kommunikationsprogram för Stockholms stad", "level": "h3"}),
                    (
                        "paragraph",
                        "<p>Kommunikationsprogrammet slår fast nio grundläggande principer för stadens kommunikation "
                        "och inriktningen för de kommande åren. Det innehåller mål och strategier för åren 2017–2022 "
                        "som ska möta de utmaningar staden står inför. Programmet gäller alla Stockholms stads nämnder "
                        "och bolagsstyrelser och ska ligga till grund för hur stadens verksamheter planerar, genomför "
                        "och utvecklar sin kommunikation.</p>",
                    ),
                    ("documents", {"heading": "", "documents": [STOCKHOLM_PROGRAMME]}),
                    ("heading", {"text": "Grafisk profil och sociala medier", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>I stadens varumärkesmanual finns information och riktlinjer för hur stadens grafiska "
                        "profil ska användas. Där finns också stadens policy och handledning för sociala medier.</p>",
                    ),
                    (
                        "documents",
                        {"heading": "", "documents": [STOCKHOLM_SOCIAL_MEDIA_POLICY]},
                    ),
                ],
                "en": [
                    (
                        "paragraph",
                        "<p>Every day the City's employees have hundreds of thousands of contacts and meetings. There "
                        "and then, in those moments, people form their experience and picture of the City and its "
                        "services, and this is where the most important part of the City's communications work "
                        "happens.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>The City of Stockholm is a public organisation that ultimately exists for the people of "
                        "Stockholm, so the City has an important duty to inform. It should be easy for residents to "
                        "find reliable information about the City's services, to see how decisions are made and to "
                        "take part in decisions that affect their everyday lives.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>The City's communications support the work of realising the City Council's budget, goals "
                        "and vision. Communication adds to the quality of our services and to the development of the "
                        "city. Deliberate work on communications creates a consistent and relevant picture of the "
                        "City of Stockholm.</p>",
                    ),
                    ("heading", {"text": "The City of Stockholm on social media", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>On social media the City shares information that residents and visitors find useful in "
                        "their everyday lives.</p>",
                    ),
                    ("heading", {"text": "Organisation", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Every district administration, specialist administration and City-owned company is "
                        "responsible for communications in its own field.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>The City Executive Office steers, leads and coordinates the City's communications and is "
                        "responsible for the overall governing documents. It also develops and manages the City's "
                        "digital channels.</p>",
                    ),
                    ("heading", {"text": "Governing documents", "level": "h2"}),
                    ("heading", {"text": "Communications programme for the City of Stockholm", "level": "h3"}),
                    (
                        "paragraph",
                        "<p>The communications programme sets out nine basic principles for the City's communications "
                        "and its direction for the coming years, with goals and strategies for 2017–2022. It applies "
                        "to all the City's committees and company boards. The programme is in Swedish.</p>",
                    ),
                    ("documents", {"heading": "", "documents": [STOCKHOLM_PROGRAMME]}),
                    ("heading", {"text": "Graphic profile and social media", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>The City's brand manual explains how to use the City's graphic profile. It also contains "
                        "the City's social media policy and guidelines. Both are in Swedish.</p>",
                    ),
                    (
                        "documents",
                        {"heading": "", "documents": [STOCKHOLM_SOCIAL_MEDIA_POLICY]},
                    ),
                ],
            },
            "contacts": [],
            "units": [
                {
                    "title": {"sv": "Stadsledningskontoret", "en": "City Executive Office"},
                    "slug": {"sv": "stadsledningskontoret", "en": "city-executive-office"},
                    "intro": {
                        "sv": (
                            "Stadsledningskontoret ansvarar för att styra, leda och samordna stadens "
                            "kommunikationsarbete och ansvarar för de övergripande styrdokumenten."
                        ),
                        "en": (
                            "The City Executive Office steers, leads and coordinates the City's communications and is "
                            "responsible for the overall governing documents."
                        ),
                    },
                    "body": {
                        "sv": [
                            (
                                "paragraph",
                                "<p>I ansvaret ingår även utveckling och förvaltning av stadens digitala kanaler.</p>",
                            ),
                        ],
                        "en": [
                            ("paragraph", "<p>This includes developing and managing the City's digital channels.</p>"),
                        ],
                    },
                    "contacts": [],
                    "teams": [],
                },
            ],
        },
    ],
}

CITIES = [HELSINKI, GOTEBORG, STOCKHOLM]

# Documents, each a small real PDF made by demo.pdf. Titles are as the seed pages write them; the
# document list shows the file type after the title, so the seed's "(pdf)" is not part of it.
DOCUMENT_COLLECTION = "Demo documents"
DOCUMENTS = [
    {
        "title": STOCKHOLM_PROGRAMME,
        "filename": "kommunikationsprogram-for-stockholms-stad-2017-2022.pdf",
        "lines": [
            "Stockholms stad",
            "",
            "Kommunikation är en självklar och integrerad del i stadens verksamheter. All kommunikation ska "
            "kännetecknas av att den är aktiv, tillgänglig och trovärdig.",
            "",
            "Kommunikationsprogrammet slår fast nio grundläggande principer för stadens kommunikation och "
            "inriktningen för de kommande åren. Det innehåller mål och strategier för åren 2017–2022 som ska möta de "
            "utmaningar staden står inför.",
            "",
            "Programmet gäller alla Stockholms stads nämnder och bolagsstyrelser och ska ligga till grund för hur "
            "stadens verksamheter planerar, genomför och utvecklar sin kommunikation.",
            "",
            "Detta är ett demonstrationsdokument i CityComms demoinnehåll.",
        ],
    },
    {
        "title": STOCKHOLM_BRAND_MANUAL,
        "filename": "varumarkesmanual.pdf",
        "lines": [
            "Stockholms stad – grafisk profil",
            "",
            "I stadens varumärkesmanual finns information och riktlinjer för hur stadens grafiska profil ska "
            "användas.",
            "",
            "Logotyp: använd alltid stadens logotyp i original och med tillräcklig frizon.",
            "Färger: stadens profilfärger används i all kommunikation, tryckt som digital.",
            "Typografi: stadens typsnitt ger en enhetlig och lättläst bild av Stockholms stad.",
            "",
            "Detta är ett demonstrationsdokument i CityComms demoinnehåll.",
        ],
    },
    {
        "title": STOCKHOLM_SOCIAL_MEDIA_POLICY,
        "filename": "policy-och-handledning-for-sociala-medier.pdf",
        "lines": [
            "Stockholms stad",
            "",
            "Genom sociala medier förmedlar staden information om sådant stockholmare och besökare har nytta av i "
            "vardagen.",
            "",
            "Policyn anger hur stadens verksamheter använder sociala medier. Handledningen ger praktiska råd om "
            "att starta, bemanna och avsluta ett konto i sociala medier.",
            "",
            "Detta är ett demonstrationsdokument i CityComms demoinnehåll.",
        ],
    },
]

USERS = [
    {
        "username": "admin",
        "password": "citycomms-admin",
        "email": "admin@example.com",
        "superuser": True,
        "groups": [],
    },
    {
        "username": "editor",
        "password": "citycomms-editor",
        "email": "editor@example.com",
        "superuser": False,
        "groups": ["Editors"],
    },
]

# One editor, one moderator and one staff reader per city, in the city's Editors, Moderators and Staff
# groups (citycomms.roles): "helsinki-editor" / "citycomms-helsinki-editor" and so on. The staff reader
# has no admin: they read the city's staff-only pages and files.
CITY_ROLE_SLUGS = {"Helsinki": "helsinki", "Göteborg": "goteborg", "Stockholm": "stockholm"}
CITY_USERS = [
    {
        "city": city["name"],
        "role": role,
        "username": f"{CITY_ROLE_SLUGS[city['name']]}-{role}",
        "password": f"citycomms-{CITY_ROLE_SLUGS[city['name']]}-{role}",
        "email": f"{CITY_ROLE_SLUGS[city['name']]}-{role}@example.com",
        "superuser": False,
    }
    for city in CITIES
    for role in ("editor", "moderator", "staff")
]
