"""The admin site signs in through the site's throttled login: no brute force by /admin/."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    return UserFactory(username="operator", is_staff=True, is_superuser=True)


def test_the_admin_login_is_the_sites_login(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=%2Fadmin%2Faccounts%2Fuser%2F"
    assert client.get("/admin/").url.startswith("/admin/login/")
    outside = client.get("/admin/login/?next=https://evil.example/")
    assert "evil.example" not in outside.url


def test_a_password_posted_to_the_admin_login_signs_nobody_in(client, operator):
    client.post("/admin/login/", {"username": operator.username, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_thirty_wrong_passwords_are_limited_and_then_the_right_one_waits(client, operator):
    login = client.get("/admin/login/?next=/admin/").url
    answers = [
        client.post(login, {"login": operator.email, "password": f"guess-{n}"})
        for n in range(30)
    ]

    limited = [
        n
        for n, answer in enumerate(answers)
        if answer.status_code == 429 or "Too many" in answer.content.decode()
    ]
    assert limited and limited[0] <= 10
    assert limited == list(range(limited[0], 30))
    right = client.post(login, {"login": operator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert right.status_code in {200, 429}


def test_the_operator_reaches_the_admin_after_signing_in(client, operator):
    login = client.get("/admin/login/?next=/admin/").url
    response = client.post(login, {"login": operator.email, "password": PASSWORD})

    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/?next=/admin/").url == "/admin/"


def test_a_signed_in_member_is_refused_not_sent_round_in_circles(client):
    client.force_login(UserFactory())

    assert client.get("/admin/login/?next=/admin/").status_code == 403


@pytest.mark.parametrize("next_page", ["%00", "home", "admin:index"])
def test_a_signed_in_operators_next_page_that_is_not_a_path_opens_the_admin(
    client, operator, next_page
):
    client.force_login(operator)

    response = client.get("/admin/login/", {"next": next_page})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
