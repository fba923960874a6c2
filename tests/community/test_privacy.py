"""Membership is private: a member's name reaches nobody but the organisers and the member,
unless the member opted in. Checked in every public answer: HTML, GeoJSON and Atom."""

import feedparser
import pytest

from robimgood.community import services

# Display names and user names that must never leak; each is unique enough to grep for.
PRIVATE = {"quietmember": "Canary Quietmember", "pendingasker": "Canary Pendingasker",
           "followerfox": "Canary Followerfox", "coorganiser": "Canary Coorganiser"}
LISTED = ("listedlena", "Listed Lena")


def secrets_in(text: str) -> set[str]:
    return {word for pair in PRIVATE.items() for word in pair if word in text}


@pytest.fixture
def crowd(db, make_user, organiser, initiative, make_initiative):
    """An initiative with a private member, a pending request, a follower, a private
    co-organiser and a member who chose to be listed; plenty of public activity besides."""
    people = {name: make_user(name, display_name=display) for name, display in
              [*PRIVATE.items(), LISTED]}
    services.join(initiative, people["quietmember"])
    services.join(initiative, people["coorganiser"])
    services.set_role(services.membership_of(people["coorganiser"], initiative), "organiser")
    services.join(initiative, people["listedlena"])
    services.set_listing(services.membership_of(people["listedlena"], initiative), True)
    services.follow(initiative, people["followerfox"])
    services.set_approval_required(initiative, True)
    services.join(initiative, people["pendingasker"])
    services.save_area(people["quietmember"], 27.59, 53.92, 2000, "Canary Quietmember's home")
    services.post_update(initiative, people["coorganiser"], "Week one", "We dug the beds.")
    services.add_milestone(initiative, {"title": "Dig", "due_date": None, "note": ""})
    services.change_status(initiative, "done", people["coorganiser"])
    services.save_story(initiative, people["coorganiser"], {"worked": "Neighbours came.",
                                                            "did_not_work": "", "cost": "10 BYN"})
    make_initiative(people["quietmember"], title="Quiet's own")  # organised, but not listed?
    db.session.commit()
    # The member chose not to be named as organiser of their own initiative either.
    own = services.my_memberships(people["quietmember"])
    services.set_listing(next(m for m in own if m.is_organiser), False)
    db.session.commit()
    return people


def public_answers(client, initiative):
    """Every public page and document that concerns the initiative or its place."""
    pid, slug = initiative.public_id, initiative.slug
    urls = [f"/i/{pid}/{slug}", "/initiatives", "/initiatives?status=done", "/", "/map",
            "/api/initiatives.geojson", "/api/initiatives.geojson?bbox=27,53,28,54",
            f"/i/{pid}/feed.atom", "/feeds/area.atom?lat=53.92&lon=27.59&radius_m=5000", "/stories",
            f"/i/{pid}/flyer", "/areas", "/areas?lat=53.92&lon=27.59&radius_m=5000"]
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        answers[url] = response.data.decode()
    return answers


def test_anonymous_visitors_see_counts_not_names(client, crowd, initiative):
    answers = public_answers(client, initiative)
    for url, text in answers.items():
        assert not secrets_in(text), f"{url} reveals {secrets_in(text)}"
    page = answers[f"/i/{initiative.public_id}/{initiative.slug}"]
    assert "4 members" in page  # organiser, co-organiser, quiet, listed (a request is not one)
    assert "Listed Lena" in page and "and others" in page  # the one who opted in
    assert "Olia Organiser" in page  # the creator is named until they choose otherwise
    for url in ("/api/initiatives.geojson", f"/i/{initiative.public_id}/feed.atom"):
        assert "Listed Lena" not in answers[url]  # documents carry no names at all
    for url in (f"/i/{initiative.public_id}/feed.atom", "/feeds/area.atom?lat=53.92&lon=27.59&radius_m=5000"):
        assert feedparser.parse(answers[url]).bozo == 0
    profile = client.get("/u/quietmember").data.decode()
    assert "Yard garden" not in profile and "Quiet&#39;s own" not in profile


@pytest.mark.parametrize("who", ["stranger", "listedlena", "followerfox"])
def test_other_people_signed_in_see_no_names_either(make_user, signed_in, crowd, initiative, who):
    person = make_user("stranger") if who == "stranger" else crowd[who]
    client = signed_in(person)

    def others(text):  # the header names the person signed in
        return secrets_in(text.replace(person.name, "").replace(person.username, ""))

    for url, text in public_answers(client, initiative).items():
        assert not others(text), url
    assert client.get(f"/i/{initiative.public_id}/members").status_code == 403
    for url in ("/notifications", "/me/initiatives"):
        assert not others(client.get(url).data.decode()), url


def test_a_member_sees_their_own_membership(signed_in, crowd, initiative):
    client = signed_in(crowd["quietmember"])
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}").data.decode()
    assert "You are a member." in page
    assert not secrets_in(page.replace("Canary Quietmember", "").replace("quietmember", ""))
    mine = client.get("/me/initiatives").data.decode()
    assert "Yard garden" in mine and "Quiet&#39;s own" in mine
    assert "Canary Quietmember&#39;s home" in client.get("/areas").data.decode()


def test_organisers_see_everyone(signed_in, crowd, initiative, organiser, db):
    client = signed_in(organiser)
    page = client.get(f"/i/{initiative.public_id}/members").data.decode()
    for name in ("Canary Quietmember", "Canary Pendingasker", "Canary Coorganiser", "Listed Lena"):
        assert name in page
    assert "Canary Followerfox" not in page  # following is private even from organisers
    notices = client.get("/notifications").data.decode()
    assert "Canary Pendingasker asks to join" in notices


def test_saved_areas_are_their_owners_alone(client, signed_in, make_user, crowd):
    area = services.areas_of(crowd["quietmember"])[0]
    other = signed_in(make_user("nosy"))
    assert "Canary" not in other.get("/areas").data.decode()
    assert other.post(f"/areas/{area.id}/delete").status_code == 404
    assert services.areas_of(crowd["quietmember"]) == [area]
