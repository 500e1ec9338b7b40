from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness through the whole middleware stack; touches no database on purpose."""
    return HttpResponse("ok", content_type="text/plain")
