"""The notification list, and the unread count every page shows in its header."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from . import bp, services


@bp.app_context_processor
def unread():
    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        if "unread_notifications" not in g:
            g.unread_notifications = services.unread_count(current_user)
        return g.unread_notifications

    return {"unread_notifications": unread_notifications}


@bp.get("/notifications")
@login_required
def index():
    """My notifications, newest first."""
    items = services.recent(current_user)
    return render_template("notifications/list.html", items=items, text=services.text)


@bp.post("/notifications/read")
@login_required
def mark_read():
    """Mark all my notifications as read."""
    services.mark_all_read(current_user)
    db.session.commit()
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for(".index"), 303)
