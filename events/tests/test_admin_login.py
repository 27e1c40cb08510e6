"""Admin login throttling (issue 11, item 12): django-axes locks a user name out at
one address after AXES_FAILURE_LIMIT wrong passwords, the right one included."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-for-tests"


@pytest.fixture
def curator(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return User.objects.create_user("curator", password=PASSWORD, is_staff=True)


def log_in(client: Client, password: str):
    return client.post(
        reverse("admin:login"),
        {"username": "curator", "password": password, "next": "/admin/"},
    )


def logged_in(client: Client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_forty_wrong_passwords_then_the_right_one_does_not_log_in(curator):
    client = Client()
    answers = [log_in(client, f"guess-{n}").status_code for n in range(40)]
    assert answers[0] == 200  # the form again, with its error
    assert 429 in answers  # then "locked out"
    assert log_in(client, PASSWORD).status_code == 429
    assert not logged_in(client)


def test_a_few_typos_do_not_lock_out_and_success_resets_the_count(settings, curator):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, f"typo-{n}")
    assert log_in(client, PASSWORD).status_code == 302
    assert logged_in(client)
    other = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(other, f"typo-{n}").status_code == 200
    assert log_in(other, PASSWORD).status_code == 302


def test_an_operator_lifts_a_lockout(settings, curator):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess-{n}")
    assert log_in(client, PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert log_in(client, PASSWORD).status_code == 302
