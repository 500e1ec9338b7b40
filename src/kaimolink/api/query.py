"""Query parameters of the read API are checked by the same forms as the web pages."""

from ninja.errors import ValidationError


def valid_or_422(form):
    """The form, validated; otherwise a 422 naming each refused parameter and the reason."""
    if not form.is_valid():
        raise ValidationError(
            [
                {
                    "type": error["code"] or "invalid",
                    "loc": ["query"] if name == "__all__" else ["query", name],
                    "msg": error["message"],
                }
                for name, errors in form.errors.get_json_data().items()
                for error in errors
            ]
        )
    return form
