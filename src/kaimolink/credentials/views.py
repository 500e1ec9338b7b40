"""Public documents of the credentials: the issuer's keys, the status lists, the credentials.

None of them holds anything about a person except a credential itself, which is served
only to whoever has its unguessable identifier (the holder shares it). Keys and status
lists are public, cacheable and open to scripts on other sites (a verifier in a browser
must be able to read them).
"""

import hashlib
import json

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET

from kaimolink.credentials import baking, keys, selectors, services
from kaimolink.credentials.images import badge_png

# Seconds a verifier may keep a copy: a new key or a revocation shows within this time.
KEYS_MAX_AGE = 300
STATUS_MAX_AGE = 60


def _public(request, body: str, content_type: str, max_age: int) -> HttpResponse:
    """A public, cacheable answer with an ETag (304 when the client has it already)."""
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@require_GET
def did_document(request):
    """/.well-known/did.json: the did:web document of the issuer (every public key)."""
    keys.signing_key()  # the first key is made on first use, so the document is never empty
    return _public(request, _json(keys.did_document()), "application/did+json", KEYS_MAX_AGE)


@require_GET
def jwks(request):
    """/.well-known/jwks.json: the same public keys as a JSON Web Key Set."""
    keys.signing_key()
    return _public(request, _json(keys.jwks_document()), "application/json", KEYS_MAX_AGE)


@require_GET
def status_list(request, number: int):
    """A BitstringStatusListCredential as a compact VC-JWT (text/plain, as OB 3.0 serves
    VC-JWT web resources). Lists that hold no credential answer 404."""
    if not selectors.status_list_exists(number):
        raise Http404
    token = selectors.status_list_jwt(number)
    return _public(request, token, "text/plain; charset=utf-8", STATUS_MAX_AGE)


def _credential(uuid):
    credential = selectors.credential_for_download(uuid)
    if credential is None:
        raise Http404
    return credential


def _download(body, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Not for shared caches: a credential names a person.
    response["Cache-Control"] = "private, no-cache"
    return response


def _filename(credential, extension: str) -> str:
    return f"credential-{credential.uuid}.{extension}"


@require_GET
def credential_jwt(request, uuid):
    """The credential as OB 3.0's file format for VC-JWT: the compact JWS, `.jwt`."""
    credential = _credential(uuid)
    token = services.credential_jwt(credential)
    return _download(token, "text/plain; charset=utf-8", _filename(credential, "jwt"))


@require_GET
def credential_json(request, uuid):
    """The credential as JSON: a VCDM 2.0 EnvelopedVerifiableCredential whose `id` is a
    data: URL of the signed JWT. JSON without a proof would not verify, so the JSON form
    carries the same signed token; wallets that take JSON credentials (VCDM 2.0) read
    this envelope (the .jwt download is the same token alone)."""
    credential = _credential(uuid)
    token = services.credential_jwt(credential)
    envelope = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"data:application/vc+jwt,{token}",
        "type": "EnvelopedVerifiableCredential",
    }
    return _download(_json(envelope), "application/json", _filename(credential, "json"))


def baked_png_response(png_bytes: bytes, credential, filename: str = "") -> HttpResponse:
    """A download of `png_bytes` with `credential` baked in (callers serve their images)."""
    body = baking.bake_png(png_bytes, services.credential_jwt(credential))
    return _download(body, "image/png", filename or _filename(credential, "png"))


def baked_svg_response(svg_text: str, credential, filename: str = "") -> HttpResponse:
    """A download of `svg_text` with `credential` baked in (callers serve their images)."""
    body = baking.bake_svg(svg_text, services.credential_jwt(credential))
    return _download(body, "image/svg+xml", filename or _filename(credential, "svg"))


@require_GET
def credential_png(request, uuid):
    """The credential baked into a plain badge picture (the achievement's name on it)."""
    credential = _credential(uuid)
    return baked_png_response(badge_png(credential.name), credential)
