"""The homework section of the person's page (registered in HomeworkConfig.ready)."""

from django.utils import timezone

from kaimolink.homework.selectors import assignments_of_person


def build(user) -> dict:
    return {"assignments": assignments_of_person(person=user), "now": timezone.now()}
