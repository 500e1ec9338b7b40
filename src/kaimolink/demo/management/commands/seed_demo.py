from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from kaimolink.demo.certification import seed_demo_certification
from kaimolink.demo.consultations import seed_demo_consultations
from kaimolink.demo.discussions import seed_demo_discussions
from kaimolink.demo.events import seed_demo_events
from kaimolink.demo.fairs import seed_demo_fairs
from kaimolink.demo.learning import seed_demo_learning
from kaimolink.demo.messaging import seed_demo_messaging
from kaimolink.demo.partnerships import seed_demo_partnerships
from kaimolink.demo.projects import seed_demo_projects
from kaimolink.demo.seed_facts import SEED, SETTLEMENT_CREDIT, seed_demo
from kaimolink.demo.tourism import seed_demo_tourism


class Command(BaseCommand):
    help = (
        "Create or restore the demo data: the three LAGs of 'Sumanaus kaimo link', their "
        "settlements, about 130 actors and a login for every role. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED, help="random seed of the content")

    def handle(self, *args, seed, **options):
        # The demo people are not real: nothing is e-mailed while the demo is written (the
        # services it goes through notify as usual; the notifications stay in the platform).
        # Tasks run at once while seeding, so that no demo e-mail waits in the queue for the
        # worker either.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            TASKS={
                "default": {
                    "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                    "QUEUES": settings.TASKS["default"]["QUEUES"],
                }
            },
        ):
            self._seed(seed)

    def _seed(self, seed):
        result = seed_demo(seed=seed)
        out = self.stdout
        created = ", ".join(f"{n} {what}" for what, n in sorted(result.created.items()))
        updated = ", ".join(f"{n} {what}" for what, n in sorted(result.updated.items()))
        out.write(self.style.SUCCESS("Demo data is in place."))
        out.write(f"  created: {created or 'nothing'}")
        out.write(f"  restored to demo content: {updated or 'nothing'}")
        out.write("")
        role_width = max(len(r) for r, _, _ in result.accounts)
        email_width = max(len(e) for _, e, _ in result.accounts)
        out.write("Demo logins (e-mail addresses are verified; one password for all):")
        out.write(f"  {'role'.ljust(role_width)}  {'e-mail'.ljust(email_width)}  password")
        out.write(f"  {'-' * role_width}  {'-' * email_width}  {'-' * 16}")
        for role, email, password in result.accounts:
            out.write(f"  {role.ljust(role_width)}  {email.ljust(email_width)}  {password}")
        out.write("")
        out.write(SETTLEMENT_CREDIT)
        # Each part writes one line of counts.
        seed_demo_events(seed=seed, log=out.write)  # the learning programme
        # Attendance, homework, certificates and contact fairs of that programme.
        seed_demo_learning(seed=seed, log=out.write)
        seed_demo_projects(seed=seed, log=out.write)  # cooperation projects and agreements
        # Messaging adds the logins of further actors' members, who then post offers.
        seed_demo_messaging(seed=seed, log=out.write)  # conversations between actors
        # The community-business mark: rules, accreditation tests, businesses through it
        # (their owners' logins come before the parts below that read actors' members).
        seed_demo_certification(seed=seed, log=out.write)
        seed_demo_partnerships(seed=seed, log=out.write)  # offers and requests
        seed_demo_discussions(seed=seed, log=out.write)
        seed_demo_consultations(seed=seed, log=out.write)  # questions, answers, times
        seed_demo_fairs(seed=seed, log=out.write)  # a past and an open virtual fair
        seed_demo_tourism(seed=seed, log=out.write)  # services for visitors, routes, enquiries
