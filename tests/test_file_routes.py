"""Every file route, for every reader: documents only through Wagtail's document view, images through ours.

Helsinki has an image and a document in its public collection, in a collection restricted to its Editors group
(in a collection below it, for the image: a restriction above counts too) and in one restricted to signed-in
users. Each file is requested by its path under /media/ and, for documents, through /documents/<id>/<name>:
anonymously, as Göteborg's editor and as Helsinki's editor, with DEBUG on (development) and off (production).
"""

import io
import os
import subprocess
import sys
from email.utils import formatdate
from importlib import import_module, reload
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import clear_url_caches
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from tests.conftest import HELSINKI

REPO_ROOT = Path(__file__).resolve().parent.parent
PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, no-store"


def reload_urls():
    """Build the URL configuration again, as a process started with the current settings.DEBUG would."""
    clear_url_caches()
    if settings.ROOT_URLCONF in sys.modules:
        reload(sys.modules[settings.ROOT_URLCONF])
    else:
        import_module(settings.ROOT_URLCONF)
    clear_url_caches()


@pytest.fixture(params=["development", "production"])
def deployment(request, settings):
    """The URL configuration as DEBUG makes it: on in development (make run), off in production."""
    original = settings.DEBUG
    settings.DEBUG = request.param == "development"
    reload_urls()
    yield request.param
    settings.DEBUG = original
    reload_urls()


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    reload_urls()


def png(colour, size=(24, 16)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(collection, name, colour):
    image = get_image_model().objects.create(
        title=name, collection=collection, file=ContentFile(png(colour), name=f"{name}.png"), width=24, height=16
    )
    rendition = image.get_rendition("fill-8x8")
    return {"original": image.file.url, "rendition": rendition.url, "image": image, "rendition_object": rendition}


def make_document(collection, name, text):
    document = get_document_model().objects.create(
        title=name, collection=collection, file=ContentFile(text, name=f"{name}.txt")
    )
    return document


def bytes_at(url):
    """The bytes of the file a /media/ URL names, read from MEDIA_ROOT."""
    return (Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)).read_bytes()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def files(roles):
    """Helsinki's files: public, for its Editors group only, and for signed-in users only."""
    city = roles[HELSINKI].collection
    editors_only = city.add_child(name="Viestinnän sisäiset")
    restriction = CollectionViewRestriction.objects.create(
        collection=editors_only, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([roles[HELSINKI].editors])
    photos = editors_only.add_child(name="Valokuvat")  # restricted by the collection above it
    signed_in = city.add_child(name="Henkilöstölle")
    CollectionViewRestriction.objects.create(collection=signed_in, restriction_type=CollectionViewRestriction.LOGIN)
    return {
        "public": {
            "image": make_image(city, "kaupunkikuva", "teal"),
            "document": make_document(city, "esite", b"public leaflet"),
        },
        "editors": {
            "image": make_image(photos, "strategiakuva", "purple"),
            "document": make_document(editors_only, "varumarkesmanual", b"STAFF ONLY brand manual"),
        },
        "signed_in": {
            "image": make_image(signed_in, "sisainen-kaavio", "orange"),
            "document": make_document(signed_in, "henkilostoohje", b"STAFF ONLY staff guide"),
        },
    }


@pytest.fixture
def readers(helsinki_editor, goteborg_editor):
    anonymous, other_city, own_city = Client(), Client(), Client()
    other_city.force_login(goteborg_editor)
    own_city.force_login(helsinki_editor)
    for client in (anonymous, other_city, own_city):
        client.raise_request_exception = False  # a 500 is a status to report, not an exception
    return {"anonymous": anonymous, "other city's editor": other_city, "own city's editor": own_city}


def file_routes(files):
    """(privacy, route, url, the file's bytes) for every file route of every file."""
    routes = []
    for privacy, made in files.items():
        image, document = made["image"], made["document"]
        routes += [
            (privacy, "document by path", document.file.url, document.file.open("rb").read()),
            (privacy, "document view", document.url, document.file.open("rb").read()),
            (privacy, "original image", image["original"], bytes_at(image["original"])),
            (privacy, "rendition", image["rendition"], bytes_at(image["rendition"])),
        ]
    return routes


def expected_status(privacy, route, reader):
    if route == "document by path":
        return 404  # never: documents go out through their view only
    if privacy == "public" or (privacy == "editors" and reader == "own city's editor"):
        return 200
    return 302  # to the sign-in form, as Wagtail's document view answers


@pytest.mark.django_db
def test_every_file_route_answers_each_reader_as_the_files_collection_allows(deployment, files, readers):
    routes = file_routes(files)
    by_path = [url for _privacy, route, url, _bytes in routes if route == "document by path"]
    assert len(by_path) == 3 and all(url.startswith("/media/documents/") for url in by_path)
    problems = []
    for reader, client in readers.items():
        for privacy, route, url, content in routes:
            if privacy == "signed_in" and reader != "anonymous":
                continue  # what "signed-in" means for another city's staff is citycomms.roles' business
            response = client.get(url)
            expected = expected_status(privacy, route, reader)
            answer = body(response)
            if response.status_code != expected:
                problems.append((reader, url, response.status_code, f"expected {expected}"))
            if expected == 200 and answer != content:
                problems.append((reader, url, "not the file's bytes"))
            if expected != 200 and (content in answer or (privacy != "public" and answer[:8] == content[:8])):
                problems.append((reader, url, "the file's bytes in a refusal"))
            if expected == 302 and "/_util/login/?next=" not in response.get("Location", ""):
                problems.append((reader, url, "not sent to the sign-in form", response.get("Location")))
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.django_db
def test_public_images_are_served_with_headers_a_cdn_caches_them_by(production, client, files):
    public = files["public"]["image"]

    rendition = client.get(public["rendition"])
    assert rendition.status_code == 200
    assert body(rendition) == bytes_at(public["rendition"])
    assert rendition["Content-Type"] == "image/png"
    # An hour: a copy a CDN keeps must not outlive the image's move into a staff-only collection by long.
    assert rendition["Cache-Control"] == PUBLIC_CACHE
    assert rendition["Last-Modified"] and int(rendition["Content-Length"]) == len(bytes_at(public["rendition"]))
    # The same for every reader and language, so a CDN keeps one copy.
    assert "Cookie" not in rendition.get("Vary", "") and "Accept-Language" not in rendition.get("Vary", "")

    original = client.get(public["original"])
    assert original.status_code == 200
    assert body(original) == bytes_at(public["original"])
    assert original["Content-Type"] == "image/png"
    directives = [part.strip() for part in original["Cache-Control"].split(",")]
    assert "public" in directives and "immutable" not in directives
    max_age = int(next(part for part in directives if part.startswith("max-age=")).removeprefix("max-age="))
    assert 0 < max_age < 31536000
    # The project's own headers still come along: the image passed through its middlewares.
    assert original["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in original


@pytest.mark.django_db
def test_a_conditional_request_for_an_unchanged_image_gets_304(production, client, files):
    url = files["public"]["image"]["rendition"]
    last_modified = client.get(url)["Last-Modified"]

    unchanged = client.get(url, headers={"If-Modified-Since": last_modified})
    assert unchanged.status_code == 304
    assert body(unchanged) == b""
    assert unchanged["Cache-Control"] == PUBLIC_CACHE

    long_ago = client.get(url, headers={"If-Modified-Since": formatdate(0, usegmt=True)})
    assert long_ago.status_code == 200
    assert body(long_ago) == bytes_at(url)


@pytest.mark.django_db
def test_staff_only_images_reach_their_staff_and_no_cache_keeps_them(production, files, readers):
    image = files["editors"]["image"]
    for url in (image["original"], image["rendition"]):
        served = readers["own city's editor"].get(url)
        assert served.status_code == 200, url
        assert body(served) == bytes_at(url)
        assert served["Cache-Control"] == PRIVATE_CACHE

        for reader in ("anonymous", "other city's editor"):
            refused = readers[reader].get(url)
            assert refused.status_code == 302, (reader, url)
            assert refused["Location"] == f"/fi/_util/login/?next={url}"
            assert refused["Cache-Control"] == PRIVATE_CACHE  # a cache in front must not keep the redirect either


@pytest.mark.django_db
def test_unknown_files_and_bad_paths_under_media_are_404_never_500(deployment, files, client):
    client.raise_request_exception = False
    public = files["public"]["image"]["original"]
    backslashed = public.replace("/original_images/", "/original_images\\..\\original_images/")
    staff_original = files["editors"]["image"]["original"].removeprefix("/media/")
    document = files["editors"]["document"].file.name
    # The view is there and serves the public image: the 404s below are its refusals, not a missing route.
    assert client.get(public).status_code == 200
    urls = [
        "/media/original_images/no-such-image.png",
        "/media/images/no-such-rendition.fill-8x8.png",
        "/media/no-such-folder/x.png",
        "/media/original_images/",
        "/media/images/",
        "/media/",
        "/media/original_images",
        f"/media/{document}",
        f"/media/original_images/../{document}",
        f"/media/images/../{staff_original}",
        f"/media/./{document}",
        f"/media//{document}",
        f"/media/original_images/..%2F{document.replace('/', '%2F')}",
        f"/media/{Path(settings.MEDIA_ROOT) / document}",
        "/media//etc/passwd",
        "/media/../../../../etc/passwd",
        "/media/original_images/../../../../etc/passwd",
        "/media/images/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/media/original_images/%00.png",
        f"{public}%00",
        f"{public}%00.png",
        backslashed,
        f"{public}/",
    ]
    secret = files["editors"]["document"].file.open("rb").read()
    problems = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 404:
            problems.append((url, response.status_code))
        if secret in body(response):
            problems.append((url, "the staff-only document's bytes"))
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("module", ["dev", "test", "production"])
def test_every_settings_module_serves_media_through_the_checked_view_and_documents_by_their_view(module):
    """In a fresh interpreter per settings module: the URL configuration is made once, at start, from DEBUG."""
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.urls import resolve\n"
        "for path in ['/media/documents/x.pdf', '/media/original_images/x.png', '/media/images/x.fill-8x8.png']:\n"
        "    view = resolve(path).func\n"
        "    print(view.__module__, view.__name__)\n"
        "print(settings.WAGTAILDOCS_SERVE_METHOD)\n"
        # citycomms.settings.test makes a temporary MEDIA_ROOT of its own: leave nothing behind.
        "if settings.MEDIA_ROOT.name.startswith('citycomms-test-media-'): settings.MEDIA_ROOT.rmdir()\n"
    )
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": f"citycomms.settings.{module}",
        "DJANGO_SECRET_KEY": "x",
        "DATABASE_URL": "sqlite:////tmp/citycomms-file-routes-unused.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=environ, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n") == ["citycomms.media serve"] * 3 + ["serve_view", ""]


@pytest.mark.django_db
def test_a_password_protected_image_is_served_once_the_reader_has_given_the_password(production, roles, client):
    collection = roles[HELSINKI].collection.add_child(name="Lehdistökuvat ennen julkistusta")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="embargo"
    )
    image = make_image(collection, "embargokuva", "navy")

    for url in (image["original"], image["rendition"]):
        refused = client.get(url)
        assert refused.status_code == 404, url  # images have no password form of their own
        assert bytes_at(url) not in body(refused)
        assert refused["Cache-Control"] == PRIVATE_CACHE

    # Wagtail's password form for the collection's documents lets the reader through for its images too.
    entered = client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/", {"password": "embargo", "return_url": "/"}
    )
    assert entered.status_code == 302
    for url in (image["original"], image["rendition"]):
        served = client.get(url)
        assert served.status_code == 200, url
        assert body(served) == bytes_at(url)
        assert served["Cache-Control"] == PRIVATE_CACHE


@pytest.mark.django_db
def test_documents_say_whether_a_cache_in_front_may_keep_them(production, files, readers):
    """The review's finding: Wagtail sends staff-only documents with only `Vary: Cookie`."""
    public = readers["anonymous"].get(files["public"]["document"].url)
    assert public.status_code == 200 and public["Cache-Control"] == PUBLIC_CACHE
    staff_only = readers["own city's editor"].get(files["editors"]["document"].url)
    assert staff_only.status_code == 200 and staff_only["Cache-Control"] == "private, no-store"
    refused = readers["other city's editor"].get(files["editors"]["document"].url)
    assert refused.status_code == 302 and refused["Cache-Control"] == "private, no-store"
