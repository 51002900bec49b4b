"""What the demo communities said over past months, in our own words (see history.py)."""

# (weeks ago, author, behaviour, title, opening post). The first title of each community
# marks its history as loaded.
THREADS = {
    "northfield-elearning": [
        (
            26,
            "amara",
            "coordination-and-synergy",
            "This year's four projects, one committee",
            "The school app, the new learning platform, the shared drive and a digital "
            "citizenship programme all land this year. Can we each pick one to watch closely?",
        ),
        (
            24,
            "ben",
            "problem-solving",
            "The school app sends every homework alert twice",
            "Parents in my tutor group get two notifications for each task I set. Has anyone "
            "found the setting that causes it?",
        ),
        (
            22,
            "owen",
            "requests-for-information",
            "Who has admin rights on the new platform?",
            "I need a course area for the Year 8 tutor programme. Who can create one?",
        ),
        (
            20,
            "chloe",
            "seeking-experience",
            "Has anyone moved a class's files to the shared drive?",
            "I have six years of worksheets in my own folders. Before I start moving them, "
            "what would you do differently if you did it again?",
        ),
        (
            19,
            "mei",
            "documentation-projects",
            "A one-page guide to folders on the shared drive",
            "I've started a short guide: one folder per subject, one per year, a naming rule. "
            "Comments welcome before I put it in the library.",
        ),
        (
            17,
            "owen",
            "discussing-developments",
            "Digital citizenship: what the new guidance asks of tutors",
            "The new guidance expects tutors to cover online reputation and consent. "
            "Is that in tutor time or in computing lessons?",
        ),
        (
            16,
            "amara",
            "mapping-knowledge",
            "What don't we know yet about AI tools in lessons?",
            "Let's list what we would need to know before anyone uses AI tools with a class: "
            "data, marking, honesty, cost. Add what worries you.",
        ),
        (
            15,
            "ben",
            "visits",
            "Ashgrove have offered us a visit to see flipped lessons",
            "Their science department records short videos for homework and uses the lesson "
            "for practice. They can host four of us on a Thursday morning.",
        ),
        (
            14,
            "amara",
            "visits",
            "Notes from the flipped-classroom visit at Ashgrove",
            "Three things stayed with me: videos under six minutes, one question to answer "
            "before the lesson, and a plan for pupils without a device at home.",
        ),
        (
            13,
            "ben",
            "reusing-assets",
            "Used Ashgrove's video-planning sheet with Year 9",
            "I planned two geography videos with their sheet. The timing column alone "
            "saved me an evening. Notes on what I changed below.",
        ),
        (
            12,
            "mei",
            "problem-solving",
            "Pupils share one login on the tablets — how do we stop it?",
            "In the computing room half of Year 7 use the same tablet account, so nothing "
            "they save is theirs. How are other rooms set up?",
        ),
        (
            11,
            "chloe",
            "seeking-experience",
            "Short videos for Year 4: how long before they switch off?",
            "After the Ashgrove notes I'd like to try a video before a maths lesson. "
            "For eight-year-olds, how short is short enough?",
        ),
        (
            10,
            "priya",
            "requests-for-information",
            "Where is the maths department's space on the platform?",
            "I've been added to the platform but can't see a maths area. Is there one yet?",
        ),
        (
            9,
            "amara",
            "coordination-and-synergy",
            "Science and geography both planning a data week",
            "Both departments want pupils collecting weather data in March. Shall we share "
            "one data set on the platform instead of two?",
        ),
        (
            8,
            "ben",
            "discussing-developments",
            "The school app's messaging: switch it on for parents?",
            "The app can now let parents message teachers. I can see the benefit and the "
            "inbox at ten at night. What would our rules be?",
        ),
        (
            7,
            "sara",
            "seeking-experience",
            "Mixed-ability groups on shared documents: what works?",
            "My language groups write together in one document and keep overwriting each "
            "other. How do you split the work?",
        ),
        (
            6,
            "mei",
            "documentation-projects",
            "Drafting a page on setting up class quizzes",
            "A step-by-step page for the platform's quizzes, with screenshots. I'll put the "
            "draft in the library: please try it on a real class.",
        ),
        (
            5,
            "priya",
            "problem-solving",
            "Quiz marks don't reach the platform's gradebook",
            "Year 10 did the quiz, the marks show on the quiz page, but the gradebook is "
            "empty. Is there a step I missed?",
        ),
        (
            4,
            "amara",
            "discussing-developments",
            "Digital citizenship week: a lesson for each year group",
            "We have a week in the spring. Could each of us draft one lesson, from passwords "
            "in Year 7 to online reputation in the sixth form?",
        ),
        (
            3,
            "ben",
            "problem-solving",
            "The projector in B12 drops the signal every ten minutes",
            "It happens with laptops and with the visualiser. Has anyone else had it?",
        ),
        (
            2,
            "sara",
            "requests-for-information",
            "Is there a list of apps we may use with Year 7?",
            "I'd like pupils to record speaking practice. Which apps have been approved?",
        ),
        (
            1,
            "mei",
            "reusing-assets",
            "Adapted the shared-drive guide for the sixth form",
            "Sixth formers keep coursework across two years, so I added a folder per "
            "component. The adapted guide is in the library.",
        ),
        (
            0,
            "jonas",
            "requests-for-information",
            "New here: how do I set up my classes on the platform?",
            "I started this week and have three history classes. Where do I begin?",
        ),
    ],
    "social-work-practice": [
        (
            24,
            "elena",
            "coordination-and-synergy",
            "What we want from the exchange this year",
            "A case discussion each month, one visit a term. What would make those worth "
            "the hour for you?",
        ),
        (
            22,
            "farid",
            "problem-solving",
            "Recording a visit when the family disputes the notes",
            "A father says my record of Tuesday's visit is wrong. How do you record the "
            "disagreement without rewriting what you saw?",
        ),
        (
            20,
            "grace",
            "seeking-experience",
            "Supervision when you are the only qualified worker on shift",
            "Our students sometimes finish a late visit with nobody to debrief. How do other "
            "teams make sure they are not left with it?",
        ),
        (
            17,
            "elena",
            "requests-for-information",
            "Where is the updated risk assessment template?",
            "The version on the intranet is from last year. Does anyone have the new one?",
        ),
        (
            15,
            "lena",
            "discussing-developments",
            "Keeping supervision reflective, not just case management",
            "Supervision slides into a list of deadlines. What helps you keep room for "
            "how the work is affecting you?",
        ),
        (
            13,
            "farid",
            "seeking-experience",
            "Home visits after dark: how do your teams plan them?",
            "Winter visits after four o'clock. Who do you tell, and when do you check in?",
        ),
        (
            11,
            "grace",
            "discussing-developments",
            "The new practice framework: first impressions",
            "It asks for the child's voice in every assessment. Good, and how do we show it "
            "in the record?",
        ),
        (
            9,
            "elena",
            "problem-solving",
            "Case notes written days later: catching up without losing accuracy",
            "After a week of court work I'm three days behind on recording. How do you catch "
            "up honestly?",
        ),
        (
            7,
            "lena",
            "coordination-and-synergy",
            "Joint safeguarding training with adult services?",
            "Adult services have a training day in May. Shall we ask to join and bring "
            "a transitions case?",
        ),
        (
            5,
            "farid",
            "visits",
            "Visit to the hospital discharge team: what we learned",
            "They meet at eight every morning for fifteen minutes, standing. Notes and what "
            "we might borrow below.",
        ),
        (
            4,
            "hana",
            "seeking-experience",
            "A doorstep visit where the parent would not let me in",
            "I stood on the step for twenty minutes and left. What would you have done?",
        ),
        (
            2,
            "grace",
            "problem-solving",
            "Chronologies that run to forty pages: what do you cut?",
            "A chronology nobody can read protects nobody. What do you leave out?",
        ),
        (
            1,
            "hana",
            "requests-for-information",
            "Which referral form for a sixteen-year-old?",
            "Children's or adults' safeguarding form for a young person of sixteen?",
        ),
    ],
}

# Short replies members give; each thread takes a few, never the same one twice.
REPLIES = {
    "northfield-elearning": [
        "We had the same in Year 8. Happy to show you what we changed after the meeting.",
        "I tried this last term: it worked once I cut it down to one step.",
        "Mei showed me the setting for this. It's under the class options, not the app's.",
        "Can we bring this to Tuesday's meeting? Five minutes would do it.",
        "I'd start with one class, not all of them, and see what breaks.",
        "Following. My Year 10s would benefit too.",
        "There's a template for this in the library, it needs updating but it's a start.",
        "The IT office fixed ours in a day once we sent them the room number and a photo.",
        "Agreed. Let's write down what we decide so the next person doesn't ask again.",
        "I asked the pupils. Their answer was simpler than anything we had thought of.",
        "Tried it this morning with Year 7. Two of them helped the others log in.",
        "Worth checking with the safeguarding lead before we switch it on for everyone.",
        "Same question from the languages department, so you're not alone.",
        "Could we pair up on this? I have a free period on Thursdays.",
        "I'll add a line about this to the shared-drive guide.",
        "For what it's worth, short and regular beat long and rare for my classes.",
        "That's the answer we needed. Thank you.",
        "The platform's help pages are vague on this; what you describe matches what I saw.",
    ],
    "social-work-practice": [
        "Record what you saw and, separately, what the family says. Both, dated.",
        "Our team uses a buddy call at the end of every late visit. It takes two minutes.",
        "I'd bring this to supervision, and write down what you decide there.",
        "The template is on the team drive under forms; I'll send you the link.",
        "We had this last year. The manager agreed a rule, I'll find the note.",
        "Worth raising at the case discussion: others will have met it.",
        "Name your purpose and offer a time to come back. It changed how my visits went.",
        "Agree. The child's own words, in quotes, do more than a summary.",
        "I keep a rough timeline on paper during the week, then record from it.",
        "Ask the practice educator, she has a good checklist for this.",
        "We tried that and it helped. Keep it short.",
        "Safeguarding first, paperwork second. The form matters less than the call.",
        "Following this. My students ask the same.",
        "Yes to joint training. Transitions are where we lose people.",
    ],
}

# (community, author, weeks ago, kind, what happened, what it changed)
STORIES = [
    (
        "northfield-elearning",
        "chloe",
        20,
        "immediate",
        "Ben's warm-up quiz idea, tried the next morning.",
        "My Year 4s answered before the lesson even started.",
    ),
    (
        "northfield-elearning",
        "mei",
        12,
        "applied",
        "Reused the shared-drive guide for the new coding club.",
        "No lost half-hour looking for files: we started coding in the first five minutes.",
    ),
    (
        "northfield-elearning",
        "priya",
        9,
        "potential",
        "The flipped-classroom visit notes.",
        "I have a plan for trying it with one Year 10 set after half term.",
    ),
    (
        "northfield-elearning",
        "ben",
        7,
        "realised",
        "Three of us used the same quiz routine for a term.",
        "Homework completion in Year 9 rose from 35 % to 70 %.",
    ),
    (
        "northfield-elearning",
        "amara",
        4,
        "reframing",
        "The thread on what we don't know about AI tools.",
        "We stopped asking 'which tool' and started asking 'which learning problem'.",
    ),
    (
        "northfield-elearning",
        "sara",
        2,
        "immediate",
        "A two-line answer about shared documents.",
        "My language groups stopped overwriting each other's work that same lesson.",
    ),
    (
        "social-work-practice",
        "hana",
        3,
        "applied",
        "Farid's advice on the doorstep visit.",
        "I named my purpose, offered a time, and the next visit went ahead.",
    ),
]
