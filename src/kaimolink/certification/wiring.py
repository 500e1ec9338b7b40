"""Connects certification to the apps below it, once, from CertificationConfig.ready():
the accreditation tests (quizzes) and the credentials of licences and accreditations."""

from kaimolink.certification import accreditation, credentials_link
from kaimolink.certification.signals import licence_issued, licence_status_changed
from kaimolink.quizzes import eligibility
from kaimolink.quizzes.signals import attempt_finished


def connect() -> None:
    eligibility.register(accreditation.eligible)
    attempt_finished.connect(
        accreditation.on_attempt_finished, dispatch_uid="certification_accreditation"
    )
    licence_issued.connect(
        credentials_link.on_licence_issued, dispatch_uid="certification_licence_credential"
    )
    licence_status_changed.connect(
        credentials_link.on_licence_status_changed,
        dispatch_uid="certification_licence_credential_status",
    )
