"""A person's tourism enquiries, for the GDPR export and erasure.

Export: the enquiries the person sent (service, dates, party size, contacts, state).
Erasure: the enquiries stay with the provider (their booking records) without the person:
the account link, name, phone, e-mail and note are emptied.
"""

from django.db import transaction

from kaimolink.tourism.models import Enquiry


def personal_data(user) -> dict:
    return {
        "tourism_enquiries": [
            {
                "service": e.service.name,
                "state": e.state,
                "sent_at": e.created_at.isoformat(),
                "date_from": e.date_from.isoformat(),
                "date_to": e.date_to.isoformat(),
                "party_size": e.party_size,
                "name": e.visitor_name,
                "phone": e.visitor_phone,
                "email": e.visitor_email,
                "note": e.note,
            }
            for e in Enquiry.objects.filter(visitor=user)
            .select_related("service")
            .order_by("created_at", "id")
        ]
    }


@transaction.atomic
def erase(user) -> None:
    Enquiry.objects.filter(visitor=user).update(
        visitor=None, visitor_name="", visitor_phone="", visitor_email="", note=""
    )
