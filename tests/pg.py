"""A throwaway PostgreSQL + PostGIS cluster for the test run, built from the system's binaries.

Used when TEST_DATABASE_URL is not given. As root, PostgreSQL refuses to run, so the cluster
belongs to the 'postgres' system user. It listens only on a Unix socket in a temporary folder.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]))
    return Path(candidates[-1]).parent if candidates else None


def _has_postgis(bindir: Path) -> bool:
    version = bindir.parts[-2]
    return bool(glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"))


def ensure_installed() -> Path:
    """The PostgreSQL bin folder, installing PostgreSQL + PostGIS first when we are root."""
    bindir = _bindir()
    if bindir and _has_postgis(bindir):
        return bindir
    if os.geteuid() == 0:
        subprocess.run([str(ROOT / "scripts" / "system-deps.sh"), "test"], check=True)
        bindir = _bindir()
        if bindir and _has_postgis(bindir):
            return bindir
    raise RuntimeError(
        "PostgreSQL with PostGIS is not installed; run: sudo scripts/system-deps.sh test "
        "(or set TEST_DATABASE_URL to a PostGIS database)"
    )


class Cluster:
    def __init__(self):
        self.bindir = ensure_installed()
        self.dir = Path(tempfile.mkdtemp(prefix="robimgood-pg-"))
        self.data = self.dir / "data"
        self.socket = self.dir
        self.port = 5433 + os.getpid() % 1000
        self._as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args):
        subprocess.run([*self._as_user, *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def start(self) -> str:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8")
        self.resume()
        return f"postgresql+psycopg://postgres@/postgres?host={self.socket}&port={self.port}"

    def pause(self) -> None:
        """Shut the server down, keeping its data (the fault tests take the database away)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        options = (f"-p {self.port} -k {self.socket} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.dir / "log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    """A fresh database named name on the server of admin_url; returns its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    for _ in range(50):
        try:
            conn = psycopg.connect(conninfo, autocommit=True)
            break
        except psycopg.OperationalError:
            time.sleep(0.1)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)
