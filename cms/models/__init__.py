from .pages import HomePage
from .screen import ScreenPage
from .showroom import RoleModel
from .teams import Team, TeamIndexPage, Township

__all__ = ["HomePage", "RoleModel", "ScreenPage", "Team", "TeamIndexPage", "Township"]
