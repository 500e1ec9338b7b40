"""The withdrawal of an accreditation, from the list of accredited people
(accreditation_lag.html). `accreditation.accreditation_withdraw` lets administrators only
withdraw one, so the page is theirs: 404 for everyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kaimolink.certification import accreditation as accreditations
from kaimolink.certification.desk_forms import AccreditationWithdrawForm
from kaimolink.certification.models import Accreditation
from kaimolink.certification.services import CertificationError
from kaimolink.core.confirm import confirm_page, is_confirmed


@login_required
@require_http_methods(["GET", "POST"])
def accreditation_withdraw(request, pk):
    if not (request.user.is_active and request.user.is_superuser):
        raise Http404
    accreditation = get_object_or_404(
        Accreditation.objects.select_related("person", "scheme"), pk=pk, withdrawn_at__isnull=True
    )
    form = AccreditationWithdrawForm(request.POST if is_confirmed(request) else None)
    if form.is_bound and form.is_valid():
        try:
            accreditations.accreditation_withdraw(
                accreditation=accreditation, by=request.user, reason=form.cleaned_data["reason"]
            )
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The accreditation is withdrawn."))
            return redirect("certification:lag_accreditations")
    person = accreditation.person
    return confirm_page(
        request,
        title=_("Withdraw an accreditation"),
        question=_(
            "Withdraw the accreditation of %(person)s for %(scheme)s? It ends today and its "
            "credential is revoked; the person can no longer be assigned or assess."
        )
        % {"person": person.full_name or person.email, "scheme": accreditation.scheme.name},
        button_label=_("Withdraw the accreditation"),
        back_url=reverse("certification:lag_accreditations"),
        form=form,
        status=400 if form.is_bound else 200,
    )
