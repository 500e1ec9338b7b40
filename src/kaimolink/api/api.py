from ninja import NinjaAPI, Swagger

from kaimolink.api.actors import router as actors_router
from kaimolink.api.events import router as events_router
from kaimolink.api.partnerships import router as partnerships_router
from kaimolink.api.projects import router as projects_router

api = NinjaAPI(
    title="kaimolink API",
    version="1",
    description=(
        "Public read API of kaimolink: actors, events, partnership offers and requests, "
        "cooperation projects and agreements."
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
