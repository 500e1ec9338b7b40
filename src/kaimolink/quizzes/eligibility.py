"""Who may take which quiz: checks registered by the apps above (a registry, not an import).

quizzes knows no app above it. An app that limits a quiz to some people (certification:
only the evaluators of a scheme) registers a check in its `AppConfig.ready()`:

    from kaimolink.quizzes import eligibility
    eligibility.register(evaluators_only)

A check is `check(quiz, person) -> bool | str`: True lets the person take the quiz (as far
as this check goes; return True for quizzes the app does not own), False refuses with a
general message, a string refuses with that reason (translated, for the person). With no
check registered every logged-in, active person may take every open quiz. The quiz page
and `services.attempt_start` both ask `refusal()`, so a refused person sees why and cannot
start by posting the form anyway.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

Check = Callable[[object, object], bool | str]

_checks: list[Check] = []


def register(check: Check) -> Check:
    """Add a check (once, however often the app is set up); usable as a decorator."""
    if check not in _checks:
        _checks.append(check)
    return check


def unregister(check: Check) -> None:
    """Take a check away (tests)."""
    if check in _checks:
        _checks.remove(check)


def refusal(quiz, person) -> str | None:
    """Why `person` may not take `quiz`, or None when every registered check lets them."""
    for check in _checks:
        answer = check(quiz, person)
        if answer is True:
            continue
        if isinstance(answer, str) and answer:
            return answer
        return _("This test is not meant for you.")
    return None
