"""schema.org JSON-LD of tourism pages, so search engines show them.

LodgingBusiness for accommodation, FoodEstablishment for food, Event for events for
visitors, TouristAttraction for heritage sites and experiences, TouristTrip with its
stops for routes; an Offer where a price is given. `script_tag` writes the block with
`<`, `>` and `&` escaped as JSON escapes (as Django's json_script does), so no text of
a service can close the script element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from kaimolink.core.links import absolute
from kaimolink.tourism.enums import ServiceKind

TYPES = {
    ServiceKind.ACCOMMODATION: "LodgingBusiness",
    ServiceKind.FOOD: "FoodEstablishment",
    ServiceKind.EXPERIENCE: "TouristAttraction",
    ServiceKind.ROUTE: "TouristTrip",
    ServiceKind.HERITAGE: "TouristAttraction",
    ServiceKind.EVENT: "Event",
}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_tag(data) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _geo(lat, lon) -> dict:
    return {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}


def _place(service) -> dict:
    place = {"@type": "Place", "name": service.name, "geo": _geo(service.lat, service.lon)}
    if service.address or service.settlement_id:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": service.address,
            "addressLocality": service.settlement.name if service.settlement_id else "",
            "addressCountry": "LT",
        }
    return place


def service_data(service) -> dict:
    url = absolute(service.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": TYPES.get(service.kind, "TouristAttraction"),
        "name": service.name,
        "description": service.description,
        "url": url,
    }
    photos = list(service.photos.all())
    if photos:
        data["image"] = [absolute(p.large.url) for p in photos]
    if service.kind == ServiceKind.EVENT:
        data["startDate"] = service.starts_at
        if service.ends_at:
            data["endDate"] = service.ends_at
        data["location"] = _place(service)
        data["organizer"] = {"@type": "Organization", "name": service.actor.name}
    elif service.kind == ServiceKind.ROUTE:
        data["provider"] = {"@type": "Organization", "name": service.actor.name}
        data["itinerary"] = {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": n,
                    "item": {"@type": "Place", "name": s.name, "geo": _geo(s.lat, s.lon)},
                }
                for n, s in enumerate(service.stops.all(), start=1)
            ],
        }
    else:
        place = _place(service)
        data["geo"] = place["geo"]
        if "address" in place:
            data["address"] = place["address"]
        if service.opening_hours:
            data["openingHours"] = service.opening_hours
    if service.languages:
        data["availableLanguage"] = list(service.languages)
    if service.accessibility:
        data["accessibilitySummary"] = service.accessibility
    if service.kind == ServiceKind.ACCOMMODATION and service.capacity:
        data["occupancy"] = {"@type": "QuantitativeValue", "maxValue": service.capacity}
    elif service.kind == ServiceKind.EVENT and service.capacity:
        data["maximumAttendeeCapacity"] = service.capacity
    if service.price is not None:
        offer = {
            "@type": "Offer",
            "price": str(service.price),
            "priceCurrency": "EUR",
            "url": url,
        }
        if service.price_text:
            offer["description"] = service.price_text
        data["offers"] = offer
    return data


def list_data(services, *, url: str) -> dict:
    """The list page: an ItemList of the services shown."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "url": absolute(url),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "url": absolute(s.get_absolute_url()),
                "name": s.name,
            }
            for n, s in enumerate(services, start=1)
        ],
    }


def web_page(*, name: str, url: str) -> dict:
    """Pages of one person (an enquiry, the provider's lists): a plain WebPage."""
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": name,
        "url": absolute(url),
    }
