import datetime
import json

import jwt as pyjwt
import pytest
from django.utils import timezone

from kaimolink.credentials.services import Achievement, credential_issue

ACHIEVEMENT = Achievement(
    id="https://example.org/lt/events/mokymai/",
    name="Kaimo turizmo mokymai",
    description="Dalyvavo 8 val. mokymuose.",
    criteria="Dalyvauti mokymuose.",
    achievement_type="Certificate",
)


def issue(source="tests.thing:1", **kwargs):
    fields = {
        "source": source,
        "subject_name": "Ona Žemaitė",
        "subject_identifier": "ona@example.org",
        "achievement": ACHIEVEMENT,
        "valid_from": timezone.now() - datetime.timedelta(days=1),
    }
    fields.update(kwargs)
    return credential_issue(**fields)


def served_keys(client) -> dict:
    """{kid: public key} from the JWKS the site serves, read with PyJWT's own JWK code."""
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    return {k["kid"]: pyjwt.PyJWK(k).key for k in json.loads(response.content)["keys"]}


def verify(client, token: str, **options) -> dict:
    """Verify a compact JWT with PyJWT (not jwcrypto, which signed it) and the served JWKS."""
    header = pyjwt.get_unverified_header(token)
    key = served_keys(client)[header["kid"]]
    return pyjwt.decode(token, key, algorithms=["EdDSA"], options={"verify_aud": False, **options})


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://kaimolink.example:8443"
    return settings
