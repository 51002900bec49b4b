"""The demo world loaded by `manage.py seed_demo`: written in our own words."""

DEMO_PASSWORD = "practice-together"

# (username, email, display name, practice)
PEOPLE = [
    ("amara", "amara@example.org", "Amara Okafor", "Deputy head, digital learning lead"),
    ("ben", "ben@example.org", "Ben Hughes", "Geography teacher"),
    ("chloe", "chloe@example.org", "Chloé Martin", "Primary teacher, year 4"),
    ("dev", "dev@example.org", "Dev Patel", "Newly qualified science teacher"),
    ("elena", "elena@example.org", "Elena Rossi", "Senior social worker, children and families"),
    ("farid", "farid@example.org", "Farid Haddad", "Social worker, adult services"),
    ("grace", "grace@example.org", "Grace Mensah", "Practice educator"),
    ("hana", "hana@example.org", "Hana Suzuki", "Newly qualified social worker"),
    ("ian", "ian@example.org", "Ian Campbell", "Adult literacy tutor"),
    ("joy", "joy@example.org", "Joy Adeyemi", "Community learning coordinator"),
    ("kofi", "kofi@example.org", "Kofi Asante", "ESOL tutor"),
    ("lena", "lena@example.org", "Lena Novak", "Clinical supervisor"),
    ("marta", "marta@example.org", "Marta Silva", "Head of service (sponsor)"),
    ("noor", "noor@example.org", "Noor Rahman", "Structural engineer"),
    ("mei", "mei@example.org", "Mei Chen", "Computing teacher"),
    ("owen", "owen@example.org", "Owen Price", "Head of year 8"),
    ("priya", "priya@example.org", "Priya Shah", "Maths teacher"),
    ("sara", "sara@example.org", "Sara Lindqvist", "Modern languages teacher"),
    ("ada", "ada@example.org", "Ada Nwosu", "Special educational needs coordinator"),
    ("tom", "tom@example.org", "Tom Gallagher", "Teaching assistant"),
    ("jonas", "jonas@example.org", "Jonas Weber", "History teacher, new this term"),
    ("rafael", "rafael@example.org", "Rafael Costa", "Music teacher"),
    ("fatima", "fatima@example.org", "Fatima Ali", "School librarian"),
]

COMMUNITIES = [
    {
        "slug": "northfield-elearning",
        "name": "Northfield e-learning committee",
        "tagline": "Staff trying out digital tools in real lessons, and telling each other what happened.",
        "concern": (
            "Using digital tools so that pupils learn more, not just differently. We try things in "
            "our own classrooms and bring back what worked, what did not, and why."
        ),
        "audience": "Teaching and support staff at Northfield, whatever their confidence with technology.",
        "ways_of_working": (
            "We meet every other Tuesday after school for one hour. Between meetings we post "
            "questions and short write-ups here, and keep our lesson templates in the library."
        ),
        "visibility": "public",
        "join_policy": "request",
        "stage": "maturing",
        "gardeners": ["amara"],
        "sponsors": ["marta"],
        "members": {
            "ben": "core",
            "chloe": "active",
            "dev": "peripheral",
            "kofi": "occasional",
            # Their levels come from the dated history in demo_history.py.
            "mei": "peripheral",
            "owen": "peripheral",
            "priya": "peripheral",
            "sara": "peripheral",
            "ada": "peripheral",
            "tom": "peripheral",
            "jonas": "peripheral",
            "rafael": "peripheral",
            "fatima": "peripheral",
        },
    },
    {
        "slug": "social-work-practice",
        "name": "Social work practice exchange",
        "tagline": "Practitioners sharing cases, tools and hard-won judgement across teams.",
        "concern": (
            "Good decisions in complex casework: assessment, risk, working alongside families, and "
            "looking after ourselves while we do it."
        ),
        "audience": "Qualified and student social workers, practice educators and team managers.",
        "ways_of_working": (
            "A monthly online case discussion, a visit to another team each term, and threads "
            "here whenever someone is stuck or has something worth passing on."
        ),
        "visibility": "public",
        "join_policy": "open",
        "stage": "stewardship",
        "gardeners": ["elena", "grace"],
        "sponsors": ["marta"],
        "members": {
            "farid": "core",
            "hana": "peripheral",
            "lena": "active",
            "joy": "occasional",
            "ian": "peripheral",
        },
    },
    {
        "slug": "adult-literacy-tutors",
        "name": "Adult literacy tutors",
        "tagline": "Tutors helping adults read, write and count with confidence.",
        "concern": "Teaching literacy and numeracy to adults in ways that fit their lives and goals.",
        "audience": "Paid and volunteer tutors in colleges, libraries and community centres.",
        "ways_of_working": "We are just starting: a launch meeting is being planned for next month.",
        "visibility": "public",
        "join_policy": "open",
        "stage": "coalescing",
        "gardeners": ["joy"],
        "sponsors": [],
        "members": {"ian": "active", "kofi": "occasional", "hana": "peripheral"},
    },
    {
        "slug": "peer-supervision",
        "name": "Peer supervision circle",
        "tagline": "A closed, confidential space to reflect on difficult work.",
        "concern": "Reflecting honestly on cases that stay with us, and on our own practice.",
        "audience": "Experienced practitioners who supervise others. By invitation only.",
        "ways_of_working": "We meet fortnightly for an hour and a half; what is said here stays here.",
        "visibility": "private",
        "join_policy": "invite",
        "stage": "maturing",
        "gardeners": ["lena"],
        "sponsors": [],
        "members": {"elena": "core", "grace": "active", "farid": "occasional"},
    },
    {
        "slug": "bridge-field-notes",
        "name": "Bridge inspection field notes",
        "tagline": "Engineers comparing notes from inspections before writing the guidance.",
        "concern": "What we see on inspections of older bridges and how we judge it.",
        "audience": "Structural engineers in the region's inspection teams.",
        "ways_of_working": "Still forming: members invite colleagues they trust.",
        "visibility": "unlisted",
        "join_policy": "invite",
        "stage": "potential",
        "gardeners": ["noor"],
        "sponsors": [],
        "members": {"ben": "peripheral"},
    },
]

# Each level a member reached on the way in, oldest first, so trajectories have a shape.
LADDER = ["peripheral", "occasional", "active", "core"]
