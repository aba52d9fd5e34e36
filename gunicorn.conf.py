"""gunicorn settings from the environment; ``gunicorn app:server`` reads this file.

The variables and their defaults are declared in ``settings.py`` (``HOST``,
``PORT``, ``WEB_CONCURRENCY``, ``GUNICORN_THREADS``, ``GUNICORN_TIMEOUT``,
``GUNICORN_ACCESSLOG``).
"""

from settings import env_value

bind = f"{env_value('HOST')}:{env_value('PORT')}"
workers = int(env_value("WEB_CONCURRENCY"))
threads = int(env_value("GUNICORN_THREADS"))
timeout = int(env_value("GUNICORN_TIMEOUT"))
# Load the app once before forking so that workers share the imported code.
preload_app = True
accesslog = env_value("GUNICORN_ACCESSLOG")


def on_reload(arbiter):
    """Master, on SIGHUP: load the current releases before forking fresh workers (app.Renewal)."""
    from app import renew_before_forking

    renew_before_forking(arbiter.app.wsgi())


def post_request(worker, req, environ, resp):
    """Worker, after each request: ask for fresh workers once a publish changed the releases."""
    from app import ask_for_renewal

    ask_for_renewal(worker.wsgi, worker.ppid)
