"""Consultations in a real browser: an anonymous activist asks, an urbanist answers from the
queue, and the activist reads the answer through the secret link; also without JavaScript."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import PageLog

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
QUESTION = "Can our yard get a bench without a permit from the district?"
ANSWER = "You need a permit: write to the district administration and cite the yard rules."


@pytest.fixture(scope="module")
def lawyer(live_server):
    """An urbanist (law) in the live server's database; consultations removed afterwards."""
    from robimgood.accounts import services as accounts
    from robimgood.accounts.models import User
    from robimgood.consultations.models import Consultation
    from robimgood.extensions import db
    from robimgood.notifications.models import Notification

    with live_server.app.app_context():
        user = accounts.register("browser-lawyer", PASSWORD, display_name="Lawyer Lena")
        accounts.grant_role(user, "urbanist", ["law"])
        db.session.commit()
        user_id = user.id
        db.session.remove()
    yield "browser-lawyer"
    with live_server.app.app_context():
        db.session.execute(db.delete(Consultation))
        db.session.execute(db.delete(Notification).where(Notification.user_id == user_id))
        db.session.execute(db.delete(User).where(User.id == user_id))
        db.session.commit()
        db.session.remove()


def ask_anonymously(page, server, question: str) -> str:
    """Fill in the question form without an account; returns the secret link shown once."""
    page.goto(server.url + "/consultations")
    page.get_by_role("link", name="Ask an expert").first.click()
    page.select_option("#topic", "law")
    page.fill("#question", question)
    page.fill("#city", "Minsk")
    page.select_option("#language", "en")
    page.get_by_role("button", name="Send the question").click()
    expect(page.locator("h1")).to_have_text("Your question is sent")
    link = page.locator("#secret-link").input_value()
    assert re.fullmatch(re.escape(server.url) + r"/c/[A-Za-z0-9_-]{43}", link), link
    return link


def sign_in(page, server, username: str) -> None:
    page.goto(server.url + "/login?next=/consultations")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".site-header")).to_contain_text("Lawyer Lena")


def assert_clean(log, server) -> None:
    """Nothing but our own server contacted, no script errors, no CSP violation."""
    assert log.hosts() <= {server.host}, log.hosts()
    assert log.page_errors == [] and log.console_errors == [] and log.csp_messages == []


def test_anonymous_asker_gets_an_answer_through_the_secret_link(live_server, lawyer, make_page):
    asker_log, urbanist_log = PageLog(), PageLog()
    asker = make_page(asker_log, permissions=["clipboard-read", "clipboard-write"])
    link = ask_anonymously(asker, live_server, QUESTION)
    copy = asker.get_by_role("button", name="Copy")
    expect(copy).to_be_visible()  # shown by the script; without it the field is still there
    copy.click()
    expect(asker.locator(".copy-status")).to_have_text("Copied.")
    assert asker.evaluate("navigator.clipboard.readText()") == link

    # The urbanist works through the queue: take the request, answer it.
    urbanist = make_page(urbanist_log)
    sign_in(urbanist, live_server, lawyer)
    urbanist.get_by_role("link", name="Consultations").click()
    urbanist.get_by_role("link", name="Open the queue").click()
    card = urbanist.locator(".queue-list .card", has_text=QUESTION)
    expect(card).to_have_count(1)
    expect(card).not_to_contain_text("Anonymous asker")
    card.get_by_role("button", name="Take this request").click()
    expect(urbanist.locator(".consultation-status")).to_contain_text("Please answer by")
    thread_url = urbanist.url
    urbanist.fill("#body", ANSWER)
    urbanist.get_by_role("button", name="Send the answer").click()  # HTMX swaps the thread in
    expect(urbanist.locator("#thread .messages .from-urbanist")).to_contain_text(ANSWER)
    expect(urbanist.locator("#thread .state")).to_have_text("Answered")
    assert urbanist.url == thread_url

    # The activist comes back through the secret link and reads the answer.
    asker.goto(link)
    expect(asker.locator("#thread .messages .from-urbanist")).to_contain_text(ANSWER)
    expect(asker.locator("#thread .new-badge")).to_have_count(1)
    expect(asker.locator(".consultation-status")).to_contain_text("Lawyer Lena has answered")
    asker.fill("#body", "Thank you, that is clear!")
    asker.get_by_role("button", name="Send", exact=True).click()
    expect(asker.locator("#thread .messages .from-asker")).to_contain_text("that is clear")
    expect(asker.locator("#thread .new-badge")).to_have_count(0)
    asker.get_by_label("Yes, it helped").check()
    asker.get_by_role("button", name="Close the consultation").click()
    expect(asker.locator("#thread .state")).to_have_text("Closed")
    expect(asker.locator(".consultation-status")).to_contain_text("The answer helped.")

    urbanist.reload()
    expect(urbanist.locator("#thread .messages .from-asker")).to_contain_text("that is clear")
    expect(urbanist.locator("#thread")).not_to_contain_text(urlsplit(link).path)
    assert_clean(asker_log, live_server)
    assert_clean(urbanist_log, live_server)
    assert asker.evaluate("window.__cspViolations") == []


def test_asking_and_replying_work_without_javascript(live_server, lawyer, make_page):
    page = make_page(java_script_enabled=False)
    link = ask_anonymously(page, live_server, "A question sent with JavaScript switched off.")
    expect(page.get_by_role("button", name="Copy")).to_be_hidden()
    page.get_by_role("link", name="Open my consultation").click()
    assert page.url == link
    expect(page.locator(".consultation-status")).to_contain_text("waiting for an urbanist")
    page.fill("#body", "Some more details, also without JavaScript.")
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url(link + "#latest")
    expect(page.locator("#thread .messages .from-asker")).to_contain_text("also without JavaScript")
    page.fill("#body", "   ")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".message-form .errors")).to_contain_text("This field is required")
