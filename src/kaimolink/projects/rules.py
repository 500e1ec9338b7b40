"""Who may do what with a cooperation project or agreement. Views, admin and API ask these."""

import rules

from kaimolink.projects.enums import ProjectStatus


@rules.predicate
def is_platform_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_published(user, project):
    return project is not None and project.status == ProjectStatus.PUBLISHED


@rules.predicate
def is_coordinator_of_project(user, project):
    """A coordinator of the lead LAG or of a partner LAG (reads the partner rows)."""
    if not (user and user.is_authenticated and project is not None and project.pk):
        return False
    own = user.coordinated_lag_ids()
    if not own:
        return False
    return bool(project_lag_ids(project) & own)


@rules.predicate
def is_coordinator_of_agreement(user, agreement):
    return bool(
        user and user.is_authenticated and agreement is not None
        and agreement.lag_id in user.coordinated_lag_ids()
    )  # fmt: skip


def project_lag_ids(project) -> set[int]:
    """Ids of the platform LAGs that lead or partner the project (uses a prefetch if any)."""
    return {p.lag_id for p in project.partners.all() if p.lag_id is not None}


can_manage_project = is_platform_admin | is_coordinator_of_project
can_view_project = is_published | can_manage_project
can_manage_agreement = is_platform_admin | is_coordinator_of_agreement

rules.add_perm("projects.view_project_page", can_view_project)
rules.add_perm("projects.manage_project", can_manage_project)
rules.add_perm("projects.manage_agreement", can_manage_agreement)
