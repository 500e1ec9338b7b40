"""The holders' pages that join certification to the marks and credentials:

- a licence's mark download (the actor's members only): the mark with the licence number,
  SVG and PNG in each variant, the credential (JWT, JSON) and the mark baked with it;
- "My accreditations" and the certificate of accreditation (PDF), the person's own;
- the accredited people of a coordinator's LAG (administrators: everyone).

Other people's objects answer 404; a licence not in force answers 410 with the reason.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from kaimolink.certification import accreditation as accreditations
from kaimolink.certification import mark, rules
from kaimolink.certification.credentials_link import licence_credential
from kaimolink.certification.enums import Standing
from kaimolink.certification.mark_views import mark_download_response
from kaimolink.certification.models import Licence
from kaimolink.certification.pdf import accreditation_pdf
from kaimolink.credentials.views import baked_png_response, baked_svg_response

PAGE_SIZE = 50


def _licence_of_member(user, pk) -> Licence:
    """The licence, for a member of its holder; 404 for everyone else."""
    licence = Licence.objects.select_related("actor", "scheme", "version").filter(pk=pk).first()
    if licence is None or not rules.is_member_of_actor(user, licence.actor_id):
        raise Http404
    return licence


def _refused(request, licence: Licence, standing: str):
    context = {"licence": licence, "standing": Standing(standing)}
    return render(request, "certification/holder_mark_refused.html", context, status=410)


@login_required
@require_GET
def licence_mark(request, pk):
    """The holder's page: the mark's files with the licence number, and its credential."""
    licence = _licence_of_member(request.user, pk)
    standing = licence.standing()
    if standing != Standing.VALID:
        return _refused(request, licence, standing)
    context = {
        "licence": licence,
        "variants": [(key, variant) for key, variant in mark.VARIANTS.items()],
        "credential": licence_credential(licence),
        "sizes": mark.PNG_SIZES,
    }
    return render(request, "certification/holder_mark.html", context)


def _in_force(request, pk) -> Licence:
    licence = _licence_of_member(request.user, pk)
    if licence.standing() != Standing.VALID:
        raise Http404
    return licence


@login_required
@require_GET
def licence_mark_file(request, pk, variant, fmt):
    licence = _in_force(request, pk)
    if variant not in mark.VARIANTS:
        raise Http404
    try:
        size = int(request.GET.get("size", 1024))
    except ValueError:
        raise Http404 from None
    return mark_download_response(
        number=licence.number, variant=variant, fmt=fmt, language=get_language(), size_px=size
    )


@login_required
@require_GET
def licence_mark_baked(request, pk, variant, fmt):
    """The mark with the licence number and the credential baked in (OB 3.0 Baked Badge)."""
    licence = _in_force(request, pk)
    credential = licence_credential(licence)
    if credential is None or variant not in mark.VARIANTS:
        raise Http404
    language = get_language()
    filename = mark.mark_filename(
        number=licence.number, variant=variant, fmt=fmt, language=language
    ).replace(f".{fmt}", f"-credential.{fmt}")
    if fmt == "png":
        png = mark.mark_png(number=licence.number, variant=variant, language=language)
        return baked_png_response(png, credential, filename)
    if fmt == "svg":
        svg = mark.mark_svg(number=licence.number, variant=variant, language=language)
        return baked_svg_response(svg, credential, filename)
    raise Http404


# --- Accreditations ----------------------------------------------------------------------


@login_required
@require_GET
def my_accreditations(request):
    items = accreditations.accreditations_of_person(person=request.user)
    today = timezone.localdate()
    rows = [{"accreditation": a, "valid": a.is_valid_on(today)} for a in items]
    return render(request, "certification/accreditation_mine.html", {"rows": rows})


@login_required
@require_GET
def accreditation_certificate(request, pk):
    """The certificate of accreditation (PDF): the person's own, or any for administrators."""
    accreditation = accreditations.accreditation_for_user(request.user, pk)
    response = HttpResponse(accreditation_pdf(accreditation), content_type="application/pdf")
    filename = f"akreditacija-{accreditation.short_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def lag_accreditations(request):
    """Who in the coordinator's LAGs is accredited and until when (administrators: all)."""
    user = request.user
    if user.is_active and user.is_superuser:
        lag_ids = None
    else:
        lag_ids = user.coordinated_lag_ids()
        if not lag_ids:
            raise Http404
    standing = request.GET.get("standing", "")
    if standing not in (accreditations.STANDING_VALID, accreditations.STANDING_EXPIRED):
        standing = ""
    qs = accreditations.accreditations_of_lags(lag_ids=lag_ids, standing=standing)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"accreditation": a, "valid": a.is_valid_on(today)} for a in page]
    context = {
        "page": page,
        "rows": rows,
        "standing": standing,
        "querystring": urlencode({"standing": standing}) if standing else "",
        "filters": [
            ("", reverse("certification:lag_accreditations")),
            (accreditations.STANDING_VALID, "?standing=valid"),
            (accreditations.STANDING_EXPIRED, "?standing=expired"),
        ],
    }
    return render(request, "certification/accreditation_lag.html", context)
