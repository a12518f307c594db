//! Word lists compiled into the binary: speech verbs, titles, places, organization words.
