"""The project's infrastructure files: Makefile, CI script, Docker image and compose file, requirements.

None of these tests touch the database; they read files and run `make -n` / `bash -n` / `sh -n`.
"""

import os
import re
import shlex
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent


def read(name):
    return (REPO_ROOT / name).read_text(encoding="utf-8")


def run(*args, **env):
    # A clean make environment: when pytest itself runs under `make test`, the outer
    # make's flags must not leak into the dry runs.
    environ = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    environ.update(env)
    return subprocess.run(args, cwd=REPO_ROOT, env=environ, capture_output=True, text=True, timeout=60)


def requirement_lines(name):
    """The requirement lines of a requirements file, without comments, blanks and `-r` includes."""
    lines = []
    for raw in read(name).splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#") or line.startswith("-r "):
            continue
        lines.append(line)
    return lines


def requirement_names(name):
    names = set()
    for line in requirement_lines(name):
        names.add(re.split(r"[=<>!~\[; ]", line, maxsplit=1)[0].lower().replace("_", "-"))
    return names


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(read("docker-compose.yml"))


def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", read("Dockerfile"))
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            pairs.append((instruction.upper(), arguments.strip()))
    return pairs


def command_words(value):
    """A Dockerfile/compose command, exec form (JSON list or YAML list) or shell form, as a list of words."""
    if isinstance(value, list):
        return [str(word) for word in value]
    value = value.strip()
    if value.startswith("["):
        return yaml.safe_load(value)
    return shlex.split(value)


# --- docker compose ---------------------------------------------------------------


def test_compose_defines_db_redis_and_app(compose):
    assert {"db", "redis", "app"} <= set(compose["services"])
    assert compose["services"]["db"]["image"].startswith("postgres:")
    assert compose["services"]["redis"]["image"].startswith("redis:")
    assert compose["services"]["app"]["build"] == "."


def test_compose_app_waits_for_a_healthy_database(compose):
    db = compose["services"]["db"]
    assert "pg_isready" in " ".join(command_words(db["healthcheck"]["test"]))
    assert compose["services"]["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    # The database survives `docker compose down` in a named volume.
    volume = db["volumes"][0].split(":", 1)[0]
    assert volume in compose["volumes"]


def test_compose_app_environment(compose):
    environment = compose["services"]["app"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in environment["DATABASE_URL"], "the app must reach the db service by its name"
    assert environment["REDIS_URL"].startswith("redis://redis:")
    # Overridable from the shell, with a default that says it is not a real secret.
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:-")
    assert "change-me" in environment["DJANGO_SECRET_KEY"]
    assert ".localhost" in environment["DJANGO_ALLOWED_HOSTS"].split(",")
    assert "8000:8000" in compose["services"]["app"]["ports"]


def test_redis_cache_has_its_client_library_pinned(compose):
    # Production settings switch the cache to django's RedisCache when REDIS_URL is set,
    # which imports the `redis` package on first cache use (every Wagtail page request).
    if "REDIS_URL" in compose["services"]["app"]["environment"]:
        assert "redis" in requirement_names("requirements.txt")


# --- Docker image -------------------------------------------------------------------


def test_app_is_served_by_gunicorn():
    instructions = dockerfile_instructions()
    commands = [command_words(args) for instruction, args in instructions if instruction == "CMD"]
    compose_command = yaml.safe_load(read("docker-compose.yml"))["services"]["app"].get("command")
    if compose_command:
        commands.append(command_words(compose_command))
    served = commands[-1]
    assert served[0] == "gunicorn"
    assert "citycomms.wsgi:application" in served
    assert "0.0.0.0:8000" in " ".join(served)


def test_image_builds_static_files_with_production_settings_and_drops_root():
    instructions = dockerfile_instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    text = read("Dockerfile")
    assert "DJANGO_SETTINGS_MODULE=citycomms.settings.production" in text
    assert any(i == "RUN" and "collectstatic --noinput" in args for i, args in instructions)
    users = [args for instruction, args in instructions if instruction == "USER"]
    assert users and users[-1] not in {"root", "0"}
    # The image only uses pinned runtime requirements, never the dev tools.
    assert "requirements-dev" not in text


def test_entrypoint_migrates_and_hands_over_to_the_command():
    path = REPO_ROOT / "docker-entrypoint.sh"
    assert path.stat().st_mode & stat.S_IXUSR
    result = run("sh", "-n", str(path))
    assert result.returncode == 0, result.stderr
    script = path.read_text(encoding="utf-8")
    assert "migrate --noinput" in script
    assert "LOAD_DEMO" in script and "load_demo" in script
    assert 'exec "$@"' in script


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = set(read(".dockerignore").split())
    assert {".venv", "db.sqlite3", "media", ".git", "staticfiles"} <= ignored
    assert "__pycache__" in ignored or "**/__pycache__" in ignored


# --- Makefile (tests/test_setup_commands.py runs `make run` and `make test` themselves) ---------------


def test_makefile_declares_its_targets_phony():
    makefile = read("Makefile")
    phony = set()
    for match in re.finditer(r"^\.PHONY:(.*)$", makefile, re.MULTILINE):
        phony.update(match.group(1).split())
    assert {"help", "run", "test", "lint", "format", "migrations", "check-migrations", "messages", "clean"} <= phony


# --- requirements and CI ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_requirements_are_pinned(name):
    lines = requirement_lines(name)
    assert lines
    unpinned = [line for line in lines if not re.fullmatch(r"[A-Za-z0-9_.\-\[\],]+==[A-Za-z0-9_.+!\-]+", line)]
    assert unpinned == []


def test_dev_requirements_include_the_runtime_ones():
    assert "-r requirements.txt" in read("requirements-dev.txt").splitlines()


def test_ci_script_is_executable_bash_that_parses():
    path = REPO_ROOT / ".ci" / "run"
    assert path.stat().st_mode & stat.S_IXUSR
    script = path.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in script
    result = run("bash", "-n", str(path))
    assert result.returncode == 0, result.stderr
    for step in ("make test", "ruff check .", "ruff format --check .", "makemigrations --check --dry-run"):
        assert step in script
