"""The learning record's pages and downloads. The person's own record has no identifier in
its address (nobody can ask for someone else's); an actor's answers 404 to anyone who may
not see it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kaimolink.passport import bundle, entries, sections, selectors
from kaimolink.passport.pdf import record_pdf


def _private_download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # it names a person
    return response


def _person_name(user) -> str:
    return user.full_name or user.email


@login_required
@require_GET
def my_record(request):
    record = sections.person_record(request.user)
    return render(
        request,
        "passport/record.html",
        {
            "record": record,
            "holder": _person_name(request.user),
            "credentials_held": len(bundle.held_credentials(request.user)),
        },
    )


@login_required
@require_GET
def my_record_pdf(request):
    record = sections.person_record(request.user)
    body = record_pdf(record, heading=_("Learning record"), subject=_person_name(request.user))
    filename = f"learning-record-{timezone.localdate():%Y-%m-%d}.pdf"
    return _private_download(body, "application/pdf", filename)


@login_required
@require_GET
def my_credentials_zip(request):
    entries.certificate_credentials_issue(request.user)
    body = bundle.credentials_zip(request.user)
    filename = f"credentials-{timezone.localdate():%Y-%m-%d}.zip"
    return _private_download(body, "application/zip", filename)


def _actor(request, slug):
    actor = selectors.actor_for_record(user=request.user, slug=slug)
    if actor is None:
        raise Http404
    return actor


@login_required
@require_GET
def actor_record(request, slug):
    actor = _actor(request, slug)
    record = sections.actor_record(actor)
    return render(
        request,
        "passport/actor.html",
        {"actor": actor, "record": record, "people": sections.hours_by_person(record)},
    )


@login_required
@require_GET
def actor_record_pdf(request, slug):
    actor = _actor(request, slug)
    record = sections.actor_record(actor)
    body = record_pdf(record, heading=_("Learning record"), subject=actor.name, people=True)
    return _private_download(body, "application/pdf", f"learning-record-{actor.slug}.pdf")
