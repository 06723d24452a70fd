"""The building blocks of a department, unit or team page body."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from citycomms.visibility import is_public_page, public_documents, public_pages
from contacts.blocks import ContactCardBlock, ServicePointBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "departments/blocks/heading_block.html"


class ResponsibilitiesBlock(blocks.StructBlock):
    intro = blocks.CharBlock(label=_("lead-in"), required=False, help_text=_("E.g. “The unit is responsible for”."))
    items = blocks.ListBlock(blocks.CharBlock(label=_("responsibility")), label=_("responsibilities"))

    class Meta:
        icon = "list-ul"
        label = _("Responsibilities")
        template = "departments/blocks/responsibilities_block.html"


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("link text"))
    page = blocks.PageChooserBlock(label=_("page on this site"), required=False)
    url = blocks.URLBlock(label=_("or an address elsewhere"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address, not both."))}
            )
        return value

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context)
        if not is_public_page(value.get("page")):
            representation["page"] = None  # a staff-only page's id is not the public's business
        return representation


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("links"))

    class Meta:
        icon = "link"
        label = _("Links")
        template = "departments/blocks/link_list_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # Deleted pages are None; staff-only and unpublished ones stay out of public pages too.
        shown = public_pages(link["page"] for link in value["links"])
        context["links"] = [link for link in value["links"] if link["url"] or link["page"] in shown]
        return context


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), label=_("documents"))

    class Meta:
        icon = "doc-full"
        label = _("Documents")
        template = "departments/blocks/document_list_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # Deleted documents are None; those in a restricted collection stay out of public pages.
        context["documents"] = public_documents(value["documents"])
        return context

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "documents": [document.pk for document in public_documents(value["documents"])],
        }


class OrganisationBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow")
    heading = HeadingBlock()
    # Wagtail's ImageBlock refuses an image without alt text unless the editor marks it decorative.
    image = ImageBlock(label=_("Image"), template="departments/blocks/image_block.html")
    responsibilities = ResponsibilitiesBlock()
    links = LinkListBlock()
    documents = DocumentListBlock()
    contact = ContactCardBlock()
    service_point = ServicePointBlock()
