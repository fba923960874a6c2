"""Account writes and look-ups. Services flush; the view commits."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from ..extensions import db
from .models import SPECIALTIES, User, UserSpecialty

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
# Verified against when the user name is unknown, so timing does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("robimgood-no-such-user")


class AccountError(ValueError):
    """A request that cannot be honoured; the message is for the person."""


def username_key(username: str) -> str:
    return username.strip().casefold()


def by_username(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username_key == username_key(username)))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def register(username: str, password: str, email: str | None = None, **profile) -> User:
    """Create an activist account. Raises AccountError if the name is taken."""
    if by_username(username) is not None:
        raise AccountError("taken")
    user = User(
        username=username.strip(),
        username_key=username_key(username),
        password_hash=hash_password(password),
        email=(email or "").strip() or None,
        **profile,
    )
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(username: str, password: str) -> User | None:
    """The user if the password is right, else None; spends the same time either way."""
    user = by_username(username)
    stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or user.password_hash is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def end_all_sessions(user: User) -> None:
    """Every browser signed in as user is signed out on its next request."""
    user.session_version += 1
    db.session.flush()


def change_password(user: User, new_password: str) -> None:
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)


def grant_role(user: User, role: str, specialties: list[str] | None = None) -> None:
    """Make user an admin, a moderator or an urbanist (with specialties added to those they
    have)."""
    if role == "admin":
        user.is_admin = True
    elif role == "moderator":
        user.is_moderator = True
    elif role == "urbanist":
        unknown = set(specialties or []) - SPECIALTIES.keys()
        if unknown:
            raise AccountError(f"unknown specialty: {', '.join(sorted(unknown))}")
        user.is_urbanist = True
        have = set(user.specialty_codes)
        for code in specialties or []:
            if code not in have:
                user.specialties.append(UserSpecialty(specialty=code))
                have.add(code)
    elif role != "activist":
        raise AccountError(f"unknown role: {role}")
    db.session.flush()


def load_from_login_id(login_id: str) -> User | None:
    """Flask-Login's loader: the id carries the session version, so old sessions stop working."""
    user_id, _, version = login_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or user.banned_at is not None:
        return None
    return user
