"""Community queries and writes. Services flush; the view commits.

Who organises is decided here in one place (is_organiser); initiatives.services asks it through
community.lifecycle. Member names leave this module only for the organisers
(members_for_organisers), the member themself (membership_of, my_memberships), or when the
member chose to be listed (_public).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .. import geo
from ..accounts.models import User
from ..extensions import db
from ..initiatives.models import Initiative
from ..notifications.services import notify, register_kind
from ..timeutil import utcnow
from .models import (
    MEMBER,
    ORGANISER,
    AreaSubscription,
    Comment,
    Follow,
    JoinPolicy,
    Membership,
    Milestone,
    StatusChange,
    Story,
    Update,
)

MAX_AREAS_PER_USER = 10

register_kind("join_request", _l("%(user)s asks to join “%(initiative)s”"))
register_kind("new_member", _l("%(user)s joined “%(initiative)s”"))
register_kind("join_accepted", _l("You are now a member of “%(initiative)s”"))
register_kind("join_declined", _l("Your request to join “%(initiative)s” was declined"))
register_kind("organiser_role", _l("You are now an organiser of “%(initiative)s”"))
register_kind("initiative_update", _l("News from “%(initiative)s”: %(title)s"))
register_kind("story_published", _l("“%(initiative)s” told its story: what worked and what it cost"))
register_kind("area_initiative", _l("A new initiative in your area: “%(initiative)s”"))
register_kind("comment_reply", _l("%(user)s replied to your comment on “%(initiative)s”"))
# One kind per status, so that each reads well in every language.
STATUS_KINDS = {
    "idea": _l("“%(initiative)s” is back to the idea stage"),
    "planning": _l("“%(initiative)s” is being planned"),
    "in_progress": _l("“%(initiative)s” is in progress"),
    "done": _l("“%(initiative)s” is done!"),
    "paused": _l("“%(initiative)s” is paused"),
}
for _status, _message in STATUS_KINDS.items():
    register_kind(f"status_{_status}", _message)


class CommunityError(Exception):
    """A request that cannot be honoured in the current state (409); the message is for people."""


class CommentError(ValueError):
    """A comment that is not well formed (400); the message is for people."""


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def _url(endpoint: str, anchor: str | None = None, external: bool = False, **values) -> str:
    """url_for that also works outside requests (the CLI creates initiatives), as a path."""
    if has_request_context():
        return url_for(endpoint, _anchor=anchor, _external=external, **values)
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return path + (f"#{anchor}" if anchor else "")


def initiative_url(initiative: Initiative, anchor: str | None = None, external: bool = False) -> str:
    return _url("initiatives.detail", anchor, external, public_id=initiative.public_id,
                slug=initiative.slug)


def _lock(initiative: Initiative) -> None:
    """Serialise changes that check a rule over several rows (the last organiser, the
    checklist's share done): PostgreSQL locks the initiative's row; SQLite has one writer."""
    db.session.execute(select(Initiative.id).where(Initiative.id == initiative.id).with_for_update())


# --- memberships ---------------------------------------------------------------------------

def membership_of(user, initiative: Initiative) -> Membership | None:
    if not _signed_in(user):
        return None
    return db.session.scalar(select(Membership).where(
        Membership.initiative_id == initiative.id, Membership.user_id == user.id))


def is_organiser(user, initiative: Initiative) -> bool:
    """The one answer to "does this person organise this initiative?"."""
    if not _signed_in(user):
        return False
    return bool(db.session.scalar(select(exists().where(
        Membership.initiative_id == initiative.id, Membership.user_id == user.id,
        Membership.role == ORGANISER, Membership.pending.is_(False)))))


def is_member(user, initiative: Initiative) -> bool:
    """An accepted member (organisers included): who may see the exact location."""
    membership = membership_of(user, initiative)
    return membership is not None and not membership.pending


def _active(initiative: Initiative):
    return (Membership.initiative_id == initiative.id) & Membership.pending.is_(False)


def organisers(initiative: Initiative) -> list[User]:
    stmt = select(User).join(Membership, Membership.user_id == User.id).where(
        _active(initiative), Membership.role == ORGANISER).order_by(Membership.created_at)
    return list(db.session.scalars(stmt))


def _public(initiative: Initiative) -> list[tuple[User, Membership]]:
    """Members and organisers who let their name be shown (the creator does, until they
    change it), with their memberships."""
    stmt = select(User, Membership).join(Membership, Membership.user_id == User.id).where(
        _active(initiative), Membership.listed_publicly.is_(True)).order_by(Membership.created_at)
    return [tuple(row) for row in db.session.execute(stmt)]


def member_count(initiative: Initiative) -> int:
    """Members and organisers; what the public sees instead of names."""
    return db.session.scalar(select(func.count()).select_from(Membership).where(
        _active(initiative))) or 0


def pending_count(initiative: Initiative) -> int:
    return db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.initiative_id == initiative.id, Membership.pending.is_(True))) or 0


def members_for_organisers(initiative: Initiative) -> list[Membership]:
    """Everyone, with names: for the organisers' eyes only. Requests first, then organisers."""
    order = case((Membership.pending.is_(True), 0), (Membership.role == ORGANISER, 1), else_=2)
    stmt = (select(Membership).where(Membership.initiative_id == initiative.id)
            .options(selectinload(Membership.user)).order_by(order, Membership.created_at))
    return list(db.session.scalars(stmt))


def membership_in(initiative: Initiative, membership_id: int) -> Membership | None:
    membership = db.session.get(Membership, membership_id)
    return membership if membership and membership.initiative_id == initiative.id else None


def approval_required(initiative: Initiative) -> bool:
    policy = db.session.get(JoinPolicy, initiative.id)
    return bool(policy and policy.approval_required)


def set_approval_required(initiative: Initiative, required: bool) -> None:
    policy = db.session.get(JoinPolicy, initiative.id)
    if policy is None:
        db.session.add(JoinPolicy(initiative_id=initiative.id, approval_required=required))
    else:
        policy.approval_required = required
    db.session.flush()


def add_founder(initiative: Initiative, user: User) -> Membership:
    """The creator is the first organiser, named on the page until they choose otherwise."""
    membership = Membership(initiative_id=initiative.id, user_id=user.id, role=ORGANISER,
                            listed_publicly=True)
    db.session.add(membership)
    db.session.flush()
    return membership


def _insert_once(row, lookup):
    """Insert row unless an equal one exists; returns (the row in the database, created).
    The unique constraint decides between parallel requests: the loser's insert fails inside
    a savepoint, which is rolled back, and the winner's row is returned."""
    if (existing := lookup()) is not None:
        return existing, False
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return lookup(), False
    return row, True


def join(initiative: Initiative, user: User) -> tuple[Membership, bool]:
    """Join, or ask to join when the organisers approve members; (membership, created)."""
    membership, created = _insert_once(
        Membership(initiative_id=initiative.id, user_id=user.id, role=MEMBER,
                   pending=approval_required(initiative)),
        lambda: membership_of(user, initiative))
    if created:
        if membership.pending:
            notify(organisers(initiative), "join_request",
                   _url("community.members", public_id=initiative.public_id),
                   user=user.name, initiative=initiative.title)
        else:
            notify([u for u in organisers(initiative) if u.id != user.id], "new_member",
                   _url("community.members", public_id=initiative.public_id),
                   user=user.name, initiative=initiative.title)
    return membership, created


def _other_organisers(membership: Membership) -> int:
    return db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.initiative_id == membership.initiative_id, Membership.id != membership.id,
        Membership.role == ORGANISER, Membership.pending.is_(False))) or 0


def _ensure_not_last_organiser(membership: Membership) -> None:
    _lock(membership.initiative)
    if membership.is_organiser and not _other_organisers(membership):
        raise CommunityError(_l("You are the last organiser. Make another member an organiser "
                                "before you leave or step down."))


def leave(membership: Membership) -> None:
    """Leave (or withdraw a request); the last organiser must hand over first."""
    _ensure_not_last_organiser(membership)
    db.session.delete(membership)
    db.session.flush()


def set_listing(membership: Membership, listed: bool) -> None:
    membership.listed_publicly = listed
    db.session.flush()


def accept(membership: Membership) -> None:
    if not membership.pending:
        raise CommunityError(_l("This person is a member already."))
    membership.pending = False
    db.session.flush()
    initiative = membership.initiative
    notify([membership.user], "join_accepted", initiative_url(initiative),
           initiative=initiative.title)


def decline(membership: Membership) -> None:
    if not membership.pending:
        raise CommunityError(_l("Only a request can be declined."))
    user, initiative = membership.user, membership.initiative
    db.session.delete(membership)
    db.session.flush()
    notify([user], "join_declined", initiative_url(initiative), initiative=initiative.title)


def set_role(membership: Membership, role: str) -> None:
    """Make a member an organiser, or an organiser a member (never the last one)."""
    if membership.pending:
        raise CommunityError(_l("Accept the request first."))
    if role == membership.role:
        return
    if role == MEMBER:
        _ensure_not_last_organiser(membership)
    membership.role = role
    db.session.flush()
    if role == ORGANISER:
        initiative = membership.initiative
        notify([membership.user], "organiser_role", initiative_url(initiative),
               initiative=initiative.title)


def remove(membership: Membership) -> None:
    """An organiser removes a member (organisers step down first)."""
    if membership.is_organiser:
        raise CommunityError(_l("Organisers cannot be removed. Make them a member first."))
    db.session.delete(membership)
    db.session.flush()


# --- follows -------------------------------------------------------------------------------

def is_following(user, initiative: Initiative) -> bool:
    if not _signed_in(user):
        return False
    return db.session.get(Follow, (user.id, initiative.id)) is not None


def follow(initiative: Initiative, user: User) -> bool:
    """Follow; returns False when the person already did (nothing is written)."""
    _, created = _insert_once(Follow(user_id=user.id, initiative_id=initiative.id),
                              lambda: db.session.get(Follow, (user.id, initiative.id)))
    return created


def unfollow(initiative: Initiative, user: User) -> bool:
    row = db.session.get(Follow, (user.id, initiative.id))
    if row is None:
        return False
    db.session.delete(row)
    db.session.flush()
    return True


def audience(initiative: Initiative, exclude=None) -> list[User]:
    """Who hears about updates and status changes: members, organisers and followers."""
    members = select(Membership.user_id).where(_active(initiative))
    followers = select(Follow.user_id).where(Follow.initiative_id == initiative.id)
    stmt = select(User).where(or_(User.id.in_(members), User.id.in_(followers)))
    if exclude is not None:
        stmt = stmt.where(User.id != exclude.id)
    return list(db.session.scalars(stmt))


# --- status and updates --------------------------------------------------------------------

def record_status(initiative: Initiative, old_status: str | None, by: User | None) -> StatusChange:
    """Put the initiative's current status on its timeline and tell its audience (not the
    person who changed it). The first entry (old_status None) tells nobody."""
    change = StatusChange(initiative_id=initiative.id, old_status=old_status,
                          new_status=initiative.status, changed_by_id=by.id if by else None)
    db.session.add(change)
    db.session.flush()
    if old_status is not None and initiative.status in STATUS_KINDS:
        notify(audience(initiative, exclude=by), f"status_{initiative.status}",
               initiative_url(initiative, "timeline"), initiative=initiative.title)
    return change


def change_status(initiative: Initiative, status: str, by: User) -> bool:
    """Set the status; returns False when it was already so (nothing is written)."""
    if status == initiative.status:
        return False
    old = initiative.status
    initiative.status = status
    db.session.flush()
    record_status(initiative, old, by)
    return True


def update_in(initiative: Initiative, update_id: int) -> Update | None:
    """The update, unless it is another initiative's or a moderator hid it."""
    update = db.session.get(Update, update_id)
    return update if update and update.initiative_id == initiative.id and update.visible else None


def post_update(initiative: Initiative, author: User, title: str, body: str) -> Update:
    update = Update(initiative_id=initiative.id, author_id=author.id, title=title.strip(),
                    body=body.strip())
    db.session.add(update)
    db.session.flush()
    notify(audience(initiative, exclude=author), "initiative_update",
           initiative_url(initiative, f"update-{update.id}"),
           initiative=initiative.title, title=update.title)
    return update


def edit_update(update: Update, title: str, body: str) -> None:
    update.title, update.body, update.edited_at = title.strip(), body.strip(), utcnow()
    db.session.flush()


def delete_update(update: Update) -> None:
    db.session.delete(update)
    db.session.flush()


@dataclass
class TimelineEntry:
    kind: str  # "status" or "update"
    at: datetime
    item: StatusChange | Update
    comments: list = field(default_factory=list)  # threads about an update

    @property
    def comment_count(self) -> int:
        return sum(1 + len(t.replies) for t in self.comments)


def timeline(initiative: Initiative) -> list[TimelineEntry]:
    """Status changes and updates (but those a moderator hid), newest first."""
    changes = db.session.scalars(select(StatusChange).where(
        StatusChange.initiative_id == initiative.id))
    updates = db.session.scalars(select(Update).where(Update.initiative_id == initiative.id,
                                                      Update.visible))
    entries = [TimelineEntry("status", c.created_at, c) for c in changes]
    entries += [TimelineEntry("update", u.created_at, u) for u in updates]
    return sorted(entries, key=lambda e: (e.at, e.kind == "update", e.item.id), reverse=True)


# --- the checklist -------------------------------------------------------------------------

def milestones(initiative: Initiative) -> list[Milestone]:
    stmt = select(Milestone).where(Milestone.initiative_id == initiative.id).order_by(
        Milestone.position, Milestone.id)
    return list(db.session.scalars(stmt))


def milestone_in(initiative: Initiative, milestone_id: int) -> Milestone | None:
    milestone = db.session.get(Milestone, milestone_id)
    return milestone if milestone and milestone.initiative_id == initiative.id else None


def _recount(initiative: Initiative) -> None:
    """Keep Initiative.progress (per cent done, rounded down) equal to the checklist. Skipped
    steps count neither as done nor in the total; with every step skipped there is no bar."""
    total, done = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((Milestone.done.is_(True), 1), else_=0)), 0))
        .where(Milestone.initiative_id == initiative.id, Milestone.skipped_reason.is_(None))).one()
    initiative.progress = done * 100 // total if total else None
    db.session.flush()


def add_milestone(initiative: Initiative, data: dict) -> Milestone:
    return add_milestones(initiative, [data])[0]


def add_milestones(initiative: Initiative, items: list[dict]) -> list[Milestone]:
    """Append items to the checklist in order (a guide's steps carry their guide_step_id)."""
    _lock(initiative)
    last = db.session.scalar(select(func.max(Milestone.position)).where(
        Milestone.initiative_id == initiative.id)) or 0
    added = []
    for position, data in enumerate(items, last + 1):
        milestone = Milestone(initiative_id=initiative.id, position=position,
                              guide_step_id=data.get("guide_step_id"))
        _apply_milestone(milestone, data)
        db.session.add(milestone)
        added.append(milestone)
    db.session.flush()
    _recount(initiative)
    return added


def _apply_milestone(milestone: Milestone, data: dict) -> None:
    milestone.title = data["title"].strip()
    milestone.due_date = data.get("due_date")
    milestone.note = (data.get("note") or "").strip()


def edit_milestone(milestone: Milestone, data: dict) -> None:
    _apply_milestone(milestone, data)
    db.session.flush()


def set_done(initiative: Initiative, milestone: Milestone, done: bool) -> None:
    """Tick or untick; doing a skipped step after all is no longer skipping it."""
    _lock(initiative)
    if milestone.done != done:
        milestone.done, milestone.done_at = done, utcnow() if done else None
    if done:
        milestone.skipped_reason = None
    db.session.flush()
    _recount(initiative)


def set_skipped(initiative: Initiative, milestone: Milestone, reason: str | None) -> None:
    """Skip a step with the reason why (it is then not done), or take it back (reason None)."""
    _lock(initiative)
    milestone.skipped_reason = reason.strip() if reason is not None else None
    if reason is not None:
        milestone.done, milestone.done_at = False, None
    db.session.flush()
    _recount(initiative)


def delete_milestone(initiative: Initiative, milestone: Milestone) -> None:
    delete_milestones(initiative, [milestone])


def delete_milestones(initiative: Initiative, items: list[Milestone]) -> None:
    _lock(initiative)
    for milestone in items:
        db.session.delete(milestone)
    db.session.flush()
    _recount(initiative)


def move_milestone(initiative: Initiative, milestone: Milestone, step: int) -> None:
    """Swap with the neighbour above (step -1) or below (+1); at an end nothing moves."""
    _lock(initiative)
    items = milestones(initiative)
    here = next(i for i, m in enumerate(items) if m.id == milestone.id)
    there = here + step
    if 0 <= there < len(items):
        items[here], items[there] = items[there], items[here]
        for position, item in enumerate(items, 1):
            item.position = position
        db.session.flush()


# --- comments ------------------------------------------------------------------------------

MAX_COMMENTS_SHOWN = 500


def comment_in(initiative: Initiative, comment_id: int) -> Comment | None:
    """The comment, unless it is another initiative's or a moderator hid it."""
    comment = db.session.get(Comment, comment_id)
    return comment if comment and comment.initiative_id == initiative.id and comment.visible else None


def add_comment(initiative: Initiative, author: User, body: str, update: Update | None = None,
                parent: Comment | None = None) -> Comment:
    """A comment, or a reply to a top-level comment of the same thread (one level deep)."""
    if parent is not None:
        if parent.parent_id is not None:
            raise CommentError(_l("Replies go one level deep: answer the first comment of the thread."))
        if parent.update_id != (update.id if update else None):
            raise CommentError(_l("This reply does not belong to that discussion."))
    comment = Comment(initiative_id=initiative.id, update_id=update.id if update else None,
                      parent_id=parent.id if parent else None, author_id=author.id,
                      body=body.strip())
    db.session.add(comment)
    db.session.flush()
    if parent is not None and parent.author_id not in (None, author.id):
        notify([parent.author], "comment_reply", initiative_url(initiative, f"comment-{comment.id}"),
               user=author.name, initiative=initiative.title)
    return comment


def set_hidden(comment: Comment, hidden: bool, by: User) -> None:
    comment.hidden_at, comment.hidden_by_id = (utcnow(), by.id) if hidden else (None, None)
    db.session.flush()


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment]


def threads(initiative: Initiative) -> dict[int | None, list[Thread]]:
    """The discussion grouped by what it is about: None for the initiative, else an update id.
    Oldest first, as a conversation reads. Comments a moderator hid are left out, and with
    them any replies to them."""
    stmt = (select(Comment).where(Comment.initiative_id == initiative.id, Comment.visible)
            .options(selectinload(Comment.author))
            .order_by(Comment.created_at, Comment.id).limit(MAX_COMMENTS_SHOWN))
    comments = list(db.session.scalars(stmt))
    replies = defaultdict(list)
    for c in comments:
        if c.parent_id is not None:
            replies[c.parent_id].append(c)
    grouped = defaultdict(list)
    for c in comments:
        if c.parent_id is None:
            grouped[c.update_id].append(Thread(c, replies[c.id]))
    return grouped


# --- stories -------------------------------------------------------------------------------

def story_of(initiative: Initiative) -> Story | None:
    return db.session.get(Story, initiative.id)


def save_story(initiative: Initiative, author: User, data: dict) -> Story:
    """Write or rewrite the story of a done initiative; the first version tells its audience."""
    if initiative.status != "done":
        raise CommunityError(_l("The story can be written once the initiative is done."))
    story = story_of(initiative)
    new = story is None
    if new:
        story = Story(initiative_id=initiative.id, author_id=author.id)
        db.session.add(story)
    for name in ("worked", "did_not_work", "cost"):
        setattr(story, name, (data.get(name) or "").strip())
    db.session.flush()
    if new:
        notify(audience(initiative, exclude=author), "story_published",
               initiative_url(initiative, "story"), initiative=initiative.title)
    return story


def stories() -> Select:
    """Stories of public initiatives that are done, newest first (not yet executed)."""
    return (select(Story).join(Story.initiative).where(Initiative.status == "done",
                                                       Initiative.visible)
            .options(selectinload(Story.initiative))
            .order_by(Story.published_at.desc(), Story.initiative_id.desc()))


# --- areas ---------------------------------------------------------------------------------

def areas_of(user: User) -> list[AreaSubscription]:
    stmt = select(AreaSubscription).where(AreaSubscription.user_id == user.id).order_by(
        AreaSubscription.created_at, AreaSubscription.id)
    return list(db.session.scalars(stmt))


def area_count(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(AreaSubscription).where(
        AreaSubscription.user_id == user.id)) or 0


def area_of(user: User, area_id: int) -> AreaSubscription | None:
    """The person's own area; another person's area is as missing as one that never was."""
    area = db.session.get(AreaSubscription, area_id)
    return area if area and area.user_id == user.id else None


def save_area(user: User, lon: float, lat: float, radius_m: int, label: str = "") -> AreaSubscription:
    """Raises geo.CircleError when the area's box would cross the antimeridian or a pole."""
    box = geo.circle_bbox(lon, lat, radius_m)
    area = AreaSubscription(user_id=user.id, label=label.strip(), centre=geo.point(lon, lat),
                            radius_m=radius_m, extent=geo.polygon(box))
    db.session.add(area)
    db.session.flush()
    return area


def delete_area(area: AreaSubscription) -> None:
    db.session.delete(area)
    db.session.flush()


def areas_containing(lon: float, lat: float) -> Select:
    """Saved areas that contain the point: one query through the spatial index."""
    return select(AreaSubscription).where(geo.circles_containing(
        lon, lat, extent=AreaSubscription.extent, centre=AreaSubscription.centre,
        radius_m=AreaSubscription.radius_m))


def notify_areas(initiative: Initiative, creator: User | None) -> int:
    """Tell the people whose saved areas contain a new initiative (one notice each). The public
    point decides: tiny saved areas must not reveal an approximate initiative's exact place."""
    lon, lat = initiative.public_lon_lat
    users = select(User).where(User.id.in_(
        areas_containing(lon, lat).with_only_columns(AreaSubscription.user_id)))
    if creator is not None:
        users = users.where(User.id != creator.id)
    recipients = list(db.session.scalars(users))
    if not recipients:
        return 0
    return notify(recipients, "area_initiative", initiative_url(initiative),
                  initiative=initiative.title)


def initiatives_near(lon: float, lat: float, radius_m: int, limit: int = 50) -> list[Initiative]:
    """The newest initiatives within radius_m metres (for the area feed)."""
    stmt = (select(Initiative).where(geo.within_metres(Initiative.public_location, lon, lat, radius_m),
                                     Initiative.visible)
            .order_by(Initiative.created_at.desc(), Initiative.id.desc()).limit(limit))
    return list(db.session.scalars(stmt))


# --- a person's own view -------------------------------------------------------------------

def my_memberships(user: User) -> list[Membership]:
    """The person's memberships; of an initiative a moderator hid, only those they organise."""
    stmt = (select(Membership).join(Membership.initiative)
            .where(Membership.user_id == user.id,
                   or_(Initiative.visible, (Membership.role == ORGANISER) & Membership.pending.is_(False)))
            .options(selectinload(Membership.initiative))
            .order_by(Membership.created_at.desc()))
    return list(db.session.scalars(stmt))


def my_follows(user: User) -> list[Initiative]:
    stmt = (select(Initiative).join(Follow, Follow.initiative_id == Initiative.id)
            .where(Follow.user_id == user.id, Initiative.visible)
            .order_by(Follow.created_at.desc()))
    return list(db.session.scalars(stmt))


def publicly_organised_by(user: User, limit: int = 50) -> list[Initiative]:
    """Initiatives the person organises and lets the public know about."""
    stmt = (select(Initiative).join(Membership, Membership.initiative_id == Initiative.id)
            .where(Membership.user_id == user.id, Membership.role == ORGANISER,
                   Membership.pending.is_(False), Membership.listed_publicly.is_(True),
                   Initiative.visible)
            .order_by(Initiative.created_at.desc()).limit(limit))
    return list(db.session.scalars(stmt))


# --- what the initiative page shows --------------------------------------------------------

@dataclass
class Panel:
    """Everything the community parts of an initiative's page need, computed once per page."""

    membership: Membership | None
    organiser: bool
    following: bool
    member_count: int
    public_organisers: list[User]
    public_members: list[User]
    approval_required: bool
    pending_count: int
    milestones: list[Milestone]
    timeline: list[TimelineEntry]
    threads: dict
    story: Story | None

    @property
    def done_count(self) -> int:
        return sum(m.done for m in self.milestones)

    @property
    def skipped_count(self) -> int:
        return sum(m.skipped for m in self.milestones)

    @property
    def counted_count(self) -> int:
        """The steps the progress counts: all but the skipped ones."""
        return len(self.milestones) - self.skipped_count


def panel(initiative: Initiative, user) -> Panel:
    organiser = is_organiser(user, initiative)
    entries = timeline(initiative)
    grouped = threads(initiative)
    for entry in entries:
        if entry.kind == "update":
            entry.comments = grouped.get(entry.item.id, [])
    public = _public(initiative)
    return Panel(
        membership=membership_of(user, initiative),
        organiser=organiser,
        following=is_following(user, initiative),
        member_count=member_count(initiative),
        public_organisers=[u for u, m in public if m.role == ORGANISER],
        public_members=[u for u, m in public if m.role != ORGANISER],
        approval_required=approval_required(initiative),
        pending_count=pending_count(initiative) if organiser else 0,
        milestones=milestones(initiative),
        timeline=entries,
        threads=grouped,
        story=story_of(initiative),
    )
