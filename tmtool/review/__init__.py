"""Review stage: a local web app where a translator checks and corrects aligned units.

``create_app(store)`` builds the Starlette application (server-rendered Jinja2 pages, a little
plain JavaScript, every asset inside this package); ``server.bind``/``server.serve`` run it with
uvicorn. The actions themselves live in ``tmtool.store.review``.
"""

from tmtool.review.app import LOW_SCORE, ReviewSettings, allowed_hosts, create_app, is_loopback

__all__ = ["LOW_SCORE", "ReviewSettings", "allowed_hosts", "create_app", "is_loopback"]
