from django import template

from kaimolink.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ post.body|markdown }}`: sanitised HTML from Markdown (see core.markdown)."""
    return render_markdown(text)
