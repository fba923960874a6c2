"""HTMX helpers: the same URL answers with a fragment for HTMX and a whole page otherwise."""

from flask import make_response, render_template, request


def is_htmx() -> bool:
    # A history restore wants the whole page, not the fragment.
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def render(page_template: str, fragment_template: str, status: int = 200, **context):
    """Render the fragment for an HTMX request, the whole page otherwise; caches must keep the two apart."""
    template = fragment_template if is_htmx() else page_template
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
