"""A small world with every kind of user text in it, for the access crawl, the XSS corpus, the
data export and account deletion.

`build(text)` creates people in every role and something of every kind: initiatives (one at an
approximate place), memberships (listed, unlisted, a pending request), updates, comments (one
hidden), a checklist, a story, a saved area, consultations (anonymous and signed in, open and
answered, one published), guides (one a draft) and the notifications all this sends. Every
user-written text comes from text(key, max_length), so a caller can put a canary or an attack
into each field and know which field it is.
"""

from dataclasses import dataclass, field

PASSWORD = "correct horse battery"

# The approximate initiative's exact place, and the member's saved area: distinctive digits
# that the public points (snapped to the grid) do not share.
EXACT_LAT, EXACT_LON = 53.917931, 27.571532
AREA_LAT, AREA_LON = 53.886421, 27.649813


@dataclass
class World:
    users: dict = field(default_factory=dict)        # role -> username
    user_ids: dict = field(default_factory=dict)     # role -> id
    ids: dict = field(default_factory=dict)          # name -> public id or integer id
    token: str = ""                                  # the answered anonymous consultation's link
    open_token: str = ""                             # the open anonymous consultation's link


def build(text) -> World:
    """Create the world in the current app context and commit it."""
    from robimgood.accounts import services as accounts
    from robimgood.community import services as community
    from robimgood.consultations import services as consultations
    from robimgood.extensions import db
    from robimgood.guides import services as guides
    from robimgood.initiatives import services as initiatives

    world = World()

    def person(role, **roles):
        user = accounts.register(
            f"w-{role}", PASSWORD, email=text(f"{role}.email", 200).replace(" ", "") + "@example.org",
            display_name=text(f"{role}.display_name", 80), city=text(f"{role}.city", 80),
            bio=text(f"{role}.bio", 2000), skills=text(f"{role}.skills", 300))
        for name, specialties in roles.items():
            accounts.grant_role(user, name, specialties)
        world.users[role], world.user_ids[role] = user.username, user.id
        return user

    organiser = person("organiser")
    member = person("member")
    listed = person("listed")
    requester = person("requester")
    other = person("other")
    urbanist = person("urbanist", urbanist=["law"])
    admin = person("admin", admin=[])

    def initiative_data(prefix, **more):
        return {
            "title": text(f"{prefix}.title", 120), "summary": text(f"{prefix}.summary", 280),
            "description": text(f"{prefix}.description", 20000), "category": "green",
            "status": "in_progress", "city": text(f"{prefix}.city", 80), "latitude": EXACT_LAT,
            "longitude": EXACT_LON, "location_precision": "200m", "needs": ["volunteers"],
            "language": "en", **more,
        }

    # The approximate initiative: private members, a request, updates, comments, a checklist.
    yard = initiatives.create(organiser, initiative_data("yard"))
    community.set_approval_required(yard, False)
    community.join(yard, member)
    community.set_listing(community.join(yard, listed)[0], True)
    community.set_approval_required(yard, True)
    community.join(yard, requester)
    community.follow(yard, other)
    update = community.post_update(yard, organiser, text("update.title", 120),
                                   text("update.body", 20000))
    top = community.add_comment(yard, listed, text("comment.body", 5000))
    community.add_comment(yard, organiser, text("reply.body", 5000), parent=top)
    community.add_comment(yard, listed, text("update_comment.body", 5000), update=update)
    hidden = community.add_comment(yard, listed, text("hidden_comment.body", 5000))
    community.set_hidden(hidden, True, organiser)
    milestone = community.add_milestone(yard, {"title": text("milestone.title", 200),
                                               "due_date": None, "note": text("milestone.note", 2000)})
    community.set_done(yard, milestone, True)

    # A done initiative in a public place, with its story.
    bench = initiatives.create(organiser, initiative_data(
        "bench", status="done", location_precision="exact", latitude=53.93, longitude=27.60))
    community.save_story(bench, organiser, {name: text(f"story.{name}", 20000)
                                            for name in ("worked", "did_not_work", "cost")})

    community.save_area(member, AREA_LON, AREA_LAT, 1500, text("area.label", 80))

    # Consultations: anonymous and open; anonymous and answered; signed in (by `other`) and
    # answered, then published with consent.
    consultations.save_profile(urbanist, ["en", "ru"], text("urbanist.cities", 200), False)
    _, world.open_token = consultations.ask(None, "law", text("open_question", 20000), "en",
                                            text("open_question.city", 80))
    answered, world.token = consultations.ask(None, "law", text("anon_question", 20000), "en",
                                              text("anon_question.city", 80))
    consultations.claim(answered, urbanist)
    consultations.write(answered, "urbanist", text("anon_answer", 20000), author=urbanist)
    consultations.write(answered, "asker", text("anon_followup", 20000))
    asked, _ = consultations.ask(other, "law", text("signed_question", 20000), "en",
                                 text("signed_question.city", 80))
    consultations.claim(asked, urbanist)
    consultations.write(asked, "urbanist", text("signed_answer", 20000), author=urbanist)
    consultations.write(asked, "asker", text("signed_followup", 20000))
    consultations.set_consent(answered, True)
    published = consultations.publish(answered, urbanist, text("published.question", 20000),
                                      text("published.answer", 20000), text("published.city", 80))

    guide_steps = [{name: text(f"step.{name}", 160 if name == "title" else 80 if name == "duration"
                               else 20000) for name in ("title", "instructions", "legal_notes",
                                                        "documents", "contacts", "duration")}]
    guide = guides.create(admin, {"title": text("guide.title", 120), "summary": text("guide.summary", 400),
                                  "category": "green", "language": "en", "status": "published",
                                  "steps": guide_steps})
    draft = guides.create(urbanist, {"title": text("draft_guide.title", 120),
                                     "summary": text("draft_guide.summary", 400), "category": "green",
                                     "language": "en", "status": "draft", "steps": guide_steps})
    db.session.commit()
    world.ids.update(
        yard=yard.public_id, yard_slug=yard.slug, bench=bench.public_id, bench_slug=bench.slug,
        update=update.id, comment=top.id, hidden_comment=hidden.id, milestone=milestone.id,
        member_membership=community.membership_of(member, yard).id,
        request_membership=community.membership_of(requester, yard).id,
        area=community.areas_of(member)[0].id, answered=answered.public_id,
        open=consultations.by_token(world.open_token).public_id, asked=asked.public_id,
        published=published.public_id, guide=guide.public_id, guide_slug=guide.slug,
        guide_step=guide.steps[0].id, draft=draft.public_id, yard_id=yard.id, member_id=member.id,
    )
    return world
