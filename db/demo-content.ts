/**
 * Demo content drawn from the source documents (../shared/seeds): the South
 * Nottinghamshire Transformation Partnership (seed 000), the survey of people who
 * received integrated services (seed 001) and the service-user gains of the
 * Integrated Accelerator pilot (seed 002). Advisory group members are fictional.
 */
export const SOUTH_NOTTS = {
  slug: "south-nottinghamshire",
  name: "South Nottinghamshire Transformation Partnership",
  commissioners: [
    "Nottinghamshire County Council",
    "Nottingham City Council",
    "NHS England",
    "Nottingham City Clinical Commissioning Group",
    "Nottingham North and East Clinical Commissioning Group",
    "Nottingham West Clinical Commissioning Group",
    "Rushcliffe Clinical Commissioning Group",
  ],
  providers: [
    "Nottingham University Hospitals NHS Trust",
    "Circle Partners",
    "Nottinghamshire Healthcare NHS Trust",
    "Nottingham CityCare Partners",
    "East Midlands Ambulance Service",
  ],
  localities: ["Nottingham City", "Nottingham North and East", "Nottingham West", "Rushcliffe"],
};

export const MID_NOTTS = {
  slug: "mid-nottinghamshire",
  name: "Mid Nottinghamshire Better Together",
  commissioners: ["Nottinghamshire County Council", "Mansfield and Ashfield Clinical Commissioning Group", "Newark and Sherwood Clinical Commissioning Group"],
  providers: [] as string[],
};

export const DEMO_ACCOUNTS = [
  {
    email: "admin@south-notts.example",
    displayName: "Amira Khan",
    password: "demo-administrator-2026",
    partnership: SOUTH_NOTTS.slug,
    role: "administrator",
    organisation: "Nottinghamshire County Council",
  },
  {
    email: "officer@south-notts.example",
    displayName: "Owen Price",
    password: "demo-officer-2026",
    partnership: SOUTH_NOTTS.slug,
    role: "officer",
    organisation: "Nottingham City Clinical Commissioning Group",
  },
  {
    email: "commissioner@south-notts.example",
    displayName: "Claire Boateng",
    password: "demo-commissioner-2026",
    partnership: SOUTH_NOTTS.slug,
    role: "commissioner",
    organisation: "Nottinghamshire County Council",
  },
  {
    email: "commissioner.ccg@south-notts.example",
    displayName: "David Ellis",
    password: "demo-commissioner-2026",
    partnership: SOUTH_NOTTS.slug,
    role: "commissioner",
    organisation: "Rushcliffe Clinical Commissioning Group",
  },
  {
    email: "officer@mid-notts.example",
    displayName: "Megan Shaw",
    password: "demo-officer-2026",
    partnership: MID_NOTTS.slug,
    role: "officer",
    organisation: "Mansfield and Ashfield Clinical Commissioning Group",
  },
] as const;

type Text = { en: string; cy: string };

export const CONSULTATION: {
  slug: string;
  title: Text;
  summary: Text;
  briefing: Text;
  privacyNotice: Text;
  contactEmail: string;
} = {
  slug: "joined-up-care",
  title: {
    en: "What matters to you about joined-up health and social care?",
    cy: "Beth sy'n bwysig i chi am iechyd a gofal cymdeithasol cydgysylltiedig?",
  },
  summary: {
    en: "Health and social care partners in South Nottinghamshire plan to pay for care by the outcomes it achieves. Tell us which outcomes matter most to you, so they can go into future contracts.",
    cy: "Mae partneriaid iechyd a gofal cymdeithasol yn Ne Swydd Nottingham yn bwriadu talu am ofal yn ôl y canlyniadau y mae'n eu cyflawni. Dywedwch wrthym pa ganlyniadau sydd bwysicaf i chi, fel y gallant fynd i gontractau yn y dyfodol.",
  },
  briefing: {
    en: [
      "## Why we are asking",
      "Twelve health and social care organisations in South Nottinghamshire work together as the South Nottinghamshire Transformation Partnership. Their *Case for Change* says services are not always equal or joined up, and that paying for activity, such as the number of visits, does not reward working together.",
      "## What is changing",
      "The partners want to move to **outcomes-based commissioning**: paying for results that matter to the people who use services, through contracts that last several years, with some payments linked to specific outcomes.",
      "## What people have told us before",
      "In a survey of people who received joined-up services in Norfolk, 92% agreed that professionals communicated well with them and their families, but only 76% agreed that their care was well co-ordinated, and 79% that they did not need to repeat their story.",
      "## What we will do with your answers",
      "We will combine everyone's answers into a list of outcomes, ordered by how important people said they are. Commissioners will use it to decide which outcomes go into contracts, and we will publish what you said and what we did.",
    ].join("\n\n"),
    cy: [
      "## Pam rydym yn gofyn",
      "Mae deuddeg sefydliad iechyd a gofal cymdeithasol yn Ne Swydd Nottingham yn cydweithio fel Partneriaeth Trawsnewid De Swydd Nottingham. Mae eu *hAchos dros Newid* yn dweud nad yw gwasanaethau bob amser yn gyfartal nac yn gydgysylltiedig, ac nad yw talu am weithgarwch, fel nifer yr ymweliadau, yn gwobrwyo cydweithio.",
      "## Beth sy'n newid",
      "Mae'r partneriaid am symud i **gomisiynu ar sail canlyniadau**: talu am ganlyniadau sy'n bwysig i'r bobl sy'n defnyddio gwasanaethau, drwy gontractau sy'n para sawl blwyddyn, gyda rhai taliadau'n gysylltiedig â chanlyniadau penodol.",
      "## Beth mae pobl wedi'i ddweud wrthym o'r blaen",
      "Mewn arolwg o bobl a gafodd wasanaethau cydgysylltiedig yn Norfolk, cytunodd 92% fod gweithwyr proffesiynol yn cyfathrebu'n dda â nhw a'u teuluoedd, ond dim ond 76% a gytunodd fod eu gofal wedi'i gydgysylltu'n dda, a 79% nad oedd angen iddynt ailadrodd eu stori.",
      "## Beth fyddwn yn ei wneud gyda'ch atebion",
      "Byddwn yn cyfuno atebion pawb yn rhestr o ganlyniadau, yn nhrefn pa mor bwysig y dywedodd pobl ydynt. Bydd comisiynwyr yn ei defnyddio i benderfynu pa ganlyniadau sy'n mynd i gontractau, a byddwn yn cyhoeddi'r hyn a ddywedoch a'r hyn a wnaethom.",
    ].join("\n\n"),
  },
  privacyNotice: {
    en: "Taking part is voluntary. We keep your answers for 2 years after the consultation closes, then keep only anonymous totals. Questions about you are optional and kept apart from your answers. We never publish anything that could identify you: groups of fewer than 8 people are not shown.",
    cy: "Mae cymryd rhan yn wirfoddol. Rydym yn cadw eich atebion am 2 flynedd ar ôl i'r ymgynghoriad gau, yna'n cadw cyfansymiau dienw yn unig. Mae cwestiynau amdanoch chi yn ddewisol ac yn cael eu cadw ar wahân i'ch atebion. Nid ydym byth yn cyhoeddi unrhyw beth a allai eich adnabod: ni ddangosir grwpiau o lai nag 8 o bobl.",
  },
  contactEmail: "engagement@south-notts.example",
};

export const DOMAINS: Array<{ code: string; name: Text; outcomes: Array<{ code: string; statement: Text; source: string }> }> = [
  {
    code: "joined-up",
    name: { en: "Joined-up care", cy: "Gofal cydgysylltiedig" },
    outcomes: [
      {
        code: "O1",
        statement: { en: "I only have to tell my story once", cy: "Dim ond unwaith y mae'n rhaid i mi adrodd fy stori" },
        source: "Seed 002: what service users gain from integrated care teams (2018)",
      },
      {
        code: "O2",
        statement: { en: "Professionals who support me talk to each other", cy: "Mae'r gweithwyr proffesiynol sy'n fy nghefnogi yn siarad â'i gilydd" },
        source: "Seed 001: survey of people who received integrated services (78% agreed)",
      },
      {
        code: "O3",
        statement: { en: "My care is well co-ordinated", cy: "Mae fy ngofal wedi'i gydgysylltu'n dda" },
        source: "Seed 001: survey of people who received integrated services (76% agreed)",
      },
      {
        code: "O4",
        statement: {
          en: "Staff come together for joint visits instead of separate ones",
          cy: "Mae staff yn dod at ei gilydd ar gyfer ymweliadau ar y cyd yn lle rhai ar wahân",
        },
        source: "Seed 002: what service users gain from integrated care teams (2018)",
      },
    ],
  },
  {
    code: "centred-on-me",
    name: { en: "Care centred on me", cy: "Gofal sy'n canolbwyntio arnaf i" },
    outcomes: [
      {
        code: "O5",
        statement: { en: "I am seen by people who understand my needs", cy: "Rwy'n cael fy ngweld gan bobl sy'n deall fy anghenion" },
        source: "Seed 001: survey of people who received integrated services (90% agreed)",
      },
      {
        code: "O6",
        statement: { en: "Professionals communicate clearly with me and my family", cy: "Mae gweithwyr proffesiynol yn cyfathrebu'n glir â mi a'm teulu" },
        source: "Seed 001: survey of people who received integrated services (92% agreed)",
      },
      {
        code: "O7",
        statement: { en: "I have a care and support plan that I helped to write", cy: "Mae gen i gynllun gofal a chymorth y gwnes i helpu i'w ysgrifennu" },
        source: "Seed 002: personalised care and support planning",
      },
      {
        code: "O8",
        statement: { en: "I can choose how my personal budget is spent", cy: "Gallaf ddewis sut mae fy nghyllideb bersonol yn cael ei gwario" },
        source: "Seed 002: integrated personal budgets",
      },
    ],
  },
  {
    code: "independence",
    name: { en: "Staying well and independent", cy: "Aros yn iach ac yn annibynnol" },
    outcomes: [
      {
        code: "O9",
        statement: { en: "I am supported to stay independent at home", cy: "Rwy'n cael cymorth i aros yn annibynnol gartref" },
        source: "Seed 000: shift from bed-based care to care close to or in people's homes",
      },
      {
        code: "O10",
        statement: { en: "I get help early, before things reach a crisis", cy: "Rwy'n cael help yn gynnar, cyn i bethau gyrraedd argyfwng" },
        source: "Seed 000: preventative and proactive care",
      },
    ],
  },
  {
    code: "fair-accountable",
    name: { en: "Fair and accountable services", cy: "Gwasanaethau teg ac atebol" },
    outcomes: [
      {
        code: "O11",
        statement: { en: "Services are equally good wherever I live", cy: "Mae gwasanaethau yr un mor dda lle bynnag rwy'n byw" },
        source: "Seed 000: services not always equitable or joined up",
      },
      {
        code: "O12",
        statement: { en: "I know who is responsible for my care", cy: "Rwy'n gwybod pwy sy'n gyfrifol am fy ngofal" },
        source: "Seed 000: accountable care philosophy",
      },
      {
        code: "O13",
        statement: {
          en: "I get help quickly without being passed between services",
          cy: "Rwy'n cael help yn gyflym heb gael fy nhrosglwyddo rhwng gwasanaethau",
        },
        source: "Seed 002: faster service when staff talk directly",
      },
    ],
  },
];

/** About 30 fictional members across stakeholder groups and the four CCG localities. */
const FIRST_NAMES = [
  "Margaret",
  "Tariq",
  "Joan",
  "Daniel",
  "Priya",
  "Stephen",
  "Grace",
  "Wojciech",
  "Helen",
  "Kwame",
  "Susan",
  "Imran",
  "Patricia",
  "Lee",
  "Aisha",
  "Graham",
  "Nadia",
  "Peter",
  "Rita",
  "Samuel",
  "Beverley",
  "Hassan",
  "Linda",
  "Tom",
  "Farah",
  "Keith",
  "Olga",
  "Marcus",
  "Janet",
  "Yusuf",
];
const SURNAME_INITIALS = "HABCDEFGJKLMNPRSTW";
const GROUPS = ["citizen", "citizen", "carer", "service-user", "citizen", "professional", "carer", "service-user", "citizen", "service-user"] as const;
const AGE_BANDS = ["18-34", "35-49", "50-64", "65-74", "75+"];
const ETHNICITIES = [
  "White",
  "White",
  "White",
  "Asian or Asian British",
  "Black, Black British, Caribbean or African",
  "White",
  "Mixed or multiple ethnic groups",
  "White",
  "Prefer not to say",
  "White",
];

export function advisoryGroupMembers() {
  return FIRST_NAMES.map((first, i) => ({
    displayName: `${first} ${SURNAME_INITIALS[i % SURNAME_INITIALS.length]}.`,
    email: `member${String(i + 1).padStart(2, "0")}@cag.example`,
    stakeholderGroup: GROUPS[i % GROUPS.length],
    ageBand: AGE_BANDS[(i * 3) % AGE_BANDS.length],
    sex: i % 3 === 1 ? "male" : "female",
    locality: SOUTH_NOTTS.localities[i % SOUTH_NOTTS.localities.length],
    ethnicity: ETHNICITIES[i % ETHNICITIES.length],
    preferredLocale: i === 7 ? "pl" : i === 13 ? "ur" : "en",
  }));
}
