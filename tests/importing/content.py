"""FICTION: an invented overview report, for testing `summarygen import`.

Brackenmoor, its partnership, its agencies and every person here are made up. The same
review is written out in several shapes (tests/importing/shapes.py) the way partnerships
write reports today; the tests check that each shape's words land in the record.
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "Local Child Safeguarding Practice Review concerning Child P"
PARTNERSHIP = "Brackenmoor Safeguarding Children Partnership"

COVER = [
    "Brackenmoor Safeguarding Children Partnership",
    "Independent reviewer: Ottoline Fairweather-Quince",
    "Published: November 2025",
]

INTRODUCTION = [
    "This review concerns Child P, a girl who was nine years old when she was admitted to "
    "hospital in February 2024 severely underweight, with untreated dental decay and a "
    "chest infection that had been present for several weeks. Her two younger brothers were "
    "also found to be living in conditions of serious neglect.",
    "The Brackenmoor Safeguarding Children Partnership considered the case at a rapid review "
    "in March 2024. The safeguarding partners agreed that the criteria for a local child "
    "safeguarding practice review were met, because Child P had suffered serious harm and "
    "there appeared to be learning about how agencies recognise and respond to chronic "
    "neglect. The National Child Safeguarding Practice Review Panel agreed with that "
    "decision.",
]

TERMS_LEAD = "The review was asked to answer the following questions:"
TERMS = [
    "How well did agencies recognise the signs of neglect and its cumulative impact on "
    "Child P and her brothers?",
    "How effectively did agencies share information with each other, and was it shared "
    "in time to make a difference?",
    "Was the voice and lived experience of each child heard and acted upon?",
    "How well did agencies work with Child P's mother and understand her own needs?",
    "What was the impact of the pandemic and of staff turnover on the help offered to the family?",
]

METHODOLOGY = [
    "The review used a systems approach, adapted from the Social Care Institute for "
    "Excellence Learning Together model. It looked at why practice happened as it did, "
    "rather than looking for individuals to blame, and it sought to understand the "
    "pressures and constraints on practitioners at the time.",
    "Each agency provided a chronology of its involvement and a short report reflecting "
    "on its practice. The independent reviewer read records from September 2021 to "
    "February 2024, met managers from each agency, and held a learning event attended by "
    "fourteen practitioners. The draft report was shared with the practitioners who took "
    "part before it was finalised.",
]

AGENCIES = [
    ("Brackenmoor Children's Social Care (CSC)", "assessment and child in need planning"),
    ("Brackenmoor Early Help Service", "family support work in 2022"),
    ("Fernhollow Community Health NHS Trust", "health visiting and school nursing"),
    ("Larchmere Medical Practice", "general practice for the whole family"),
    ("Thornfield Vale Academy", "Child P's primary school"),
    ("Brackenmoor Police", "two welfare visits and a domestic incident"),
]

BACKGROUND = [
    "Child P lived with her mother and her two younger brothers, who were aged four and "
    "two at the time of the incident. Her father had left the family home in 2020 and had "
    "no regular contact with the children. The family lived in privately rented housing "
    "that was in poor repair, and they moved twice during the period under review.",
    "Child P's mother had experienced depression since her teenage years and had a history "
    "of being in care herself. She told the reviewer that she had felt judged by "
    "professionals and had tried to keep them at a distance, because she feared her "
    "children would be taken from her as she had been taken from her own mother.",
    "Child P was described by her teachers as a quiet, kind and creative girl who loved "
    "drawing animals and looking after her brothers. Her attendance at school had been "
    "below ninety per cent since Year 2. Staff noticed that she was often hungry, that her "
    "uniform was unwashed, and that she sometimes fell asleep in lessons.",
    "The family had been known to Children's Social Care since 2019, when a referral was "
    "made by the health visitor about the condition of the home. This led to a period of "
    "early help that closed after six months with the family reported to be doing well.",
]


@dataclass(frozen=True)
class Episode:
    title: str
    when: str
    paragraphs: list[str]


EPISODES = [
    Episode(
        "Referral from school about hunger and hygiene",
        "September 2021 to December 2021",
        [
            "The school's designated safeguarding lead made a referral to Children's Social "
            "Care after Child P was seen taking food from other children's lunch boxes and "
            "had head lice that had not been treated for several weeks. The referral was "
            "screened and passed to the Early Help Service, because the concerns were seen "
            "as below the threshold for a statutory assessment.",
            "An early help assessment was completed in November 2021. It recorded the "
            "mother's low mood but did not ask what this meant for her ability to care for "
            "three young children. The plan focused on school attendance.",
        ],
    ),
    Episode(
        "Early help support and case closure",
        "January 2022 to July 2022",
        [
            "A family support worker visited the home every two weeks and helped the mother "
            "to apply for a school uniform grant and to register with a food bank. The home "
            "was seen to be cluttered but improving. Attendance rose to ninety-three per cent "
            "in the spring term.",
            "The case was closed in July 2022 with a note that the family no longer needed "
            "support. The health visitor and the GP were not told of the closure, and there "
            "was no agreed plan for who would notice if things got worse again.",
        ],
    ),
    Episode(
        "Missed health appointments and a police welfare visit",
        "March 2023 to October 2023",
        [
            "The younger brothers missed their two-year and three-year development reviews, "
            "and Child P missed two dental appointments. Each missed appointment was recorded "
            "by the service concerned, but no one service saw the whole pattern.",
            "In August 2023 police officers made a welfare visit after a neighbour reported "
            "children crying late at night. The officers found the home dirty and with "
            "little food, and submitted a child concern notification. It was screened by "
            "Children's Social Care as requiring no further action because the mother said "
            "she was about to be paid.",
        ],
    ),
    Episode(
        "Assessment and admission to hospital",
        "November 2023 to February 2024",
        [
            "A second referral from school, after Child P disclosed that there was often no "
            "food at home, led to a child and family assessment. The social worker visited "
            "three times but saw Child P alone only once, at school. The assessment was "
            "still open when Child P was taken to hospital by her grandmother in February "
            "2024.",
        ],
    ),
]


@dataclass(frozen=True)
class FindingText:
    title: str
    paragraphs: list[str]


FINDINGS = [
    FindingText(
        "Neglect was seen as a series of separate incidents, not as a pattern",
        [
            "Each agency responded to the concern in front of it: the hunger, the head lice, "
            "the missed appointments, the dirty home. Each response was reasonable on its own "
            "terms. No one brought the information together to see that the children's needs "
            "had been unmet for more than two years.",
            "Practitioners at the learning event said that chronic neglect is hard to see "
            "from inside a single service, and that thresholds encourage them to judge each "
            "referral by its own seriousness. The neglect screening tool used by the "
            "partnership was not used at any point.",
        ],
    ),
    FindingText(
        "Closing early help without a plan left the family without a safety net",
        [
            "When early help closed in July 2022, the improvement seen was real but fragile. "
            "The closure summary did not say what would show that things were slipping, and "
            "the universal services who would go on seeing the children were not told. "
            "This meant the health visitor treated later missed appointments as routine.",
            "Managers told the review that early help closures are usually agreed at a "
            "team meeting without the other services being present. That practice has "
            "since changed in one area team but not across Brackenmoor.",
        ],
    ),
    FindingText(
        "Child P's own account was not sought or was not given weight",
        [
            "Child P spoke to her teachers about being hungry on at least four occasions. "
            "These conversations were recorded on the school's safeguarding system, but "
            "they were summarised in referrals as concerns about lunch, which lost the "
            "meaning of what she had said.",
            "During the assessment, Child P was seen alone only once. She told the social "
            "worker that she looked after her brothers when her mother was sad. This was "
            "recorded as a strength of the sibling relationship rather than as a sign that "
            "a nine-year-old was caring for two small children.",
        ],
    ),
    FindingText(
        "The mother's history and mental health were not understood",
        [
            "Professionals knew that the mother had been in care and had depression, but "
            "this was not explored with her. Her reluctance to engage was read as hostility "
            "rather than as fear. Practitioners said they lacked the time and the confidence "
            "to talk with parents about their own childhoods.",
            "The GP practice was not asked to contribute to the assessment, and adult mental "
            "health services were not involved at any point.",
        ],
    ),
]

GOOD_PRACTICE = [
    "The school's designated safeguarding lead kept detailed, dated records of every "
    "conversation with Child P, which made it possible for this review to hear her voice.",
    "The family support worker built a trusting relationship with the mother and helped "
    "the family to secure money and food they were entitled to.",
    "The police officers who made the welfare visit recorded what they saw clearly and "
    "passed it on the same day.",
]

CONCLUSION = [
    "Child P and her brothers lived with neglect for more than two years while several "
    "agencies were involved with the family. The harm to Child P was not caused by any one "
    "mistake, but by a system that looked at each concern on its own and closed support "
    "without a plan for what would come next.",
    "The partnership has already begun to act on this learning. The recommendations below "
    "are intended to make sure that the picture held by each service is brought together, "
    "and that children like Child P are listened to.",
]

RECOMMENDATIONS = [
    "The Brackenmoor Safeguarding Children Partnership should relaunch its neglect "
    "screening tool and require its use when a second concern about neglect is received "
    "by any agency within twelve months.",
    "Brackenmoor Children's Social Care should ensure that every early help closure is "
    "shared with the health visitor, the GP and the school, with a clear note of what "
    "would show that needs are returning.",
    "Thornfield Vale Academy and all schools in Brackenmoor should record children's own "
    "words when they make a referral, and the front door should read them before deciding "
    "on the response.",
    "Brackenmoor Children's Social Care should ensure that children are seen alone at "
    "every assessment visit where it is safe to do so, and that what they say is analysed.",
    "The Brackenmoor Safeguarding Children Partnership should provide training for "
    "practitioners on working with parents who were themselves in care.",
    "Fernhollow Community Health NHS Trust should review how missed appointments across "
    "siblings are brought together and acted upon.",
]

RESPONSES = [
    "Accepted. The tool will be relaunched in spring 2025.",
    "Accepted.",
    "Accepted, working with the Education Safeguarding Forum.",
    "Accepted.",
    "Accepted in part, subject to funding.",
    "Accepted.",
]


@dataclass(frozen=True)
class ActionRow:
    recommendation: int
    agency: str
    action: str
    lead: str
    due: str
    status: str
    evidence: str


ACTIONS = [
    ActionRow(
        1,
        "Brackenmoor Safeguarding Children Partnership",
        "Relaunch the neglect screening tool with briefings for all agencies",
        "Partnership Business Manager",
        "March 2025",
        "Green",
        "Tool relaunched; 212 practitioners briefed",
    ),
    ActionRow(
        1,
        "Brackenmoor Safeguarding Children Partnership",
        "Audit use of the neglect screening tool in twenty cases",
        "Quality Assurance Lead",
        "Q2 2025",
        "Amber",
        "Audit planned for June",
    ),
    ActionRow(
        2,
        "Brackenmoor Children's Social Care (CSC)",
        "Change the early help closure form so that it names who has been told",
        "Head of Early Help",
        "31/03/2025",
        "Complete",
        "New form in use since February",
    ),
    ActionRow(
        2,
        "Fernhollow Community Health NHS Trust",
        "Add early help closures to the health visiting caseload review",
        "Named Nurse for Safeguarding",
        "June 2025",
        "Not started",
        "None yet",
    ),
    ActionRow(
        3,
        "Thornfield Vale Academy",
        "Train safeguarding leads to quote children's own words in referrals",
        "Education Safeguarding Adviser",
        "September 2025",
        "Red",
        "Training delayed by staff absence",
    ),
    ActionRow(
        4,
        "Brackenmoor Children's Social Care (CSC)",
        "Add seeing the child alone to the assessment audit tool",
        "Principal Social Worker",
        "Q1 2025",
        "Green",
        "Audit tool updated",
    ),
    ActionRow(
        5,
        "Brackenmoor Safeguarding Children Partnership",
        "Commission training on working with care-experienced parents",
        "Learning and Development Officer",
        "December 2025",
        "Amber",
        "Trainer identified",
    ),
    ActionRow(
        6,
        "Fernhollow Community Health NHS Trust",
        "Build a sibling view of missed appointments into the records system",
        "Head of Safeguarding",
        "31/12/2025",
        "Red",
        "Business case submitted",
    ),
]

GLOSSARY = [
    (
        "CSC",
        "Children's Social Care, the council service that assesses and supports "
        "children in need and children at risk of harm",
    ),
    (
        "DSL",
        "Designated safeguarding lead, the member of school staff responsible for child protection",
    ),
    (
        "Early help",
        "Support for a family before problems become serious enough for social care to be involved",
    ),
    ("GP", "General practitioner, a family doctor"),
    ("LCSPR", "Local child safeguarding practice review"),
    ("Neglect", "The persistent failure to meet a child's basic physical or emotional needs"),
    (
        "Rapid review",
        "A short review held soon after a serious incident to decide whether "
        "a fuller review is needed",
    ),
]

ACKNOWLEDGEMENTS = [
    "The reviewer thanks Child P's mother and grandmother for speaking so openly, and the "
    "practitioners who gave their time to the learning event.",
]


def words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)
