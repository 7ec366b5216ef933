"""Login throttling: django-axes for every password the portal checks.

The admin login (and Wagtail's front-end login) goes through Django's
``authenticate()``: axes' backend refuses a locked-out user and its signal
handler counts the failures, per user name and client address (settings,
"login protection").

Wagtail's password forms for private pages (PageViewRestriction) and private
document collections (CollectionViewRestriction) never call
``authenticate()``: the view compares the shared password itself and marks the
session, so axes never hears of a wrong guess and a short password could be
tried at full speed. ``PasswordFormThrottleMiddleware`` wraps those two views
and reports each wrong password to axes' own handler under a name no user can
have ("page-password #<restriction id>"): the same table, limit, cool-off,
per-address counting, reset on success and ``manage.py axes_reset`` apply, with
no second counter written here.
"""

import ipaddress
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_credentials
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views

# Spaces and "#" are not allowed in Django user names, so these never collide.
PAGE_PASSWORD = "page-password #{}"
DOCUMENT_PASSWORD = "document-password #{}"


def client_ip_address(request) -> str | None:
    """The client's address, as axes should count it (AXES_CLIENT_IP_CALLABLE).

    Without a proxy (TRUSTED_PROXY_COUNT = 0) it is REMOTE_ADDR and
    X-Forwarded-For is ignored: anyone can write that header. Behind N trusted
    proxies it is the N-th entry of X-Forwarded-For from the right, the address
    the outermost trusted proxy saw; entries further left are the client's own
    claims and are never used.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < count:
        return remote  # not through the proxy (a health check inside the container)
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


def lockout_ends_at(username: str | None, ip_address: str | None, cool_off):
    """When the lockout of (username, ip_address) is over at the latest: the
    last counted failure plus the cool-off (attempts refused during a lockout
    are not counted, AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False)."""
    attempts = AccessAttempt.objects.filter(username=username, ip_address=ip_address)
    last = attempts.aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The Spanish lockout page, 429 with Retry-After (AXES_LOCKOUT_CALLABLE)."""
    username = get_client_username(request, credentials) or ""
    ip_address = getattr(request, "axes_ip_address", None) or client_ip_address(request)
    ends_at = lockout_ends_at(username, ip_address, get_cool_off(request))
    seconds = max(1, math.ceil((ends_at - timezone.now()).total_seconds()))
    password_form = username.startswith((PAGE_PASSWORD.format(""), DOCUMENT_PASSWORD.format("")))
    back = request.POST.get("return_url", "") if password_form else ""
    if not url_has_allowed_host_and_scheme(back, request.get_host(), request.is_secure()):
        back = "/"
    context = {
        "password_form": password_form,
        "username": "" if password_form else username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "ends_at": timezone.localtime(ends_at),
        "minutes": math.ceil(seconds / 60),
        "back_url": back if password_form else "/admin/login/",
    }
    response = HttpResponse(render_to_string("429.html", context), status=429)
    response["Retry-After"] = str(seconds)
    return response


def _password_form_name(view_func, view_kwargs) -> str | None:
    """The name failures of this password form are counted under, or None for other views."""
    if view_func is page_views.authenticate_with_password:
        return PAGE_PASSWORD.format(view_kwargs["page_view_restriction_id"])
    if view_func is document_views.authenticate_with_password:
        return DOCUMENT_PASSWORD.format(view_kwargs["restriction_id"])
    return None


class PasswordFormThrottleMiddleware:
    """Counts wrong passwords on Wagtail's page and document password forms
    with axes (see the module docstring), per restriction and client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = _password_form_name(view_func, view_kwargs)
        if name is None or request.method != "POST" or not settings.AXES_ENABLED:
            return None
        credentials = get_credentials(name)
        if not AxesProxyHandler.is_allowed(request, credentials):
            # Refused before the password is even compared: a right guess is no use now.
            return lockout_response(request, None, credentials)
        response = view_func(request, *view_args, **view_kwargs)
        if response.status_code in (301, 302):  # the view redirects only on the right password
            if settings.AXES_RESET_ON_SUCCESS:
                AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address, username=name)
        elif response.status_code == 200:  # the form again, with "wrong password"
            AxesProxyHandler.user_login_failed(sender=__name__, credentials=credentials, request=request)
            if request.axes_locked_out:
                return lockout_response(request, None, credentials)
        return response
