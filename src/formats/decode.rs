//! Bytes → text: BOMs, binary detection, a Windows-1252 fallback, CRLF → LF.
//!
//! Every format goes through here first, so "content is checked, not just the extension":
//! a `.html` that is really a PNG is reported as binary before any parser sees it.

use crate::skip::{Skip, SkipReason};
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decoded text plus a note for the user when the decoding was a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// How far to look for NUL bytes: enough to catch binaries, cheap on big text files.
const NUL_WINDOW: usize = 8 * 1024;

/// Decodes a file's bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM are exact; other
/// bytes that are not valid UTF-8 are read as Windows-1252, the usual encoding of old news
/// exports, with a warning. Line endings become `\n`.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, Skip> {
    if bytes.is_empty() {
        return Err(Skip::new(SkipReason::Empty, "file is empty (0 bytes)"));
    }
    let (text, warning) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_or_1252(rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (
            UTF_16LE.decode_without_bom_handling(rest).0.into_owned(),
            None,
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (
            UTF_16BE.decode_without_bom_handling(rest).0.into_owned(),
            None,
        )
    } else {
        if let Some(kind) = binary_signature(bytes) {
            return Err(Skip::new(SkipReason::Binary, format!("looks like {kind}")));
        }
        utf8_or_1252(bytes)?
    };
    if text.trim().is_empty() {
        return Err(Skip::new(SkipReason::Empty, "only white space"));
    }
    // CRLF first, then lone CR (classic Mac files), so no parser has to think about '\r'.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded { text, warning })
}

/// Why the start of a streamed text file shows it is not text (a signature, NUL bytes).
pub fn sniff_binary(start: &[u8]) -> Option<Skip> {
    if let Some(kind) = binary_signature(start) {
        return Some(Skip::new(SkipReason::Binary, format!("looks like {kind}")));
    }
    let nul = start.iter().take(NUL_WINDOW).any(|&b| b == 0);
    nul.then(|| Skip::new(SkipReason::Binary, "contains NUL bytes"))
}

fn utf8_or_1252(bytes: &[u8]) -> Result<(String, Option<String>), Skip> {
    // NUL bytes are checked after the BOM too: UTF-8 text never needs them.
    if bytes.iter().take(NUL_WINDOW).any(|&b| b == 0) {
        return Err(Skip::new(SkipReason::Binary, "contains NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let text = WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned();
            let warning = format!(
                "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                e.valid_up_to()
            );
            Ok((text, Some(warning)))
        }
    }
}

/// Names the file type for well-known binary signatures.
fn binary_signature(b: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"PK\x05\x06", "a ZIP archive"),
        (b"\x1F\x8B", "a GZIP archive"),
        (b"\x7FELF", "an ELF executable"),
    ];
    if b.starts_with(b"RIFF") {
        return Some(if b.get(8..12) == Some(b"WEBP") {
            "a WebP image"
        } else {
            "a RIFF media file"
        });
    }
    SIGNATURES
        .iter()
        .find(|(sig, _)| b.starts_with(sig))
        .map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> Skip {
        decode_text(bytes).unwrap_err()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode_text("café\r\nline2\rline3".as_bytes()).unwrap();
        assert_eq!(d.text, "café\nline2\nline3");
        assert_eq!(d.warning, None);
        let d = decode_text(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(d.text, "hello");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Grüße\r\nzwei".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for bytes in [le, be] {
            let d = decode_text(&bytes).unwrap();
            assert_eq!(d.text, "Grüße\nzwei");
            assert_eq!(d.warning, None);
        }
    }

    #[test]
    fn windows_1252_fallback() {
        let d = decode_text(b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(d.text, "café \u{201c}quoted\u{201d}");
        assert_eq!(
            d.warning.as_deref(),
            Some("not valid UTF-8 (first bad byte at offset 3); decoded as Windows-1252")
        );
    }

    #[test]
    fn binary_files() {
        let png = err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert_eq!(png.reason, SkipReason::Binary);
        assert_eq!(png.detail, "looks like a PNG image");
        assert_eq!(err(b"%PDF-1.7\n").detail, "looks like a PDF document");
        assert_eq!(
            err(b"RIFF\0\0\0\0WEBPVP8 ").detail,
            "looks like a WebP image"
        );
        assert_eq!(err(b"\x1F\x8B\x08\0").detail, "looks like a GZIP archive");
        let nul = err(b"text\0more text");
        assert_eq!(
            (nul.reason, nul.detail.as_str()),
            (SkipReason::Binary, "contains NUL bytes")
        );
    }

    #[test]
    fn empty_and_blank() {
        let e = err(b"");
        assert_eq!(
            (e.reason, e.detail.as_str()),
            (SkipReason::Empty, "file is empty (0 bytes)")
        );
        let e = err(b" \r\n\t \n");
        assert_eq!(
            (e.reason, e.detail.as_str()),
            (SkipReason::Empty, "only white space")
        );
        assert_eq!(err(b"\xEF\xBB\xBF").reason, SkipReason::Empty);
    }
}
