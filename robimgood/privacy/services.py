"""Everything the platform holds about a person, as JSON, and the deletion of their account.

Both walk the schema instead of a hand-kept list: every table with a column pointing at an
account is exported (rows that point at the person), and a new table needs no change here to
appear in the export. Services flush; the view commits, so a deletion that fails midway leaves
everything as it was.
"""

from collections.abc import Callable, Iterator

import orjson
from geoalchemy2.elements import WKBElement
from geoalchemy2.shape import to_shape
from shapely.geometry import mapping
from sqlalchemy import Table, delete, or_, select, update

from ..accounts.models import User
from ..community.models import ORGANISER, Comment, Membership, Story, Update
from ..consultations.models import Consultation, ConsultationMessage, PublishedAnswer
from ..extensions import db
from ..guided.models import GuideAdoption
from ..guides.models import Guide, GuideRevision
from ..initiatives.models import Initiative
from ..notifications.models import Notification
from ..timeutil import utcnow

EXPORT_CHUNK = 500
# Secrets and internal search copies: never in an export.
NOT_EXPORTED = {"password_hash", "session_version", "token_hash", "username_key", "search_text",
                "city_key"}
# Notifications whose `user` parameter names the person who acted.
NAMING_KINDS = ("join_request", "new_member", "comment_reply")


def user_columns(table: Table) -> list:
    """The columns of table that point at an account."""
    return [c for c in table.columns
            if any(fk.column.table.name == User.__tablename__ for fk in c.foreign_keys)]


def _organised(uid: int):
    return select(Membership.initiative_id).where(
        Membership.user_id == uid, Membership.role == ORGANISER, Membership.pending.is_(False))


def _asked(uid: int):
    return select(Consultation.id).where(Consultation.asker_id == uid)


# Rows that are the person's without a column naming them: the initiatives they organise (not
# only created), the guide those follow, and the whole of the threads they asked in.
EXTRA: dict[str, Callable] = {
    "users": lambda uid: [User.id == uid],
    "initiatives": lambda uid: [Initiative.id.in_(_organised(uid))],
    "guide_adoptions": lambda uid: [GuideAdoption.initiative_id.in_(_organised(uid))],
    "consultation_messages": lambda uid: [ConsultationMessage.consultation_id.in_(_asked(uid))],
    "published_answers": lambda uid: [PublishedAnswer.consultation_id.in_(_asked(uid))],
}


def _none(uid: int) -> list:
    return []


def exported_tables() -> list[Table]:
    return [t for t in db.metadata.sorted_tables if user_columns(t) or t.name in EXTRA]


def _row(table: Table, row, uid: int) -> dict:
    """One row as JSON-ready data: places as GeoJSON, and no other account's id."""
    people = {c.name for c in user_columns(table)}
    data = {}
    for column, value in zip(table.columns, row, strict=True):
        if column.name in NOT_EXPORTED:
            continue
        if isinstance(value, WKBElement):
            value = mapping(to_shape(value))
        elif column.name in people and value != uid:
            value = None
        data[column.name] = value
    return data


def export(user: User) -> Iterator[bytes]:
    """The person's data as one JSON document, streamed table by table in chunks, so a big
    account costs no more memory than a small one."""
    uid = user.id
    head = {"format": "robimgood-export/1", "exported_at": utcnow(), "username": user.username,
            "roles": user.roles, "specialties": user.specialty_codes}
    yield orjson.dumps(head)[:-1] + b',"tables":{'
    for number, table in enumerate(exported_tables()):
        conditions = [c == uid for c in user_columns(table)] + EXTRA.get(table.name, _none)(uid)
        yield (b"," if number else b"") + orjson.dumps(table.name) + b":["
        stmt = select(table).where(or_(*conditions)).order_by(*table.primary_key.columns)
        result = db.session.execute(stmt.execution_options(yield_per=EXPORT_CHUNK))
        for part, rows in enumerate(result.partitions()):
            yield (b"," if part else b"") + b",".join(orjson.dumps(_row(table, r, uid)) for r in rows)
        yield b"]"
    yield b"}}"


# --- deletion --------------------------------------------------------------------------------

def _execute(stmt) -> None:
    db.session.execute(stmt.execution_options(synchronize_session=False))


def forget_names(user: User) -> None:
    """Other people's notifications that name the person ("Anna asks to join …") go: only the
    name is stored, so a name the person used before a change cannot be found."""
    stmt = select(Notification).where(Notification.kind.in_(NAMING_KINDS))
    for notification in db.session.scalars(stmt.execution_options(yield_per=EXPORT_CHUNK)):
        if (notification.params or {}).get("user") in {user.name, user.username}:
            db.session.delete(notification)


def return_claims(user: User) -> None:
    """Requests the urbanist took and has not answered go back to the queue at once."""
    _execute(update(Consultation)
             .where(Consultation.urbanist_id == user.id, Consultation.recorded_state == "claimed")
             .values(recorded_state="open", urbanist_id=None, claimed_at=None))


def hand_over(user: User) -> list[int]:
    """Each initiative the person organises passes to its first co-organiser, if it has one;
    returns the ids of those they organise alone."""
    alone = []
    for initiative in db.session.scalars(select(Initiative).where(Initiative.id.in_(_organised(user.id)))):
        heir = db.session.scalar(
            select(Membership.user_id)
            .where(Membership.initiative_id == initiative.id, Membership.user_id != user.id,
                   Membership.role == ORGANISER, Membership.pending.is_(False))
            .order_by(Membership.created_at, Membership.id).limit(1))
        if heir is None:
            alone.append(initiative.id)
        if initiative.organiser_id == user.id:
            initiative.organiser_id = heir
    db.session.flush()
    return alone


def _about(initiative_ids: list[int]):
    """Notifications that point into these initiatives (their URLs carry the public id)."""
    ids = db.session.scalars(select(Initiative.public_id).where(Initiative.id.in_(initiative_ids)))
    return or_(False, *[Notification.url.contains(f"/i/{pid}", autoescape=True) for pid in ids])


def delete_content(user: User, alone: list[int]) -> None:
    """What the person wrote, and the notices that quote it: the initiatives they organise
    alone (with everything in them), updates, comments (replies to them go with them, as when a
    comment is removed), stories, answers to consultations, published copies of their answers
    and questions, and the draft guides nobody else edited."""
    uid = user.id
    updates = list(db.session.scalars(select(Update.id).where(Update.author_id == uid)))
    _execute(delete(Notification).where(or_(
        _about(alone), *[Notification.url.endswith(f"#update-{u}") for u in updates])))
    _execute(delete(Initiative).where(Initiative.id.in_(alone)))
    _execute(delete(Update).where(Update.author_id == uid))
    _execute(delete(Comment).where(Comment.author_id == uid))
    _execute(delete(Story).where(Story.author_id == uid))
    _execute(delete(ConsultationMessage).where(ConsultationMessage.author_id == uid))
    _execute(delete(PublishedAnswer).where(or_(PublishedAnswer.urbanist_id == uid,
                                               PublishedAnswer.consultation_id.in_(_asked(uid)))))
    edited_by_others = select(GuideRevision.guide_id).where(
        or_(GuideRevision.editor_id != uid, GuideRevision.editor_id.is_(None)))
    _execute(delete(Guide).where(Guide.status == "draft", Guide.last_editor_id == uid,
                                 Guide.id.not_in(edited_by_others)))


def delete_account(user: User, keep_content: bool) -> None:
    """Delete the account. Memberships, follows, saved areas, notifications, specialties and the
    questions they asked go with it (the schema's cascades); what they wrote is deleted or kept
    without their name, as they chose. The login id dies with the row, so every session ends."""
    forget_names(user)
    return_claims(user)
    alone = hand_over(user)
    if not keep_content:
        delete_content(user, alone)
    db.session.delete(user)
    db.session.flush()
