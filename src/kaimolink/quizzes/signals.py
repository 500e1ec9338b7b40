"""The signal an app above sends nothing to and listens on: an attempt has ended.

    attempt_finished.send(sender=Attempt, attempt=attempt)

Sent once per attempt, when it ends: submitted in time and scored (`attempt.state ==
"submitted"`) or closed because its time ran out (`"expired"`, score 0, not passed). It is
sent inside the transaction that finishes the attempt, so what a receiver writes (an
accreditation for `attempt.passed`) commits or rolls back together with the result; a
receiver that sends mail should queue it with `transaction.on_commit`.
"""

from django.dispatch import Signal

attempt_finished = Signal()
