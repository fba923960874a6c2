"""Register, log in and out, and the profile."""

from urllib.parse import urlsplit

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db, keyed, limiter
from ..initiatives import services as initiative_services
from . import bp, services
from .forms import LoginForm, PasswordForm, ProfileForm, RegisterForm


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so ?next= cannot send people to another site."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(
        target
    ).netloc and "\\" not in target:
        return target
    return url_for("map.home")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def register():
    """Create an account with a user name and a password; e-mail is optional."""
    form = RegisterForm()
    if form.validate_on_submit():
        user = services.register(form.username.data, form.password.data, form.email.data)
        db.session.commit()
        login_user(user)
        flash(_("Welcome to Robim Good!"), "success")
        return redirect(_safe_next(request.args.get("next")), 303)
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


def _account_key() -> str:
    """Guesses at one account count against it from however many addresses they come."""
    return keyed("account:" + services.username_key(request.form.get("username") or ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
@limiter.limit("10 per 10 minutes; 50 per day", methods=["POST"], key_func=_account_key)
def login():
    """Sign in."""
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.username.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong user name or password."))
        elif user.banned_at is not None:
            form.password.errors.append(_("The moderators have blocked this account."))
        else:
            db.session.commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")), 303)
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    """Sign out everywhere: the session version changes, so every other browser is out too."""
    services.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("You are signed out on every device."), "success")
    return redirect(url_for("map.home"), 303)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Edit my profile."""
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        form.populate_obj(current_user)
        current_user.email = (form.email.data or "").strip() or None
        db.session.commit()
        flash(_("Profile saved."), "success")
        return redirect(url_for("accounts.profile"), 303)
    return render_template("accounts/profile.html", form=form), 400 if form.errors else 200


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
def password():
    """Change my password; every other session ends."""
    form = PasswordForm()
    if form.validate_on_submit():
        if services.authenticate(current_user.username, form.current.data) is None:
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.change_password(current_user, form.password.data)
            db.session.commit()
            login_user(current_user._get_current_object())  # this browser stays signed in
            flash(_("Password changed. Other devices are signed out."), "success")
            return redirect(url_for("accounts.profile"), 303)
    return render_template("accounts/password.html", form=form), 400 if form.errors else 200


@bp.get("/u/<username>")
def public_profile(username):
    """A person's public profile and the initiatives they organise."""
    user = services.by_username(username)
    if user is None:
        abort(404)
    return render_template("accounts/public_profile.html", user=user,
                           initiatives=initiative_services.by_organiser(user))


@bp.post("/language")
def language():
    """Switch the interface language; remembered in a cookie and, when signed in, the profile."""
    code = request.form.get("lang")
    if code not in ("be", "ru", "en"):
        abort(400)
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    response = make_response(redirect(_safe_next(request.form.get("next")), 303))
    response.set_cookie("lang", code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=request.is_secure)
    return response
