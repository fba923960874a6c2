"""Markdown sanitising and slugs."""

import pytest

from robimgood.text import render_markdown, slugify


@pytest.mark.parametrize("source, absent", [
    ("<script>alert(1)</script>", "<script"),
    ("<img src=x onerror=alert(1)>", "<img"),
    ("[click](javascript:alert(1))", "javascript:"),
    ('<a href="#" onclick="x()">a</a>', "onclick"),
    ("<iframe src=//evil></iframe>", "<iframe"),
    ("<style>body{}</style>", "<style"),
])
def test_markdown_drops_dangerous_html(source, absent):
    assert absent not in render_markdown(source)


def test_markdown_keeps_the_safe_subset():
    html = render_markdown("**b** *i*\n\n- one\n- two\n\n[link](https://example.org)")
    assert "<strong>b</strong>" in html and "<em>i</em>" in html and "<li>one</li>" in html
    assert 'href="https://example.org"' in html and "nofollow" in html


@pytest.mark.parametrize("text, slug", [
    ("Веладарожка на Някрасава!", "veladarozhka-na-niakrasava"),
    ("Сад у двары", "sad-u-dvary"),
    ("Yard Garden 2026", "yard-garden-2026"),
    ("!!!", "initiative"),
])
def test_slugify(text, slug):
    assert slugify(text).startswith(slug[:6])
    assert slugify(text).isascii()
