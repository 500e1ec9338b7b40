"""Who may do what in discussions. Views and services ask these.

Moderation rule: a topic may belong to a LAG (the LAG of the actor the author wrote for,
or the one the author chose). The coordinators of that LAG moderate the topic and its
replies. A topic without a LAG is moderated by the coordinators of any LAG. Platform
administrators moderate everything. Reports of a post go to the topic's LAG (or, without
one, to the administrators: see moderation.services.report_create).
"""

import rules


@rules.predicate
def is_platform_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_topic_coordinator(user, topic):
    if not (user and user.is_authenticated and topic is not None):
        return False
    lags = user.coordinated_lag_ids()
    return topic.lag_id in lags if topic.lag_id else bool(lags)


@rules.predicate
def is_topic_author(user, topic):
    return bool(user and user.is_authenticated and topic.author_id == user.pk)


@rules.predicate
def is_coordinator(user):
    return bool(user and user.is_authenticated and user.coordinated_lag_ids())


can_moderate_topic = is_platform_admin | is_topic_coordinator

rules.add_perm("discussions.moderate_topic", can_moderate_topic)
# The log page lists what this person may moderate.
rules.add_perm("discussions.view_moderation_log", is_platform_admin | is_coordinator)
