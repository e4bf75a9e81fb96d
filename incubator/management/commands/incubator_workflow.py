"""Print the incubation workflow picture, drawn from the transition definitions: ``--format svg`` or ``mermaid``."""

from django.core.management.base import BaseCommand

from incubator import diagram


class Command(BaseCommand):
    help = "Print the incubation workflow as SVG or as a Mermaid state diagram (generated from the transitions)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["svg", "mermaid"], default="mermaid")

    def handle(self, *args, format, **options):
        self.stdout.write(diagram.svg() if format == "svg" else diagram.mermaid())
