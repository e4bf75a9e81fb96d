"""The incubator's demo content, imported only by ``load_initial_data`` (never by a web process)."""

from cms.plugins import register_demo_content
from incubator.demo.applications import load_demo_content

register_demo_content(load_demo_content)
