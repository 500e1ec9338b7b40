from django.core.management.base import BaseCommand

from kaimolink.credentials.keys import kid, signing_key_rotate


class Command(BaseCommand):
    help = (
        "Start signing verifiable credentials with a new key. The old public keys stay "
        "published, so credentials signed before keep verifying."
    )

    def handle(self, *args, **options):
        key = signing_key_rotate()
        self.stdout.write(f"Signing with {kid(key.number)}")
