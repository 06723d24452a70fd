"""The demo's files: documents (small real PDFs, demo.pdf), contact people's portraits (demo.portrait) and the
cities' logos (demo/data/logos/).

Each is found by its title and its file rewritten only when the bytes
differ, so loading again changes nothing. Staff-only documents go into a
restricted collection inside their city's own.
"""

import hashlib
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from citycomms.cities import city_name
from citycomms.roles import ensure_collection

from . import content
from .pdf import make_pdf
from .portrait import make_portrait


def load_documents(cities, log):
    """The public demo PDFs, by title, in the demo collection; staff-only ones come with their city."""
    files = content.documents()
    staff_only = {title for city in cities for title in city.get("staff_documents", [])}
    collection = child_collection(Collection.get_first_root_node(), files["collection"])
    return {
        data["title"]: load_document(data, collection, log)
        for data in files["documents"]
        if data["title"] not in staff_only
    }


def child_collection(parent, name):
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)


def load_staff_documents(city, home, log):
    """The city's staff-only PDFs, by title, in a restricted collection inside its own (see citycomms.roles)."""
    titles = city.get("staff_documents", [])
    if not titles:
        return {}
    files = content.documents()
    collection = child_collection(ensure_collection(home, city_name(home), log), files["staff_collection"])
    restrict_to_staff(CollectionViewRestriction, collection=collection)
    return {
        data["title"]: load_document(data, collection, log) for data in files["documents"] if data["title"] in titles
    }


def restrict_to_staff(restriction_model, **target):
    """Only signed-in staff may open the page or collection; a restriction an editor chose stays.

    setup_city_roles, which load_demo runs next, narrows "signed-in" to the city's own staff groups.
    """
    restriction_model.objects.get_or_create(**target, defaults={"restriction_type": restriction_model.LOGIN})


def load_document(data, collection, log):
    """One document, found by title; its file is rewritten only when the PDF's bytes differ."""
    Document = get_document_model()
    pdf = make_pdf(data["title"], data["lines"])
    file_hash = hashlib.sha1(pdf).hexdigest()
    document = Document.objects.filter(title=data["title"]).order_by("pk").first()
    if document is None:
        document, status = Document(title=data["title"]), "created"
    elif document.file_hash != file_hash or not _file_exists(document) or document.collection_id != collection.pk:
        status = "updated"
    else:
        log(f"Document {data['title']} … unchanged")
        return document
    if document.file and _file_exists(document):
        document.file.delete(save=False)
    _remove_orphaned_file(Document, document, data["filename"])
    document.collection = collection
    document.file.save(data["filename"], ContentFile(pdf), save=False)
    document.file_size = len(pdf)
    document.file_hash = file_hash
    document.full_clean()
    document.save()
    log(f"Document {data['title']} … {status}")
    return document


def _remove_orphaned_file(Document, document, filename):
    """Delete a file left at the document's path by an earlier database, so the name stays clean.

    After `rm db.sqlite3` the media folder still holds last time's PDFs; the
    storage would otherwise save the new one as "varumarkesmanual_AbC123.pdf".
    A file some other document uses is left alone.
    """
    name = document.file.field.generate_filename(document, filename)
    storage = document.file.storage
    if storage.exists(name) and not Document.objects.filter(file=name).exclude(pk=document.pk).exists():
        storage.delete(name)


def _file_exists(item):
    return bool(item.file) and item.file.storage.exists(item.file.name)


def load_portrait(name, log):
    """A placeholder portrait of `name`, found by title, with the name as its alt text."""
    return _load_image(name, make_portrait(name), f"{slugify(name)}.png", name, f"Portrait of {name}", log)


def load_logo(city, home, log):
    """The city's logo (`logo` in its data file, a PNG in demo/data/logos/), found by title in the city's own
    collection, named in its alt text; None for a city without one. Its file is rewritten only when the bytes
    differ.

    The demo's logos are drawn for it, not any city's real one: a rounded square in the accent colour with the
    city's initial and a wave in the brand colour, and the city's name in white (DejaVu Sans Bold), on the
    brand colour of the header they stand in, 192 pixels high.
    """
    if not city.get("logo"):
        return None
    name = city_name(home)
    collection = ensure_collection(home, name, log)
    png = (content.DATA / "logos" / city["logo"]).read_bytes()
    return _load_image(f"{name} – logo", png, city["logo"], name, f"Logo of {name}", log, collection)


def _load_image(title, png, filename, description, label, log, collection=None):
    """The image titled `title` with the bytes `png`, its alt text `description` (in `collection`, if given):
    found by title and left as it is when its bytes are the same; made, or its file replaced, otherwise."""
    Image = get_image_model()
    file_hash = hashlib.sha1(png).hexdigest()
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is not None and image.file_hash == file_hash and _file_exists(image):
        log(f"{label} … unchanged")
        return image
    status = "created" if image is None else "updated"
    if image is None:
        image = Image(title=title)
    else:  # a new drawing: last time's file and its resized copies go
        image.renditions.all().delete()
        image.file.delete(save=False)
    if collection is not None:
        image.collection = collection
    image.description = description
    # ImageFile, not ContentFile: Wagtail reads the width and height from it.
    image.file = ImageFile(BytesIO(png), name=filename)
    image.file_hash = file_hash
    image.save()
    log(f"{label} … {status}")
    return image
