"""The audit trail cannot be edited or deleted, in code or in the admin; the admin shows
published versions, applications and licences read-only."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from kaimolink.certification.enums import ApplicationState
from kaimolink.certification.models import Application, AuditEntry, Licence, SchemeVersion
from tests.certification.factories import application_in, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_an_audit_entry_cannot_be_changed_or_deleted(world):
    application = application_in(world, ApplicationState.SUBMITTED)
    entry = AuditEntry.objects.filter(application=application).last()
    entry.note = "Pakeista"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(note="Pakeista")
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.note == "" and entry.action == "submit"


def test_the_admin_shows_the_process_read_only(world):
    application = application_in(world, ApplicationState.APPROVED)
    request = RequestFactory().get("/")
    request.user = world.admin
    for model, obj in (
        (Application, application),
        (Licence, application.licence),
        (AuditEntry, AuditEntry.objects.first()),
        (SchemeVersion, application.version),
    ):
        model_admin = site._registry[model]
        assert not model_admin.has_change_permission(request, obj), model
        assert not model_admin.has_delete_permission(request, obj), model
    assert site._registry[Application].has_view_permission(request, application)


def test_a_coordinator_sees_only_their_lags_applications_in_the_admin(world):
    application = application_in(world, ApplicationState.SUBMITTED)
    request = RequestFactory().get("/")
    model_admin = site._registry[Application]
    request.user = world.coordinator
    assert list(model_admin.get_queryset(request)) == [application]
    request.user = world.other_coordinator
    assert list(model_admin.get_queryset(request)) == []
