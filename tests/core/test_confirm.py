"""core.confirm: a destructive action acts only on the POST sent from its confirm page."""

import pytest
from django.test import RequestFactory

from kaimolink.core.confirm import confirm_page, is_confirmed

pytestmark = pytest.mark.django_db


def _page(request):
    request.user = None
    return confirm_page(
        request,
        title="Pašalinti",
        question="Pašalinti bendraredaktorių?",
        details=["Ona Petraitienė"],
        button_label="Pašalinti",
        back_url="/lt/actors/liepa/coeditors/",
        hidden={"reason": "kita"},
    )


def test_is_confirmed_only_for_the_post_with_confirmed():
    factory = RequestFactory()
    assert not is_confirmed(factory.get("/x/?confirmed=1"))
    assert not is_confirmed(factory.post("/x/"))
    assert not is_confirmed(factory.post("/x/", {"confirmed": "yes"}))
    assert is_confirmed(factory.post("/x/", {"confirmed": "1"}))


def test_confirm_page_posts_back_to_its_own_address():
    response = _page(RequestFactory().get("/lt/actors/liepa/coeditors/members/3/remove/"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'action="/lt/actors/liepa/coeditors/members/3/remove/"' in page
    assert 'name="confirmed" value="1"' in page
    assert 'name="reason" value="kita"' in page
    assert "button--warning" in page and 'href="/lt/actors/liepa/coeditors/"' in page
    assert "Ona Petraitienė" in page
