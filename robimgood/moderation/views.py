"""Reporting, the moderators' queue, their actions and the audit log."""

from functools import wraps

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.models import User
from ..extensions import db, limiter
from . import bp, services
from .forms import ActionForm, ReportForm


def moderator_required(view):
    """Signed in as an admin or a moderator; anyone else signed in gets a 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.moderates:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def _found(item):
    if item is None:
        abort(404)
    return item


# --- reporting -----------------------------------------------------------------------------

@bp.route("/i/<public_id>/report", methods=["GET", "POST"],
          defaults={"kind": "initiative", "item_id": None})
@bp.route("/i/<public_id>/updates/<int:item_id>/report", methods=["GET", "POST"],
          defaults={"kind": "update"})
@bp.route("/i/<public_id>/comments/<int:item_id>/report", methods=["GET", "POST"],
          defaults={"kind": "comment"})
@login_required
@limiter.limit("20 per hour", methods=["POST"])
def report(public_id, kind, item_id):
    """Ask the moderators to look at an initiative, an update or a comment."""
    target = _found(services.find(public_id, kind, item_id, current_user))
    form = ReportForm()
    if form.validate_on_submit():
        created = services.report(target, current_user, form.reason.data, form.details.data or "")
        db.session.commit()
        flash(_("Thank you. The moderators will look at it.") if created else
              _("You have reported this already. The moderators will look at it."),
              "success" if created else "info")
        return redirect(_object_url(target), 303)
    return render_template("moderation/report.html", target=target, form=form), (
        400 if form.errors else 200)


def _object_url(target: services.Target) -> str:
    anchor = None if target.kind == "initiative" else f"{target.kind}-{target.item.id}"
    return url_for("initiatives.detail", public_id=target.initiative.public_id,
                   slug=target.initiative.slug, _anchor=anchor)


# --- the moderators' pages -----------------------------------------------------------------

@bp.get("/moderation")
@moderator_required
def queue():
    """Open reports grouped by object, newest first; what is hidden; who is banned."""
    return render_template("moderation/queue.html", items=services.queue(),
                           hidden=services.hidden(), banned=services.banned(), form=ActionForm(),
                           object_url=_object_url)


@bp.get("/moderation/log")
@moderator_required
def log():
    """Every moderator action, newest first."""
    return render_template("moderation/log.html", entries=services.audit_log())


def _act(action):
    """Validate the reason, run the action, commit; a stale or repeated action is a 409."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400, " ".join(e for errors in form.errors.values() for e in errors))
    try:
        action(form)
    except services.ModerationConflict as err:
        db.session.rollback()
        abort(409, str(err))
    db.session.commit()
    return redirect(url_for(".queue"), 303)


@bp.post("/moderation/<kind>/<int:object_id>/hide", defaults={"action": "hide"})
@bp.post("/moderation/<kind>/<int:object_id>/restore", defaults={"action": "restore"})
@moderator_required
def hide(kind, object_id, action):
    """Hide an object from everyone but the moderators, or bring it back."""
    target = _found(services.by_id(kind, object_id))

    def run(form):
        services.set_hidden(target, action == "hide", current_user, form.reason.data or "")
        flash(_("Hidden.") if action == "hide" else _("Restored."), "success")

    return _act(run)


@bp.post("/moderation/<kind>/<int:object_id>/dismiss")
@moderator_required
def dismiss(kind, object_id):
    """Close the reports on an object, leaving it as it is."""
    target = _found(services.by_id(kind, object_id))

    def run(form):
        if form.last_report.data is None:
            abort(400, _("The form is incomplete. Please reload the page."))
        services.dismiss(target, form.last_report.data, current_user, form.reason.data or "")
        flash(_("The reports are dismissed."), "success")

    return _act(run)


@bp.post("/moderation/users/<int:user_id>/ban", defaults={"action": "ban"})
@bp.post("/moderation/users/<int:user_id>/unban", defaults={"action": "unban"})
@moderator_required
def ban(user_id, action):
    """Ban a person (every session ends, they cannot sign in) or lift the ban."""
    user = _found(db.session.get(User, user_id))

    def run(form):
        services.set_banned(user, action == "ban", current_user, form.reason.data or "")
        flash(_("%(name)s is banned.", name=user.name) if action == "ban"
              else _("The ban on %(name)s is lifted.", name=user.name), "success")

    return _act(run)
