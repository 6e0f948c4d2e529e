//! Word wrapping for result lines on a terminal: a long snippet or entity list continues on
//! the next line under its hit's indent instead of running past the edge, where the terminal
//! would break it mid-word. Lines may carry colour escapes; they take no room and a style
//! open at a break is closed before it and reopened after the indent, so the indent itself
//! is never underlined or coloured.
//!
//! Width is counted in characters: archive text is mostly alphabetic, and counting wide
//! (CJK) characters as one only makes such lines a little too long, never garbled.

/// `text` broken at spaces into lines of at most `width` columns, each continuation line
/// starting with `indent` spaces; the first line is assumed to sit after that indent already.
/// A word longer than a whole line stands alone on its line rather than being cut.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let room = width.saturating_sub(indent).max(1);
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0;
    // The style escapes in force at the current point, replayed after a break.
    let mut active = String::new();
    for (i, word) in text.split(' ').enumerate() {
        let visible = visible_width(word);
        if i > 0 {
            if column > 0 && column + 1 + visible > room {
                if !active.is_empty() {
                    out.push_str(RESET);
                }
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', indent));
                out.push_str(&active);
                column = 0;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(word);
        column += visible;
        track_styles(word, &mut active);
    }
    out
}

const RESET: &str = "\x1b[0m";

/// Columns taken by `text`, leaving out escape sequences (`ESC [ ... letter`).
fn visible_width(text: &str) -> usize {
    let mut width = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            skip_escape(&mut chars);
        } else {
            width += 1;
        }
    }
    width
}

/// Steps past the rest of an escape sequence whose ESC was just read.
fn skip_escape(chars: &mut std::str::Chars) {
    if chars.next() == Some('[') {
        for c in chars.by_ref() {
            if c.is_ascii_alphabetic() {
                break;
            }
        }
    }
}

/// Updates `active` with the style escapes in `word`: a reset clears it, others add to it.
fn track_styles(word: &str, active: &mut String) {
    let mut rest = word;
    while let Some(start) = rest.find('\x1b') {
        let tail = &rest[start..];
        let mut chars = tail.chars();
        chars.next();
        skip_escape(&mut chars);
        let len = tail.len() - chars.as_str().len();
        let escape = &tail[..len];
        if escape == RESET {
            active.clear();
        } else {
            active.push_str(escape);
        }
        rest = &tail[len..];
    }
}

/// The width of the terminal stdout is connected to, or `None` when it is not a terminal
/// (a pipe or a file keeps one line per item for scripts).
pub fn terminal_width() -> Option<usize> {
    #[cfg(unix)]
    {
        // SAFETY: TIOCGWINSZ only writes a `winsize` into the struct it is given, and fails
        // (leaving it zeroed) when stdout is not a terminal.
        let mut size: libc::winsize = unsafe { std::mem::zeroed() };
        let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
        (ok && size.ws_col > 0).then_some(usize::from(size.ws_col))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{visible_width, wrap};

    #[test]
    fn lines_break_at_spaces_under_the_indent() {
        let text = "the council approved the tram line after a long debate";
        let wrapped = wrap(text, 25, 5);
        assert_eq!(
            wrapped,
            "the council approved\n     the tram line after\n     a long debate"
        );
        // The first line follows an indent printed before it; the others carry their own.
        for (i, line) in wrapped.lines().enumerate() {
            let indent = if i == 0 { 5 } else { 0 };
            assert!(indent + line.chars().count() <= 25, "{line:?}");
        }
        // Nothing is lost or reordered: the words read the same.
        let words: Vec<&str> = wrapped.split_whitespace().collect();
        assert_eq!(words, text.split(' ').collect::<Vec<_>>());
    }

    #[test]
    fn short_lines_and_wide_terminals_are_left_alone() {
        assert_eq!(wrap("a short line", 80, 5), "a short line");
        assert_eq!(wrap("exactly ten", 16, 5), "exactly ten");
        assert_eq!(wrap("", 10, 2), "");
    }

    #[test]
    fn a_word_longer_than_the_line_is_not_cut() {
        assert_eq!(
            wrap("see https://example.org/a/very/long/path here", 20, 2),
            "see\n  https://example.org/a/very/long/path\n  here"
        );
        // A terminal narrower than the indent still makes progress, one word a line.
        assert_eq!(wrap("a b", 3, 5), "a\n     b");
    }

    #[test]
    fn escapes_take_no_room_and_styles_resume_after_a_break() {
        let bold = "\x1b[1m\x1b[31m";
        let reset = "\x1b[0m";
        let text = format!("one {bold}two three{reset} four");
        assert_eq!(visible_width(&text), "one two three four".len());
        // The match style spans the break: closed before it, reopened after the indent.
        assert_eq!(
            wrap(&text, 9, 1),
            format!("one {bold}two{reset}\n {bold}three{reset}\n four")
        );
        // Unstyled at the break: no stray resets.
        assert_eq!(
            wrap(&format!("{bold}one{reset} two three"), 8, 0),
            format!("{bold}one{reset} two\nthree")
        );
    }
}
