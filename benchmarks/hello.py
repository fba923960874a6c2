"""The yardstick for throughput: the smallest Flask app, served the same way as ours.

    gunicorn -w 4 benchmarks.hello:app
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """A fixed body: what Flask and gunicorn alone cost per request."""
    return "Hello, world!"
