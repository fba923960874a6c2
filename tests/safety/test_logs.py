"""What the application logs when a request fails: no personal data. A failed INSERT's traceback
would print the statement's parameters (user name, e-mail, password hash) unless the engine hides
them, and PostgreSQL quotes the duplicate value in its own message, which is not logged either."""

import logging

from robimgood.accounts import services


def test_a_failed_write_logs_neither_the_values_nor_the_address(app, client, make_user, caplog,
                                                                 monkeypatch):
    make_user("taken-name")
    # Both checks for a taken name say "free", so the INSERT itself fails in the database.
    monkeypatch.setattr(services, "by_username", lambda username: None)
    caplog.set_level(logging.DEBUG)
    response = client.post("/register", data={
        "username": "Taken-Name", "password": "cnry901x password", "confirm": "cnry901x password",
        "email": "cnry902x@example.org"}, environ_overrides={"REMOTE_ADDR": "203.0.113.99"})
    assert response.status_code == 500
    assert "IntegrityError" in caplog.text or "UniqueViolation" in caplog.text  # for the operator
    assert "services.py" in caplog.text  # where it failed
    for private in ("taken-name", "cnry901x", "cnry902x", "203.0.113.99", "$argon2"):
        assert private not in caplog.text.lower(), private
