"""gunicorn settings from the environment; ``gunicorn app:server`` reads this file.

``HOST`` (default 127.0.0.1), ``PORT`` (default 8050), ``WEB_CONCURRENCY``
(worker processes, default 2), ``GUNICORN_TIMEOUT`` (seconds, default 60).
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Load the app once before forking so that workers share the imported code.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
