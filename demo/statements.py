"""The demo cities' accessibility statements, in the EU model statement's layout, keyed by city name.

Written for this demo site as it is: the generated PDFs are not tagged, so
each statement says "partially compliant" and names them. The feedback
addresses are demo addresses.
"""

import datetime

FINNISH_ENFORCEMENT_URL = "https://www.saavutettavuusvaatimukset.fi/"
SWEDISH_ENFORCEMENT_URL = "https://www.digg.se/tdosanmalan"

TITLES = {"fi": "Saavutettavuusseloste", "sv": "Tillgänglighetsutlåtande", "en": "Accessibility statement"}
SLUGS = {"fi": "saavutettavuusseloste", "sv": "tillganglighetsutlatande", "en": "accessibility-statement"}

UNTAGGED_PDFS = {
    "fi": (
        "<p>Sivuston PDF-asiakirjoissa ei ole merkittyä rakennetta eikä kieltä, joten ruudunlukija ei "
        "tunnista niiden otsikoita ja kappaleita (WCAG 1.3.1 Informaatio ja suhteet, 3.1.1 Sivun kieli). "
        "Saat asiakirjan sisällön saavutettavassa muodossa palauteosoitteesta.</p>"
    ),
    "sv": (
        "<p>Webbplatsens PDF-dokument saknar märkt struktur och språk, så skärmläsare känner inte igen deras "
        "rubriker och stycken (WCAG 1.3.1 Information och relationer, 3.1.1 Sidans språk). "
        "Du får dokumentets innehåll i tillgänglig form via adressen för återkoppling.</p>"
    ),
    "en": (
        "<p>The PDF documents on this website have no tagged structure or language, so screen readers cannot "
        "tell their headings and paragraphs (WCAG 1.3.1 Info and Relationships, 3.1.1 Language of Page). "
        "You can ask for a document's content in an accessible form at the feedback address.</p>"
    ),
}

ASSESSMENT_DATES = {
    "prepared_on": datetime.date(2026, 11, 1),
    "assessment_method": "self",
    "last_reviewed_on": datetime.date(2026, 11, 20),
    "compliance_status": "partial",
}

HELSINKI = {
    **ASSESSMENT_DATES,
    "title": TITLES,
    "slug": SLUGS,
    "intro": {
        "fi": (
            "Tämä saavutettavuusseloste koskee Helsingin kaupungin organisaatiosivustoa. Seloste perustuu lakiin "
            "digitaalisten palvelujen tarjoamisesta (306/2019). Sivuston saavutettavuus on arvioitu itse: "
            "jokainen sivu tarkistetaan automaattisesti axe-työkalulla ja lisäksi näppäimistöllä ja ruudunlukijalla."
        ),
        "sv": (
            "Detta tillgänglighetsutlåtande gäller Helsingfors stads organisationswebbplats. Utlåtandet grundar sig "
            "på lagen om tillhandahållande av digitala tjänster (306/2019). Webbplatsens tillgänglighet har bedömts "
            "av oss själva: varje sida granskas automatiskt med verktyget axe och dessutom med tangentbord och "
            "skärmläsare."
        ),
        "en": (
            "This accessibility statement applies to the City of Helsinki's organisation website. It follows the "
            "Act on the Provision of Digital Services (306/2019). We assessed the website ourselves: every page is "
            "checked automatically with the axe tool, and by hand with a keyboard and a screen reader."
        ),
    },
    "non_compliance": UNTAGGED_PDFS,
    "feedback_text": {
        "fi": "Huomasitko saavutettavuuspuutteen? Kerro siitä meille, niin korjaamme sen. Vastaamme 14 päivän kuluessa.",
        "sv": "Har du upptäckt en tillgänglighetsbrist? Berätta det för oss så åtgärdar vi den. Vi svarar inom 14 dagar.",
        "en": "Have you found an accessibility problem? Tell us and we will fix it. We answer within 14 days.",
    },
    "feedback_email": "saavutettavuus@hel.fi",
    "enforcement_text": {
        "fi": (
            "Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä "
            "ilmoituksen Etelä-Suomen aluehallintovirastoon. Sen sivuilla kerrotaan, miten ilmoitus tehdään."
        ),
        "sv": (
            "Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du anmäla saken till "
            "Regionförvaltningsverket i Södra Finland. Dess webbplats berättar hur du gör en anmälan."
        ),
        "en": (
            "If you are not satisfied with our answer, or get none within two weeks, you can notify the Regional "
            "State Administrative Agency for Southern Finland. Its website tells how."
        ),
    },
    "enforcement_url": FINNISH_ENFORCEMENT_URL,
}


def swedish_city_statement(city_sv, city_en, domain):
    """A Swedish city's statement: the same law, the same supervisory agency (Digg), its own names."""
    return {
        **ASSESSMENT_DATES,
        "title": TITLES,
        "slug": SLUGS,
        "intro": {
            "sv": (
                f"Detta tillgänglighetsutlåtande gäller {city_sv} webbplats om stadens organisation. Utlåtandet "
                "följer lagen (2018:1937) om tillgänglighet till digital offentlig service. Vi har själva bedömt "
                "webbplatsen: varje sida granskas automatiskt med verktyget axe och dessutom med tangentbord och "
                "skärmläsare."
            ),
            "en": (
                f"This accessibility statement applies to {city_en}'s website about the city organisation. It "
                "follows the Swedish Act (2018:1937) on accessibility to digital public services. We assessed the "
                "website ourselves: every page is checked automatically with the axe tool, and by hand with a "
                "keyboard and a screen reader."
            ),
        },
        "non_compliance": {code: UNTAGGED_PDFS[code] for code in ("sv", "en")},
        "feedback_text": {
            "sv": "Upplever du hinder på webbplatsen? Berätta det för oss. Vi svarar inom två veckor.",
            "en": "Do you find barriers on this website? Tell us. We answer within two weeks.",
        },
        "feedback_email": f"tillganglighet@{domain}",
        "enforcement_text": {
            "sv": (
                "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen. Om du inte är nöjd "
                "med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det."
            ),
            "en": (
                "The Agency for Digital Government (Digg) supervises the law. If you are not satisfied with how we "
                "handle your feedback, you can tell Digg."
            ),
        },
        "enforcement_url": SWEDISH_ENFORCEMENT_URL,
    }


STATEMENTS = {
    "Helsinki": HELSINKI,
    "Göteborg": swedish_city_statement("Göteborgs Stads", "the City of Gothenburg", "goteborg.se"),
    "Stockholm": swedish_city_statement("Stockholms stads", "the City of Stockholm", "stockholm.se"),
}
