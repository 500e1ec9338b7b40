"""Certification test data: a published scheme with three criteria, the people of every
role, and applications brought to any state through the services themselves."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from kaimolink.actors.enums import MemberRole
from kaimolink.actors.models import ActorMembership
from kaimolink.certification import services
from kaimolink.certification.enums import ApplicationState, Outcome, Scoring
from kaimolink.certification.models import Application, Scheme
from kaimolink.certification.selectors import criteria_in_scope
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator

S = ApplicationState


def published_scheme(name: str = "Bendruomeninis verslas", code: str = "BV", months: int = 24):
    """A scheme whose version 1 is published: K1 (met, mandatory, renewal), K2 (points
    6 of 10, mandatory), K3 (met, optional, renewal)."""
    scheme = services.scheme_create(name=name, slug=code.lower(), code=code)
    version = services.version_create(scheme=scheme, rules_text="Taisyklės", validity_months=months)
    add_criteria(version)
    services.version_publish(version=version)
    return scheme


def add_criteria(version, *, prefix: str = "K"):
    services.criterion_add(
        version=version,
        code=f"{prefix}1",
        title="Bendruomenės nauda",
        requirement="Pelnas naudojamas bendruomenei.",
        evidence="Finansinė ataskaita.",
        used_in_renewal=True,
    )
    services.criterion_add(
        version=version,
        code=f"{prefix}2",
        title="Vietos darbo vietos",
        requirement="Įdarbinami vietos gyventojai.",
        evidence="Darbuotojų sąrašas.",
        scoring=Scoring.POINTS,
        max_points=10,
        threshold=6,
    )
    services.criterion_add(
        version=version,
        code=f"{prefix}3",
        title="Aplinka",
        requirement="Tausojama aplinka.",
        evidence="Aprašas.",
        mandatory=False,
        used_in_renewal=True,
    )


def accredit(person, scheme, *, days_from: int = -30, days_until: int = 365):
    today = timezone.localdate()
    return services.accreditation_grant(
        person=person,
        scheme=scheme,
        valid_from=today + datetime.timedelta(days=days_from),
        valid_until=today + datetime.timedelta(days=days_until),
        basis="Išlaikė akreditacijos testą.",
    )


@dataclass
class World:
    scheme: Scheme
    lag: object
    actor: object
    applicant: object
    coordinator: object
    second_coordinator: object
    evaluator: object
    second_evaluator: object
    admin: object
    stranger: object
    other_coordinator: object
    member_coordinator: object
    extra: dict = field(default_factory=dict)

    def persona(self, name: str):
        return getattr(self, name)


def make_world(lag=None, **scheme_kwargs) -> World:
    scheme = published_scheme(**scheme_kwargs)
    lag = lag or LagFactory()
    applicant = UserFactory(full_name="Ona Pareiškėja")
    actor = ActorFactory(lag=lag, owners=[applicant], name="Kaimo kepykla")
    evaluator, second_evaluator = UserFactory(full_name="Vertintoja"), UserFactory()
    accredit(evaluator, scheme)
    accredit(second_evaluator, scheme)
    member_coordinator = make_coordinator(lag)
    ActorMembership.objects.create(actor=actor, user=member_coordinator, role=MemberRole.EDITOR)
    return World(
        scheme=scheme,
        lag=lag,
        actor=actor,
        applicant=applicant,
        coordinator=make_coordinator(lag, full_name="Koordinatorė"),
        second_coordinator=make_coordinator(lag),
        evaluator=evaluator,
        second_evaluator=second_evaluator,
        admin=UserFactory(is_superuser=True, is_staff=True),
        stranger=UserFactory(),
        other_coordinator=make_coordinator(LagFactory()),
        member_coordinator=member_coordinator,
    )


def answer_all(application, by):
    answers = {
        c: {"text": f"Atsakymas {c.code}", "links": "https://example.lt/irodymas"}
        for c in criteria_in_scope(application)
    }
    return services.application_update(application=application, by=by, answers=answers)


def score_all(application, by, *, passing: bool = True):
    for criterion in criteria_in_scope(application):
        if criterion.scoring == Scoring.POINTS:
            services.assessment_score(
                application=application,
                by=by,
                criterion=criterion,
                points=8 if passing else 2,
            )
        else:
            services.assessment_score(
                application=application, by=by, criterion=criterion, met=passing
            )


# The path of services that leads to each state, from the one before it.
def application_in(world: World, state: str, *, actor=None, renews=None) -> Application:
    """An application of `world.actor` (or `actor`) brought to `state` by the services."""
    actor = actor or world.actor
    if renews is not None:
        application = services.renewal_start(licence=renews, by=world.applicant)
    else:
        application = services.application_create(
            actor=actor, scheme=world.scheme, by=world.applicant
        )
    answer_all(application, world.applicant)
    app = Application.objects.get(pk=application.pk)
    if state == S.DRAFT:
        return app
    if state == S.WITHDRAWN:
        return services.application_withdraw(application=app, by=world.applicant)
    app = services.application_submit(application=app, by=world.applicant)
    if state == S.SUBMITTED:
        return app
    if state == S.INCOMPLETE:
        return services.application_mark_incomplete(
            application=app, by=world.coordinator, reason="Trūksta ataskaitos."
        )
    app = services.application_mark_complete(application=app, by=world.coordinator)
    if state == S.COMPLETE:
        return app
    app = services.evaluator_assign(
        application=app, evaluator=world.evaluator, by=world.coordinator
    )
    if state == S.ASSIGNED:
        return app
    score_all(app, world.evaluator)
    app = Application.objects.get(pk=app.pk)
    if state == S.UNDER_ASSESSMENT:
        return app
    if state == S.EVIDENCE_REQUESTED:
        services.evidence_request(
            application=app, by=world.evaluator, question="Atsiųskite sutartį."
        )
        return Application.objects.get(pk=app.pk)
    app = services.assessment_submit(application=app, by=world.evaluator, summary="Atitinka.")
    if state == S.ASSESSED:
        return app
    outcome = Outcome(state)
    with_conditions = outcome == Outcome.APPROVED_WITH_CONDITIONS
    services.decision_take(
        application=app,
        by=world.coordinator,
        outcome=outcome,
        reasons="Kriterijai įvykdyti.",
        conditions="Per metus įdiegti apskaitą." if with_conditions else "",
    )
    return Application.objects.get(pk=app.pk)


def licensed(world: World, *, outcome: str = S.APPROVED):
    """An approved application's licence."""
    return application_in(world, outcome).licence


def licensed_actor(world: World, name: str):
    """The licence of another actor of the world's applicant, approved by the services."""
    actor = ActorFactory(lag=world.lag, owners=[world.applicant], name=name)
    return application_in(world, S.APPROVED, actor=actor).licence
