from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "kaimolink.market"
    label = "market"
    verbose_name = _("Local market")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.core.signals import watch_public_model
        from kaimolink.market import gdpr
        from kaimolink.market.models import Product, ProductPhoto, SeasonalCatalogue

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
        # The catalogue, product and seasonal catalogue pages (and the products API) are
        # cached for visitors: any change of a product (its stock too), a photo or a
        # catalogue makes them stale at once (core.pagecache).
        watch_public_model(Product, m2m_fields=("co_producers",))
        watch_public_model(ProductPhoto)
        watch_public_model(SeasonalCatalogue, m2m_fields=("products",))
