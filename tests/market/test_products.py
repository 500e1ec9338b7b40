"""Members publish products: forms, photos, permissions, moderation by the LAG's coordinator."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from kaimolink.market.enums import ProductStatus
from kaimolink.market.models import Product, ProductLogEntry, ProductPhoto
from kaimolink.moderation.models import Report
from tests.factories import ActorFactory, UserFactory, make_coordinator
from tests.files import EXIF_MAKE, jpeg_with_exif, pixel_bomb, upload
from tests.market.factories import ProductFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Kalėdinis atvirukas",
    "kind": "product",
    "category": "crafts",
    "description": "Rankų darbo.",
    "price": "2.50",
    "unit": "vnt.",
    "availability": "in_stock",
    "quantity": "15",
    "pickup": "on",
}


@pytest.fixture
def member(client):
    owner = UserFactory()
    actor = ActorFactory(owners=[owner])
    client.force_login(owner)
    return actor


def test_a_member_creates_a_draft_product_with_a_photo_without_metadata(client, member):
    data = {**GOOD, "photo": upload("kamera.jpg", jpeg_with_exif((1600, 900)))}
    response = client.post(reverse("market:product_new", args=[member.slug]), data)
    assert response.status_code == 302
    product = Product.objects.get()
    assert (product.actor, product.status, product.quantity) == (member, "draft", 15)
    assert product.lag == member.lag
    photo = product.photos.get()
    with Image.open(photo.large.path) as large, Image.open(photo.small.path) as small:
        assert max(large.size) == 1200 and max(small.size) == 400
        assert EXIF_MAKE not in large.getexif() and EXIF_MAKE not in small.getexif()


@pytest.mark.parametrize(
    ("field", "value"),
    [("price", "abc"), ("quantity", "-3"), ("quantity", "99999999999"), ("price", "-1"),
     ("quantity", "")],
)  # fmt: skip
def test_bad_numbers_are_shown_on_the_field_and_nothing_typed_is_lost(client, member, field, value):
    response = client.post(
        reverse("market:product_new", args=[member.slug]), {**GOOD, field: value}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Kalėdinis atvirukas" in response.content.decode()
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    "file",
    [
        lambda: upload("laiskas.jpg", b"%PDF-1.4 not a picture"),
        lambda: upload("bomba.png", pixel_bomb()),
        lambda: upload("didele.jpg", b"\xff\xd8" + b"0" * (6 * 1024 * 1024)),
    ],
    ids=["not-an-image", "pixel-bomb", "too-big"],
)
def test_files_that_are_not_acceptable_pictures_are_refused_and_nothing_saved(client, member, file):
    response = client.post(
        reverse("market:product_new", args=[member.slug]), {**GOOD, "photo": file()}
    )
    assert response.status_code == 400
    assert "photo" in response.context["form"].errors
    assert Product.objects.count() == 0 and ProductPhoto.objects.count() == 0


def test_others_products_answer_404_to_edit_and_to_a_new_product(client, member):
    other = ProductFactory()
    assert client.get(reverse("market:product_edit", args=[other.slug])).status_code == 404
    assert client.post(reverse("market:product_edit", args=[other.slug]), GOOD).status_code == 404
    assert client.get(reverse("market:product_new", args=[other.actor.slug])).status_code == 404
    other.refresh_from_db()
    assert other.name != GOOD["name"]


def test_submitted_product_is_published_by_the_lags_coordinator(client, member):
    product = ProductFactory(actor=member, status=ProductStatus.DRAFT)
    client.post(reverse("market:product_submit", args=[product.slug]), {"to": "pending"})
    product.refresh_from_db()
    assert product.status == "pending"
    coordinator = make_coordinator(member.lag)
    client.force_login(coordinator)
    queue = client.get(reverse("market:moderation"))
    assert [p.pk for p in queue.context["products"]] == [product.pk]
    client.post(reverse("market:product_moderate", args=[product.slug]), {"decision": "published"})
    product.refresh_from_db()
    assert product.status == "published" and product.published_at is not None
    moves = list(
        ProductLogEntry.objects.filter(product=product).values_list("to_status", flat=True)
    )
    assert "pending" in moves and "published" in moves


def test_another_lags_coordinator_gets_404_and_changes_nothing(client, member):
    product = ProductFactory(actor=member, status=ProductStatus.PENDING)
    client.force_login(make_coordinator(ActorFactory().lag))
    assert client.get(product.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("market:product_moderate", args=[product.slug]), {"decision": "published"}
    )
    assert response.status_code == 404
    assert client.get(reverse("market:moderation")).context["products"].count() == 0
    product.refresh_from_db()
    assert product.status == "pending"


def test_a_member_cannot_publish_their_own_product(client, member):
    product = ProductFactory(actor=member, status=ProductStatus.PENDING)
    client.post(reverse("market:product_submit", args=[product.slug]), {"to": "published"})
    product.refresh_from_db()
    assert product.status == "pending"


def test_a_published_product_can_be_reported_to_its_lags_moderators(client, member):
    product = ProductFactory()
    response = client.post(
        reverse("market:product_report", args=[product.slug]), {"reason": "Apgaulė"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.target, report.lag) == (product, product.lag)


def test_photo_of_another_product_cannot_be_deleted(client, member):
    mine = ProductFactory(actor=member)
    other = ProductFactory()
    photo = ProductPhoto.objects.create(product=other, large="x.jpg", small="y.jpg")
    client.post(reverse("market:photo_delete", args=[mine.slug, photo.pk]))
    assert ProductPhoto.objects.filter(pk=photo.pk).exists()


def _png(size):
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, "PNG")
    return out.getvalue()
