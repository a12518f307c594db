//! A one-line progress report on standard error while many files are analysed.
//!
//! Shown only when standard error is a terminal and there are at least [`MIN_FILES`] files, and
//! drawn at most every [`INTERVAL`], so that it costs nothing when piped and little otherwise.
//! It never writes to standard output, which carries the results.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Below this many files the work is too short to be worth a progress line.
pub const MIN_FILES: usize = 50;

const INTERVAL: Duration = Duration::from_millis(100);

/// Whether a progress line may be drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgressLine {
    /// On a terminal, with enough files.
    #[default]
    Auto,
    /// Never (the library entry points, which may run under a terminal that is not theirs).
    Never,
}

pub struct Progress {
    total: usize,
    enabled: bool,
    last_draw: Option<Instant>,
    drawn: bool,
}

impl Progress {
    pub fn new(total: usize, choice: ProgressLine) -> Self {
        Progress {
            total,
            enabled: choice == ProgressLine::Auto
                && total >= MIN_FILES
                && std::io::stderr().is_terminal(),
            last_draw: None,
            drawn: false,
        }
    }

    /// Reports that `done` files of the total are finished, the last being `name`.
    pub fn update(&mut self, done: usize, name: &str) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self
            .last_draw
            .is_some_and(|last| now.duration_since(last) < INTERVAL)
        {
            return;
        }
        self.last_draw = Some(now);
        let name: String = name.chars().take(60).collect();
        // Errors writing to the terminal are not worth stopping the work for.
        let _ = write!(
            std::io::stderr(),
            "\r\x1b[2K[{done}/{total}] {name}",
            total = self.total
        );
        self.drawn = true;
    }

    /// Erases the progress line, so that what comes after starts on a clean line.
    pub fn clear(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            self.drawn = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
