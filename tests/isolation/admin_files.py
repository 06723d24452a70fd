"""The admin walk: choosers, collections, documents and images."""

from tests.isolation.city_content import marker
from tests.isolation.hits import G, P, T, ids, pdf, png, superuser_form


def walk_choosers(o, me, add):
    """The page and link choosers and tag suggestions."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    home = o.home.pk
    # Choosers.
    add("admin/choose-page/", G("/admin/choose-page/"), G("/admin/choose-page/?page_type=citycomms.informationpage"))
    add("admin/choose-page/<int:parent_page_id>/", G(f"/admin/choose-page/{home}/"))
    add("admin/choose-page/search/", G(f"/admin/choose-page/search/?q={word}"))
    add("admin/choose-page/chosen-multiple/", G(f"/admin/choose-page/chosen-multiple/?{ids(o.pages.values())}"))
    for kind in ("external", "email", "phone", "anchor"):
        add(f"admin/choose-{kind}-link/", G(f"/admin/choose-{kind}-link/"))
    add("admin/tag-autocomplete/", G(f"/admin/tag-autocomplete/?term={word}"))
    add(
        "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        G(f"/admin/tag-autocomplete/wagtaildocs/document/?term={word}"),
        G(f"/admin/tag-autocomplete/wagtailimages/image/?term={word}"),
    )


def walk_collections(o, me, add):
    """Collections and their privacy."""
    collection, staff_collection = o.collection.pk, o.staff_collection.pk
    group = o.roles.editors.pk
    # Collections.
    add("admin/collections/", G("/admin/collections/"))
    add(
        "admin/collections/add/",
        G("/admin/collections/add/"),
        P("/admin/collections/add/", {"name": "Intruder", "parent": collection}),
    )
    archive = o.archive.pk
    add(
        "admin/collections/<int:pk>/",
        G(f"/admin/collections/{staff_collection}/"),
        P(f"/admin/collections/{archive}/", {"name": "Intruder", "parent": collection}),
    )
    add(
        "admin/collections/<int:pk>/delete/",
        G(f"/admin/collections/{staff_collection}/delete/"),
        P(f"/admin/collections/{archive}/delete/"),  # an empty one: Wagtail deletes no other
    )
    add(
        "admin/collections/<int:collection_id>/privacy/",
        G(f"/admin/collections/{staff_collection}/privacy/"),
        P(f"/admin/collections/{staff_collection}/privacy/", {"restriction_type": "none"}),
        T(
            f"/admin/collections/{me.staff_collection.pk}/privacy/",
            {"restriction_type": "groups", "groups": [group]},
        ),
    )


def walk_files(o, me, add):
    """Documents and images."""
    word = f"{o.code}secret"  # finds every secret of the other city in a search
    document, staff_document = o.document.pk, o.staff_document.pk
    image, staff_image = o.image.pk, o.staff_image.pk
    collection, staff_collection = o.collection.pk, o.staff_collection.pk
    # Documents and images.
    for kind, first, second, prefix, make_file in (
        ("documents", document, staff_document, "doc", pdf),
        ("images", image, staff_image, "image", png),
    ):
        upload_id = o.uploads["document" if kind == "documents" else "image"].pk
        add(
            f"admin/{kind}/",
            G(f"/admin/{kind}/?q={word}"),
            G(f"/admin/{kind}/?collection_id={staff_collection}"),
            G(f"/admin/{kind}/?tag={marker(o.code, 'tag' if kind == 'documents' else 'phototag')}"),
        )
        add(f"admin/{kind}/results/", G(f"/admin/{kind}/results/?q={word}"))
        add(
            f"admin/{kind}/add/",
            G(f"/admin/{kind}/add/"),
            P(
                f"/admin/{kind}/add/",
                lambda walker, make_file=make_file: {
                    "title": "Intruder",
                    "file": make_file(),
                    "collection": collection,
                },
            ),
        )
        edit_route, edit_url = (
            ("admin/documents/edit/<int:document_id>/", f"/admin/documents/edit/{second}/")
            if kind == "documents"
            else ("admin/images/<int:image_id>/", f"/admin/images/{second}/")
        )
        my_item = me.document.pk if kind == "documents" else me.image.pk
        my_edit_url = edit_url.replace(f"/{second}/", f"/{my_item}/")
        add(
            edit_route,
            G(edit_url),
            P(edit_url, superuser_form(edit_url, title="Intruder")),
            # The user's own file into the other city's collection.
            T(my_edit_url, superuser_form(my_edit_url, collection=collection)),
        )
        delete_route = (
            "admin/documents/delete/<int:document_id>/"
            if kind == "documents"
            else "admin/images/<int:image_id>/delete/"
        )
        delete_url = f"/admin/documents/delete/{second}/" if kind == "documents" else f"/admin/images/{second}/delete/"
        add(delete_route, G(delete_url), P(delete_url))
        add(
            f"admin/{kind}/multiple/add/",
            G(f"/admin/{kind}/multiple/add/"),
            P(
                f"/admin/{kind}/multiple/add/",
                lambda walker, make_file=make_file: {"files[]": make_file(), "collection": collection},
            ),
        )
        object_argument = "doc_id" if kind == "documents" else "image_id"
        add(
            f"admin/{kind}/multiple/<int:{object_argument}>/",
            P(
                f"/admin/{kind}/multiple/{second}/",
                {f"{prefix}-{second}-title": "Intruder", f"{prefix}-{second}-collection": me.collection.pk},
            ),
        )
        add(f"admin/{kind}/multiple/<int:{object_argument}>/delete/", P(f"/admin/{kind}/multiple/{second}/delete/"))
        singular = "document" if kind == "documents" else "image"
        uploader_only = "Wagtail lets only the uploader finish or drop an upload"
        add(
            f"admin/{kind}/multiple/create_from_uploaded_{singular}/<int:uploaded_file_id>/",
            P(
                f"/admin/{kind}/multiple/create_from_uploaded_{singular}/{upload_id}/",
                {
                    f"uploaded-{singular}-{upload_id}-title": "Intruder",
                    f"uploaded-{singular}-{upload_id}-collection": me.collection.pk,
                },
                inert=uploader_only,
            ),
        )
        add(
            f"admin/{kind}/multiple/delete_upload/<int:uploaded_file_id>/",
            P(f"/admin/{kind}/multiple/delete_upload/{upload_id}/", inert=uploader_only),
        )
        add(f"admin/{kind}/usage/<int:{singular}_id>/", G(f"/admin/{kind}/usage/{second}/"))
        chooser = f"/admin/{kind}/chooser"
        add(f"admin/{kind}/chooser/", G(f"{chooser}/?collection_id={staff_collection}"))
        add(f"admin/{kind}/chooser/results/", G(f"{chooser}/results/?q={word}"))
        add(f"admin/{kind}/chooser/chosen/<str:pk>/", G(f"{chooser}/chosen/{second}/"))
        add(f"admin/{kind}/chooser/chosen-multiple/", G(f"{chooser}/chosen-multiple/?id={first}&id={second}"))
        add(
            f"admin/{kind}/chooser/create/",
            G(f"{chooser}/create/"),
            P(
                f"{chooser}/create/",
                lambda walker, make_file=make_file, singular=singular: {
                    f"{singular}-chooser-upload-title": "Intruder",
                    f"{singular}-chooser-upload-file": make_file(),
                    f"{singular}-chooser-upload-collection": collection,
                },
            ),
        )
    add("admin/images/<int:image_id>/generate_url/", G(f"/admin/images/{staff_image}/generate_url/"))
    add(
        "admin/images/<int:image_id>/generate_url/output/",
        G(f"/admin/images/{staff_image}/generate_url/output/?filter_method=original"),
    )
    add(
        "admin/images/<int:image_id>/preview/<str:filter_spec>/",
        G(f"/admin/images/{staff_image}/preview/original/", serves_file=True),
        G(f"/admin/images/{staff_image}/preview/width-100/", serves_file=True),
    )
    add(
        "admin/images/chooser/<int:image_id>/select_format/",
        G(f"/admin/images/chooser/{staff_image}/select_format/"),
        P(
            f"/admin/images/chooser/{staff_image}/select_format/",
            {"image-chooser-insertion-format": "fullwidth", "image-chooser-insertion-alt_text": "x"},
        ),
    )
