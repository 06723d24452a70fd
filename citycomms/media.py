"""Images and their renditions, served by the app itself in development and production alike.

Files under MEDIA_ROOT have guessable names, so nothing serves MEDIA_ROOT by path. Documents go out only through
Wagtail's document view (/documents/<id>/<name>), which checks their collection's privacy. Images are served here,
and checked the same way: an image whose collection, or a collection above it, has a view restriction the request
does not pass is refused with the redirect to the sign-in form that Wagtail gives for documents (a password
restriction, which has no form for images, with a 404). Only MEDIA_ROOT's original_images/ and images/ folders are
served, and only files that an image or a rendition in the database names; documents/ and anything else never.

A CDN or Varnish in front caches the public images (and, through `with_document_caching`, documents) by their
headers, for an hour (PUBLIC_CACHE); staff-only ones, and the refusals, are `private, no-store`: no cache in
front or in a browser keeps them.
"""

import stat
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, HttpResponseNotFound, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, CollectionViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from .params import parse_id
from .tree import ancestor_paths
from .visibility import public_documents

ORIGINALS = "original_images"  # Wagtail's folders for uploaded images and their renditions
RENDITIONS = "images"
# The formats Wagtail may store an image or rendition in (WAGTAILIMAGES_EXTENSIONS, and the format-… filters);
# named here because Python's own table lacks some (webp before 3.13) where no /etc/mime.types is installed.
CONTENT_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "ico": "image/x-icon",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
# An hour for renditions too, though their names carry a hash: nothing purges a cache in front when an image
# moves into a staff-only collection, so a copy kept there must not outlive the change by long. A reader's
# browser asks again with If-Modified-Since and gets a 304.
PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, no-store"


@require_safe
def serve(request, path):
    """The image or rendition file at `path` under MEDIA_ROOT, if the request may see it."""
    name = storage_name(path)
    content_type = CONTENT_TYPES.get(name.rpartition(".")[2].lower()) if name else None
    if content_type is None:
        return not_found()
    collection_paths = image_collection_paths(name)
    if not collection_paths:  # no image or rendition of ours: an orphan, a document, a guess
        return not_found()
    restrictions = restrictions_on(collection_paths)
    for restriction in restrictions:
        if not restriction.accept_request(request):
            return refusal(request, restriction)
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, name))
        status = full_path.stat()
    except (SuspiciousFileOperation, OSError, ValueError):
        return not_found()
    if not stat.S_ISREG(status.st_mode):
        return not_found()

    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), status.st_mtime):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["Last-Modified"] = http_date(status.st_mtime)
    if restrictions:
        response["Cache-Control"] = PRIVATE_CACHE
    else:
        response["Cache-Control"] = PUBLIC_CACHE
    return response


def storage_name(path):
    """`path` from the URL as the storage name of a file in one of the served folders; None for anything else:
    another folder, `..` or `.`, empty parts (a leading or doubled slash), backslashes and NUL."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] not in (ORIGINALS, RENDITIONS):
        return None
    if any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts):
        return None
    return path


def image_collection_paths(name):
    """The tree paths of the collections of the images the file `name` is (an original) or was made from."""
    Image = get_image_model()
    if name.startswith(f"{ORIGINALS}/"):
        rows = Image.objects.filter(file=name).values_list("collection__path", flat=True)
    else:
        Rendition = Image.get_rendition_model()
        rows = Rendition.objects.filter(file=name).values_list("image__collection__path", flat=True)
    return set(rows)


def restrictions_on(collection_paths):
    """The view restrictions on these collections and on every collection above them, in one query."""
    ancestors = ancestor_paths(collection_paths)
    return list(CollectionViewRestriction.objects.filter(collection__path__in=ancestors).order_by("pk"))


def refusal(request, restriction):
    """To the sign-in form, as Wagtail's document view answers; a 404 for a password restriction."""
    if restriction.restriction_type in (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS):
        response = require_wagtail_login(next=request.get_full_path())
    else:
        response = not_found()
    response["Cache-Control"] = PRIVATE_CACHE
    return response


def not_found():
    # Plain text: an <img> shows no page, and a missing image should cost no template or query.
    return HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")


def with_document_caching(view):
    """Wagtail's document view, its answer marked for caches in front: a public document like a public image,
    a staff-only one (and any refusal) never kept. Wagtail sends only `Vary: Cookie`, which a CDN may ignore."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if "Cache-Control" not in response:
            document_id = parse_id(str(args[0] if args else kwargs.get("document_id", "")))
            document = get_document_model().objects.filter(pk=document_id).first() if document_id else None
            public = response.status_code == 200 and bool(public_documents([document]))
            response["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
        return response

    return marked
