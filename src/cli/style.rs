//! Colour on a terminal, plain text elsewhere.
//!
//! Colour is used only when asked (`--color always`), or by default when standard output is a
//! terminal and `NO_COLOR` is unset or empty (<https://no-color.org>) and `TERM` is not `dumb`.

use std::io::IsTerminal;

/// The `--color` choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "auto" => Some(ColorChoice::Auto),
            "always" => Some(ColorChoice::Always),
            "never" => Some(ColorChoice::Never),
            _ => None,
        }
    }
}

/// The ANSI styles of the output, or none of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

/// What a piece of output is, which decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Error,
    Warning,
    Note,
    /// File names and headings.
    Emphasis,
    /// Line numbers and the gutter.
    Gutter,
    /// Secondary text: cues, counts.
    Dim,
}

impl Palette {
    /// The palette for standard output under `choice`.
    pub fn for_stdout(choice: ColorChoice) -> Self {
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                    && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
            }
        };
        Palette { enabled }
    }

    #[cfg(test)]
    pub fn plain() -> Self {
        Palette { enabled: false }
    }

    /// `text` wrapped in the escape codes of `role`, or as it is without colour.
    pub fn paint(self, role: Role, text: &str) -> String {
        if !self.enabled {
            return text.to_owned();
        }
        let code = match role {
            Role::Error => "1;31",
            Role::Warning => "1;33",
            Role::Note => "1;36",
            Role::Emphasis => "1",
            Role::Gutter => "1;34",
            Role::Dim => "2",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_palette_adds_no_escape_codes() {
        assert_eq!(Palette::plain().paint(Role::Error, "error"), "error");
    }

    #[test]
    fn always_colours() {
        let palette = Palette::for_stdout(ColorChoice::Always);
        assert_eq!(palette.paint(Role::Error, "x"), "\x1b[1;31mx\x1b[0m");
    }
}
