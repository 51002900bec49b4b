"""Each demo community's own behaviour examples, written by its gardener through the same
service as the settings page. A rerun writes nothing, and never over a gardener's edit."""

from communities.models import Community
from communities.models.choices import Role
from demo.behaviour_examples_data import EXAMPLES
from discussions.behaviour_examples import save_behaviour_examples


def seed(stdout) -> None:
    written = 0
    for community in Community.objects.filter(slug__in=EXAMPLES).order_by("pk"):
        gardener = community.memberships.filter(role=Role.GARDENER).order_by("pk").first()
        if gardener is None:
            continue
        written += save_behaviour_examples(
            actor=gardener.user,
            community=community,
            examples=EXAMPLES[community.slug],
            keep_existing=True,
        )
    stdout.write(f"Behaviour examples: {written} written.")
