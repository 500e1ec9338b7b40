"""What a notification is about. Each kind has its own e-mail choice per person."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MESSAGE = "message", _("New messages in conversations of my actors")
    CONTACT_REQUEST = "contact_request", _("Contact requests to my actors")
    PARTNERSHIP_MATCH = "partnership_match", _("New requests and offers that suit my actors")
    DISCUSSION_REPLY = "discussion_reply", _("Replies in discussions I follow")
    MENTION = "mention", _("Mentions of my actors")
    CONSULTATION_QUESTION = "consultation_question", _("New questions for consultants")
    CONSULTATION_ANSWER = "consultation_answer", _("Answers to my questions")
    BOOKING = "booking", _("Bookings of consultation times")
    BOOKING_REMINDER = "booking_reminder", _("Reminders of booked consultations")
    MODERATION = "moderation", _("Moderation of what I wrote, and reports to handle")
    CERTIFICATE = "certificate", _("Changes to my certificates")
    CERTIFICATION = "certification", _("Certification applications, assessments and marks")
    ORDER = "order", _("Order requests: new ones to my actors, and changes to mine")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DAILY = "daily", _("Daily digest")
    NEVER = "never", _("Only in the platform")


# What a person gets before choosing: at once for what is addressed to them personally,
# a digest for what only might interest them.
DEFAULT_DELIVERY = {
    Kind.PARTNERSHIP_MATCH: Delivery.DAILY,
    Kind.CONSULTATION_QUESTION: Delivery.DAILY,
    Kind.DISCUSSION_REPLY: Delivery.DAILY,
}


def default_delivery(kind: str) -> str:
    return DEFAULT_DELIVERY.get(kind, Delivery.IMMEDIATE)
