"""gunicorn settings for production: `gunicorn wsgi:app` picks this file up.

The access log leaves out the client address (%(h)s), because we keep no IP addresses.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
# A worker is replaced after this many requests (a guard against slow leaks). Replacing one
# costs ~1.5 s of CPU (the app is built anew): at the map's rate, 5,000 replaced each worker
# every few seconds and cost a third of the throughput (benchmarks/map_api.py).
max_requests = 100_000
max_requests_jitter = 10_000
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# gunicorn >= 25.1 opens a control socket at one default path per user: several instances on
# a host would take it from each other, and whoever reaches it can resize or stop the server.
# Signals (systemd's reload/stop) do the same job.
control_socket_disable = True
