from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionKind(models.TextChoices):
    """How a question is answered; each kind is worth one point (see scoring.py)."""

    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    NUMBER = "number", pgettext_lazy("kind of question", "Number")


class AttemptState(models.TextChoices):
    """An attempt is in progress until it is submitted in time or its time runs out.

    in_progress → submitted (answers accepted and scored) or → expired (no answers in time:
    scored 0, failed). Both end states are final (services.TRANSITIONS).
    """

    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Time ran out")
