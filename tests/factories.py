import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from communities import services
from communities.models import Community, Membership
from communities.models.choices import Role
from discussions import services as discussions
from discussions.models import Post, Thread

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.Faker("name")
    practice = "Teacher"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CommunityFactory(factory.django.DjangoModelFactory):
    """Created through the service so the creator is its first gardener, as in real life."""

    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")
    tagline = "People learning together"
    concern = "Doing our work better"
    visibility = "public"
    join_policy = "open"
    stage = "coalescing"

    @classmethod
    def _create(cls, model_class, *args, creator=None, **kwargs):
        return services.create_community(creator=creator or UserFactory(), **kwargs)


def add_member(community: Community, user=None, role: str = Role.MEMBER) -> Membership:
    """Put a person in a community with a role, bypassing join policies (test set-up only)."""
    user = user or UserFactory()
    membership = Membership.objects.create(community=community, user=user, role=role)
    return membership


class ThreadFactory(factory.django.DjangoModelFactory):
    """Started through the service (opening post, behaviours, tags, ledger row), as in real life.

    The author defaults to the community's first gardener; pass ``author=`` for someone else.
    """

    class Meta:
        model = Thread

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Question {n}: what would you try?")
    body = "I have tried reminders in class. **What worked for you?**"
    behaviour_codes = ("problem-solving",)

    @classmethod
    def _create(cls, model_class, *args, author=None, **kwargs):
        if author is None:
            author = kwargs["community"].memberships.filter(role=Role.GARDENER).first().user
        return discussions.create_thread(author=author, **kwargs)


def add_replies(thread: Thread, count: int, authors=None) -> list[Post]:
    """Reply ``count`` times through the service, cycling through ``authors`` (members)."""
    authors = authors or [thread.author]
    start = thread.reply_count
    return [
        discussions.reply_to_thread(
            author=authors[n % len(authors)],
            thread=thread,
            body=f"Reply {start + n + 1}: here is what worked for us.",
        )
        for n in range(count)
    ]
