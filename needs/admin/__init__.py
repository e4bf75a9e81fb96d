"""The staff's and team leaders' side of the needs plugin in the Wagtail admin."""
