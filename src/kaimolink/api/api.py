from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger

from kaimolink.api.actors import router as actors_router
from kaimolink.api.certification import router as certification_router
from kaimolink.api.events import router as events_router
from kaimolink.api.fairs import router as fairs_router
from kaimolink.api.market import router as market_router
from kaimolink.api.partnerships import router as partnerships_router
from kaimolink.api.projects import router as projects_router
from kaimolink.api.tourism import router as tourism_router

# Every answer is written in the language the request asks for (Django's LocaleMiddleware
# reads Accept-Language) and says which in Content-Language: both are in the schema.
ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "`lt` (the default) or `en`: the language of labels, reasons and page paths.",
    "schema": {"type": "string"},
}
CONTENT_LANGUAGE = {
    "description": "The language the answer is written in: `lt` or `en`.",
    "schema": {"type": "string", "enum": ["lt", "en"]},
}


class KaimolinkAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation.setdefault("parameters", []).append(ACCEPT_LANGUAGE)
                for response in operation["responses"].values():
                    response.setdefault("headers", {})["Content-Language"] = CONTENT_LANGUAGE
        return schema


api = KaimolinkAPI(
    title="kaimolink API",
    version="1",
    description=(
        "Public read API of kaimolink: actors, events, partnership offers and requests, "
        "cooperation projects and agreements, certification schemes and the registry of "
        "certified community businesses; the local market's products and services."
    ),
    urls_namespace="api",
    # Swagger UI is served from ninja's bundled static files ("ninja" is in INSTALLED_APPS),
    # never from a CDN. validatorUrl=None stops it fetching a badge from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)

api.add_router("/", actors_router)
api.add_router("/", events_router)
api.add_router("/", partnerships_router)
api.add_router("/", projects_router)
api.add_router("/", certification_router)
api.add_router("/", market_router)
api.add_router("/", fairs_router)
api.add_router("/", tourism_router)


@csrf_exempt  # it changes nothing; a POST gets the same JSON 404, not a CSRF page
def not_found(request, path=""):
    """Unknown paths under /api/ answer a JSON 404 of the API's error shape, not a web page."""
    return JsonResponse({"detail": _("No such API path.")}, status=404)
