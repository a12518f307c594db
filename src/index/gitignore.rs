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

/// The longest pattern considered; longer lines are not rules (no real `.gitignore` has one).
const MAX_PATTERN: usize = 256;

/// Whether `text` matches the glob `pattern` (`*`, `?`, `**`). Memoized over (pattern, text)
/// positions, so a pattern with many stars costs O(pattern · text²) at worst, never an
/// exponential backtrack.
fn glob(pattern: &[char], text: &[char]) -> bool {
    if pattern.len() > MAX_PATTERN {
        return false;
    }
    let width = text.len() + 1;
    let mut memo: Vec<Option<bool>> = vec![None; (pattern.len() + 1) * width];
    glob_at(pattern, text, 0, 0, &mut memo, width)
}

fn glob_at(
    pattern: &[char],
    text: &[char],
    p: usize,
    t: usize,
    memo: &mut [Option<bool>],
    width: usize,
) -> bool {
    if let Some(Some(known)) = memo.get(p * width + t) {
        return *known;
    }
    let rest = pattern.get(p..).unwrap_or(&[]);
    let tail = text.get(t..).unwrap_or(&[]);
    let result = match rest {
        [] => tail.is_empty(),
        ['*', '*', '/', ..] => {
            // `**/x` matches `x` at any depth, the top included.
            glob_at(pattern, text, p + 3, t, memo, width)
                || (t..text.len()).any(|at| {
                    text.get(at) == Some(&'/') && glob_at(pattern, text, p + 3, at + 1, memo, width)
                })
        }
        ['*', '*', ..] => (t..=text.len()).any(|at| glob_at(pattern, text, p + 2, at, memo, width)),
        ['*', ..] => {
            let mut matched = false;
            for at in t..=text.len() {
                if glob_at(pattern, text, p + 1, at, memo, width) {
                    matched = true;
                    break;
                }
                if text.get(at) == Some(&'/') {
                    break;
                }
            }
            matched
        }
        ['?', ..] => match tail.first() {
            Some(character) if *character != '/' => {
                glob_at(pattern, text, p + 1, t + 1, memo, width)
            }
            _ => false,
        },
        [wanted, ..] => match tail.first() {
            Some(character) if character == wanted => {
                glob_at(pattern, text, p + 1, t + 1, memo, width)
            }
            _ => false,
        },
    };
    if let Some(slot) = memo.get_mut(p * width + t) {
        *slot = Some(result);
    }
    result
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
    fn a_pattern_of_many_stars_is_answered_at_once() {
        let rules = IgnoreRules::parse(&format!("{}b\n", "*a".repeat(40)));
        let path = "a".repeat(200);
        assert_eq!(rules.decide(&path, false), None);
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
