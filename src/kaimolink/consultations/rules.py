"""Who may see and do what in consultations. Views, selectors and services ask these.

Answers come from the consultants (User.is_consultant) and the LAG experts: the
coordinators of a LAG (any LAG for public questions; for a private question only those who
may read it, i.e. of the LAG of the actor it was asked for). Platform administrators may
do both. Other members ask and discuss in `discussions`, they do not answer here.
"""

import rules

from kaimolink.actors.models import ActorMembership


@rules.predicate
def is_platform_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_consultant(user):
    return bool(user and user.is_authenticated and user.is_consultant)


@rules.predicate
def is_coordinator(user):
    return bool(user and user.is_authenticated and user.coordinated_lag_ids())


@rules.predicate
def is_public_question(user, question):
    return bool(question.is_public)


@rules.predicate
def is_asker(user, question):
    return bool(user and user.is_authenticated and question.author_id == user.pk)


@rules.predicate
def is_member_of_question_actor(user, question):
    if not (user and user.is_authenticated and question.actor_id):
        return False
    return ActorMembership.objects.filter(actor_id=question.actor_id, user=user).exists()


@rules.predicate
def is_coordinator_of_question_lag(user, question):
    if not (user and user.is_authenticated and question.actor_id):
        return False
    return question.actor.lag_id in user.coordinated_lag_ids()


@rules.predicate
def is_slot_consultant(user, slot):
    return bool(user and user.is_authenticated and slot.consultant_id == user.pk)


@rules.predicate
def is_booker(user, booking):
    return bool(user and user.is_authenticated and booking.person_id == user.pk)


@rules.predicate
def is_consultant_of_booking(user, booking):
    return bool(user and user.is_authenticated and booking.slot.consultant_id == user.pk)


can_view_question = (
    is_public_question
    | is_asker
    | is_consultant
    | is_platform_admin
    | is_coordinator_of_question_lag
    | is_member_of_question_actor
)
is_expert = is_consultant | is_coordinator | is_platform_admin
can_answer_question = is_expert & can_view_question
can_accept_answer = is_asker

rules.add_perm("consultations.view_question", can_view_question)
rules.add_perm("consultations.answer_question", can_answer_question)
rules.add_perm("consultations.accept_answer", can_accept_answer)
rules.add_perm("consultations.publish_slots", is_consultant)
rules.add_perm("consultations.manage_slot", is_slot_consultant)
rules.add_perm("consultations.view_booking", is_booker | is_consultant_of_booking)
