//! Counting distinct members per group over pairs of numbers (a person's sessions, a room-week's
//! attendees): the pairs are put in group order by a counting sort, then each member is stamped
//! with the last group it was counted in. Linear, no hashing. It knows nothing of what the
//! numbers stand for.

use super::kept_attendances::number;

/// `pairs` of (group, member) numbers put in group order by counting: group `g`'s members are
/// `ordered[starts[g]..starts[g + 1]]`. Linear, no hashing; groups numbered from `groups` on
/// are left out.
pub(crate) fn by_group(pairs: &[(u32, u32)], groups: usize) -> (Vec<usize>, Vec<u32>) {
    let mut starts = vec![0usize; groups + 1];
    for &(g, _) in pairs {
        if let Some(count) = starts.get_mut(g as usize + 1) {
            *count += 1;
        }
    }
    let mut running = 0;
    for start in &mut starts {
        running += *start;
        *start = running;
    }
    let mut next = starts.clone();
    let mut ordered = vec![0u32; running];
    for &(g, m) in pairs {
        if let Some(at) = next.get_mut(g as usize) {
            if let Some(slot) = ordered.get_mut(*at) {
                *slot = m;
            }
            *at += 1;
        }
    }
    (starts, ordered)
}

/// Group `group`'s members as `by_group` put them in order.
pub(crate) fn members<'o>(starts: &[usize], ordered: &'o [u32], group: usize) -> &'o [u32] {
    let from = starts.get(group).copied().unwrap_or(0);
    let to = starts.get(group + 1).copied().unwrap_or(0);
    ordered.get(from..to).unwrap_or_default()
}

/// For `pairs` of (group, member) numbers, how many distinct members each of `groups` groups
/// has (members numbered below `members`): each member is stamped with the last group it was
/// counted for.
pub(crate) fn distinct_per_group(
    pairs: &[(u32, u32)],
    groups: usize,
    members_count: usize,
) -> Vec<u64> {
    let (starts, ordered) = by_group(pairs, groups);
    let mut stamp = vec![u32::MAX; members_count];
    let mut counts = vec![0u64; groups];
    for (g, count) in counts.iter_mut().enumerate() {
        let group = number(g);
        for &m in members(&starts, &ordered, g) {
            if let Some(last) = stamp.get_mut(m as usize) {
                if *last != group {
                    *last = group;
                    *count += 1;
                }
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_group_counts_its_distinct_members_once() {
        // Group 0: 5, 5, 7; group 2: 7; group 1 none; a group past `groups` is left out.
        let pairs = [(0, 5), (2, 7), (0, 7), (0, 5), (3, 1)];
        assert_eq!(distinct_per_group(&pairs, 3, 8), [2, 0, 1]);
        let (starts, ordered) = by_group(&pairs, 3);
        assert_eq!(members(&starts, &ordered, 0), [5, 7, 5]);
        assert!(members(&starts, &ordered, 1).is_empty());
        assert!(members(&starts, &ordered, 9).is_empty());
    }
}
