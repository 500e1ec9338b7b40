"""The tests section of the person's page, "My tests" (registered in QuizzesConfig.ready):
the person's latest attempts, each with its test, when, the score, passed or not and the
link to its result; the full list is the "my tests" page (quizzes:mine)."""

from kaimolink.quizzes.selectors import attempts_of_person

SHOWN = 5


def build(user) -> dict:
    # One query whatever the history: one row more than shown tells whether there are more.
    attempts = list(attempts_of_person(user)[: SHOWN + 1])
    return {"attempts": attempts[:SHOWN], "more": len(attempts) > SHOWN}
