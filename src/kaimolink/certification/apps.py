from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    """The community-business certification: schemes, applications, assessments, marks."""

    name = "kaimolink.certification"
    label = "certification"
    verbose_name = _("Certification")
