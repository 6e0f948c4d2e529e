#![no_main]
//! Date parsing from metadata text, folder paths and datelines.

use morgue::enrich::dates;
use std::path::Path;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = dates::parse_date_text(text);
    let _ = dates::date_from_path(Path::new(text));
    let _ = dates::date_from_dateline(text);
});
