//! Word lists for the synthetic organisation: people, rooms, breakout rooms and e-mail domains,
//! the registration fields and places the Room dashboard shows (titles, companies, industries,
//! roles, countries, devices), including Unicode names, names with commas and deliberately hostile
//! strings (spreadsheet formulas, HTML/script) that reports must carry through untouched. Lists
//! only; no logic.

pub const FIRST_NAMES: &[&str] = &[
    "Alice",
    "Bob",
    "Chloé",
    "Dmitri",
    "Émile",
    "Fatima",
    "Giulia",
    "Hiroshi",
    "Ingrid",
    "Jamal",
    "Kateřina",
    "Lars",
    "María",
    "Nguyễn",
    "Oluwaseun",
    "Priya",
    "Quentin",
    "Renée",
    "Søren",
    "Thandiwe",
    "Uxue",
    "Valentina",
    "Wojciech",
    "Xiu",
    "Yusuf",
    "Zoë",
    "Ana",
    "Björn",
    "Carmen",
    "Dong-hyun",
    "Eleni",
    "François",
    "Gábor",
    "Hannah",
    "İbrahim",
    "Jürgen",
    "Keanu",
    "Łukasz",
    "Mei",
    "Nadia",
];

pub const LAST_NAMES: &[&str] = &[
    "Ångström",
    "Brown",
    "Castillo",
    "Dubois",
    "Eriksson",
    "Fernández",
    "García",
    "Horvath",
    "Ivanova",
    "Johansson",
    "Kowalski",
    "Lefèvre",
    "Müller",
    "Nakamura",
    "O'Brien",
    "Papadopoulos",
    "Quispe",
    "Rossi",
    "Šimić",
    "Tanaka",
    "Ueda",
    "van der Berg",
    "Wiśniewski",
    "Xu",
    "Yılmaz",
    "Zhang",
    "Abdullah",
    "Bianchi",
    "Czerny",
    "Dvořák",
    "Østergaard",
    "Nowak",
    "Smith",
    "Jones",
    "Kim",
];

/// Whole names used for a share of the people: Unicode, commas, quotes, formulas, markup.
pub const SPECIAL_NAMES: &[&str] = &[
    "Zoë Ångström",
    "李小龙",
    "José Álvarez-Núñez",
    "Smith, John",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "Dwayne \"The Rock\" Johnson",
    "محمد عبد الله",
    "Ólafur Ragnar Grímsson",
    "Nguyễn Thị Minh Khai",
    "O'Connor, Siobhán",
    "Анна Петрова",
    "田中 太郎",
    "Renée 😀 Emoji",
];

/// E-mail addresses used for a share of the people in place of the generated one.
pub const SPECIAL_EMAILS: &[&str] = &[
    "=HYPERLINK(\"http://evil.example\",\"click\")@evil.example",
    "+SUM(1,2)@evil.example",
    "@cmd@evil.example",
    "<script>alert(1)</script>@evil.example",
    "zoë.ångström@exämple.org",
    "-2+3@evil.example",
];

/// Prefixes of user ids that a spreadsheet would run as a formula.
pub const HOSTILE_USER_ID_PREFIXES: &[&str] = &["=cmd|", "-", "+", "@"];

pub const EMAIL_DOMAINS: &[&str] = &["example.com", "example.org", "uni.example.edu"];

pub const ROOM_NAMES: &[&str] = &[
    "Weekly All-Hands",
    "Sales, EMEA",
    "Café Ñandú Lounge",
    "会议室 A",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "<img src=x onerror=alert(1)>",
    "Engineering Sync",
    "Customer Onboarding",
    "Board Room",
    "Biology 101 — Lecture",
    "<script>alert(1)</script> Lab",
    "Support Office Hours",
    "+SUM(1,2) Finance",
    "Design Critique",
    "Ålesund Field Office",
    "Town Hall",
];

pub const BREAKOUT_NAMES: &[&str] = &[
    "Breakout 1",
    "Group A, table 2",
    "Équipe Bleue",
    "@cmd corner",
    "小组 3",
    "Q&A <b>room</b>",
];

/// Job titles from registration forms (empty: the person left it blank).
pub const TITLES: &[&str] = &[
    "",
    "Engineer",
    "Product Manager",
    "Teacher",
    "Director, Sales",
    "Student",
    "CEO",
    "Nurse",
    "Data Analyst",
    "Researcher",
];

pub const COMPANIES: &[&str] = &[
    "",
    "Acme Corp",
    "Globex; Ltd",
    "Initech",
    "Umbrella|Health",
    "Université de Lyon",
    "Stark Industries",
    "株式会社サンプル",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
];

pub const INDUSTRIES: &[&str] = &[
    "",
    "Education",
    "Healthcare",
    "Technology",
    "Finance",
    "Government",
    "Media & Entertainment",
];

pub const ROLES: &[&str] = &["Attendee", "Speaker", "Moderator", "Guest", "Student"];

/// Countries as the geo report gives them: short code, long name, `lat/long` (or empty).
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("US", "United States", "37.09024/-95.712891"),
    ("GB", "United Kingdom", "55.378051/-3.435973"),
    ("DE", "Germany", "51.165691/10.451526"),
    ("IL", "Israel", "31.046051/34.851612"),
    ("IN", "India", "20.593684/78.96288"),
    ("BR", "Brazil", "-14.235004/-51.92528"),
    ("JP", "Japan", "36.204824/138.252924"),
    ("FR", "France", "46.227638/2.213749"),
    ("KR", "Korea, Republic of", "35.907757/127.766922"),
    ("CI", "Côte d'Ivoire", "7.539989/-5.54708"),
    ("NG", "Nigeria", "9.081999/8.675277"),
    ("XK", "Kosovo", ""),
];

/// User-agent device classes, most common first.
pub const DEVICES: &[&str] = &["Computer", "Mobile", "Tablet", "Smart TV"];

/// Meeting engagement states (60011) that count as engaged in the front end's rule.
pub const ENGAGED_STATES: &[&str] = &[
    "SoundOnTabFocused",
    "CameraOnTabFocusedSoundOn",
    "TabFocusedMicUnmutedFullScreenCameraOnSoundOn",
    "OnStageSoundOnTabFocused",
];

/// Meeting engagement states that do not count as engaged.
pub const IDLE_STATES: &[&str] = &["TabFocused", "SoundOnTabNotFocused", "TabNotFocused"];
