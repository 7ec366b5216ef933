"""manage.py load_demo_content — the 15 networks of Mineduc's 2018 publication."""

from django.core.management.base import BaseCommand

from demo.loader import demo_content_exists, demo_load


class Command(BaseCommand):
    help = "Carga el contenido de demostración (15 redes, sus escuelas y la portada). Idempotente."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="no hacer nada si ya hay redes publicadas en el portal"
        )
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="crear también las cuentas de demostración (solo para uso local; ver README)",
        )

    def handle(self, *args, if_empty, with_demo_users, **options):
        if if_empty and demo_content_exists():
            self.stdout.write("El portal ya tiene redes; no se carga el contenido de demostración.")
            return
        report = demo_load(with_users=with_demo_users)
        self.stdout.write(f"Establecimientos creados desde demo/data/schools.csv: {report.schools_created}")
        self.stdout.write(
            f"Redes creadas: {len(report.networks_created)}; ya existentes: {len(report.networks_existing)}"
        )
        self.stdout.write(
            f"Planes PME creados: {report.plans_created}; instrumentos creados: {report.instruments_created}; "
            f"prácticas creadas: {report.practices_created}; sesiones creadas: {report.sessions_created}"
        )
        if report.missing_schools:
            self.stdout.write(
                f"Escuelas mencionadas en la fuente sin RBD identificado (no se agregan): {len(report.missing_schools)}"
            )
            for name in report.missing_schools:
                self.stdout.write(f"  - {name}")
        if report.users_created:
            self.stdout.write(f"Cuentas de demostración creadas: {', '.join(report.users_created)}")
        self.stdout.write(self.style.SUCCESS("Contenido de demostración listo."))
