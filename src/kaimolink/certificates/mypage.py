"""The certificates section of the person's page (registered in CertificatesConfig.ready)."""

from kaimolink.certificates.selectors import certificates_of_person


def build(user) -> dict:
    return {"certificates": certificates_of_person(person=user)}
