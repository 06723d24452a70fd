"""Each demo city's staff-only content: internal communications guidelines, and Stockholm's brand manual.

The pages are restricted to signed-in users, so the public gets a sign-in prompt
and never sees them listed; the brand manual sits in a collection restricted the
same way. The texts are demo texts written for CityComms, not from the seeds.
"""

STAFF_COLLECTION = "Staff only"
# Each city's staff-only documents, by title. Stockholm's seed page links its brand manual;
# the demo keeps it for the city's staff.
STAFF_DOCUMENTS = {"Stockholm": ["Varumärkesmanual"]}

TITLES = {
    "fi": "Sisäisen viestinnän ohjeet",
    "sv": "Riktlinjer för intern kommunikation",
    "en": "Internal communications guidelines",
}
SLUGS = {
    "fi": "sisaisen-viestinnan-ohjeet",
    "sv": "riktlinjer-for-intern-kommunikation",
    "en": "internal-communications-guidelines",
}
INTRO = {
    "fi": "Ohjeet kaupungin henkilöstölle: miten tiedotamme, kuka hyväksyy ja mistä löydät aineistot.",
    "sv": "Riktlinjer för stadens personal: hur vi informerar, vem som godkänner och var materialet finns.",
    "en": "Guidelines for the City's staff: how we inform, who approves and where to find the material.",
}
BODY = {
    "fi": (
        "<h2>Ennen julkaisua</h2><p>Jokainen sivu ja yhteystieto kulkee moderoinnin kautta: toimittaja lähettää "
        "hyväksyttäväksi, moderaattori julkaisee.</p><h2>Kriisiviestintä</h2><p>Häiriötilanteessa ensimmäinen "
        "tiedote julkaistaan tunnin kuluessa, ja mediapalvelu päivystää.</p>"
    ),
    "sv": (
        "<h2>Före publicering</h2><p>Varje sida och kontaktuppgift granskas: redaktören skickar in, moderatorn "
        "publicerar.</p><h2>Kriskommunikation</h2><p>Vid en störning publiceras det första meddelandet inom en "
        "timme, och medieservicen har jour.</p>"
    ),
    "en": (
        "<h2>Before publishing</h2><p>Every page and contact goes through moderation: the editor submits it for "
        "approval, a moderator publishes it.</p><h2>Crisis communications</h2><p>In a disruption the first "
        "release goes out within an hour, and the media service is on call.</p>"
    ),
}
BRAND_MANUAL_LINK = {
    "sv": "<h2>Grafisk profil</h2><p>Stadens {link} gäller all kommunikation, tryckt som digital.</p>",
    "en": "<h2>Graphic profile</h2><p>The City's {link} (in Swedish) applies to all communications.</p>",
}
BRAND_MANUAL_LABEL = {"sv": "varumärkesmanual", "en": "brand manual"}


def guidelines(city_name, languages, brand_manual=None):
    """The guidelines page's texts in the city's languages; Stockholm's links its brand manual document."""
    body = dict(BODY)
    if city_name == "Stockholm" and brand_manual is not None:
        for code, template in BRAND_MANUAL_LINK.items():
            link = f'<a linktype="document" id="{brand_manual.pk}">{BRAND_MANUAL_LABEL[code]}</a>'
            body[code] += template.format(link=link)
    texts = {"title": TITLES, "slug": SLUGS, "intro": INTRO, "body": body}
    return {name: {code: values[code] for code in languages} for name, values in texts.items()}
