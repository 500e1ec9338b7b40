"""The events section of the person's page (registered in EventsConfig.ready)."""

from kaimolink.events.selectors import registrations_of_person


def build(user) -> dict:
    registrations = registrations_of_person(person=user)
    return {
        "upcoming": registrations.upcoming,
        "past": registrations.past,
        "more_past": registrations.more_past,
    }
