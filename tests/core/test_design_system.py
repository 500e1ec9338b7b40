"""The design system's form pieces: field template, error summary, confirm page, empty state."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


class _SignUpLikeForm(forms.Form):
    name = forms.CharField(label="Pavadinimas", error_messages={"required": "Įrašykite pavadinimą"})
    email = forms.EmailField(label="El. paštas", help_text="Jo niekam nerodome.")
    password = forms.CharField(label="Slaptažodis", widget=forms.PasswordInput)
    agree = forms.BooleanField(
        label="Sutinku", error_messages={"required": "Pažymėkite, kad sutinkate"}
    )


def _render(form):
    with translation.override("lt"):
        summary = render_to_string("core/_error_summary.html", {"form": form})
        fields = "".join(str(field.as_field_group()) for field in form)
    return summary, fields


def test_error_summary_links_each_message_to_its_field():
    form = _SignUpLikeForm(data={"email": "ne-adresas", "password": "x"})
    assert not form.is_valid()

    summary, _ = _render(form)

    links = re.findall(r'<a href="#(id_\w+)">([^<]+)</a>', summary)
    assert ("id_name", "Įrašykite pavadinimą") in links
    assert ("id_agree", "Pažymėkite, kad sutinkate") in links
    assert [target for target, _ in links] == ["id_name", "id_email", "id_agree"]
    assert "Ištaisykite klaidas" in summary
    assert 'role="alert"' in summary


def test_error_summary_is_empty_for_an_unbound_or_valid_form():
    assert _render(_SignUpLikeForm())[0].strip() == ""
    valid = _SignUpLikeForm(
        data={"name": "Liepa", "email": "a@b.lt", "password": "x", "agree": "on"}
    )
    assert valid.is_valid()
    assert _render(valid)[0].strip() == ""


def test_field_shows_its_error_above_the_widget_and_keeps_the_typed_value():
    form = _SignUpLikeForm(data={"name": "", "email": "ne-adresas", "password": "slaptas"})
    form.is_valid()

    _, fields = _render(form)

    email_group = fields[fields.index('id="id_email-group"') :]
    email_group = email_group[: email_group.index('<div class="field', 1)]  # up to the next field
    assert email_group.index("id_email_error") < email_group.index("<input")
    assert 'value="ne-adresas"' in email_group
    assert 'aria-invalid="true"' in email_group
    described_by = re.search(r'aria-describedby="([^"]+)"', email_group).group(1).split()
    assert set(described_by) == {"id_email_helptext", "id_email_error"}
    assert "field--error" in fields


def test_password_field_says_it_is_not_kept_after_an_error():
    form = _SignUpLikeForm(data={"name": "", "email": "a@b.lt", "password": "slaptas"})
    form.is_valid()

    _, fields = _render(form)

    password_group = fields[fields.index('id="id_password-group"') :]
    password_group = password_group[: password_group.index("</div>")]
    assert "slaptas" not in password_group
    assert "įrašykite jį dar kartą" in password_group
    assert "id_password_again" in re.search(r'aria-describedby="([^"]+)"', password_group).group(1)


def test_password_field_has_no_note_before_the_first_submit():
    _, fields = _render(_SignUpLikeForm())
    assert "dar kartą" not in fields


def test_checkbox_label_follows_the_box():
    _, fields = _render(_SignUpLikeForm())
    agree = fields[fields.index('id="id_agree-group"') :]
    assert agree.index('type="checkbox"') < agree.index('<label for="id_agree">')


@pytest.mark.django_db
def test_confirm_page_posts_only_from_its_own_form():
    request = RequestFactory().get("/lt/x/")
    with translation.override("lt"):
        html = render_to_string(
            "core/confirm.html",
            {
                "title": "Atšaukti registraciją?",
                "question": "Ar tikrai atšaukti?",
                "details": ["Vieta atiteks kitam."],
                "action_url": "/lt/events/x/cancel/",
                "button_label": "Taip, atšaukti",
                "back_url": "/lt/events/x/",
                "hidden": {"registration": "7"},
            },
            request=request,
        )
    form = html[html.index('<form method="post" action="/lt/events/x/cancel/"') :]
    assert 'name="confirmed" value="1"' in form
    assert 'name="registration" value="7"' in form
    assert 'class="button button--warning">Taip, atšaukti' in form
    assert 'href="/lt/events/x/">Ne, grįžti atgal' in form
    assert "Vieta atiteks kitam." in html


def test_empty_state_lists_advice():
    html = render_to_string("core/_empty.html", {"title": "Nieko nerasta", "advice": ["A", "B"]})
    assert "<h2>Nieko nerasta</h2>" in html
    assert html.count("<li>") == 2
