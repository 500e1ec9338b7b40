from django.db import models
from django.utils.translation import gettext_lazy as _


class SlotMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    ONLINE = "online", _("Online")


class AnswerState(models.TextChoices):
    """The question list's filter: every question, or only those with / without an answer."""

    ALL = "", _("All questions")
    OPEN = "open", _("Not answered yet")
    ANSWERED = "answered", _("Answered")
