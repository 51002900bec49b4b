"""The example opening question each demo community shows beside each behaviour.

Written for each community's own practice, so a tutor, a social worker and an engineer each
recognise what the behaviour looks like in their work. Keys are behaviour codes.
"""

from core.vocabulary import BehaviourCode as B

EXAMPLES = {
    "northfield-elearning": {
        B.PROBLEM_SOLVING: "Half of 8C cannot log in to the new learning platform from home. Has anyone found what is blocking them?",
        B.REQUESTS_FOR_INFORMATION: "Who signs off a new app before we ask parents to install it, and is there a form?",
        B.SEEKING_EXPERIENCE: "Has anyone set homework through the school app yet? How did the first week go?",
        B.REUSING_ASSETS: "I made a one-page guide to sharing folders on the staff drive. Want it for your department?",
        B.COORDINATION: "Could the digital citizenship lessons and the PSHE units share one scheme of work?",
        B.DISCUSSING_DEVELOPMENTS: "The trust wants every school on one platform by September. What does that change for us?",
        B.DOCUMENTATION_PROJECTS: "We keep explaining shared-drive permissions to new staff. Shall we write it up once?",
        B.VISITS: "Oakfield Primary runs its parents' app well. Could two of us go and see how?",
        B.MAPPING_KNOWLEDGE: "Who has used the platform's quiz tools with a class, and which subjects have not tried it yet?",
    },
    "social-work-practice": {
        B.PROBLEM_SOLVING: "A family keeps cancelling home visits and the school is worried. How would you move this on?",
        B.REQUESTS_FOR_INFORMATION: "Where is the current threshold guidance for a strategy discussion in our area?",
        B.SEEKING_EXPERIENCE: "Has anyone written a court statement for a parent with a learning disability? What helped?",
        B.REUSING_ASSETS: "I have a genogram template that families find easy to fill in with us. Happy to share it.",
        B.COORDINATION: "Adult and children's teams both visit this household. Could we plan one joint visit?",
        B.DISCUSSING_DEVELOPMENTS: "What will the new recording system mean for how we write up assessments?",
        B.DOCUMENTATION_PROJECTS: "Shall we write down how we handle transfers between teams, so no family falls between them?",
        B.VISITS: "The east team's family group conferences work well. Could we sit in on one this term?",
        B.MAPPING_KNOWLEDGE: "Who here knows the immigration side of casework, and where are we all guessing?",
    },
    "peer-supervision": {
        B.PROBLEM_SOLVING: "A supervisee keeps bringing the same case and nothing moves. How do I open it differently?",
        B.REQUESTS_FOR_INFORMATION: "What does our agreement say about notes from these sessions, and who can see them?",
        B.SEEKING_EXPERIENCE: "How have you supervised someone through a case that ended in a death?",
        B.REUSING_ASSETS: "I use a short reflective frame to start supervision. Would it suit your sessions?",
        B.COORDINATION: "Could we take turns bringing a case, so each meeting has one in depth?",
        B.DISCUSSING_DEVELOPMENTS: "The new supervision policy asks for monthly sessions. How does that sit with reflective work?",
        B.DOCUMENTATION_PROJECTS: "Shall we write up how this circle keeps confidentiality, for anyone who joins later?",
        B.VISITS: "Could we invite a supervisor from the hospice team to one session to hear how they work?",
        B.MAPPING_KNOWLEDGE: "Which kinds of case do we find hardest to supervise, and who could help us with them?",
    },
    "adult-literacy-tutors": {
        B.PROBLEM_SOLVING: "A learner reads well aloud but cannot say what the text meant. What would you try next?",
        B.REQUESTS_FOR_INFORMATION: "Which initial assessment does the college accept for the functional skills course?",
        B.SEEKING_EXPERIENCE: "Has anyone taught reading with bus timetables or payslips? How did learners take to it?",
        B.REUSING_ASSETS: "I have a budgeting worksheet that works with new readers. Would it fit your group?",
        B.COORDINATION: "The library and the community centre both run Tuesday drop-ins. Could we share volunteers?",
        B.DISCUSSING_DEVELOPMENTS: "What does the new funding rule on qualifications mean for learners who only want to read to their children?",
        B.DOCUMENTATION_PROJECTS: "Shall we write down how we welcome a new volunteer tutor, so each one gets the same start?",
        B.VISITS: "Could a few of us visit the family learning project to see how parents and children learn together?",
        B.MAPPING_KNOWLEDGE: "Who here has screened for dyslexia or dyscalculia, and where are we still guessing?",
        "growing-confidence": "I want to try a session with no worksheets, just conversation. Tell me what could go wrong?",
    },
    "bridge-field-notes": {
        B.PROBLEM_SOLVING: "Rust staining under the deck of a 1930s arch, but no cracking yet. How would you judge it?",
        B.REQUESTS_FOR_INFORMATION: "Where are the original drawings for the river crossings kept, and who can sign them out?",
        B.SEEKING_EXPERIENCE: "Has anyone inspected masonry arches after a flood? What did you look at first?",
        B.REUSING_ASSETS: "I have a photo checklist for bearings that saved me a second visit. Want a copy?",
        B.COORDINATION: "Two teams are closing the same road for inspections next month. Could we share the closure?",
        B.DISCUSSING_DEVELOPMENTS: "What does the revised assessment standard change for how we grade older structures?",
        B.DOCUMENTATION_PROJECTS: "We have argued about scour marks five times now. Let's write down how we judge them, once.",
        B.VISITS: "Could we join the rail team on one of their night inspections to see how they record defects?",
        B.MAPPING_KNOWLEDGE: "Who has worked on cast-iron bridges, and which kinds of structure has nobody here inspected?",
    },
}
