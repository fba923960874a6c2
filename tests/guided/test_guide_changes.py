"""Editing a guide later changes nothing in the initiatives that follow it: they keep the steps
they adopted, their organisers see what changed, and may take the new steps."""

import re

from robimgood.guided.models import GuideAdoption
from robimgood.guides import services as guides

from ..guides.conftest import step_data
from .conftest import STEPS, adopt, checklist, progress_of


def edit_the_guide(db, guide, editor):
    """An editor rewords step 2, removes step 1 and adds two steps."""
    first, second, third = guide.steps
    guides.update_step(second, editor, {"title": "Write to the district administration",
                                        "instructions": "Use the appeal template."})
    guides.remove_step(first, editor)
    guides.add_step(guide, editor, step_data("Collect signatures"))
    guides.add_step(guide, editor, step_data("Photograph the yard"))
    db.session.commit()
    return guide


def test_editing_the_guide_leaves_the_adopted_steps_and_shows_what_changed(
        db, client, org_client, initiative, guide, make_user):
    adopt(org_client, initiative, guide)
    org_client.post(f"/i/{initiative.public_id}/milestones/{checklist(db, initiative)[0].id}/done",
                    data={"done": "1"})
    before = [(m.title, m.position, m.done, m.guide_step_id) for m in checklist(db, initiative)]
    adopted_revision = guide.revision

    edit_the_guide(db, guide, make_user(role="admin"))
    assert [(m.title, m.position, m.done, m.guide_step_id) for m in checklist(db, initiative)] == before
    assert progress_of(db, initiative) == 33
    assert db.session.get(GuideAdoption, initiative.id).revision == adopted_revision

    page = org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "The guide has changed since you adopted it" in page
    changes = page.split('class="guide-changes"')[1].split("</ul>")[0]
    for text in ("Changed the step “Write to the district administration”: title, what to do.",
                 f"Removed the step “{STEPS[0]}”.",
                 "Added the step “Collect signatures”.", "Added the step “Photograph the yard”."):
        assert text in changes, text
    # The public sees the guide it follows, not the organisers' notice.
    public = client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "The guide we follow" in public and "has changed since" not in public


def test_a_moved_step_is_named(db, org_client, initiative, guide, make_user):
    adopt(org_client, initiative, guide)
    guides.move_step(guide.steps[2], make_user(role="admin"), 1)
    db.session.commit()
    page = org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "Moved the step “Hold the clean-up day”." in page
    assert [m.title for m in checklist(db, initiative)] == list(STEPS)  # the checklist keeps its order


def test_organisers_take_the_new_steps_they_choose(db, org_client, initiative, guide, make_user):
    adopt(org_client, initiative, guide)
    edit_the_guide(db, guide, make_user(role="admin"))
    page = org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    offered = re.findall(r'<input checked id="steps-\d+" name="steps" type="checkbox" value="(\d+)"', page)
    signatures, photos = (s.id for s in guide.steps
                          if s.title in ("Collect signatures", "Photograph the yard"))
    assert offered == [str(signatures), str(photos)]

    response = org_client.post(f"/i/{initiative.public_id}/guide/update",
                               data={"revision": guide.revision, "steps": [photos]})
    assert response.status_code == 303
    items = checklist(db, initiative)
    assert [m.title for m in items] == [*STEPS, "Photograph the yard"]
    assert items[-1].guide_step_id == photos
    assert db.session.get(GuideAdoption, initiative.id).revision == guide.revision
    assert progress_of(db, initiative) == 0
    page = org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "has changed since" not in page  # seen; until the guide changes again

    guides.update_step(guide.steps[0], make_user(role="admin"), step_data("Hold the big clean-up day"))
    db.session.commit()
    page = org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert "Changed the step “Hold the big clean-up day”" in page
    assert 'name="steps"' not in page  # nothing new to add: only "mark as seen"
    assert "Mark the changes as seen" in page
    org_client.post(f"/i/{initiative.public_id}/guide/update", data={"revision": guide.revision})
    assert [m.title for m in checklist(db, initiative)][0] == STEPS[0]


def test_a_stale_or_bad_update_changes_nothing(db, org_client, initiative, guide, make_user):
    adopt(org_client, initiative, guide)
    editor = make_user(role="admin")
    guides.add_step(guide, editor, step_data("Collect signatures"))
    db.session.commit()
    shown = guide.revision
    new_id = guide.steps[-1].id
    guides.add_step(guide, editor, step_data("Photograph the yard"))
    db.session.commit()
    url = f"/i/{initiative.public_id}/guide/update"

    stale = org_client.post(url, data={"revision": shown, "steps": [new_id]})
    assert stale.status_code == 409 and "The guide has changed again meanwhile" in stale.text
    for data in ({"revision": guide.revision, "steps": [guide.steps[0].id]},  # adopted already
                 {"revision": guide.revision, "steps": ["abc"]},
                 {"revision": guide.revision, "steps": ["999999"]},
                 {"steps": [new_id]}):
        assert org_client.post(url, data=data).status_code == 400, data
    assert len(checklist(db, initiative)) == 3
    assert db.session.get(GuideAdoption, initiative.id).revision < guide.revision


def test_an_unpublished_or_deleted_guide_leaves_the_checklist(db, client, org_client, initiative, guide,
                                                             make_user):
    adopt(org_client, initiative, guide)
    admin = make_user(role="admin")
    guides.update(guide, admin, {"status": "draft"})
    db.session.commit()
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
    assert guide.title in page and f'href="/guides/{guide.public_id}' not in page  # no link to a draft
    assert "has changed since" not in org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text

    guides.delete(guide)
    db.session.commit()
    assert db.session.get(GuideAdoption, initiative.id) is None
    assert [m.title for m in checklist(db, initiative)] == list(STEPS)
    assert "Follow a guide" in org_client.get(f"/i/{initiative.public_id}/{initiative.slug}").text
