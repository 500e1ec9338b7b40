"""Reads of people: finding a person registered without an e-mail address again."""

from collections import defaultdict

from django.db.models import QuerySet

from kaimolink.accounts.models import User
from kaimolink.core.text import fold


def offline_people() -> QuerySet:
    """People an organiser registered without an e-mail address (they cannot log in)."""
    return User.objects.filter(email__isnull=True, is_staff=False, is_superuser=False)


def is_offline_person(person: User) -> bool:
    return person.email is None and not (person.is_staff or person.is_superuser)


def offline_person_find(*, full_name: str, phone: str) -> User | None:
    """The earliest person without e-mail with this phone (E.164) and this name, compared
    without case and accents ("Onutė Petraitienė" = "ONUTE PETRAITIENE"); None when
    `phone` is empty or nobody matches. One query: the phone narrows it to a few rows."""
    if not phone:
        return None
    name = fold(full_name)
    candidates = offline_people().filter(phone=phone).order_by("pk")
    return next((person for person in candidates if fold(person.full_name) == name), None)


def likely_duplicate_groups(people) -> list[list[User]]:
    """People who are probably one person: the same name without case and accents, and no
    two different phones among them. Groups of two or more, in the order of `people`."""
    by_name: dict[str, list[User]] = defaultdict(list)
    for person in people:
        by_name[fold(person.full_name)].append(person)
    groups = []
    for name, group in by_name.items():
        phones = {person.phone for person in group if person.phone}
        if name and len(group) > 1 and len(phones) <= 1:
            groups.append(group)
    return groups
