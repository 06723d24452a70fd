"""`manage.py generate_scale_data`: large generated cities for measuring the site at city scale.

The building is in demo/scale.py.
"""

from django.core.management.base import BaseCommand, CommandError

from demo.scale import SLUG_PREFIX, Sizes, generate


class Command(BaseCommand):
    help = (
        "Create (or replace) generated cities with many departments, units, teams and contact people, in "
        f"Finnish, Swedish and English. Their home page slugs start with '{SLUG_PREFIX}'; a run replaces "
        "them and leaves every other city alone. The same --seed and sizes give the same data. Press "
        "releases are not generated yet: they arrive with the newsroom."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        for name, label in [
            ("cities", "cities"),
            ("departments", "departments in all"),
            ("units", "units in all"),
            ("teams", "teams in all"),
            ("contacts", "contact people in all"),
        ]:
            default = getattr(defaults, name)
            parser.add_argument(f"--{name}", type=int, default=default, help=f"Number of {label} (default {default}).")

    def handle(self, *args, **options):
        sizes = Sizes(**{name: options[name] for name in ("cities", "departments", "units", "teams", "contacts")})
        if sizes.cities < 1 or sizes.contacts < sizes.cities:
            raise CommandError("Give at least one city, and at least as many contacts as cities.")
        if sizes.departments < sizes.cities and sizes.units:
            raise CommandError("Units need departments: give at least one department per city.")
        if sizes.teams and not sizes.units:
            raise CommandError("Teams need units: give at least one unit.")
        generate(sizes, seed=options["seed"], log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Scale data generated."))
