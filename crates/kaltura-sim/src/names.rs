//! Word lists for the synthetic organisation: people, rooms, breakout rooms and e-mail domains,
//! including Unicode names, names with commas and deliberately hostile strings (spreadsheet
//! formulas, HTML/script) that reports must carry through untouched. Lists only; no logic.

pub const FIRST_NAMES: &[&str] = &[
    "Alice", "Bob", "Chloé", "Dmitri", "Émile", "Fatima", "Giulia", "Hiroshi", "Ingrid", "Jamal",
    "Kateřina", "Lars", "María", "Nguyễn", "Oluwaseun", "Priya", "Quentin", "Renée", "Søren", "Thandiwe",
    "Uxue", "Valentina", "Wojciech", "Xiu", "Yusuf", "Zoë", "Ana", "Björn", "Carmen", "Dong-hyun",
    "Eleni", "François", "Gábor", "Hannah", "İbrahim", "Jürgen", "Keanu", "Łukasz", "Mei", "Nadia",
];

pub const LAST_NAMES: &[&str] = &[
    "Ångström", "Brown", "Castillo", "Dubois", "Eriksson", "Fernández", "García", "Horvath", "Ivanova",
    "Johansson", "Kowalski", "Lefèvre", "Müller", "Nakamura", "O'Brien", "Papadopoulos", "Quispe",
    "Rossi", "Šimić", "Tanaka", "Ueda", "van der Berg", "Wiśniewski", "Xu", "Yılmaz", "Zhang",
    "Abdullah", "Bianchi", "Czerny", "Dvořák", "Østergaard", "Nowak", "Smith", "Jones", "Kim",
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
