"""`{% my_certificate event as certificate %}`: the signed-in person's certificate, if any.

A tag rather than a context variable so the event page needs no knowledge of this app.
"""

from django import template

from kaimolink.certificates.models import Certificate

register = template.Library()


@register.simple_tag(takes_context=True)
def my_certificate(context, event):
    user = context["request"].user
    if not user.is_authenticated:
        return None
    return Certificate.objects.filter(event=event, person=user, revoked_at__isnull=True).first()
