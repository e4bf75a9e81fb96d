from .pages import HomePage
from .teams import Team, Township

__all__ = ["HomePage", "Team", "Township"]
