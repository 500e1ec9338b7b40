from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hidden")
    UNHIDE = "unhide", _("Shown again")
    LOCK = "lock", _("Locked")
    UNLOCK = "unlock", _("Unlocked")
    MOVE = "move", _("Moved to another theme")


# Which actions apply to what: a reply can only be hidden or shown again.
TOPIC_ACTIONS = {
    ModerationAction.HIDE,
    ModerationAction.UNHIDE,
    ModerationAction.LOCK,
    ModerationAction.UNLOCK,
    ModerationAction.MOVE,
}
REPLY_ACTIONS = {ModerationAction.HIDE, ModerationAction.UNHIDE}
