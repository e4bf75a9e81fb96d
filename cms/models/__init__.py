from .news import NewsIndexPage, NewsPage, NewsPageTag
from .outbox import OutboxEntry
from .pages import HomePage, HomePageFigure, HomePageHallLink
from .screen import ScreenPage
from .showroom import ExhibitionHallPage, HallSectionPage, ProjectIndexPage, ProjectPage, RoleModel
from .site_settings import StationSettings
from .teams import Team, TeamIndexPage, Township

__all__ = [
    "ExhibitionHallPage",
    "HallSectionPage",
    "HomePage",
    "HomePageFigure",
    "HomePageHallLink",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OutboxEntry",
    "ProjectIndexPage",
    "ProjectPage",
    "RoleModel",
    "StationSettings",
    "ScreenPage",
    "Team",
    "TeamIndexPage",
    "Township",
]
