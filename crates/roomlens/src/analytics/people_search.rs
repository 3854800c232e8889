//! Finding people in the people rollup: a search by name, e-mail or user ID (from three letters,
//! as the report tables search, case-insensitive) and the orders a person can ask for. It counts
//! nothing (`rollups::people` does) and cuts nothing off; the caller decides how many to show.

use super::rollups::PersonRollup;
use serde::Deserialize;
use std::cmp::Reverse;

/// The shortest search that filters people.
pub const SEARCH_LETTERS: usize = 3;

/// How the people are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PeopleOrder {
    /// Most participation time first (the rollup's own order).
    #[default]
    Minutes,
    Sessions,
    Engagement,
    LastSeen,
    Name,
}

/// Whether `search` (already lower-cased) is in the person's name, e-mail or user ID.
fn matches(person: &PersonRollup, search: &str) -> bool {
    [&person.name, &person.email, &person.user_id]
        .iter()
        .any(|field| field.to_lowercase().contains(search))
}

/// `people` (most minutes first, as `rollups::people` gives them) matching `search` — everyone
/// when it is shorter than [`SEARCH_LETTERS`] — in `order`; ties keep the minutes order.
pub fn find_people(
    people: Vec<PersonRollup>,
    search: &str,
    order: PeopleOrder,
) -> Vec<PersonRollup> {
    let words = search.trim().to_lowercase();
    let mut found: Vec<PersonRollup> = if words.chars().count() >= SEARCH_LETTERS {
        people.into_iter().filter(|p| matches(p, &words)).collect()
    } else {
        people
    };
    match order {
        PeopleOrder::Minutes => {}
        PeopleOrder::Sessions => found.sort_by_key(|p| Reverse(p.sessions)),
        PeopleOrder::Engagement => found.sort_by(|a, b| {
            b.engagement_pct
                .unwrap_or(-1.0)
                .total_cmp(&a.engagement_pct.unwrap_or(-1.0))
        }),
        PeopleOrder::LastSeen => found.sort_by_key(|p| Reverse(p.last_seen)),
        PeopleOrder::Name => found.sort_by_cached_key(|p| {
            let shown = if p.name.trim().is_empty() {
                &p.email
            } else {
                &p.name
            };
            shown.to_lowercase()
        }),
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        name: &str,
        email: &str,
        sessions: u64,
        engagement: Option<f64>,
        last: Option<i64>,
    ) -> PersonRollup {
        PersonRollup {
            person: email.into(),
            user_id: String::new(),
            email: email.into(),
            name: name.into(),
            sessions,
            rooms: 1,
            minutes: 0.0,
            engagement_pct: engagement,
            first_seen: None,
            last_seen: last,
            roles: vec![],
        }
    }

    fn names(found: &[PersonRollup]) -> Vec<&str> {
        found.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn short_searches_find_everyone_and_longer_ones_any_field() {
        let people = vec![
            person("Ada Lovelace", "ada@example.org", 1, None, None),
            person("Émile Zola", "ZOLA@example.org", 2, Some(10.0), Some(5)),
            person("", "grace@navy.example", 3, Some(90.0), Some(9)),
        ];
        assert_eq!(
            find_people(people.clone(), "Ad", PeopleOrder::Minutes).len(),
            3
        );
        assert_eq!(
            names(&find_people(people.clone(), " zol ", PeopleOrder::Minutes)),
            ["Émile Zola"]
        );
        assert_eq!(
            names(&find_people(people.clone(), "ÉMI", PeopleOrder::Minutes)),
            ["Émile Zola"]
        );
        assert_eq!(
            find_people(people.clone(), "navy", PeopleOrder::Minutes)[0].email,
            "grace@navy.example"
        );
        assert_eq!(
            names(&find_people(people.clone(), "", PeopleOrder::Sessions)),
            ["", "Émile Zola", "Ada Lovelace"]
        );
        assert_eq!(
            names(&find_people(people.clone(), "", PeopleOrder::Engagement)),
            ["", "Émile Zola", "Ada Lovelace"]
        );
        assert_eq!(
            names(&find_people(people.clone(), "", PeopleOrder::LastSeen)),
            ["", "Émile Zola", "Ada Lovelace"]
        );
        assert_eq!(
            names(&find_people(people, "", PeopleOrder::Name)),
            ["Ada Lovelace", "", "Émile Zola"]
        );
    }
}
