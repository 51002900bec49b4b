"""Demo threads loaded by `manage.py seed_demo`, in our own words."""

from core.vocabulary import BehaviourCode

# Extra behaviours switched on per community.
EXTRA_BEHAVIOURS = {"adult-literacy-tutors": ["growing-confidence"]}

# (community, author, title, behaviours, tags, opening post, replies, accepted reply index)
THREADS = [
    (
        "northfield-elearning",
        "dev",
        "Year 9 ignore the online quizzes — what would you try?",
        [BehaviourCode.PROBLEM_SOLVING],
        ["assessment", "year 9"],
        "I set a short quiz after each lesson but fewer than a third of my Year 9s open it. "
        "I've tried reminders in class. **What has worked for you?**",
        [
            (
                "ben",
                "I stopped calling them quizzes. I start the next lesson with the same questions "
                "on the board and show the class results — the quiz became the *warm-up*, and "
                "completion went up within two weeks.",
            ),
            (
                "chloe",
                "Short helps. Three questions, one of them about something they chose. "
                "Mine open it when it takes under two minutes.",
            ),
        ],
        0,
    ),
    (
        "northfield-elearning",
        "chloe",
        "Where is the parental consent form for the new app?",
        [BehaviourCode.REQUESTS_FOR_INFORMATION],
        ["policy"],
        "We want to try the reading app with Year 4. Does anyone know where the consent form lives?",
        [
            (
                "amara",
                "It's in the staff shared drive under *Policies → Digital*. I'll add it to our library too.",
            )
        ],
        0,
    ),
    (
        "northfield-elearning",
        "amara",
        "Shall we write up our 'first lesson with a new tool' checklist?",
        [BehaviourCode.DOCUMENTATION_PROJECTS, BehaviourCode.REUSING_ASSETS],
        ["checklist"],
        "Every term someone rediscovers the same pitfalls (logins, headphones, the Wi-Fi in B block). "
        "Let's write them down once. I'll start a draft if two of you add to it.",
        [("ben", "Yes — add 'test the login with a pupil account, not yours'.")],
        None,
    ),
    (
        "northfield-elearning",
        "ben",
        "Visit to Ashgrove Primary's flipped classroom?",
        [BehaviourCode.VISITS],
        ["flipped learning"],
        "Ashgrove have been flipping maths lessons for a year. They've offered a visit on a Thursday "
        "afternoon. Who would come?",
        [],
        None,
    ),
    (
        "social-work-practice",
        "hana",
        "First home visit where the parent refuses entry — what did you do?",
        [BehaviourCode.SEEKING_EXPERIENCE, BehaviourCode.PROBLEM_SOLVING],
        ["home visits", "newly qualified"],
        "I'm three months in. Last week a parent kept me on the doorstep. I didn't know whether to push, "
        "leave or call my manager. How have others handled it?",
        [
            (
                "farid",
                "Stay calm, name what you're there for, and offer a time that suits them. Record it "
                "carefully. If there are immediate safety concerns, that changes everything — call it in.",
            ),
            (
                "elena",
                "Talk it through in supervision too. The first refusal feels personal; it rarely is.",
            ),
        ],
        0,
    ),
    (
        "social-work-practice",
        "grace",
        "What does the new assessment framework mean for case notes?",
        [BehaviourCode.DISCUSSING_DEVELOPMENTS],
        ["assessment", "recording"],
        "The revised framework lands in April. I've read it twice; the recording changes are bigger "
        "than the summary suggests. Let's compare readings.",
        [("lena", "The emphasis on the child's own words is the big one for me.")],
        None,
    ),
    (
        "social-work-practice",
        "elena",
        "Could three teams share one trainer for motivational interviewing?",
        [BehaviourCode.COORDINATION],
        ["training"],
        "North, East and Hospital teams have each asked for MI training. If we book together we get "
        "two extra days for the same budget.",
        [("joy", "Community learning could host it — we have a room for 30.")],
        None,
    ),
    (
        "social-work-practice",
        "lena",
        "What do we know about supporting carers with dementia — and what don't we?",
        [BehaviourCode.MAPPING_KNOWLEDGE],
        ["dementia", "carers"],
        "I'd like a map: who has experience, which resources we trust, and where we are guessing.",
        [],
        None,
    ),
    (
        "adult-literacy-tutors",
        "ian",
        "Budgeting session plan for new readers — happy to share",
        [BehaviourCode.REUSING_ASSETS],
        ["numeracy", "session plan"],
        "I built a two-hour session around real utility bills. Learners loved it. Who wants the plan?",
        [("kofi", "Yes please — my ESOL group would use it with a few vocabulary changes.")],
        None,
    ),
    (
        "adult-literacy-tutors",
        "kofi",
        "Trying phonics with adult beginners — talk me out of it?",
        ["growing-confidence"],
        ["phonics"],
        "I'm tempted to use a children's phonics scheme with two adult beginners. Before I do: what could go wrong?",
        [
            (
                "joy",
                "Materials that feel childish can lose adults fast. Keep the method, change the texts.",
            )
        ],
        None,
    ),
    (
        "peer-supervision",
        "elena",
        "A case that stays with me",
        [BehaviourCode.SEEKING_EXPERIENCE],
        ["reflection"],
        "I'd like to bring a case to our next session; I'll share the outline here first.",
        [("grace", "Thank you for trusting us with it.")],
        None,
    ),
]
