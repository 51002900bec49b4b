"""Seed Wenger's nine behaviours, and one extra a community may switch on."""

from django.db import migrations

BEHAVIOURS = [
    ("problem-solving", "Problem solving",
     "You are stuck on something in your practice and want help working it out.",
     "My Year 9 group ignore the online quizzes. How would you approach it?"),
    ("requests-for-information", "Requests for information",
     "You need a fact, a form, a rule or the person who knows.",
     "Where can I find the current referral form for adult services?"),
    ("seeking-experience", "Seeking experience",
     "You want to hear from someone who has already done this.",
     "Has anyone run parents' evenings online? How did it go?"),
    ("reusing-assets", "Reusing assets",
     "You share, or look for, something that already works so nobody starts from scratch.",
     "I have a budgeting session plan for new readers. Would it suit your group?"),
    ("coordination-and-synergy", "Coordination and synergy",
     "You propose combining efforts or resources to get more done together.",
     "Could our three teams book one trainer instead of paying three times?"),
    ("discussing-developments", "Discussing developments",
     "You want to make sense of a change in the field together.",
     "What does the new inspection framework mean for how we write case notes?"),
    ("documentation-projects", "Documentation projects",
     "You suggest writing down what the community knows, so it lasts.",
     "Shall we write up our induction checklist so every new starter gets the same?"),
    ("visits", "Visits",
     "You propose going to see practice somewhere else, or inviting others to see ours.",
     "Could a few of us visit the library drop-in project to see how they run it?"),
    ("mapping-knowledge", "Mapping knowledge and identifying gaps",
     "You ask what the community knows, who knows it, and what is missing.",
     "Who here has screened for dyscalculia, and where are we still guessing?"),
]
EXTRAS = [
    ("growing-confidence", "Growing confidence",
     "You try an idea out on the community before acting on it for real.",
     "I'm thinking of dropping homework for my Year 7s. Talk me out of it?"),
]


def seed(apps, schema_editor):
    Behaviour = apps.get_model("discussions", "Behaviour")
    rows = [(*row, True) for row in BEHAVIOURS] + [(*row, False) for row in EXTRAS]
    for position, (code, name, explanation, example, standard) in enumerate(rows, start=1):
        Behaviour.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "explanation": explanation, "example": example,
                "position": position, "is_standard": standard,
            },
        )


def unseed(apps, schema_editor):
    codes = [row[0] for row in BEHAVIOURS + EXTRAS]
    apps.get_model("discussions", "Behaviour").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("discussions", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
