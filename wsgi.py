"""WSGI entry point: `gunicorn wsgi:app`."""

from robimgood import create_app

app = create_app()
