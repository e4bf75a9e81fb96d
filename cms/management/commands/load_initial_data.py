from django.core.management.base import BaseCommand

from cms.demo.site import load_demo_content


class Command(BaseCommand):
    help = "Load the demo content of the 博罗志愿服务总站 (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        load_demo_content(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
