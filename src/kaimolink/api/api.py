from ninja import NinjaAPI

api = NinjaAPI(
    title="kaimolink API",
    version="1",
    description="Public read API of the kaimolink actors database.",
    urls_namespace="api",
)
