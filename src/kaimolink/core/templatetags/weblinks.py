from django import template
from django.utils.html import format_html

from kaimolink.core.weblinks import safe_web_url

register = template.Library()


@register.filter(name="web_link")
def web_link(value, label=None):
    """`{{ actor.website|web_link }}`: a link for an http(s) address, plain text otherwise.

    The link opens no `window.opener` and tells search engines nothing is vouched for.
    """
    if not value:
        return ""
    url = safe_web_url(value)
    text = value if label in (None, "") else label
    if url is None:
        return format_html("{}", text)
    return format_html('<a href="{}" rel="nofollow noopener">{}</a>', url, text)
