"""Compression of the application's answers (docs/deploy.md, "Compression")."""

import re

from django.middleware.gzip import GZipMiddleware

# Text compresses to a fifth or less; PDFs, spreadsheets (zip files), images and archives
# are compressed already, and squeezing them again only costs CPU and Content-Length.
COMPRESSIBLE = re.compile(
    r"^(text/|image/svg\+xml|application/([\w.+-]*\+)?(json|xml|javascript))", re.IGNORECASE
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation: since Django 4.2 it puts up to
    100 random bytes into the gzip header, so the length of a page no longer tells an
    attacker whether a guessed secret matched), for text answers only."""

    def process_response(self, request, response):
        if not COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
