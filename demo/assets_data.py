"""Demo library for `manage.py seed_demo`: written in our own words.

Each asset: (community slug, author, title, kind, summary, tags, visibility, content,
later versions as (author, change note, content)). File content is (filename, heading, lines)
and becomes a one-page PDF; link content is a URL; document content is Markdown.
"""

ASSETS = [
    (
        "northfield-elearning",
        "chloe",
        "Retrieval quiz starter: a ten-minute lesson opener",
        "file",
        "A **ten-minute starter** that opens every lesson with five questions from last week. "
        "Printable plan with timings, question stems and what to do with the answers.",
        ["lesson plan", "retrieval practice", "starter"],
        "public",
        (
            "retrieval-starter.pdf",
            "Retrieval quiz starter (10 minutes)",
            [
                "0-2 min: five questions on the board as pupils come in.",
                "2-6 min: answer alone, in silence, no notes.",
                "6-8 min: swap and mark; hands up for each wrong answer.",
                "8-10 min: reteach the one most missed.",
                "Question stems: What is...? Why does...? Give an example of...",
            ],
        ),
        [
            (
                "chloe",
                "Added a version for mixed-ability groups with picture prompts",
                (
                    "retrieval-starter-v2.pdf",
                    "Retrieval quiz starter (10 minutes), version 2",
                    [
                        "0-2 min: five questions, each with a picture prompt.",
                        "2-6 min: answer alone; support group works in pairs.",
                        "6-8 min: swap and mark.",
                        "8-10 min: reteach the one most missed.",
                    ],
                ),
            )
        ],
    ),
    (
        "northfield-elearning",
        "ben",
        "WCAG quick reference: checking our slides for accessibility",
        "link",
        "The W3C's own checklist. We use the filters for *perceivable* and *operable* "
        "before sharing slides with pupils who use screen readers.",
        ["accessibility", "slides"],
        "public",
        "https://www.w3.org/WAI/WCAG22/quickref/",
        [],
    ),
    (
        "adult-literacy-tutors",
        "ian",
        "Budgeting with real bills: a two-hour session plan",
        "file",
        "Built around a real (anonymised) electricity bill. Learners find the total, the due "
        "date and the standing charge, then plan a month's budget in pairs.",
        ["numeracy", "session plan", "everyday texts"],
        "public",
        (
            "budgeting-session.pdf",
            "Budgeting with real bills (2 hours)",
            [
                "Warm-up: what bills come through your door?",
                "Part 1: find the total, the due date and the account number.",
                "Part 2: what is a standing charge? Work it out for 30 days.",
                "Part 3: in pairs, plan one month on a set income.",
                "Close: one thing you will check on your next bill.",
            ],
        ),
        [],
    ),
    (
        "social-work-practice",
        "elena",
        "First home visit: a one-page genogram template",
        "file",
        "A printable genogram page with a key, room for three generations and prompts for "
        "who else matters to the family. Use it *with* the family, not about them.",
        ["assessment", "template", "families"],
        "public",
        (
            "genogram-template.pdf",
            "Genogram: first home visit",
            [
                "Key: square = male, circle = female, diamond = not stated.",
                "Draw three generations; ask who lives in the home.",
                "Prompt: who would you call at 2am?",
                "Prompt: who has helped before, and how?",
                "Note strengths beside each person, not only risks.",
            ],
        ),
        [],
    ),
    (
        "social-work-practice",
        "grace",
        "Reflective supervision prompts",
        "document",
        "A living list of questions for supervision sessions. Any member can add to it.",
        ["supervision", "reflection"],
        "public",
        "## Opening\n\n- What has stayed with you since we last met?\n\n## The case\n\n"
        "- What do you know, and how do you know it?\n- What might the family say about this?\n",
        [
            (
                "farid",
                "Added a closing question about self-care",
                "## Opening\n\n- What has stayed with you since we last met?\n\n## The case\n\n"
                "- What do you know, and how do you know it?\n- What might the family say about "
                "this?\n\n## Closing\n\n- What will you do for yourself this week?\n",
            )
        ],
    ),
    (
        "peer-supervision",
        "lena",
        "Our supervision agreement",
        "document",
        "What we agreed about confidentiality, notes and what happens when someone is worried.",
        ["agreement"],
        "members",
        "## Confidentiality\n\nWhat is said here stays here, unless someone is at risk.\n\n"
        "## Notes\n\nEach of us keeps our own; nothing goes on a case file without asking.\n",
        [],
    ),
    (
        "bridge-field-notes",
        "noor",
        "Masonry arch visual inspection checklist",
        "file",
        "The checklist we take on site for masonry arches: what to photograph and how to "
        "record cracks so the next inspector can compare.",
        ["inspection", "masonry", "checklist"],
        "members",
        (
            "arch-inspection-checklist.pdf",
            "Masonry arch: visual inspection",
            [
                "Photograph each face from the same marked points as last time.",
                "Record cracks: location, length, width (gauge), direction.",
                "Check spandrel walls for bulging and the parapet for movement.",
                "Note vegetation, water staining and missing mortar.",
            ],
        ),
        [],
    ),
]

# The thread a living document grows from: (community, thread title, who starts it, the
# document's title, later versions as (author, change note, Markdown)).
LIVING_FROM_THREADS = [
    (
        "northfield-elearning",
        "Shall we write up our 'first lesson with a new tool' checklist?",
        "amara",
        "First lesson with a new tool: our checklist",
        [
            (
                "ben",
                "Added the pupil-account login test",
                "## Before the lesson\n\n- Test the login with a pupil account, not yours.\n"
                "- Book the headphones.\n- Check the Wi-Fi in the room you will use.\n\n"
                "## In the lesson\n\n- Have a paper plan B for the first ten minutes.\n",
            )
        ],
    ),
]

# Threads that cite an asset: (community, thread title, asset title, who cites).
CITATIONS = [
    (
        "adult-literacy-tutors",
        "Budgeting session plan for new readers — happy to share",
        "Budgeting with real bills: a two-hour session plan",
        "ian",
    ),
]

# An adaptation chain: (user, source community, source title, target community, new title,
# why) in order, so a later step may adapt an earlier adaptation.
ADAPTATIONS = [
    (
        "kofi",
        "adult-literacy-tutors",
        "Budgeting with real bills: a two-hour session plan",
        "adult-literacy-tutors",
        "Budgeting with real bills: ESOL version",
        "My ESOL group needed the bill vocabulary first; the structure worked as it was.",
    ),
    (
        "joy",
        "adult-literacy-tutors",
        "Budgeting with real bills: ESOL version",
        "social-work-practice",
        "Talking about bills with young people leaving care",
        "Care leavers we support meet their first bills alone; this gave us a calm way in.",
    ),
    (
        "dev",
        "northfield-elearning",
        "Retrieval quiz starter: a ten-minute lesson opener",
        "northfield-elearning",
        "Retrieval quiz starter for Year 7 science",
        "",
    ),
]

# (user, community, asset title, story or "") for "I used this"; downloads are (user, ...).
USES = [
    (
        "farid",
        "social-work-practice",
        "First home visit: a one-page genogram template",
        "The prompt 'who would you call at 2am' found us a grandmother nobody had mentioned.",
    ),
    ("ben", "northfield-elearning", "Retrieval quiz starter: a ten-minute lesson opener", ""),
]
DOWNLOADS = [
    ("dev", "northfield-elearning", "Retrieval quiz starter: a ten-minute lesson opener"),
    ("kofi", "northfield-elearning", "Retrieval quiz starter: a ten-minute lesson opener"),
    ("hana", "social-work-practice", "First home visit: a one-page genogram template"),
    ("kofi", "adult-literacy-tutors", "Budgeting with real bills: a two-hour session plan"),
]
