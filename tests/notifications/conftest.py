import pytest

from tests.factories import ThreadFactory, UserFactory, add_member


@pytest.fixture
def asker(community):
    """A member who starts a thread."""
    return add_member(community, user=UserFactory(username="asker")).user


@pytest.fixture
def answerer(community):
    """A member who replies."""
    return add_member(community, user=UserFactory(username="answerer")).user


@pytest.fixture
def colleague(community):
    """A third member, the one who gets mentioned."""
    return add_member(community, user=UserFactory(username="colleague")).user


@pytest.fixture
def thread(community, asker):
    return ThreadFactory(
        community=community,
        author=asker,
        title="Year 9 ignore the online quizzes",
        body="Fewer than a third open them. **What would you try?**",
        behaviour_codes=["problem-solving"],
    )
