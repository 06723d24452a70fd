"""Each city's accessibility statement page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .pages import TranslatedPageMixin

STATEMENT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AccessibilityStatementPage(TranslatedPageMixin, Page):
    """The city's accessibility statement, in the EU's model layout; every page links to it from the footer.

    Public bodies must publish one for their website (EU Web Accessibility
    Directive 2016/2102; model statement: Commission Implementing Decision
    (EU) 2018/1523). Each city has one, directly below its home page.
    """

    COMPLIANCE_CHOICES = [
        ("full", _("Fully compliant")),
        ("partial", _("Partially compliant")),
        ("none", _("Not compliant")),
    ]
    ASSESSMENT_CHOICES = [("self", _("Self-assessment")), ("third_party", _("Assessment by a third party"))]

    intro = models.TextField(
        _("intro"),
        blank=True,
        help_text=_("Which website the statement covers and the law it follows."),
    )
    compliance_status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=COMPLIANCE_CHOICES,
        help_text=_("How well the website meets the accessibility requirements (WCAG 2.1 level AA)."),
    )
    non_compliance = RichTextField(
        _("non-compliance"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
        help_text=_(
            "Content that fails the requirements: what fails, which criterion, and any accessible alternative."
        ),
    )
    disproportionate_burden = RichTextField(
        _("disproportionate burden"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
        help_text=_("Content left inaccessible because fixing it would be a disproportionate burden, and why."),
    )
    outside_scope = RichTextField(
        _("content outside the scope"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
        help_text=_(
            "Content the accessibility law does not cover, e.g. office documents published before "
            "23 September 2018 or recordings published before 23 September 2020."
        ),
    )
    prepared_on = models.DateField(_("prepared on"), help_text=_("The date the statement was first prepared."))
    assessment_method = models.CharField(
        _("method of assessment"),
        max_length=20,
        choices=ASSESSMENT_CHOICES,
        default="self",
        help_text=_("Who assessed the website's accessibility for this statement."),
    )
    last_reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("When the statement was last checked against the website. Review it at least once a year."),
    )
    feedback_text = models.TextField(
        _("how to give feedback"),
        blank=True,
        help_text=_("How readers report accessibility problems or ask for content in an accessible form."),
    )
    feedback_email = models.EmailField(
        _("feedback email"), help_text=_("Where accessibility feedback goes; someone must read and answer it.")
    )
    feedback_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    feedback_url = models.URLField(_("feedback form"), blank=True, help_text=_("A web form for feedback, if any."))
    enforcement_text = models.TextField(
        _("enforcement procedure"),
        blank=True,
        help_text=_(
            "Where readers can turn if the city's answer does not satisfy them: in Finland the Regional State "
            "Administrative Agency for Southern Finland, in Sweden the Agency for Digital Government (DIGG)."
        ),
    )
    enforcement_url = models.URLField(
        _("enforcement body's website"),
        help_text=_("In Finland https://www.saavutettavuusvaatimukset.fi, in Sweden https://www.digg.se/tdosanmalan."),
    )

    parent_page_types = ["citycomms.CityHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_compliance"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("outside_scope"),
            ],
            heading=_("Compliance and non-accessible content"),
        ),
        MultiFieldPanel(
            [FieldPanel("prepared_on"), FieldPanel("assessment_method"), FieldPanel("last_reviewed_on")],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_text"),
                FieldPanel("feedback_email"),
                FieldPanel("feedback_phone"),
                FieldPanel("feedback_url"),
            ],
            heading=_("Feedback and contact information"),
        ),
        MultiFieldPanel(
            [FieldPanel("enforcement_text"), FieldPanel("enforcement_url")], heading=_("Enforcement procedure")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("non_compliance"),
        index.SearchField("disproportionate_burden"),
        index.SearchField("outside_scope"),
    ]
    api_fields = [
        "intro",
        "compliance_status",
        "non_compliance",
        "disproportionate_burden",
        "outside_scope",
        "prepared_on",
        "assessment_method",
        "last_reviewed_on",
        "feedback_text",
        "feedback_email",
        "feedback_phone",
        "feedback_url",
        "enforcement_text",
        "enforcement_url",
    ]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def clean(self):
        super().clean()
        if self.prepared_on and self.last_reviewed_on and self.last_reviewed_on < self.prepared_on:
            raise ValidationError({"last_reviewed_on": _("The statement cannot be reviewed before it was prepared.")})
