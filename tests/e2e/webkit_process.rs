//! Finds the WebKit web processes running under a process (tauri-driver, here) and reads one
//! variable from their environment, through Linux's /proc. It only reads; it never signals or
//! waits on a process, and it knows nothing about the app's page.

use std::collections::HashMap;
use std::fs;

/// Every process below `root`, found by walking the parent links in /proc.
fn descendants(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        // The parent is the second field after the command name, which ends at the last ')'.
        let parent = fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                let after_name = stat.rsplit_once(')')?.1.to_owned();
                after_name.split_whitespace().nth(1)?.parse::<u32>().ok()
            });
        if let Some(parent) = parent {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut found = Vec::new();
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        for &child in children.get(&pid).map(Vec::as_slice).unwrap_or_default() {
            found.push(child);
            todo.push(child);
        }
    }
    found
}

/// For each WebKit web process below `root`, the value of `name` in its environment (None when
/// the variable is not set there).
pub fn web_process_variable(root: u32, name: &str) -> Vec<Option<String>> {
    let prefix = format!("{name}=");
    descendants(root)
        .into_iter()
        .filter(|pid| {
            fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim_end() == "WebKitWebProces")
        })
        .filter_map(|pid| fs::read(format!("/proc/{pid}/environ")).ok())
        .map(|environ| {
            environ
                .split(|&b| b == 0)
                .find_map(|entry| entry.strip_prefix(prefix.as_bytes()))
                .map(|value| String::from_utf8_lossy(value).into_owned())
        })
        .collect()
}
