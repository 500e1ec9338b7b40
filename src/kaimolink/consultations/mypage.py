"""The consultations section of the person's page (registered in ConsultationsConfig.ready)."""

from kaimolink.consultations.selectors import bookings_of

PAST_SHOWN = 5


def build(user) -> dict:
    upcoming, other = bookings_of(user)
    return {"upcoming": upcoming, "past": other[:PAST_SHOWN], "more_past": len(other) > PAST_SHOWN}
