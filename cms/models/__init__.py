from .pages import HomePage
from .showroom import RoleModel
from .teams import Team, Township

__all__ = ["HomePage", "RoleModel", "Team", "Township"]
