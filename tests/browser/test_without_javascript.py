"""Every journey with JavaScript switched off (Tor Browser's "safest" mode): register, sign in,
browse and filter the list, create an initiative by typed coordinates and by town, join, save an
area, ask anonymously and read the answer by the secret link, follow a guide. One test each."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
GUIDE = "Bench by the entrance"
STEPS = ["Ask the neighbours", "Write to the housing office", "Put the bench up"]
CATEGORIES = ["green", "transport", "safety"]
STATUSES = ["idea", "planning", "in_progress", "done"]
CITIES = [("Minsk", 53.90, 27.56), ("Brest", 52.09, 23.70)]
LIST_SIZE = 30  # more than one page of the list (PER_PAGE is 20)


def item(n: int) -> dict:
    city, lat, lon = CITIES[n % 2]
    return {"title": f"Initiative number {n:02d}", "summary": f"Summary {n}.", "description": "",
            "category": CATEGORIES[n % 3], "status": STATUSES[n % 4], "city": city,
            "latitude": lat + n / 1000, "longitude": lon + n / 1000, "needs": [], "language": "en"}


@pytest.fixture(scope="module")
def seeded(live_server):
    """An organiser with LIST_SIZE initiatives, a neighbour, an urbanist and a published guide."""
    from robimgood.accounts import services as accounts
    from robimgood.extensions import db
    from robimgood.guides import services as guides
    from robimgood.initiatives import services as initiatives

    with live_server.app.app_context():
        organiser = accounts.register("nojs-organiser", PASSWORD)
        accounts.register("nojs-neighbour", PASSWORD)
        urbanist = accounts.register("nojs-urbanist", PASSWORD, display_name="Planner Pavel")
        accounts.grant_role(urbanist, "urbanist", ["law"])
        made = [initiatives.create(organiser, item(n)) for n in range(LIST_SIZE)]
        guides.create(urbanist, {
            "title": GUIDE, "summary": "How neighbours get a bench.", "category": "public_space",
            "language": "en", "status": "published",
            "steps": [{"title": t, "instructions": f"How to {t.lower()}.", "legal_notes": "",
                       "documents": "", "contacts": "", "duration": ""} for t in STEPS]})
        db.session.commit()
        paths = {n: f"/i/{i.public_id}/{i.slug}" for n, i in enumerate(made)}
        db.session.remove()
    return paths


@pytest.fixture
def nojs(make_page):
    """A page in a context whose JavaScript is off, like Tor Browser's safest mode."""
    return make_page(java_script_enabled=False)


def list_titles(page) -> list[str]:
    return [t.strip() for t in page.locator("#results .card h3").all_text_contents()]


def expected(**where) -> list[str]:
    return sorted(item(n)["title"] for n in range(LIST_SIZE)
                  if all(item(n)[k] == v for k, v in where.items()))


def test_register(live_server, seeded, nojs):
    nojs.goto(live_server.url + "/")
    nojs.get_by_role("link", name="Register").click()
    nojs.fill("#username", "nojs-newcomer")
    nojs.fill("#password", "short")
    nojs.get_by_role("button", name="Create my account").click()
    expect(nojs.locator("#password-error")).to_contain_text("10")
    nojs.fill("#password", PASSWORD)
    nojs.fill("#confirm", PASSWORD)
    nojs.get_by_role("button", name="Create my account").click()
    expect(nojs.locator(".flashes")).to_contain_text("Welcome to Robim Good!")
    expect(nojs.locator(".site-header")).to_contain_text("nojs-newcomer")


def test_sign_in_and_out(live_server, seeded, nojs):
    nojs.goto(live_server.url + "/login")
    nojs.fill("#username", "nojs-neighbour")
    nojs.fill("#password", "wrong password")
    nojs.locator("main form button[type=submit]").click()
    expect(nojs.locator("main")).to_contain_text("Wrong user name or password")
    sign_in(nojs, live_server, "nojs-neighbour")
    expect(nojs.locator(".site-header")).to_contain_text("nojs-neighbour")
    nojs.get_by_role("button", name="Sign out").click()
    expect(nojs.locator(".site-header")).not_to_contain_text("nojs-neighbour")
    expect(nojs.get_by_role("link", name="Sign in")).to_have_count(1)


def test_browse_and_filter_the_list(live_server, seeded, nojs):
    nojs.goto(live_server.url + "/initiatives")
    expect(nojs.locator("#results .count")).to_have_text(f"{LIST_SIZE} initiatives")
    assert len(list_titles(nojs)) == 20
    nojs.get_by_role("link", name="Next").click()  # paging
    expect(nojs.locator(".pagination")).to_contain_text("Page 2 of 2")
    assert len(list_titles(nojs)) == LIST_SIZE - 20
    nojs.get_by_role("link", name="Previous").click()
    expect(nojs.locator(".pagination")).to_contain_text("Page 1 of 2")

    form = nojs.locator("#filters")
    nojs.select_option("#filter-category", "green")
    form.get_by_role("button", name="Show").click()
    assert sorted(list_titles(nojs)) == expected(category="green")
    nojs.select_option("#filter-status", "idea")
    form.get_by_role("button", name="Show").click()
    assert sorted(list_titles(nojs)) == expected(category="green", status="idea")
    nojs.fill("#filter-city", "brest")
    form.get_by_role("button", name="Show").click()
    assert sorted(list_titles(nojs)) == expected(category="green", status="idea", city="Brest")
    nojs.goto(live_server.url + "/initiatives")
    nojs.fill("#filter-q", "number 07")
    form.get_by_role("button", name="Show").click()
    assert list_titles(nojs) == ["Initiative number 07"]
    assert "q=number+07" in nojs.url  # a filtered list is a link to share
    nojs.fill("#filter-q", "no such thing")
    form.get_by_role("button", name="Show").click()
    expect(nojs.locator("#results")).to_contain_text("No initiatives match.")


def fill_initiative(page, title: str, city: str) -> None:
    page.fill("#title", title)
    page.fill("#summary", f"{title}, without JavaScript.")
    page.select_option("#category", "green")
    page.fill("#city", city)


def test_create_an_initiative_with_typed_coordinates(live_server, seeded, nojs):
    sign_in(nojs, live_server, "nojs-neighbour")
    nojs.goto(live_server.url + "/initiatives/new")
    fill_initiative(nojs, "Typed garden", "Minsk")
    nojs.fill("#latitude", "95")
    nojs.fill("#longitude", "27.57")
    nojs.get_by_role("button", name="Publish on the map").click()
    expect(nojs.locator("#latitude-error")).to_contain_text("between -90 and 90")
    nojs.fill("#latitude", "53.91")
    nojs.get_by_role("button", name="Publish on the map").click()
    expect(nojs.locator("h1")).to_have_text("Typed garden")
    expect(nojs.locator(".flashes")).to_contain_text("Your initiative is on the map.")
    nojs.goto(live_server.url + "/initiatives?q=typed")
    assert list_titles(nojs) == ["Typed garden"]


def test_create_an_initiative_placed_by_town(live_server, seeded, nojs):
    sign_in(nojs, live_server, "nojs-neighbour")
    nojs.goto(live_server.url + "/initiatives/new")
    expect(nojs.locator(".location > .hint")).to_contain_text("leave them empty")
    assert nojs.locator("#towns option[value='Vitebsk']").count() == 1  # suggestions, no script
    fill_initiative(nojs, "Riverside benches", "Atlantis")
    nojs.get_by_role("button", name="Publish on the map").click()
    expect(nojs.locator("#city-error")).to_have_text("We do not know where this town is: type "
                                                     "its coordinates.")
    nojs.fill("#city", "Vitebsk")
    nojs.get_by_role("button", name="Publish on the map").click()
    expect(nojs.locator("h1")).to_have_text("Riverside benches")
    # The town's centre, in the list's bounding-box filter and on the public map data.
    nojs.goto(live_server.url + "/initiatives?bbox=30.1,55.1,30.3,55.3")
    assert list_titles(nojs) == ["Riverside benches"]


def test_join_an_initiative(live_server, seeded, nojs):
    sign_in(nojs, live_server, "nojs-neighbour")
    nojs.goto(live_server.url + seeded[3])
    members = nojs.locator("#community")
    members.get_by_role("button", name="Join").click()
    expect(nojs.locator(".flashes")).to_contain_text("Welcome aboard!")
    expect(members).to_contain_text("You are a member.")
    nojs.goto(live_server.url + "/me/initiatives")
    expect(nojs.locator("main")).to_contain_text(item(3)["title"])


def test_save_an_area_by_coordinates_and_by_town(live_server, seeded, nojs):
    sign_in(nojs, live_server, "nojs-organiser")
    nojs.goto(live_server.url + "/areas")
    nojs.fill("#lat", "53.9")
    nojs.fill("#lon", "27.56")
    nojs.fill("#radius_m", "1500")
    nojs.fill("#label", "Home")
    nojs.get_by_role("button", name="Save the area").click()
    expect(nojs.locator(".flashes")).to_contain_text("The area is saved.")
    nojs.fill("#town", "Гродна")
    nojs.fill("#radius_m", "5000")
    nojs.fill("#label", "Grandmother")
    nojs.get_by_role("button", name="Save the area").click()
    expect(nojs.locator(".flashes")).to_contain_text("The area is saved.")
    areas = nojs.locator(".area-list li")
    expect(areas).to_have_count(2)
    expect(areas.nth(0)).to_contain_text("Home: 1500 m around 53.90000, 27.56000")
    expect(areas.nth(1)).to_contain_text("Grandmother: 5000 m around 53.67800, 23.83000")


def test_ask_anonymously_and_read_the_answer(live_server, seeded, make_page):
    asker = make_page(java_script_enabled=False)
    asker.goto(live_server.url + "/consultations")
    asker.get_by_role("link", name="Ask an expert").first.click()
    asker.select_option("#topic", "law")
    asker.fill("#question", "May we paint the bench in our yard without asking anyone?")
    asker.fill("#city", "Minsk")
    asker.select_option("#language", "en")
    asker.get_by_role("button", name="Send the question").click()
    expect(asker.locator("h1")).to_have_text("Your question is sent")
    link = asker.locator("#secret-link").input_value()
    assert re.fullmatch(re.escape(live_server.url) + r"/c/[A-Za-z0-9_-]{43}", link), link

    urbanist = make_page(java_script_enabled=False)
    sign_in(urbanist, live_server, "nojs-urbanist")
    urbanist.goto(live_server.url + "/consultations/queue")
    card = urbanist.locator(".queue-list .card", has_text="paint the bench")
    card.get_by_role("button", name="Take this request").click()
    urbanist.fill("#body", "Yes, a bench in a yard is the residents' own business.")
    urbanist.get_by_role("button", name="Send the answer").click()
    expect(urbanist.locator("#thread .state")).to_have_text("Answered")

    asker.goto(link)  # another day, by the secret link alone
    expect(asker.locator("#thread .messages .from-urbanist")).to_contain_text("residents' own")
    expect(asker.locator(".consultation-status")).to_contain_text("Planner Pavel has answered")


def test_follow_a_guide_and_tick_a_step(live_server, seeded, nojs):
    sign_in(nojs, live_server, "nojs-organiser")
    nojs.goto(live_server.url + seeded[5])
    nojs.select_option("#guide-choice", label=GUIDE)
    nojs.get_by_role("button", name="Follow this guide").click()
    expect(nojs.locator(".flashes")).to_contain_text(f"follows the guide “{GUIDE}”")
    expect(nojs.locator("#checklist .checklist-title")).to_have_text(STEPS)
    nojs.get_by_role("link", name="Keep the checklist").click()
    nojs.get_by_role("button", name=f"Not done: {STEPS[0]}").click()
    expect(nojs.locator(".flashes")).to_contain_text("The checklist is saved.")
    expect(nojs.locator("#checklist progress")).to_have_attribute("value", "33")
    nojs.goto(live_server.url + "/initiatives?guide=yes")
    assert list_titles(nojs) == [item(5)["title"]]
