"""Security headers the project adds to every response, and the client address for sign-in throttling."""

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: the strict public one, and a looser
    one for the Wagtail admin, whose pages carry inline scripts and styles.

    frame-ancestors follows the response's X-Frame-Options, so the two headers never
    disagree: 'self' where a view allowed SAMEORIGIN (Wagtail's preview, shown in the
    editor's iframe), 'none' everywhere else.
    """

    def process_response(self, request, response):
        # Wagtail's preview renders the page through the middleware again with a stand-in
        # request for the page's public URL. The policy belongs on the outer admin response
        # only, which Wagtail marks SAMEORIGIN after this inner pass has run.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            parts.config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY)
        return self._with_frame_ancestors(parts, response)

    def _with_frame_ancestors(self, parts: PolicyParts, response):
        frame_ancestors = [SELF] if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" else [NONE]
        parts.replace = {**(parts.replace or {}), "frame-ancestors": frame_ancestors}
        return parts


class PermissionsPolicyMiddleware:
    """Sends a Permissions-Policy header from settings.PERMISSIONS_POLICY (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def permissions_policy(features):
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


def client_ip(request):
    """The sign-in client's address for django-axes.

    Behind TRUSTED_PROXY_COUNT proxies, each of which appends the address it saw to
    X-Forwarded-For, the client is that many entries from the right; anything further
    left was written by the client and could be forged. With no proxy, REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
