"""One way for the certification pages (the desk's, the evaluator's) to run a step: a valid
form (or none) → the service → a message and a redirect; bad input or a refusal → the page
again (400) with the form's errors, nothing changed."""

from django.contrib import messages
from django.shortcuts import redirect

from kaimolink.certification.workflow import CertificationError


def form_action(request, *, form, run, done, success_url, again):
    """`run(cleaned_data)` calls the service; `again(form or None)` renders the page."""
    if form is None or form.is_valid():
        try:
            run(form.cleaned_data if form is not None else {})
        except CertificationError as exc:
            if form is None:
                messages.error(request, str(exc))
                return again(None)
            form.add_error(None, str(exc))
        else:
            messages.success(request, str(done))
            return redirect(success_url)
    return again(form)
