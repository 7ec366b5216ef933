"""Security headers Django does not set by itself.

Django 6 sets the Content-Security-Policy (``ContentSecurityPolicyMiddleware``,
``SECURE_CSP``), HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and
X-Frame-Options. Two things are left, written here because each is a few lines:

- the Wagtail admin's own, looser CSP (``PORTAL_ADMIN_CSP``): Wagtail's admin
  templates carry inline ``<script>`` blocks and ``style`` attributes without
  nonces, so under the public policy its editors would break. The swap uses
  the same response attribute Django's ``csp_override`` decorator sets, so
  Django's middleware still writes the header (and a view decorated with
  ``csp_override`` still wins). A preview in the admin's preview panel is
  rendered through the whole middleware chain by a dummy request for the
  page's public URL: it keeps the public policy, but may be framed by the
  admin ('self'), or the panel stays blank.
- the Permissions-Policy header (``PERMISSIONS_POLICY``). The
  django-permissions-policy package does the same for one static string; not
  worth a dependency.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.csp import CSP


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class AdminContentSecurityPolicyMiddleware:
    """Gives responses under the Wagtail admin (``/admin/``) the admin's CSP,
    and page previews (Wagtail's dummy requests) a public CSP the admin may frame.

    Must come after ``django.middleware.csp.ContentSecurityPolicyMiddleware``
    in MIDDLEWARE, so that it marks the response before Django's middleware
    writes the header."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefix is None:
            self.prefix = _admin_prefix()
        if hasattr(response, "_csp_config"):
            return response
        if getattr(request, "is_dummy", False):
            response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        elif request.path.startswith(self.prefix):
            response._csp_config = settings.PORTAL_ADMIN_CSP
        return response


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` from the PERMISSIONS_POLICY setting: a
    mapping of feature to allowed origins (an empty list: no one)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
