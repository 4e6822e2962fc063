//! The one place where LSP positions meet text: the negotiated position encoding (UTF-16 by
//! default, UTF-8 when the client offers it), applied to ropey ropes (incoming edits) and to
//! engine documents (outgoing ranges). Out-of-range positions clamp, never panic: a line past
//! the end means the end of the text, a column past the end of a line means the line's end
//! (before its terminator), a column inside a UTF-16 surrogate pair or a UTF-8 sequence snaps to
//! the start of that character.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind};

use crate::engine::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

impl Encoding {
    /// Choose from the client's offered encodings (in its order of preference).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.iter().any(|e| e.as_str() == "utf-8") => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }
}

/// Char index in `rope` of an LSP position.
pub fn rope_char_index(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let slice = rope.line(line);
    // Content length without the line terminator.
    let mut content = slice.len_chars();
    while content > 0 {
        let c = slice.char(content - 1);
        if c == '\n' || c == '\r' {
            content -= 1;
        } else {
            break;
        }
    }
    let col = pos.character as usize;
    let mut units = 0;
    for (i, c) in slice.chars().take(content).enumerate() {
        let w = match enc {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        };
        if units + w > col {
            return line_start + i;
        }
        units += w;
    }
    line_start + content
}

/// Byte offset in `doc` of an LSP position.
pub fn doc_offset(doc: &Document, pos: Position, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf16 => doc.offset_utf16(pos.line as usize, pos.character as usize),
        Encoding::Utf8 => doc.offset_utf8(pos.line as usize, pos.character as usize),
    }
}

/// LSP position of a byte offset in `doc`.
pub fn doc_position(doc: &Document, offset: usize, enc: Encoding) -> Position {
    let (line, col) = match enc {
        Encoding::Utf16 => doc.line_col_utf16(offset),
        Encoding::Utf8 => {
            let o = doc.floor_char_boundary(offset);
            let l = doc.line_of(o);
            (l, o - doc.line_start(l))
        }
    };
    Position::new(line as u32, col as u32)
}

pub fn doc_range(
    doc: &Document,
    r: &Range<usize>,
    enc: Encoding,
) -> tower_lsp_server::ls_types::Range {
    tower_lsp_server::ls_types::Range::new(
        doc_position(doc, r.start, enc),
        doc_position(doc, r.end, enc),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a𝐀b 🦀 e\u{301}z\r\nsecond line\rthird\nlast";

    fn cases() -> Vec<(&'static str, Position, Position)> {
        // (needle, UTF-16 position, UTF-8 position)
        vec![
            ("a", Position::new(0, 0), Position::new(0, 0)),
            ("b", Position::new(0, 3), Position::new(0, 5)),
            ("🦀", Position::new(0, 5), Position::new(0, 7)),
            ("z", Position::new(0, 10), Position::new(0, 15)),
            ("second", Position::new(1, 0), Position::new(1, 0)),
            ("third", Position::new(2, 0), Position::new(2, 0)),
            ("last", Position::new(3, 0), Position::new(3, 0)),
        ]
    }

    #[test]
    fn both_directions_agree_in_both_encodings() {
        let doc = Document::new("t.txt", TEXT);
        let rope = Rope::from_str(TEXT);
        for (needle, p16, p8) in cases() {
            let byte = TEXT.find(needle).unwrap();
            let ch = TEXT[..byte].chars().count();
            assert_eq!(
                doc_position(&doc, byte, Encoding::Utf16),
                p16,
                "{needle} to utf16"
            );
            assert_eq!(
                doc_position(&doc, byte, Encoding::Utf8),
                p8,
                "{needle} to utf8"
            );
            assert_eq!(
                doc_offset(&doc, p16, Encoding::Utf16),
                byte,
                "{needle} from utf16"
            );
            assert_eq!(
                doc_offset(&doc, p8, Encoding::Utf8),
                byte,
                "{needle} from utf8"
            );
            assert_eq!(
                rope_char_index(&rope, p16, Encoding::Utf16),
                ch,
                "{needle} rope utf16"
            );
            assert_eq!(
                rope_char_index(&rope, p8, Encoding::Utf8),
                ch,
                "{needle} rope utf8"
            );
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let doc = Document::new("t.txt", TEXT);
        let rope = Rope::from_str(TEXT);
        let crlf = TEXT.find('\r').unwrap();
        // Past the end of the first line: before its CRLF.
        assert_eq!(
            doc_offset(&doc, Position::new(0, 999), Encoding::Utf16),
            crlf
        );
        assert_eq!(
            rope_char_index(&rope, Position::new(0, 999), Encoding::Utf16),
            TEXT[..crlf].chars().count()
        );
        // Past the last line: end of text.
        assert_eq!(
            doc_offset(&doc, Position::new(99, 0), Encoding::Utf16),
            TEXT.len()
        );
        assert_eq!(
            rope_char_index(&rope, Position::new(99, 5), Encoding::Utf8),
            rope.len_chars()
        );
        // Inside the surrogate pair of 𝐀 (UTF-16 column 2): snaps to 𝐀.
        let bold = TEXT.find('𝐀').unwrap();
        assert_eq!(doc_offset(&doc, Position::new(0, 2), Encoding::Utf16), bold);
        assert_eq!(
            rope_char_index(&rope, Position::new(0, 2), Encoding::Utf16),
            1
        );
        // Inside the UTF-8 bytes of 𝐀: snaps to it as well.
        assert_eq!(doc_offset(&doc, Position::new(0, 3), Encoding::Utf8), bold);
        assert_eq!(
            rope_char_index(&rope, Position::new(0, 3), Encoding::Utf8),
            1
        );
    }

    #[test]
    fn rope_and_document_agree_on_line_breaks() {
        // Unicode line separators are not LSP line breaks: they must not shift lines.
        let text = "one\u{2028}still one\u{85}\nline two\u{c}x";
        let doc = Document::new("t.txt", text);
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), doc.line_count());
        let p = Position::new(1, 2);
        let byte = doc_offset(&doc, p, Encoding::Utf16);
        assert_eq!(
            text[..byte].chars().count(),
            rope_char_index(&rope, p, Encoding::Utf16)
        );
    }
}
