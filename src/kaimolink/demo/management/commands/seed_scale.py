from django.core.management.base import BaseCommand, CommandError

from kaimolink.demo.scale import MAX_LAGS, SCALE_PREFIX, ScaleError, seed_scale


class Command(BaseCommand):
    help = (
        "Write synthetic LAGs, districts, settlements, published actors and market products "
        "for benchmarks. "
        f"Their LAG and district slugs start with '{SCALE_PREFIX}'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lags", type=int, required=True, help=f"how many LAGs to create (1 to {MAX_LAGS})"
        )
        parser.add_argument("--actors", type=int, required=True, help="how many actors in all")
        parser.add_argument(
            "--products", type=int, default=0, help="how many market products of those actors"
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete earlier scale data first (else refuse)"
        )
        parser.add_argument("--seed", type=int, default=7, help="random seed")
        parser.add_argument("--batch-size", type=int, default=5000, help="rows per INSERT")

    def handle(self, *args, lags, actors, products, reset, seed, batch_size, **options):
        verbose = options["verbosity"] >= 2
        try:
            result = seed_scale(
                lags=lags, actors=actors, products=products, reset=reset, seed=seed,
                batch_size=batch_size,
                log=self.stdout.write if verbose else None,
            )  # fmt: skip
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        s = result.seconds
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data: {result.lags} LAGs, {result.districts} districts, "
                f"{result.settlements} settlements, {result.actors} published actors "
                f"({result.actor_themes} theme links), {result.products} products "
                f"in {s['total']:.1f} s "
                f"(delete {s['delete']:.1f} s, actors {s['actors'] - s['territories']:.1f} s, "
                f"products {s['products'] - s['actors']:.1f} s, "
                f"analyse {s['total'] - s['products']:.1f} s)."
            )
        )
