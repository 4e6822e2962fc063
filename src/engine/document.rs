//! Article text with a line index. Everything in the engine speaks byte offsets into
//! [`Document::text`]; line/column conversions for the edges (CLI, LSP) live here and in
//! `crate::lsp::position`.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// One article's text, immutable once built. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Document {
    path: PathBuf,
    text: String,
    /// Byte offset at which each line starts. Lines end at `\n`, `\r\n` or a lone `\r`,
    /// the same terminators the LSP specification recognises.
    line_starts: Vec<usize>,
    hash: u64,
    path_hash: u64,
}

impl Document {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        // Line ends are "\n", "\r\n" or a lone "\r"; found with memchr, not byte by byte
        // (every keystroke builds the draft's line index afresh).
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => line_starts.push(i + 2),
                b'\n' if i > 0 && bytes[i - 1] == b'\r' => {}
                _ => line_starts.push(i + 1),
            }
        }
        let hash = content_hash(&text);
        let path = path.into();
        let path_hash = xxhash_rust::xxh3::xxh3_64(path.as_os_str().as_encoded_bytes());
        Document {
            path,
            text,
            line_starts,
            hash,
            path_hash,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A hash of the path, worked out once: cache keys that name a draft's siblings hash a
    /// hundred paths on every keystroke otherwise.
    pub fn path_hash(&self) -> u64 {
        self.path_hash
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Hash of the text, used to cache analyses across reloads.
    pub fn hash(&self) -> u64 {
        self.hash
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based line that contains `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Byte range of a line's content, without its terminator. Out-of-range lines give an
    /// empty range at the end of the text.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len()..self.text.len();
        };
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let b = self.text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Byte range of a line including its terminator (what deleting the line removes).
    pub fn line_range_full(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }

    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.line_range(line)]
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Snap `offset` down to a char boundary inside the text.
    pub fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// Zero-based line and zero-based column counted in Unicode scalar values.
    pub fn line_col_chars(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        (line, self.text[start..offset].chars().count())
    }

    /// Zero-based line and zero-based column counted in UTF-16 code units.
    pub fn line_col_utf16(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let s = &self.text[start..offset];
        let col = if s.is_ascii() {
            s.len()
        } else {
            s.chars().map(char::len_utf16).sum::<usize>()
        };
        (line, col)
    }

    /// Byte offset of a zero-based line and a column in UTF-16 code units. A column past
    /// the end of the line clamps to the line's end; a column inside a surrogate pair snaps
    /// to the start of that character; a line past the end gives the end of the text.
    pub fn offset_utf16(&self, line: usize, col: usize) -> usize {
        let range = self.line_range(line);
        let mut units = 0;
        for (i, c) in self.text[range.clone()].char_indices() {
            let w = c.len_utf16();
            if units + w > col {
                return range.start + i;
            }
            units += w;
        }
        range.end
    }

    /// Byte offset of a zero-based line and a byte column (UTF-8 position encoding), clamped
    /// to the line and snapped to a char boundary.
    pub fn offset_utf8(&self, line: usize, col: usize) -> usize {
        let range = self.line_range(line);
        let mut o = (range.start + col).min(range.end);
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// Byte offset of a zero-based line and a column in Unicode scalar values.
    pub fn offset_chars(&self, line: usize, col: usize) -> usize {
        let range = self.line_range(line);
        self.text[range.clone()]
            .char_indices()
            .nth(col)
            .map(|(i, _)| range.start + i)
            .unwrap_or(range.end)
    }
}

pub fn content_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_match_a_byte_by_byte_reading_of_any_mix_of_line_ends() {
        // Every string of up to eight characters from "\n", "\r", "a", "é": the line index
        // must agree with reading the bytes one at a time.
        let alphabet = ["\n", "\r", "a", "é"];
        let mut level = vec![String::new()];
        let mut texts = level.clone();
        for _ in 0..8 {
            level = level
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(level.iter().cloned());
        }
        assert_eq!(texts.len(), (0..=8).map(|n| 4usize.pow(n)).sum::<usize>());
        for t in &texts {
            let b = t.as_bytes();
            let mut want = vec![0];
            let mut i = 0;
            while i < b.len() {
                match b[i] {
                    b'\n' => want.push(i + 1),
                    b'\r' => {
                        if b.get(i + 1) == Some(&b'\n') {
                            i += 1;
                        }
                        want.push(i + 1);
                    }
                    _ => {}
                }
                i += 1;
            }
            assert_eq!(Document::new("t.txt", t.clone()).line_starts, want, "{t:?}");
        }
    }

    #[test]
    fn lines_with_mixed_terminators() {
        let d = Document::new("a.txt", "one\r\ntwo\nthree\rfour");
        assert_eq!(d.line_count(), 4);
        assert_eq!(d.line_text(0), "one");
        assert_eq!(d.line_text(1), "two");
        assert_eq!(d.line_text(2), "three");
        assert_eq!(d.line_text(3), "four");
        assert_eq!(d.line_range_full(0), 0..5);
        assert_eq!(d.line_of(4), 0);
        assert_eq!(d.line_of(5), 1);
    }

    #[test]
    fn utf16_round_trip_with_astral_and_combining() {
        // 𝐀 is astral (2 UTF-16 units, 4 bytes); 🦀 likewise; e + U+0301 is two scalars.
        let text = "a𝐀b\r\nx🦀e\u{301}z\n";
        let d = Document::new("a.txt", text);
        let b = text.find('b').unwrap();
        assert_eq!(d.line_col_utf16(b), (0, 3));
        assert_eq!(d.offset_utf16(0, 3), b);
        let z = text.find('z').unwrap();
        assert_eq!(d.line_col_utf16(z), (1, 5));
        assert_eq!(d.line_col_chars(z), (1, 4));
        assert_eq!(d.offset_utf16(1, 5), z);
        // Inside the surrogate pair: snaps to the start of the crab.
        let crab = text.find('🦀').unwrap();
        assert_eq!(d.offset_utf16(1, 2), crab);
        // Past the end of the line clamps before the CRLF.
        assert_eq!(d.offset_utf16(0, 99), text.find('\r').unwrap());
        // Past the end of the text.
        assert_eq!(d.offset_utf16(99, 0), text.len());
    }
}
