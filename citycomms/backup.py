"""Backups: the PostgreSQL database (pg_dump's custom format) and the media files, in one folder.

    manage.py backup --output DIR      writes DIR/database.dump and DIR/media.tar.gz
    manage.py restore DIR --yes        puts both back, replacing what is there

The connection comes from the settings (DATABASE_URL). pg_dump and pg_restore must be
at least the server's major version: the PostgreSQL installation's own binaries for
that version are used when present (/usr/lib/postgresql/<major>/bin), else those on PATH.
"""

import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"


def require_postgresql():
    if connection.vendor != "postgresql":
        raise CommandError("Backups need PostgreSQL: set DATABASE_URL. (With SQLite, copy db.sqlite3 and media/.)")


def server_major_version():
    connection.ensure_connection()
    return connection.pg_version // 10000


def client_tool(name):
    """The path of pg_dump or pg_restore matching the server; CommandError when only an older one exists."""
    major = server_major_version()
    own = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    tool = str(own) if own.exists() else shutil.which(name)
    if tool is None:
        raise CommandError(f"{name} is not installed (the PostgreSQL {major} client tools are needed)")
    version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"\(PostgreSQL\) (\d+)", version)  # "pg_dump (PostgreSQL) 15.20 (Debian …)"
    tool_major = int(found.group(1)) if found else 0
    if tool_major < major:
        raise CommandError(f"{tool} is version {tool_major}, older than the server ({major})")
    return tool


def connection_arguments():
    """Host, port, user and database for pg_dump and pg_restore; the password goes in the environment."""
    database = settings.DATABASES["default"]
    arguments = [f"--dbname={database['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments.append(f"{option}={database[key]}")
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment


def run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise CommandError(f"{Path(command[0]).name} failed:\n{result.stderr}")


def backup(output):
    """Write the database and the media files into the folder `output` (created if missing)."""
    require_postgresql()
    output.mkdir(parents=True, exist_ok=True)
    arguments, environment = connection_arguments()
    run(
        [client_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={output / DATABASE_FILE}", *arguments],
        environment,
    )
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(output / MEDIA_FILE, "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")


def restore(source):
    """Replace the database's tables and the media files with those of the backup in `source`."""
    require_postgresql()
    dump, media_archive = source / DATABASE_FILE, source / MEDIA_FILE
    for needed in (dump, media_archive):
        if not needed.is_file():
            raise CommandError(f"{needed} is missing: not a backup folder made by manage.py backup")
    arguments, environment = connection_arguments()
    connection.close()  # pg_restore drops tables this process might hold open
    run(
        [
            client_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *arguments,
            str(dump),
        ],
        environment,
    )
    restore_media(media_archive, Path(settings.MEDIA_ROOT))


def restore_media(archive_path, media_root):
    """Unpack the media archive in place of MEDIA_ROOT's contents (the folder itself stays)."""
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    with tarfile.open(archive_path, "r:gz") as archive:
        members = [member for member in archive.getmembers() if member.name.startswith("media/")]
        for member in members:
            member.name = member.name.removeprefix("media/")
        # "data" refuses absolute paths, links out of the folder and device files.
        archive.extractall(media_root, members=[m for m in members if m.name], filter="data")
