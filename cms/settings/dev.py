"""Local development: the embedded default (SQLite, eager tasks, mail to files) unless the environment says otherwise."""

from .base import *  # noqa: F403
from .env import env, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*")
