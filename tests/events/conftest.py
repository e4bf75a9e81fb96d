"""Fixtures for the events tests. Part 2 (activities, duty, feeds) keeps its fixtures in ``activities_fixtures``."""

from tests.events.activities_fixtures import board, category, other_category, series, team  # noqa: F401
