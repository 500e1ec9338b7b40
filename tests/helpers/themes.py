"""The themes a data migration creates, put back where a transactional test's flush removed them."""


def restore_themes() -> dict:
    """Create any missing theme of core.themes.THEMES; return every theme by slug."""
    from kaimolink.core.models import Theme
    from kaimolink.core.themes import THEMES

    for position, (slug, kind, name_lt, name_en) in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slug,
            defaults={"kind": kind, "name_lt": name_lt, "name_en": name_en, "position": position},
        )
    return {t.slug: t for t in Theme.objects.all()}
