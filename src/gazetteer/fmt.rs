//! Canonical form of gazetteer CSV files, so that edits make small diffs:
//! known columns first in a fixed order, then the file's other columns in
//! their order; rows sorted (entities by `id`, aliases by `id` then file
//! order); fields trimmed and quoted only where CSV needs it; LF line ends,
//! no BOM, no blank lines. Comment lines (`#…`) are kept, each block with the
//! row it precedes (or at the end).

/// Which kind of gazetteer file (for loading, column order and row sort).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    /// `entities*.csv`
    Entities,
    /// `aliases*.csv`
    Aliases,
}

impl FileKind {
    /// The kind of a gazetteer file from its name, `None` for other files.
    pub fn of(path: &std::path::Path) -> Option<FileKind> {
        let stem = path.file_name()?.to_str()?.strip_suffix(".csv")?;
        if stem.starts_with("entities") {
            Some(FileKind::Entities)
        } else if stem.starts_with("aliases") {
            Some(FileKind::Aliases)
        } else {
            None
        }
    }
}

const ENTITY_ORDER: &[&str] = &["id", "type", "name_en", "name_ru", "gender"];
const ALIAS_ORDER: &[&str] = &["id", "alias", "lang", "case", "inflect", "translit", "fuzzy", "context"];

/// One data row and the comment lines written above it.
struct Row {
    comments: Vec<String>,
    fields: Vec<String>,
}

/// The canonical text of a gazetteer CSV file, or what prevents it.
pub fn format(bytes: &[u8], kind: FileKind) -> Result<String, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (content, comments_before, trailing) = split_comments(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(content.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("unreadable CSV: {e}"))?;
        records.push(record.iter().map(str::to_string).collect::<Vec<_>>());
    }
    let mut comments = comments_before.into_iter();
    let mut rows: Vec<Row> = records
        .into_iter()
        .map(|fields| Row { comments: comments.next().unwrap_or_default(), fields })
        .filter(|r| r.fields.iter().any(|f| !f.is_empty()))
        .collect();
    if rows.is_empty() {
        return Err("no header row".into());
    }
    let header = rows.remove(0);
    let order = column_order(&header.fields, kind);
    let width = header.fields.len();
    if let Some(bad) = rows.iter().position(|r| r.fields.len() != width) {
        return Err(format!("row {} has {} fields, the header {width}", bad + 2, rows[bad].fields.len()));
    }
    let id = header.fields.iter().position(|h| h == "id").ok_or("no `id` column")?;
    rows.sort_by(|a, b| a.fields[id].cmp(&b.fields[id])); // stable: aliases of an entity keep their order
    let mut out = String::new();
    write_row(&mut out, &header.comments, &header.fields, &order);
    rows.iter().for_each(|r| write_row(&mut out, &r.comments, &r.fields, &order));
    trailing.iter().for_each(|c| out.push_str(&format!("{c}\n")));
    Ok(out)
}

/// Field indices in canonical order: known columns, then the others.
fn column_order(header: &[String], kind: FileKind) -> Vec<usize> {
    let known = match kind {
        FileKind::Entities => ENTITY_ORDER,
        FileKind::Aliases => ALIAS_ORDER,
    };
    let position = |name: &str| header.iter().position(|h| h == name);
    let mut order: Vec<usize> = known.iter().filter_map(|k| position(k)).collect();
    order.extend((0..header.len()).filter(|i| !known.contains(&header[*i].as_str())));
    order
}

fn write_row(out: &mut String, comments: &[String], fields: &[String], order: &[usize]) {
    for c in comments {
        out.push_str(c);
        out.push('\n');
    }
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing to memory cannot fail, and the bytes are the UTF-8 fields.
    let _ = w.write_record(order.iter().map(|&i| fields[i].as_str()));
    out.push_str(&String::from_utf8_lossy(&w.into_inner().unwrap_or_default()));
}

/// Separates comment lines (outside quoted fields) from CSV content:
/// returns the content, for each record the comment block before it, and
/// the comments after the last record.
fn split_comments(text: &str) -> (String, Vec<Vec<String>>, Vec<String>) {
    let mut content = String::new();
    let mut blocks = Vec::new();
    let mut pending = Vec::new();
    let mut in_quotes = false;
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !in_quotes && line.trim_start().starts_with('#') {
            pending.push(line.trim_end().to_string());
            continue;
        }
        if !in_quotes && line.trim().is_empty() {
            continue;
        }
        if !in_quotes {
            blocks.push(std::mem::take(&mut pending));
        }
        in_quotes ^= line.matches('"').count() % 2 == 1;
        content.push_str(line);
        content.push('\n');
    }
    (content, blocks, pending)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_columns_rows_and_quotes_comments_kept() {
        let input = "\u{FEFF}name_ru,id,note,type,name_en\r\n# people\r\n Путин , putin,\"x, y\",PER,Vladimir Putin\r\n\r\nЛавров,lavrov,\"multi\nline\",PER,Sergey Lavrov\r\n# end\r\n";
        let out = format(input.as_bytes(), FileKind::Entities).unwrap();
        assert_eq!(
            out,
            "id,type,name_en,name_ru,note\nlavrov,PER,Sergey Lavrov,Лавров,\"multi\nline\"\n# people\nputin,PER,Vladimir Putin,Путин,\"x, y\"\n# end\n"
        );
        assert_eq!(format(out.as_bytes(), FileKind::Entities).unwrap(), out, "idempotent");
    }

    #[test]
    fn aliases_keep_their_order_within_an_entity() {
        let input = "alias,id,case\nПутин,putin,\nPutin,putin,title\nНАТО,nato,\n";
        let out = format(input.as_bytes(), FileKind::Aliases).unwrap();
        assert_eq!(out, "id,alias,case\nnato,НАТО,\nputin,Путин,\nputin,Putin,title\n");
    }

    #[test]
    fn broken_files_are_refused() {
        assert!(format(b"id,type\na\n", FileKind::Entities).unwrap_err().contains("row 2 has 1 fields"));
        assert!(format(b"\xff", FileKind::Aliases).is_err());
    }
}
