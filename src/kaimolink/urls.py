from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from kaimolink import views as site_views
from kaimolink.api.api import api
from kaimolink.api.api import not_found as api_not_found
from kaimolink.certificates import views as certificates_views
from kaimolink.core import views as core_views
from kaimolink.core.pagecache import cache_public_page
from kaimolink.core.uploads import public_media
from kaimolink.credentials import views as credentials_views

api_patterns, api_app_name, api_namespace = api.urls
for api_pattern in api_patterns:
    # The read API is public and the same for every anonymous caller: cache it like pages
    # (events in it carry their confirmed and waiting counts).
    api_pattern.callback = cache_public_page(api_pattern.callback, sections=("registrations",))

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
    path(".well-known/did.json", credentials_views.did_document, name="did_document"),
    path(".well-known/jwks.json", credentials_views.jwks, name="jwks"),
    path("api/v1/", include((api_patterns, api_app_name), namespace=api_namespace)),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
]

urlpatterns += i18n_patterns(
    path("", site_views.home, name="home"),
    path("privacy/", site_views.privacy, name="privacy"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("me/", include("kaimolink.accounts.urls")),
    path("actors/", include("kaimolink.actors.urls")),
    path("events/", include("kaimolink.events.urls")),
    path("contact-fair/", include("kaimolink.contactfair.urls")),
    path("homework/", include("kaimolink.homework.urls")),
    path("certificates/", include("kaimolink.certificates.urls")),
    path("certification/", include("kaimolink.certification.urls")),
    path("market/", include("kaimolink.market.urls")),
    path("fairs/", include("kaimolink.fairs.urls")),
    path("tourism/", include("kaimolink.tourism.urls")),
    path("tests/", include("kaimolink.quizzes.urls")),
    path("credentials/", include("kaimolink.credentials.urls")),
    path("passport/", include("kaimolink.passport.urls")),
    path("verify/", certificates_views.verify, name="verify_form"),
    path("verify/<str:code>/", certificates_views.verify, name="verify"),
    path("notifications/", include("kaimolink.notifications.urls")),
    path("reports/", include("kaimolink.moderation.urls")),
    path("partnerships/", include("kaimolink.partnerships.urls")),
    path("messages/", include("kaimolink.messaging.urls")),
    path("discussions/", include("kaimolink.discussions.urls")),
    path("consultations/", include("kaimolink.consultations.urls")),
    path("projects/", include("kaimolink.projects.urls")),
    path("desk/", include("kaimolink.desk.urls")),
    path("agreements/", include("kaimolink.projects.agreement_urls")),
    path("patterns/", core_views.patterns, name="patterns"),
    path("settlements/", include("kaimolink.core.settlement_urls")),
    prefix_default_language=True,
)

# One-machine installs serve public pictures themselves (logos are small); with S3 storage
# the storage backend hands out its own URLs and this route is never reached. Documents
# are never here: they are in the private storage, behind each app's download view.
urlpatterns += [
    re_path(r"^media/(?P<path>.*)$", public_media),
]

handler500 = core_views.server_error
