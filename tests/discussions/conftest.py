import pytest

from tests.factories import ThreadFactory, add_member


@pytest.fixture
def asker(community):
    """A member who asks the question."""
    return add_member(community).user


@pytest.fixture
def answerer(community):
    """A member who replies."""
    return add_member(community).user


@pytest.fixture
def thread(community, asker):
    return ThreadFactory(
        community=community,
        author=asker,
        title="Year 9 ignore the online quizzes",
        body="Fewer than a third open them. **What would you try?**",
        behaviour_codes=["problem-solving"],
    )
