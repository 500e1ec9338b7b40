"""The "my actors" section of the person's page (registered in ActorsConfig.ready)."""

from kaimolink.actors.selectors import memberships_of


def build(user) -> dict:
    return {"memberships": memberships_of(user=user)}
