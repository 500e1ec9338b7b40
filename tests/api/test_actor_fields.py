"""The API's actor schema and the one table of actor fields (actors/fields.py) agree."""

from kaimolink.actors.fields import API_NAMES, FIELDS, NOT_IN_API
from kaimolink.api.schemas import ActorDetail

# Fields of the API that are not fields a person enters (position, labels, ids).
API_ONLY = {"slug", "type_label", "lat", "lon"}


def _api_properties() -> set[str]:
    schema = ActorDetail.model_json_schema()
    names = set(schema["properties"])
    contacts = schema["$defs"]["ContactsOut"]["properties"]
    return names | {f"contacts.{name}" for name in contacts}


def test_every_actor_field_is_published_by_the_api_or_left_out_on_purpose():
    for field in FIELDS:
        assert (field.name in API_NAMES) != (field.name in NOT_IN_API), field.name


def test_every_published_name_is_in_the_api_schema_and_nothing_else_is():
    published = set(API_NAMES.values())
    properties = _api_properties()
    assert published <= properties, published - properties
    assert properties - published - {"contacts"} == API_ONLY
