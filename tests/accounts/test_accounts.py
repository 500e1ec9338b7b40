"""Sign-up with e-mail verification, log-in and password reset (django-allauth)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from kaimolink.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Saulėta-Diena-2026"


def link_in_last_mail() -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)


def test_sign_up_needs_e_mail_verification_before_log_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # allauth's e-mail: queued on commit
        response = client.post(
            "/lt/accounts/signup/",
            {"email": "Ona@Example.lt", "password1": PASSWORD, "password2": PASSWORD,
             "full_name": "  Ona   Onaitė "},
        )  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(email="ona@example.lt")
    assert user.full_name == "Ona Onaitė"
    assert not EmailAddress.objects.get(user=user).verified
    assert client.get("/lt/me/").status_code == 302  # not logged in yet

    client.get(link_in_last_mail())
    client.post(link_in_last_mail())
    assert EmailAddress.objects.get(user=user).verified

    client.post("/lt/accounts/login/", {"login": "ona@example.lt", "password": PASSWORD})
    assert client.get("/lt/me/").status_code == 200


def test_sign_up_with_bad_input_creates_nobody_and_keeps_the_name(client):
    response = client.post(
        "/lt/accounts/signup/",
        {"email": "ne-pastas", "password1": "123", "password2": "456", "full_name": "Jonas"},
    )
    assert response.status_code == 200  # allauth re-shows the form with the errors
    assert 'value="Jonas"' in response.text
    assert not User.objects.exists()


def test_password_reset_by_e_mail(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="jonas@example.lt")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):  # allauth's e-mail: queued on commit
        client.post("/lt/accounts/password/reset/", {"email": "jonas@example.lt"})
    assert mail.outbox[-1].to == ["jonas@example.lt"]

    # allauth moves the key from the link into the session and redirects to the form
    form_page = client.get(link_in_last_mail(), follow=True)
    form_url = form_page.redirect_chain[-1][0]
    client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_unknown_address_gets_no_reset_and_no_hint(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/lt/accounts/password/reset/", {"email": "niekas@example.lt"})
    assert response.status_code == 302  # same answer as for a known address
    assert not any("/password/reset/key/" in m.body for m in mail.outbox)
