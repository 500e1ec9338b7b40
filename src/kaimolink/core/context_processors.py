from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    return {"SITE_NAME": settings.SITE_NAME}


def language_links(request):
    """Links to this same page (filters included) in every language.

    Plain links rather than Django's POST form: they work without a CSRF token, so public
    pages stay cacheable, and a visitor can share the English address.
    """
    current = get_language()
    path = request.get_full_path()
    return {
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }
