//! A documented subset of `.gitignore`, enough to keep build output, vendored copies and
//! drafts out of the workspace index without a dependency.
//!
//! Supported: blank lines and `#` comments; `!` to re-include; a trailing `/` for folders only;
//! a pattern with a `/` at its start or middle is anchored to the folder of its `.gitignore`,
//! one without matches a name at any depth; `*` (any run without `/`), `?` (one character
//! other than `/`) and `**` (any run, `/` included: `**/drafts`, `logs/**`). Not supported:
//! character classes (`[abc]`, taken literally), `\` escapes, and the global excludes file.
//! As in git, the last matching line decides, and the caller applies the rules of every
//! `.gitignore` from the workspace folder down, not descending into an ignored folder.

/// The rules of one `.gitignore`, for paths relative to its folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgnoreRules {
    rules: Vec<Rule>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Rule {
    pattern: Vec<char>,
    negated: bool,
    folders_only: bool,
    anchored: bool,
}

impl IgnoreRules {
    pub fn parse(text: &str) -> IgnoreRules {
        let rules = text
            .lines()
            .filter_map(|line| {
                let line = line.trim_end();
                if line.is_empty() || line.starts_with('#') {
                    return None;
                }
                let (negated, line) = match line.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, line),
                };
                let (folders_only, line) = match line.strip_suffix('/') {
                    Some(rest) => (true, rest),
                    None => (false, line),
                };
                let anchored = line.contains('/');
                let line = line.strip_prefix('/').unwrap_or(line);
                if line.is_empty() {
                    return None;
                }
                Some(Rule {
                    pattern: line.chars().collect(),
                    negated,
                    folders_only,
                    anchored,
                })
            })
            .collect();
        IgnoreRules { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// What these rules say of `relative` (a path relative to the `.gitignore`'s folder, with
    /// `/` separators): `Some(true)` ignored, `Some(false)` re-included, `None` no rule matched.
    pub fn decide(&self, relative: &str, is_folder: bool) -> Option<bool> {
        let path: Vec<char> = relative.chars().collect();
        let name_start = path
            .iter()
            .rposition(|character| *character == '/')
            .map_or(0, |slash| slash + 1);
        let name = path.get(name_start..).unwrap_or(&[]);
        self.rules
            .iter()
            .rev()
            .find(|rule| {
                (!rule.folders_only || is_folder)
                    && if rule.anchored {
                        glob(&rule.pattern, &path)
                    } else {
                        glob(&rule.pattern, name)
                    }
            })
            .map(|rule| !rule.negated)
    }
}

/// Whether `text` matches the glob `pattern` (`*`, `?`, `**`).
fn glob(pattern: &[char], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => {
            if let Some(('*', after)) = rest.split_first() {
                // `**/x` also matches `x` at the top; `**` matches anything, `/` included.
                let after_slash = after.strip_prefix(&['/']).unwrap_or(after);
                if after.first() == Some(&'/') && glob(after_slash, text) {
                    return true;
                }
                (0..=text.len()).any(|skip| text.get(skip..).is_some_and(|tail| glob(after, tail)))
            } else {
                for skip in 0..=text.len() {
                    if text.get(skip..).is_some_and(|tail| glob(rest, tail)) {
                        return true;
                    }
                    if text.get(skip) == Some(&'/') {
                        break;
                    }
                }
                false
            }
        }
        Some(('?', rest)) => match text.split_first() {
            Some((character, tail)) if *character != '/' => glob(rest, tail),
            _ => false,
        },
        Some((wanted, rest)) => match text.split_first() {
            Some((character, tail)) if character == wanted => glob(rest, tail),
            _ => false,
        },
    }
}

/// Whether `relative` (with `/` separators) matches one of the glob patterns `patterns`
/// (anchored at the workspace folder unless they hold no `/`, as in `.gitignore`).
pub fn matches_any(patterns: &[String], relative: &str) -> bool {
    let rules = IgnoreRules::parse(&patterns.join("\n"));
    rules.decide(relative, false) == Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_at_any_depth_and_anchored_paths_only_at_the_top() {
        let rules =
            IgnoreRules::parse("# build output\ntarget/\n*.bak\n/drafts\nnotes/private.md\n");
        assert_eq!(rules.decide("target", true), Some(true));
        assert_eq!(rules.decide("sub/target", true), Some(true));
        assert_eq!(
            rules.decide("target", false),
            None,
            "a file named target is kept"
        );
        assert_eq!(rules.decide("a/b/c.bak", false), Some(true));
        assert_eq!(rules.decide("drafts", true), Some(true));
        assert_eq!(rules.decide("sub/drafts", true), None);
        assert_eq!(rules.decide("notes/private.md", false), Some(true));
        assert_eq!(rules.decide("notes/public.md", false), None);
    }

    #[test]
    fn the_last_matching_line_wins_and_bang_re_includes() {
        let rules = IgnoreRules::parse("*.md\n!keep.md\n");
        assert_eq!(rules.decide("a.md", false), Some(true));
        assert_eq!(rules.decide("keep.md", false), Some(false));
    }

    #[test]
    fn double_star_crosses_folders() {
        let rules = IgnoreRules::parse("**/archive\nlogs/**\n");
        assert_eq!(rules.decide("archive", true), Some(true));
        assert_eq!(rules.decide("a/b/archive", true), Some(true));
        assert_eq!(rules.decide("logs/2024/x.txt", false), Some(true));
        assert_eq!(rules.decide("other/logs/x.txt", false), None);
        assert!(matches_any(&["**/*.text".to_owned()], "a/b/story.text"));
        assert!(!matches_any(&["**/*.text".to_owned()], "a/b/story.txt"));
    }
}
