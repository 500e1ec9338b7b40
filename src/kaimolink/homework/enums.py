from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REDO = "redo", _("To be redone")


# What a reviewer may set: a submission leaves "submitted" for one of these, once.
REVIEW_STATUSES = (SubmissionStatus.ACCEPTED, SubmissionStatus.REDO)
