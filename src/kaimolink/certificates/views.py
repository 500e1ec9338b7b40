from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.certificates import selectors, services
from kaimolink.certificates.forms import RevokeForm, VerifyForm
from kaimolink.certificates.pdf import certificate_pdf as render_certificate_pdf
from kaimolink.certification.public_selectors import (
    accreditation_for_verification,
    licence_for_verification,
)
from kaimolink.core import ratelimit
from kaimolink.core.clientip import client_ip
from kaimolink.core.pagecache import cache_public_page
from kaimolink.credentials.images import badge_png
from kaimolink.credentials.views import baked_png_response
from kaimolink.events.views import get_followed_event

# Lookups one address may make in VERIFY_WINDOW seconds (answers from the page cache do
# not count): plenty for a LAG checking a pile of certificates, far too few to find
# certificates by trying printed codes at random.
VERIFY_LIMIT = 60
VERIFY_WINDOW = 10 * 60


@require_GET
@cache_public_page
def verify(request, code=None):
    """The one public page that says whether something kaimolink certified is genuine.

    /verify/<code>/ is the link printed on the paper and in its QR code; /verify/ is a GET
    form (cacheable, no JavaScript) for what a person types from the paper, answered on
    the same page: genuine, revoked, or not found (404, with the form and what was typed).
    The page shows only what the certificate itself states.
    """
    if code is None:
        code = request.GET.get("code")
    form = VerifyForm(None if code is None else {"code": code})
    context = {"form": form, "verified": None, "not_found": False}
    if not form.is_bound:
        return render(request, "certificates/verify.html", context)
    if not form.is_valid():
        return render(request, "certificates/verify.html", context, status=400)
    if not ratelimit.hit(f"verify:{client_ip(request)}", limit=VERIFY_LIMIT, seconds=VERIFY_WINDOW):
        context["too_many"] = True
        return render(request, "certificates/verify.html", context, status=429)
    verified = selectors.verify_code(form.cleaned_data["code"])
    # A licence of the community-business mark: its number or printed code.
    licence = None if verified else licence_for_verification(form.cleaned_data["code"])
    # An accreditation (of an evaluator or a LAG's staff): the code on its certificate.
    accreditation = None
    if verified is None and licence is None:
        accreditation = accreditation_for_verification(form.cleaned_data["code"])
    if verified is None and licence is None and accreditation is None:
        context["not_found"] = True
        return render(request, "certificates/verify.html", context, status=404)
    # Found: the form below the result starts empty, for the next certificate.
    context.update(
        verified=verified, licence=licence, accreditation=accreditation, form=VerifyForm()
    )
    return render(request, "certificates/verify.html", context)


@login_required
@require_GET
def certificate_pdf(request, code):
    certificate = selectors.certificate_for_download(user=request.user, code=code)
    if certificate is None:
        raise Http404
    response = HttpResponse(render_certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificate_badge(request, code, fmt):
    """The certificate as an Open Badges 3.0 verifiable credential, for whoever may download
    its PDF: a badge picture with the credential baked in (png), or the credential itself
    (jwt, json: the credentials app's public downloads). Made here on first download for
    certificates issued before credentials existed."""
    certificate = selectors.certificate_for_download(user=request.user, code=code)
    if certificate is None or fmt not in ("png", "jwt", "json"):
        raise Http404
    credential = services.certificate_credential(certificate=certificate)
    if credential.erased_at is not None:  # the holder erased their account
        raise Http404
    if fmt == "png":
        picture = badge_png(certificate.title, _("%(hours)s hours") % {"hours": certificate.hours})
        return baked_png_response(picture, credential, filename=f"{certificate.number}.png")
    return redirect(reverse(f"credentials:{fmt}", kwargs={"uuid": credential.uuid}))


@login_required
@require_POST
def issue_for_event(request, slug):
    event = get_followed_event(request.user, slug)
    try:
        counts = services.certificates_issue_for_event(event=event, by=request.user)
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Certificates issued: %(issued)d new, %(existing)d already issued, "
                "%(refused)d not eligible."
            )
            % {"issued": counts.issued, "existing": counts.existing, "refused": counts.refused},
        )
    return redirect("certificates:event", slug=event.slug)


@login_required
@require_GET
def event_certificates(request, slug):
    """The certificates issued for an event, for its organisers and trainer: each with its
    PDF, its public verification page and, while valid, the link to revoke it."""
    event = get_followed_event(request.user, slug)
    certificates = selectors.certificates_of_event(event=event)
    context = {
        "event": event,
        "certificates": certificates,
        "revoked": sum(1 for c in certificates if c.is_revoked),
    }
    return render(request, "certificates/event.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    """Revoke one certificate, with a reason; 404 for anyone who may not (as for a
    certificate that does not exist)."""
    certificate = selectors.certificate_for_revoking(user=request.user, pk=pk)
    if certificate is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.certificate_revoke(
                    certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
                )
            except services.CertificateError as exc:
                form.add_error(None, str(exc))
                status = 409
                certificate.refresh_from_db(fields=["revoked_at", "revoke_reason"])
            else:
                messages.success(
                    request,
                    _("Certificate %(number)s is revoked: its verification page now says so.")
                    % {"number": certificate.number},
                )
                return redirect("certificates:event", slug=certificate.event.slug)
    context = {"certificate": certificate, "event": certificate.event, "form": form}
    return render(request, "certificates/revoke.html", context, status=status)
