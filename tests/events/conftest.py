"""Fixtures for the events tests. Activities, duty and feeds keep theirs in ``activities_fixtures``."""

from tests.events.activities_fixtures import board, category, other_category, series, team  # noqa: F401
