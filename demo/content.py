"""The demo content: three cities' communications departments, read from the data files in demo/data/.

The texts are copied from the seed pages the product is modelled on (Helsinki
in Finnish and Swedish, Göteborg and Stockholm in Swedish). Each city's file
(helsinki.yaml, goteborg.yaml, stockholm.yaml) holds its sites and languages,
home page, contact people, service points, organisation pages, media contacts
page, accessibility statement, newsroom with its press releases and staff-only
guidelines; documents.yaml holds the PDFs' texts and users.yaml the admin and
editor logins. This module reads them; demo.loader builds them into the database.

Shapes in the files, as demo.loader reads them:

- Translated text is a mapping {language: text}. A language left out is not
  written for that page; readers get the site's fallback language. Slugs
  left out are filled in from the site's default language by the loader.
- A page body is {language: [{block type: value}, ...]} with the block types
  of departments.blocks.OrganisationBodyBlock. Blocks that point at other
  objects name them instead of giving ids: {contact: Liisa Kivelä},
  {service_point: Virka Info}, and a documents block lists document titles.
  Rich text links a document by title: <a linktype="document" document="…">.
- "units" of a department and "teams" of a unit are the pages below it, in order.
- "posts" of an organisation page: a translated title, `head: true` for its head post (whose holder leads
  it: "Osastoa johtaa …"), and "holders" by name with `from`, `until` (dates) and `acting: true` where
  known; `vacant_contact` names whom to contact while nobody holds it.
- "reorganisation" of an organisation page: `change` (renamed, merged, split, replaced, closed), an
  optional `date`, and `successors` as slug paths from the city home in its default language, each a page
  that comes earlier in the file.
"""

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
# The cities' files, in the order they are loaded (and listed once loaded).
CITY_FILES = ["helsinki", "goteborg", "stockholm"]
# Each city's demo logins, one per role of citycomms.roles: the editor and moderator work in the admin,
# the staff reader has no admin and reads the city's staff-only pages and files.
CITY_ROLES = ["editor", "moderator", "staff"]


def read(name):
    """One data file as plain data: mappings, lists, strings, numbers, dates and date-times."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def cities():
    return [read(name) for name in CITY_FILES]


def documents():
    """The document collections' names and the documents: title, file name and the PDF's lines."""
    return read("documents")


def shared_pages():
    """The texts of the pages every city has alike (shared_pages.yaml), by page: title, slug and intro by language."""
    return read("shared_pages")


def users():
    """The admin and the editor of users.yaml, with their passwords and groups."""
    return read("users")["users"]


def city_users(cities):
    """Each city's editor, moderator and staff reader: "helsinki-editor" / "citycomms-helsinki-editor" and so on,
    with their names from users.yaml.

    The loader puts each in its city's Editors, Moderators or Staff group.
    """
    names = read("users").get("city_login_names", {})
    return [
        {
            "city": city["name"],
            "role": role,
            "username": f"{city['logins']}-{role}",
            "password": f"citycomms-{city['logins']}-{role}",
            "email": f"{city['logins']}-{role}@example.com",
            "superuser": False,
            # A city missing from users.yaml still gets a name: Wagtail's account settings require one.
            **names.get(city["logins"], {}).get(role, {"first_name": city["name"], "last_name": role.title()}),
        }
        for city in cities
        for role in CITY_ROLES
    ]
