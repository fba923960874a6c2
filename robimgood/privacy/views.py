"""Your data: the page, the download and the deletion of the account."""

from flask import Response, flash, redirect, render_template, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..accounts import services as accounts
from ..extensions import db, limiter
from . import bp, services
from .forms import DeleteAccountForm


@bp.get("/profile/data")
@login_required
def data():
    """What we hold about me, and what I can do with it."""
    return render_template("privacy/data.html")


@bp.get("/profile/data.json")
@login_required
def export():
    """Everything we hold about me, as a JSON download."""
    body = services.export(current_user._get_current_object())
    response = Response(stream_with_context(body), mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="robimgood-my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/profile/delete", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def delete():
    """Delete my account, with what I wrote deleted or kept anonymised; every session ends."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if accounts.authenticate(current_user.username, form.password.data) is None:
            form.password.errors.append(_("The password is wrong."))
        else:
            services.delete_account(current_user._get_current_object(),
                                    keep_content=form.content.data == "keep")
            db.session.commit()
            logout_user()
            flash(_("Your account is deleted. Every device where you were signed in is signed out."),
                  "success")
            return redirect(url_for("map.home"), 303)
    return render_template("privacy/delete.html", form=form), 400 if form.errors else 200
