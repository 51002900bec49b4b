"""Stories told with "I used this" before they were value stories become value stories."""

import importlib

from django.apps import apps

from assets.models import Reuse
from insights.models import ValueStory
from tests.assets.conftest import publish_document
from tests.factories import add_member

migration = importlib.import_module("assets.migrations.0003_reuse_stories_are_value_stories")


def test_an_earlier_reuse_story_becomes_one_value_story(community):
    author, reader = add_member(community).user, add_member(community).user
    guide = publish_document(author, community, title="Reading ladder")
    Reuse.objects.create(asset=guide, user=reader, kind=Reuse.Kind.USED, story="It saved a day.")
    Reuse.objects.create(asset=guide, user=author, kind=Reuse.Kind.USED)  # no story, none told
    migration.tell(apps, None)
    migration.tell(apps, None)  # a second run tells it once
    [story] = ValueStory.objects.filter(community=community)
    assert story.author == reader and story.what_changed == "It saved a day."
    assert story.link == guide.get_absolute_url() and story.kind == ValueStory.Kind.APPLIED
    assert "Reading ladder" in story.what_happened
