"""The events plugin's demo content, imported only by ``load_initial_data`` (never by a web process).

The room comes first: activities without a place of their own are held in it.
"""

from cms.plugins import register_demo_content
from events.demo.activities import load_activity_demo
from events.demo.rooms import load_room_demo

register_demo_content(load_room_demo)
register_demo_content(load_activity_demo)
