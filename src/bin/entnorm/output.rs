//! Writing results: one JSON line per document (SPEC §3), or one CSV/TSV row
//! per mention.

use crate::args::OutputFormat;
use crate::input::Doc;
use entnorm::{Ambiguity, Mention, Tagged};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a Value,
    mentions: &'a [Mention],
    #[serde(skip_serializing_if = "Option::is_none")]
    ambiguous: Option<&'a [Ambiguity]>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a Value,
    error: &'a str,
}

/// Renders one document's result as the bytes to write (with line ends).
pub fn render(format: OutputFormat, doc: &Doc, tagged: Result<&Tagged, &str>, ambiguous: bool) -> Vec<u8> {
    match format {
        OutputFormat::Jsonl => jsonl(doc, tagged, ambiguous),
        OutputFormat::Tsv => rows(b'\t', doc, tagged),
        OutputFormat::Csv => rows(b',', doc, tagged),
    }
}

fn jsonl(doc: &Doc, tagged: Result<&Tagged, &str>, ambiguous: bool) -> Vec<u8> {
    let mut out = match tagged {
        Ok(t) => {
            let ambiguous = ambiguous.then_some(t.ambiguous.as_slice());
            serde_json::to_vec(&Line { id: &doc.id, mentions: &t.mentions, ambiguous })
        }
        Err(error) => serde_json::to_vec(&ErrorLine { id: &doc.id, error }),
    }
    .unwrap_or_else(|e| format!("{{\"error\":\"cannot serialize: {e}\"}}").into_bytes());
    out.push(b'\n');
    out
}

/// The header row of the CSV/TSV formats.
pub fn header(format: OutputFormat) -> Vec<u8> {
    match format {
        OutputFormat::Jsonl => Vec::new(),
        OutputFormat::Tsv => b"id\tstart\tend\ttext\tentity\ttype\tmatch\n".to_vec(),
        OutputFormat::Csv => b"id,start,end,text,entity,type,match\n".to_vec(),
    }
}

fn rows(delimiter: u8, doc: &Doc, tagged: Result<&Tagged, &str>) -> Vec<u8> {
    let Ok(tagged) = tagged else {
        return Vec::new(); // errors are reported on stderr in these formats
    };
    let id = match &doc.id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    for m in &tagged.mentions {
        let (start, end) = (m.start.to_string(), m.end.to_string());
        let row = [id.as_str(), &start, &end, &m.text, &m.entity, &m.entity_type, m.match_kind.as_str()];
        // Writing to a Vec cannot fail.
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}
