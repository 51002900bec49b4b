"""Addresses of gaps and value stories, for ``core.targets`` (registered in ready)."""

from django.urls import reverse

from insights.models import Gap, ValueStory


def gap_urls(ids: list[int]) -> dict[int, str]:
    """A gap is shown in its community's knowledge map."""
    found = Gap.objects.filter(pk__in=ids).values_list("pk", "community__slug")
    return {pk: reverse("insights:knowledge", kwargs={"slug": slug}) for pk, slug in found}


def story_urls(ids: list[int]) -> dict[int, str]:
    """A story leads where it says it happened, else to its community's stories."""
    found = ValueStory.objects.filter(pk__in=ids).values_list("pk", "link", "community__slug")
    return {
        pk: link or reverse("insights:stories", kwargs={"slug": slug}) for pk, link, slug in found
    }
