"""The learning record's part of the person's page (registered in PassportConfig.ready):
links to the record, its PDF and credentials, and to the records of the person's actors.
One query, whatever the person's history (the record itself is built on its own page)."""

from kaimolink.passport.selectors import actors_with_records


def build(user) -> dict:
    return {"record_actors": actors_with_records(user=user)}
