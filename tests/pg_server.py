"""A PostgreSQL server of the test run's own: initdb and pg_ctl in a temporary folder.

The Debian packages (postgresql-15, postgresql-15-postgis-3; scripts/test.sh installs them)
provide the binaries. PostgreSQL refuses to run as root, so under root the server runs as the
packages' `postgres` user. Each test gets a database of its own, made from a template that
already has PostGIS and the current schema (or the demo), which takes a fraction of a second.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

USER = "paicha"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (pg_ctl, initdb), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parent.parent.name))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One running server; `database()` makes a fresh database and returns its URL."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="paicha-pg-"))
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]
        data = self.root / "data"
        self._run([self.bin / "initdb", "-D", data, "-A", "trust", "-U", USER, "-E", "UTF8",
                   "--locale", "C.UTF-8"])
        self._run([self.bin / "pg_ctl", "-D", data, "-l", self.root / "server.log", "-w",
                   "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                         "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                         "-c max_connections=300",
                   "start"])
        self.templates: dict[str, str] = {}

    def _run(self, args: list) -> None:
        subprocess.run([*self._as_user, *map(str, args)], check=True, capture_output=True,
                       cwd=self.root)

    def url(self, name: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{name}"

    def database(self, template: str | None = None) -> str:
        """A new, empty database (or a copy of `template`); its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        source = f" TEMPLATE {template}" if template else ""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}{source}")
        return self.url(name)

    def template(self, key: str, fill) -> str:
        """A template database, made once per key by `fill(url)`; its name."""
        if key not in self.templates:
            url = self.database()
            fill(url)
            name = url.rsplit("/", 1)[1]
            with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
                # Nobody may stay connected to a template while it is copied.
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = %s AND pid <> pg_backend_pid()", [name])
            self.templates[key] = name
        return self.templates[key]

    def stop(self) -> None:
        subprocess.run([*self._as_user, str(self.bin / "pg_ctl"), "-D",
                        str(self.root / "data"), "-m", "immediate", "stop"],
                       capture_output=True, cwd=self.root)
        shutil.rmtree(self.root, ignore_errors=True)
