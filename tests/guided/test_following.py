"""Following a guide: adopting it copies its steps into the checklist; ticking and skipping them
moves the progress shown on the initiative's page, in the list and in the GeoJSON; dropping the
guide keeps or removes its steps."""

import html
import re

import orjson
from sqlalchemy import func, select

from robimgood.community.models import Milestone
from robimgood.guided.models import GuideAdoption

from .conftest import STEPS, adopt, checklist, progress_of


def shown_progress(client, initiative) -> dict:
    """The progress as the page, the list and the GeoJSON show it."""
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    listing = client.get("/initiatives").text
    feature = orjson.loads(client.get("/api/initiatives.geojson").data)["features"][0]
    bar = re.compile(r'<progress max="100" value="(\d+)"')
    return {"page": bar.findall(page)[:1], "list": bar.findall(listing),
            "geojson": feature["properties"]["progress"], "guide": feature["properties"]["guide"]}


def tick(client, initiative, milestone, done="1"):
    return client.post(f"/i/{initiative.public_id}/milestones/{milestone.id}/done", data={"done": done})


def test_adopting_and_ticking_moves_the_progress_everywhere(db, client, org_client, initiative, guide):
    assert shown_progress(client, initiative) == {"page": [], "list": [], "geojson": None, "guide": False}

    response = adopt(org_client, initiative, guide)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/i/{initiative.public_id}/{initiative.slug}#guide")
    items = checklist(db, initiative)
    assert [m.title for m in items] == list(STEPS)
    assert [m.guide_step_id for m in items] == [s.id for s in guide.steps]
    adoption = db.session.get(GuideAdoption, initiative.id)
    assert (adoption.guide_id, adoption.revision) == (guide.id, guide.revision)
    assert shown_progress(client, initiative) == {"page": ["0"], "list": ["0"], "geojson": 0, "guide": True}

    assert tick(org_client, initiative, items[0]).status_code == 303
    assert shown_progress(client, initiative) == {"page": ["33"], "list": ["33"], "geojson": 33,
                                                  "guide": True}
    tick(org_client, initiative, items[1])
    tick(org_client, initiative, items[2])
    assert shown_progress(client, initiative)["geojson"] == 100
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "3 of 3 steps done" in page and "The guide we follow" in page
    assert f'href="/guides/{guide.public_id}/{guide.slug}"' in page
    # Each step leads to what the guide says about it.
    assert f'href="/guides/{guide.public_id}/{guide.slug}#step-2"' in page


def test_a_skipped_step_counts_neither_as_done_nor_in_the_total(db, client, org_client, initiative, guide):
    adopt(org_client, initiative, guide)
    first, second, third = checklist(db, initiative)
    tick(org_client, initiative, first)
    url = f"/i/{initiative.public_id}/milestones/{second.id}/skip"
    form = org_client.get(url)
    assert form.status_code == 200 and "Why do you skip this step?" in form.text
    response = org_client.post(url, data={"reason": "The housing office agreed by phone."})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/i/{initiative.public_id}/milestones"
    assert checklist(db, initiative)[1].skipped_reason == "The housing office agreed by phone."
    assert shown_progress(client, initiative) == {"page": ["50"], "list": ["50"], "geojson": 50,
                                                  "guide": True}
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "1 of 2 steps done · 1 step skipped" in page
    assert "Skipped:</strong> The housing office agreed by phone." in page

    # The organisers' checklist offers to take it back instead of a tick box.
    manage = org_client.get(f"/i/{initiative.public_id}/milestones").text
    assert "Do it after all" in manage
    assert f'/milestones/{second.id}/done"' not in manage
    assert org_client.post(f"/i/{initiative.public_id}/milestones/{second.id}/unskip").status_code == 303
    assert checklist(db, initiative)[1].skipped_reason is None
    assert progress_of(db, initiative) == 33

    # Ticking a skipped step does it after all.
    org_client.post(url, data={"reason": "Not needed."})
    tick(org_client, initiative, second)
    assert [(m.done, m.skipped_reason) for m in checklist(db, initiative)][:2] == [(True, None), (True, None)]
    assert progress_of(db, initiative) == 66


def test_with_every_open_step_skipped_the_bar_counts_what_is_left(db, client, org_client, initiative,
                                                                 guide):
    adopt(org_client, initiative, guide)
    items = checklist(db, initiative)
    for m in items:
        org_client.post(f"/i/{initiative.public_id}/milestones/{m.id}/skip", data={"reason": "No."})
    assert progress_of(db, initiative) is None  # nothing left to count: no bar, as without a list
    assert shown_progress(client, initiative)["geojson"] is None
    org_client.post(f"/i/{initiative.public_id}/milestones/{items[0].id}/unskip")
    tick(org_client, initiative, checklist(db, initiative)[0])
    assert progress_of(db, initiative) == 100


def test_own_steps_and_guide_steps_share_one_checklist(db, org_client, initiative, guide):
    org_client.post(f"/i/{initiative.public_id}/milestones",
                    data={"title": "Buy gloves", "due_date": "", "note": ""})
    adopt(org_client, initiative, guide)
    items = checklist(db, initiative)
    assert [m.title for m in items] == ["Buy gloves", *STEPS]
    assert items[0].guide_step_id is None
    # Notes and dates on a guide step, as on any step.
    edit = org_client.post(f"/i/{initiative.public_id}/milestones/{items[2].id}/edit",
                           data={"title": items[2].title, "due_date": "2027-04-01", "note": "Ales writes it"})
    assert edit.status_code == 303
    changed = checklist(db, initiative)[2]
    assert (str(changed.due_date), changed.note, changed.guide_step_id) == (
        "2027-04-01", "Ales writes it", guide.steps[1].id)
    assert progress_of(db, initiative) == 0


def test_dropping_the_guide_keeps_its_steps_unless_asked(db, client, org_client, initiative, guide):
    adopt(org_client, initiative, guide)
    tick(org_client, initiative, checklist(db, initiative)[0])
    url = f"/i/{initiative.public_id}/guide/drop"
    ask = org_client.get(url)
    assert ask.status_code == 200
    assert "3 of the checklist's steps come from this guide (1 done)" in ask.text
    assert db.session.get(GuideAdoption, initiative.id) is not None  # GET only asks

    response = org_client.post(url, data={"steps": "keep"})
    assert response.status_code == 303
    assert db.session.get(GuideAdoption, initiative.id) is None
    assert [(m.title, m.done) for m in checklist(db, initiative)] == [
        (STEPS[0], True), (STEPS[1], False), (STEPS[2], False)]
    assert progress_of(db, initiative) == 33
    assert shown_progress(client, initiative)["guide"] is False

    # Following it again does not copy the kept steps twice.
    assert adopt(org_client, initiative, guide).status_code == 303
    assert len(checklist(db, initiative)) == 3

    org_client.post(f"/i/{initiative.public_id}/milestones",
                    data={"title": "Buy gloves", "due_date": "", "note": ""})
    assert org_client.post(url, data={"steps": "remove"}).status_code == 303
    assert [m.title for m in checklist(db, initiative)] == ["Buy gloves"]  # done ones went too
    assert progress_of(db, initiative) == 0


def test_removing_finds_steps_since_removed_from_the_guide(db, org_client, initiative, guide, make_user):
    from robimgood.guides import services as guides

    adopt(org_client, initiative, guide)
    editor = make_user(role="admin")
    guides.remove_step(guide.steps[0], editor)
    db.session.commit()
    org_client.post(f"/i/{initiative.public_id}/guide/update", data={"revision": guide.revision})
    org_client.post(f"/i/{initiative.public_id}/guide/drop", data={"steps": "remove"})
    assert checklist(db, initiative) == []


def test_the_guide_page_offers_the_initiatives_one_organises(db, client, org_client, organiser, initiative,
                                                             guide, make_initiative, make_user):
    other = make_initiative(make_user(), title="Someone else's garden")
    page = org_client.get(f"/guides/{guide.public_id}/{guide.slug}").text
    assert "Follow this guide with an initiative you organise" in page
    assert f'action="/i/{initiative.public_id}/guide"' in page
    assert f'action="/i/{other.public_id}/guide"' not in page
    assert "Follow this guide with" not in client.get(f"/guides/{guide.public_id}/{guide.slug}").text

    assert adopt(org_client, initiative, guide).status_code == 303
    page = org_client.get(f"/guides/{guide.public_id}/{guide.slug}").text
    assert f'action="/i/{initiative.public_id}/guide"' not in page  # it follows one now


def test_the_initiative_page_offers_the_published_guides(db, client, org_client, initiative, guide,
                                                         make_guide):
    draft = make_guide(status="draft", title="Unfinished guide")
    page = org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "Follow a guide" in page
    options = re.findall(r'<option[^>]*value="([^"]*)"', page.split('class="adopt-guide"')[1])
    assert guide.public_id in options and draft.public_id not in options
    public = client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert 'id="guide"' not in public  # nothing to show the public before one is followed


def test_starting_an_initiative_from_a_guide_follows_it(db, client, make_user, login, guide):
    from robimgood.initiatives.models import Initiative

    from ..conftest import VALID_INITIATIVE

    login(make_user())
    page = client.get(f"/guides/{guide.public_id}/{guide.slug}").text
    link = html.unescape(re.search(r'href="(/initiatives/new\?[^"]+)"', page).group(1))
    assert f"guide={guide.public_id}" in link
    form = client.get(link).text
    assert f'name="guide" value="{guide.public_id}"' in form
    assert re.search(r'name="follow_guide" value="y"\s+checked', form)
    assert "Follow the guide “A clean-up day in your yard”" in form

    created = client.post(link, data={**VALID_INITIATIVE, "guide": guide.public_id, "follow_guide": "y"})
    assert created.status_code == 303
    initiative = db.session.scalar(select(Initiative))
    assert db.session.get(GuideAdoption, initiative.id).guide_id == guide.id
    assert [m.title for m in checklist(db, initiative)] == list(STEPS)
    assert progress_of(db, initiative) == 0

    # Unticked, the initiative is created without the guide.
    client.post(link, data={**VALID_INITIATIVE, "title": "Without the guide", "guide": guide.public_id})
    plain = db.session.scalar(select(Initiative).where(Initiative.title == "Without the guide"))
    assert db.session.get(GuideAdoption, plain.id) is None
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 3


def test_the_wizard_plan_offers_to_follow_its_guide(db, client, make_user, login, guide):
    login(make_user())
    plan = client.get("/start?goal=clean&place=yard&permission=no&people=few").text
    link = html.unescape(re.search(r'<a class="button" href="([^"]+)">Turn it into', plan).group(1))
    assert f"guide={guide.public_id}" in link
    assert re.search(r'name="follow_guide" value="y"\s+checked', client.get(link).text)


def test_htmx_ticks_keep_the_guide_links_and_skip_actions(db, org_client, initiative, guide):
    adopt(org_client, initiative, guide)
    first = checklist(db, initiative)[0]
    fragment = org_client.post(f"/i/{initiative.public_id}/milestones/{first.id}/done", data={"done": "1"},
                               headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="checklist"') and "33% done" in fragment.text
    assert "How to do it: step 1 of the guide" in fragment.text
    assert fragment.text.count(">Skip</a>") == 2  # the two open steps; a done one is unticked instead


def test_the_guide_says_how_many_follow_it(db, client, org_client, initiative, guide, make_user, login):
    page = client.get(f"/guides/{guide.public_id}/{guide.slug}").text
    assert "follows this guide" not in page and "follow this guide." not in page
    adopt(org_client, initiative, guide)
    assert "1 initiative follows this guide." in client.get(f"/guides/{guide.public_id}/{guide.slug}").text
    login(make_user(role="admin"))
    for url in (f"/guides/{guide.public_id}/edit", f"/guides/{guide.public_id}/delete"):
        page = client.get(url).text
        assert "1 initiative follows this guide." in page and "does not change their checklists" in page


def test_deleting_the_initiative_ends_its_adoption(db, org_client, initiative, guide):
    adopt(org_client, initiative, guide)
    assert org_client.post(f"/i/{initiative.public_id}/delete").status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(GuideAdoption)) == 0
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 0
