import pytest

from tests.messaging.factories import actor_with_member


@pytest.fixture
def pair(db):
    """Two published actors, each with one member, with private contacts on the profiles."""
    a, alice = actor_with_member(
        email="alice.private@example.lt",
        full_name="Alė Alytė",
        name="Pirmoji bendruomenė",
    )
    a.email, a.phone = "pirmoji.private@example.lt", "+370 611 11111"
    a.save()
    b, bob = actor_with_member(
        email="bob.private@example.lt", full_name="Bronius Bitinas", name="Antrasis ūkis"
    )
    b.email, b.phone = "antrasis.private@example.lt", "+370 622 22222"
    b.save()
    return a, alice, b, bob
