"""Rate limits: each one trips with a 429 page in the person's language; log-in is limited per
client and per account; the storage is Redis when REDIS_URL is set (a real redis-server, started
here) and memory otherwise, and what it stores names no address and no account."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask_babel import force_locale

from robimgood import config as config_module
from robimgood.errors import TITLES

from ..conftest import CI

ROOT = Path(__file__).resolve().parents[2]


def from_address(n: int) -> dict:
    return {"environ_overrides": {"REMOTE_ADDR": f"198.51.100.{n}"}}


# name: (how many pass, who sends, one request given its number and headers)
LIMITS = {
    "login per client": (10, "anonymous", lambda c, i, h: c.post(
        "/login", data={"username": f"nobody{i}", "password": "wrong password"}, headers=h)),
    "login per account": (10, "anonymous", lambda c, i, h: c.post(  # each from a new address
        "/login", data={"username": "Target", "password": "wrong password"}, headers=h,
        **from_address(i))),
    "registration": (10, "anonymous", lambda c, i, h: c.post(
        "/register", data={"username": f"new{i}", "password": "long enough password"}, headers=h)),
    "anonymous consultations": (5, "anonymous", lambda c, i, h: c.post(
        "/consultations/new", data={"question": "?"}, headers=h)),
    "comments": (30, "member", lambda c, i, h: c.post(
        f"/i/{c.initiative}/comments", data={"body": ""}, headers=h)),
    "joins": (30, "member", lambda c, i, h: c.post(f"/i/{c.initiative}/join", headers=h)),
}


@pytest.mark.parametrize("name", LIMITS)
def test_each_limit_trips_with_a_429_page_in_the_users_language(
        app, client, make_user, make_initiative, signed_in, limits_on, name):
    allowed, who, send = LIMITS[name]
    make_user("target")
    if who == "member":
        client = signed_in(make_user())
    client.initiative = make_initiative().public_id
    statuses = [send(client, i, {}).status_code for i in range(allowed)]
    assert 429 not in statuses and len(set(statuses)) == 1, statuses
    for n, language in enumerate(("be", "ru", "en")):
        blocked = send(client, 250 + n, {"Accept-Language": language})
        assert blocked.status_code == 429
        with force_locale(language):
            assert str(TITLES[429]).encode() in blocked.data, language
        assert f'<html lang="{language}"'.encode() in blocked.data
        assert b"per 1 " not in blocked.data and b" per " not in blocked.data  # no English limit


def test_login_limits_are_separate_for_clients_and_accounts(client, make_user, limits_on):
    make_user("target")
    make_user("someone")
    for i in range(10):  # ten addresses guess at one account
        client.post("/login", data={"username": "TARGET", "password": "wrong"}, **from_address(i))
    assert client.post("/login", data={"username": "target", "password": "wrong"},
                       **from_address(99)).status_code == 429
    # The same new address may still sign in to another account...
    assert client.post("/login", data={"username": "someone", "password": "wrong password"},
                       **from_address(99)).status_code == 400
    # ...and one address guessing at ten accounts is stopped at the eleventh.
    for i in range(9):
        client.post("/login", data={"username": f"nobody{i}", "password": "x"}, **from_address(7))
    assert client.post("/login", data={"username": "someone", "password": "x"},
                       **from_address(7)).status_code == 429


def test_storage_is_memory_unless_redis_url_is_set(monkeypatch, tmp_path):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert config_module.load(tmp_path)["RATELIMIT_STORAGE_URI"] == "memory://"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    assert config_module.load(tmp_path)["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6390/0"


@pytest.fixture
def redis_server(tmp_path):
    """A throwaway redis-server on a free loopback port; skipped if missing (failed under CI)."""
    binary = shutil.which("redis-server")
    if binary is None:
        if CI:
            pytest.fail("redis-server is missing (CI=true): scripts/system-deps.sh test installs it")
        pytest.skip("redis-server is missing: scripts/system-deps.sh test installs it")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


# Runs in its own process, because the limiter's storage belongs to the one limiter object.
TRIP_LOGIN = """
import json, os
from flask_migrate import upgrade
from robimgood import create_app
app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
with app.app_context():
    upgrade(revision="heads")
client = app.test_client()
statuses = [client.post("/login", data={"username": "Someone", "password": "wrong password"},
                        environ_overrides={"REMOTE_ADDR": "203.0.113.45"}).status_code
            for _ in range(11)]
print(json.dumps({"storage": app.config["RATELIMIT_STORAGE_URI"], "statuses": statuses}))
"""


def test_redis_holds_the_counters_under_keys_without_address_or_name(redis_server, tmp_path,
                                                                      engine_app):
    import redis

    if engine_app.engine_name != "sqlite":
        pytest.skip("the limiter's storage does not depend on the database engine")
    env = {**os.environ, "REDIS_URL": redis_server, "RATELIMIT_ENABLED": "true",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'r.sqlite'}"}
    run = subprocess.run([sys.executable, "-c", TRIP_LOGIN], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["storage"] == redis_server
    assert result["statuses"] == [400] * 10 + [429]
    keys = [key.decode() for key in redis.Redis.from_url(redis_server).keys("*")]
    assert any("login" in key for key in keys), keys
    for private in ("203.0.113.45", "someone", "Someone"):
        assert not any(private in key for key in keys), (private, keys)
