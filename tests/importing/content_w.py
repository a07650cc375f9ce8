"""FICTION: a second invented overview report, written differently from content.py.

Quillsby, its partnership, its agencies and every person here are made up. This one is an
older serious case review: the title is a heading, the analysis is cut into themes with no
"Finding" in their names, recommendations are paragraphs numbered by hand, the chronology is
a Date | Agency | Event table, the glossary is a bulleted list, and the action plan has
action numbers, per cent complete, "In progress" and "Ongoing".
"""

from __future__ import annotations

TITLE = "Serious Case Review: Child W"
PARTNERSHIP = "Quillsby Safeguarding Children Partnership"

INTRODUCTION = [
    "Child W was a boy of fourteen who was found seriously injured in a flat in the north "
    "of Quillsby in October 2018, where he had been staying for several weeks with adults "
    "who were later convicted of drug supply. He survived, but with injuries that will "
    "affect him for the rest of his life.",
    "The Quillsby Safeguarding Children Partnership, then the Local Safeguarding Children "
    "Board, decided in November 2018 that the criteria for a serious case review were met. "
    "The review was delayed by criminal proceedings, which ended in the summer of 2020.",
]

TERMS = [
    "How well agencies understood the risk of criminal exploitation to Child W.",
    "Whether the transition from primary to secondary school was planned around his needs.",
    "How missing episodes were recorded, shared and responded to.",
    "How agencies worked with Child W's mother and with his older brother.",
]

METHODOLOGY = [
    "The review followed the Significant Incident Learning Process. Each agency wrote an "
    "individual management review, and a panel of senior managers met five times to analyse "
    "them with the two lead reviewers. Practitioners took part in two learning events.",
    "The review covered the period from September 2016, when Child W started secondary "
    "school, to October 2018. Records from earlier years were read where they helped to "
    "explain the family's history. The draft report was shared with Child W's mother before "
    "it was published, and her comments are reflected in it.",
]

BACKGROUND = [
    "Child W lived with his mother and his older brother in a two-bedroom flat. His father "
    "died when he was six, and his family said that he never talked about it. His mother "
    "worked long shifts at a care home and was often not at home in the evenings.",
    "At primary school Child W was seen as a lively boy who loved football and struggled "
    "with reading. He was assessed as having speech and language needs in Year 4, and an "
    "education, health and care plan was agreed in Year 6. His teachers described him as "
    "eager to please and easily led by older children.",
    "Child W's older brother had been known to the youth offending service since 2015. The "
    "family had been offered early help twice, in 2014 and in 2016, and had accepted it "
    "both times. On both occasions the work focused on the older brother.",
    "In the eighteen months before he was injured, Child W went missing eleven times, was "
    "excluded from school on four occasions and was arrested twice. His mother reported "
    "him missing on every occasion and told several agencies that she believed he was "
    "being used by older men to carry drugs.",
]

FAMILY = [
    "Child W's mother met the lead reviewers twice. She said that she had asked for help "
    "many times and felt that nobody listened until it was too late. She wanted the review "
    "to show how frightened she had been of the people who controlled her son.",
    "Child W's older brother did not wish to take part.",
]

CHILD = [
    "Child W told his youth worker that the older boys were the only people who treated him "
    "with respect. He said that school had given up on him and that he did not see the "
    "point of going. Practitioners rarely asked him what he wanted for his future.",
]

CHRONOLOGY = [
    (
        "September 2016",
        "Quillsby Education Service",
        "Child W moves to secondary school and is excluded for fixed periods three times.",
    ),
    (
        "March 2017",
        "Quillsby Police",
        "Child W is reported missing for the first time and is found in a neighbouring town.",
    ),
    (
        "January 2018",
        "Quillsby Children's Services",
        "A child and family assessment recommends a child in need plan.",
    ),
    (
        "November 2017",
        "Quillsby Health Trust",
        "Child W attends the emergency department with a hand injury he will not explain.",
    ),
    (
        "May 2018",
        "Quillsby Children's Services",
        "The child in need plan closes after Child W does not attend two meetings.",
    ),
    (
        "July 2018",
        "Quillsby Youth Offending Service",
        "Child W is arrested with drugs and cash and is referred for a youth caution.",
    ),
]

THEMES = [
    (
        "Recognising exploitation",
        [
            "Agencies saw Child W's behaviour as a choice rather than as a sign that he was "
            "being groomed and controlled. Records describe him as streetwise and as putting "
            "himself at risk. Nobody used the partnership's criminal exploitation screening "
            "tool, and no strategy discussion was held about exploitation until after he was "
            "injured.",
            "This reflects the understanding of the time, but the review found that some "
            "practitioners had already raised the possibility of county lines in 2017 and "
            "were not heard.",
            "When Child W was arrested in July 2018 with drugs and cash, he was treated as an "
            "offender. The youth offending service worker recognised that he might be a "
            "victim, but the referral she made to children's services was screened as a "
            "request for information and no one responded to it for five weeks.",
        ],
    ),
    (
        "The move to secondary school",
        [
            "Child W had an education, health and care plan at primary school, but the plan "
            "did not follow him into his new school for almost a term. Staff there did not "
            "know about his speech and language needs, and he was excluded three times "
            "before the plan arrived. Each exclusion left him with more unsupervised time "
            "in the community.",
            "The special educational needs team told the review that transfers were handled "
            "in a single batch in the summer, and that plans for children moving to schools "
            "outside the usual pattern were often late. Neither school told the other about "
            "Child W's older brother or about the concerns his mother had raised.",
        ],
    ),
    (
        "Missing episodes",
        [
            "Child W went missing eleven times in eighteen months. Return home interviews "
            "were offered after only four of these, and he took part in one. The information "
            "from that interview named an adult who was later convicted, but it was not "
            "shared with the police.",
            "Practitioners told the review that missing episodes had become so frequent that "
            "they were seen as normal for Child W.",
            "The review heard that the missing person coordinator post was vacant for most of "
            "2018, and that return home interviews were carried out by whichever service had "
            "capacity. There was no single place where the pattern of his absences, the "
            "places he was found and the people he was with could be seen together.",
        ],
    ),
]

THEMES.append(
    (
        "Working with Child W's mother",
        [
            "Child W's mother contacted the police, the school and children's services many "
            "times to say that she was afraid for her son. Her calls were recorded, but they "
            "were often described as a parent struggling with her child's behaviour. She was "
            "offered a parenting course twice. Nobody asked her what she knew about the men "
            "her son was spending time with, although she could have named two of them.",
            "Practitioners at the learning event recognised that parents of exploited "
            "children are often treated as part of the problem. They said that the training "
            "they had received at the time focused on sexual exploitation, and that they "
            "did not have a shared language for criminal exploitation until 2019.",
        ],
    )
)

GOOD_PRACTICE = [
    "The youth worker kept in touch with Child W through every placement move and was the "
    "one adult he trusted.",
    "The police officer who found Child W in March 2017 recorded her concern about the "
    "adults he was with.",
]

CONCLUSION = [
    "Child W was failed by a system that did not yet understand criminal exploitation and "
    "that saw him as a problem rather than as a child at risk. Much has changed in Quillsby "
    "since 2018, but this review shows how much depends on practitioners being heard when "
    "they raise a concern.",
    "The partnership has told the review that the exploitation hub, the new transfer "
    "protocol and the return home interview service have all been introduced since Child W "
    "was injured. The recommendations below ask it to show that these changes work for "
    "children like him, and not only that they exist.",
]

RECOMMENDATIONS = [
    "The Quillsby Safeguarding Children Partnership should make sure that every agency "
    "uses the exploitation screening tool whenever a child goes missing more than twice.",
    "Quillsby Education Service should make sure that education, health and care plans are "
    "shared with the receiving school before a child starts there.",
    "The Quillsby Safeguarding Children Partnership should ensure that what is learned "
    "from return home interviews reaches the police within one working day.",
]

RESPONSE = [
    "The partnership accepts all three recommendations. An exploitation hub has been in "
    "place since 2021, and the partnership will report on progress against this action plan "
    "every six months.",
]

ACTIONS = [
    (
        "1.1",
        "R1",
        "Quillsby Children's Services",
        "Audit the use of the exploitation screening tool for children missing three times",
        "Service Manager, Exploitation Hub",
        "Q3 2021",
        "Complete",
        "100%",
    ),
    (
        "1.2",
        "R1",
        "Quillsby Police",
        "Brief all response officers on the screening tool",
        "Detective Inspector, Public Protection",
        "Ongoing",
        "In progress",
        "60%",
    ),
    (
        "2.1",
        "R2",
        "Quillsby Education Service",
        "Change the transfer protocol so that plans move before the child does",
        "Head of Special Educational Needs",
        "September 2021",
        "Green",
        "80%",
    ),
    (
        "3.1",
        "R3",
        "Quillsby Children's Services",
        "Send return home interview summaries to the police missing person coordinator",
        "Missing Children Coordinator",
        "31/12/2021",
        "Amber",
        "50%",
    ),
]

GLOSSARY = [
    ("County lines", "Gangs moving drugs from cities into smaller towns, often using children"),
    ("EHCP", "Education, health and care plan"),
    ("Return home interview", "A talk with a child after they have been missing"),
    ("SILP", "Significant Incident Learning Process, a way of carrying out reviews"),
]
