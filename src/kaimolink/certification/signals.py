"""Hooks for what comes after a licence changes, sent once the transaction commits.

- `licence_issued(licence)`: a licence was issued (the decision approved it). The Open
  Badges credential of the mark is to be issued here (the credentials app, issue 11 §6).
- `licence_status_changed(licence, action)`: suspended, reinstated, withdrawn or expired
  (`action` is an enums.Action value). The credential's status list entry is to follow
  (revoked on withdrawal, suspended while suspended).

Receivers connect in certification's AppConfig.ready (certification may import the
credentials app, which stands on a lower floor); none is connected yet.
"""

from django.db import transaction
from django.dispatch import Signal

licence_issued = Signal()
licence_status_changed = Signal()


def send_after_commit(signal: Signal, licence, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=type(licence), licence=licence, **kwargs))
