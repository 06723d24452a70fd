"""Notification emails that link to the admin at the city's own address, in each recipient's language.

Wagtail links its notification emails to WAGTAILADMIN_BASE_URL, one address for the whole installation; a
Göteborg editor's email would send them to Helsinki's. The project's `wagtailadmin/notifications/base.txt` and
`base.html` (the root of every Wagtail notification, whose `base_url` the others use) take it from
`admin_base_url(the page or object the email is about)` instead: the city's site's host, with the scheme and
port of WAGTAILADMIN_BASE_URL (https in production, the development server's port in development).
"""

import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.admin.mail import send_mail
from wagtail.models import Page
from wagtail.users.models import UserProfile

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {80, 443}


def admin_base_url(obj=None):
    """The admin's address for what `obj` (a page, or anything with a `city` page) belongs to: its city's site's
    host, with WAGTAILADMIN_BASE_URL's scheme and port; WAGTAILADMIN_BASE_URL itself for anything else."""
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    site = site_of(obj)
    if site is None or not base:
        return base
    parts = urlsplit(base)
    port = parts.port if site.port in DEFAULT_PORTS else site.port
    host = f"{site.hostname}:{port}" if port else site.hostname
    return urlunsplit((parts.scheme, host, "", "", ""))


def site_of(obj):
    """The Site of the city `obj` belongs to, or None."""
    page = obj if isinstance(obj, Page) else getattr(obj, "city", None)
    if not isinstance(page, Page):
        return None
    return page.get_site()


def notify(users, template, context, preference):
    """Email each of `users` who has an address and has not turned `preference` off ("submitted", "approved",
    "rejected": Wagtail's notification settings) the `template` ("editorial/x": x_subject.txt, x.txt), rendered
    in their own admin language; how many were sent."""
    sent = 0
    for user in users:
        profile = UserProfile.get_for_user(user)
        if not (user.is_active and user.email and getattr(profile, f"{preference}_notifications")):
            continue
        with translation.override(profile.get_preferred_language()):
            message = {**context, "user": user}
            subject = " ".join(render_to_string(f"{template}_subject.txt", message).split())
            body = render_to_string(f"{template}.txt", message).strip()
        try:
            sent += bool(send_mail(subject, body, [user.email]))
        except Exception:  # as Wagtail's own notifications: a mail server that fails loses the email, not the action
            logger.exception("Could not email %s about %s", user.email, template)
    return sent
