"""Production refuses unsafe set-ups; local development needs no public key (issue 11)."""

import os
import secrets
import shutil
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from events import checks
from events.tests.test_settings import REPO, load_settings, load_values

README_PRODUCTION = {  # the README's production settings, as .ci/run passes them
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "map.example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_COOKIES": "1",
    "DJANGO_BEHIND_PROXY": "1",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    """``manage.py check --deploy --fail-level WARNING`` in a clean environment."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# --- a cache private to each process fails the deploy check -------------------------


def test_readme_production_settings_pass_the_deploy_check():
    result = deploy_check(README_PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://"])
def test_per_process_cache_fails_the_deploy_check(cache_url):
    result = deploy_check({**README_PRODUCTION, "CACHE_URL": cache_url})
    assert result.returncode == 1
    assert "events.E001" in result.stderr
    assert "CACHE_URL" in result.stderr  # the hint says what to set


def test_the_default_cache_fails_the_deploy_check():
    production = dict(README_PRODUCTION)
    del production["CACHE_URL"]  # the default: locmemcache://
    result = deploy_check(production)
    assert result.returncode == 1
    assert "events.E001" in result.stderr


def test_per_process_cache_is_an_error_not_a_warning(settings):
    settings.DEBUG = False
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    [error] = checks.check_shared_cache()
    assert error.is_serious()  # ERROR: fails `check --deploy` at its default level
    with pytest.raises(SystemCheckError, match="events.E001"):
        call_command("check", "--deploy", "--tag", "caches")


def test_local_development_may_use_a_per_process_cache(settings):
    settings.DEBUG = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert checks.check_shared_cache() == []


# --- X-Forwarded-Proto is trusted only behind a proxy ---------------------------------


def test_forwarded_proto_is_ignored_without_a_proxy(tmp_path):
    header = load_values(
        tmp_path, {"DJANGO_DEBUG": "1"}, "settings.SECURE_PROXY_SSL_HEADER"
    )
    assert header is None


def test_forwarded_proto_is_trusted_behind_a_proxy(tmp_path):
    header = load_values(
        tmp_path,
        {"DJANGO_DEBUG": "1", "DJANGO_BEHIND_PROXY": "1"},
        "settings.SECURE_PROXY_SSL_HEADER",
    )
    assert header == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_client_cannot_claim_https_without_a_proxy(client, settings):
    """As found: a plain-http client sent X-Forwarded-Proto: https and was served as
    if on https (no redirect, secure cookies sent over http)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None  # the default now (test above)
    response = client.get("/corrections/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


# --- DEBUG without a key: no public constant ---------------------------------------


def test_debug_without_a_key_makes_up_a_random_key_per_process(tmp_path):
    first = load_values(tmp_path, {"DJANGO_DEBUG": "1"}, "settings.SECRET_KEY")
    second = load_values(tmp_path, {"DJANGO_DEBUG": "1"}, "settings.SECRET_KEY")
    assert first != second
    assert len(first) >= 50
    assert "dev-only" not in first
    assert first not in (REPO / ".env.example").read_text()


def test_env_example_sets_no_secret_key():
    example = (REPO / ".env.example").read_text()
    assert not [
        line for line in example.splitlines() if line.startswith("DJANGO_SECRET_KEY=")
    ]


# --- make writes a local .env --------------------------------------------------------


@pytest.fixture
def project_copy(tmp_path):
    """The Makefile, the .env writer and the settings, in a fresh directory."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    shutil.copy(REPO / "scripts" / "write_dotenv.py", tmp_path / "scripts")
    shutil.copytree(REPO / "conflictmap", tmp_path / "conflictmap")
    return tmp_path


def make(directory, target: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(directory), target],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_make_writes_a_local_env_with_debug_and_a_fresh_key(project_copy):
    make(project_copy, ".env")
    dotenv = project_copy / ".env"
    lines = dotenv.read_text().splitlines()
    assert "DJANGO_DEBUG=1" in lines
    [key_line] = [line for line in lines if line.startswith("DJANGO_SECRET_KEY=")]
    assert len(key_line.split("=", 1)[1]) >= 50
    assert oct(dotenv.stat().st_mode & 0o777) == "0o600"
    # A bare command (the README's `manage.py createsuperuser`) now loads settings:
    # no "Set the DJANGO_SECRET_KEY environment variable" crash.
    values = load_values(project_copy, {}, "[settings.DEBUG, settings.SECRET_KEY]")
    assert values == [True, key_line.split("=", 1)[1]]


def test_make_never_overwrites_an_existing_env(project_copy):
    make(project_copy, ".env")
    first = (project_copy / ".env").read_text()
    (project_copy / ".env").write_text(first + "CACHE_URL=dummycache://\n")
    make(project_copy, ".env")
    assert (project_copy / ".env").read_text() == first + "CACHE_URL=dummycache://\n"


def test_two_checkouts_get_different_keys(tmp_path, project_copy):
    other = tmp_path / "other"
    shutil.copytree(project_copy, other)
    make(project_copy, ".env")
    make(other, ".env")
    assert (project_copy / ".env").read_text() != (other / ".env").read_text()


def test_without_env_or_debug_the_key_is_still_required(tmp_path):
    result = load_settings(tmp_path, {}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_install_target_makes_the_env(project_copy):
    """`make install` (and so `make run`) depend on the .env target."""
    for name in ("requirements.txt", "requirements-dev.txt"):
        (project_copy / name).touch()
    dry = subprocess.run(
        ["make", "-n", "-C", str(project_copy), "install", "SYSTEM_PYTHON=python3"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "write_dotenv.py .env" in dry.stdout
