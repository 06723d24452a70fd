"""The screens of editorial.unpublishing: an editor's request, and a moderator's decision."""

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page

from citycomms.tree import CITY_HOME_DEPTH

from .models import UnpublishRequest
from .unpublishing import (
    REQUEST_URL_NAME,
    REVIEW_URL_NAME,
    AlreadyDecided,
    approve,
    may_decide,
    pending_request,
    reject,
    submit_request,
)

TEXT_LENGTH = 2000
APPROVE = "approve"
REJECT = "reject"


def subpages_label(count):
    return ngettext("Its %(count)s live subpage too", "Its %(count)s live subpages too", count) % {"count": count}


class RequestForm(forms.Form):
    """Why the page should come off the site, and whether its subpages should go too."""

    reason = forms.CharField(
        label=_("Why should it come off the site?"),
        help_text=_("The moderators read this when they decide."),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    include_subpages = forms.BooleanField(required=False)

    def __init__(self, *args, live_subpages, **kwargs):
        super().__init__(*args, **kwargs)
        if live_subpages:
            self.fields["include_subpages"].label = subpages_label(live_subpages)
        else:
            del self.fields["include_subpages"]


class DecisionForm(forms.Form):
    """The moderator's decision: whether the subpages go too, and a comment (required to keep the page live)."""

    include_subpages = forms.BooleanField(required=False)
    comment = forms.CharField(
        label=_("Comment for the editor"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, live_subpages, rejecting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rejecting = rejecting
        if live_subpages:
            self.fields["include_subpages"].label = subpages_label(live_subpages)
        else:
            del self.fields["include_subpages"]

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if self.rejecting and not comment:
            raise forms.ValidationError(_("Say why the page stays live: the editor reads it."))
        return comment


def refusal(page):
    """Why `page` cannot be asked for (a translated sentence), or "" if it can."""
    title = {"title": page.get_admin_display_title()}
    if not page.live:
        return _("“%(title)s” is not live: there is nothing to unpublish.") % title
    if page.depth <= CITY_HOME_DEPTH:
        return _("A city's home page cannot be unpublished on request.")
    if pending_request(page) is not None:
        return _("Unpublishing “%(title)s” is already requested: the city's moderators decide.") % title
    return ""


def request_unpublishing(request, page_id):
    """/admin/editorial/unpublish/<page_id>/: ask for a live page to be unpublished (GET: the form)."""
    page = get_object_or_404(Page, pk=page_id).specific
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise Http404
    if permissions.can_publish():  # a moderator unpublishes it themselves
        return redirect("wagtailadmin_pages:unpublish", page.pk)
    refused = refusal(page)
    if refused:
        messages.warning(request, refused)
        return redirect("wagtailadmin_pages:edit", page.pk)
    live_subpages = page.get_descendants().live().count()
    form = RequestForm(request.POST or None, live_subpages=live_subpages)
    if form.is_valid():
        title = {"title": page.get_admin_display_title()}
        try:
            submit_request(page, request.user, form.cleaned_data["reason"], form.cleaned_data.get("include_subpages"))
        except IntegrityError:  # another request for the page was made meanwhile
            messages.warning(request, refusal(page))
        else:
            messages.success(
                request,
                _("Unpublishing “%(title)s” requested: the city's moderators decide, and you will hear from them.")
                % title,
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    context = {"page": page, "form": form, "live_subpages": live_subpages}
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "editorial/unpublish_request_form.html", context, status=status)


def review_unpublish_request(request, pk):
    """/admin/editorial/unpublish-requests/<pk>/: a moderator unpublishes the page, or keeps it live."""
    unpublish_request = get_object_or_404(
        UnpublishRequest.objects.select_related("page", "requested_by", "decided_by"), pk=pk
    )
    page = unpublish_request.page.specific
    if not may_decide(page, request.user):
        raise Http404
    live_subpages = page.get_descendants().live().count()
    pending = unpublish_request.status == UnpublishRequest.PENDING
    posted = request.POST if request.method == "POST" and pending else None
    form = DecisionForm(
        posted,
        initial={"include_subpages": unpublish_request.include_subpages},
        live_subpages=live_subpages,
        rejecting=REJECT in request.POST,
    )
    if request.method == "POST" and not pending:
        messages.warning(request, _("This request has been decided already."))
        return redirect(REVIEW_URL_NAME, unpublish_request.pk)
    if form.is_valid():
        return decided(request, unpublish_request, page, form)
    context = {
        "unpublish_request": unpublish_request,
        "page": page,
        "form": form if pending else None,
        "live_subpages": live_subpages,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "editorial/unpublish_request.html", context, status=status)


def decided(request, unpublish_request, page, form):
    title = {"title": page.get_admin_display_title()}
    comment = form.cleaned_data["comment"]
    try:
        if form.rejecting:
            reject(unpublish_request, request.user, comment)
            messages.success(request, _("“%(title)s” stays live; the editor is told why.") % title)
        else:
            approve(unpublish_request, request.user, bool(form.cleaned_data.get("include_subpages")), comment)
            messages.success(request, _("“%(title)s” is unpublished; the editor is told.") % title)
    except AlreadyDecided:
        messages.warning(request, _("This request has been decided already."))
        return redirect(REVIEW_URL_NAME, unpublish_request.pk)
    return redirect("wagtailadmin_home")


def urls():
    """register_admin_urls."""
    return [
        path("editorial/unpublish/<int:page_id>/", request_unpublishing, name=REQUEST_URL_NAME),
        path("editorial/unpublish-requests/<int:pk>/", review_unpublish_request, name=REVIEW_URL_NAME),
    ]
