//! Printing results: aligned tables for people, JSON for scripts, notes on
//! standard error.

use serde_json::Value;

/// Prints `value` as pretty JSON on standard output.
pub fn json(value: &Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
    );
}

/// Prints a note for people on standard error.
pub fn note(text: &str) {
    eprintln!("{text}");
}

/// A table of text cells with a header row, columns padded to fit.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names.
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines, each indented by `indent`.
    pub fn render(&self, indent: &str) -> String {
        let widths = widths(&self.header, &self.rows);
        let mut text = line(indent, &widths, &self.header);
        for row in &self.rows {
            text.push('\n');
            text.push_str(&line(indent, &widths, row));
        }
        text
    }
}

/// Column widths that fit `header` and `rows`.
fn widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    widths
}

/// One line of a table: cells padded to `widths`, the last one as is.
fn line(indent: &str, widths: &[usize], cells: &[String]) -> String {
    let mut out = String::from(indent);
    for (i, width) in widths.iter().enumerate() {
        let cell = cells.get(i).map(String::as_str).unwrap_or_default();
        if i + 1 == widths.len() {
            out.push_str(cell);
        } else {
            out.push_str(&format!("{cell:<width$}  "));
        }
    }
    out.trim_end().to_owned()
}

/// A table printed batch by batch as rows arrive (a listing's pages), so
/// that no more than a batch is held: the first batch sets the column
/// widths, later cells that are wider just push the line out.
#[derive(Debug, Clone)]
pub struct StreamTable {
    header: Vec<String>,
    widths: Option<Vec<usize>>,
}

impl StreamTable {
    /// A table with these column names; nothing is printed yet.
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            widths: None,
        }
    }

    /// Prints `rows` (and, the first time, the header).
    pub fn print(&mut self, rows: &[Vec<String>]) {
        let widths = match &self.widths {
            Some(widths) => widths.clone(),
            None => {
                let widths = widths(&self.header, rows);
                println!("{}", line("", &widths, &self.header));
                self.widths = Some(widths.clone());
                widths
            }
        };
        for row in rows {
            println!("{}", line("", &widths, row));
        }
    }

    /// Whether anything was printed.
    pub fn started(&self) -> bool {
        self.widths.is_some()
    }
}

/// A JSON object `{"items": [ … ], …}` printed item by item as they
/// arrive, so that no more than a batch is held; `finish` closes it with
/// the other fields.
#[derive(Debug, Default)]
pub struct JsonItems {
    started: bool,
    count: usize,
}

impl JsonItems {
    /// Prints `items` (and, the first time, the object's opening).
    pub fn print(&mut self, items: &[Value]) {
        if !self.started {
            println!("{{\n  \"items\": [");
            self.started = true;
        }
        for item in items {
            if self.count > 0 {
                println!(",");
            }
            print!("    {item}");
            self.count += 1;
        }
    }

    /// Whether anything was printed.
    pub fn started(&self) -> bool {
        self.started
    }

    /// Closes the object with `fields` after the items.
    pub fn finish(mut self, fields: &serde_json::Map<String, Value>) {
        self.print(&[]);
        if self.count > 0 {
            println!();
        }
        print!("  ]");
        for (name, value) in fields {
            let pretty = serde_json::to_string_pretty(value)
                .unwrap_or_else(|_| value.to_string())
                .replace('\n', "\n  ");
            print!(",\n  {}: {pretty}", Value::from(name.as_str()));
        }
        println!("\n}}");
    }
}

/// Two columns of labels and values, e.g. for one record.
pub fn pairs(rows: &[(&str, String)]) -> Table {
    let mut table = Table::new(&["", ""]);
    for (label, value) in rows {
        table.row(vec![format!("{label}:"), value.clone()]);
    }
    table
}

/// Prints label/value pairs without a header line.
pub fn print_pairs(rows: &[(&str, String)], indent: &str) {
    let rendered = pairs(rows).render(indent);
    // The first line is the empty header.
    for line in rendered.lines().skip(1) {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fit_the_widest_cell() {
        let header = vec!["ID".to_owned(), "NAME".to_owned()];
        let rows = vec![vec!["12345".to_owned(), "Kitchen".to_owned()]];
        assert_eq!(widths(&header, &rows), [5, 7]);
        assert_eq!(line("", &[5, 7], &rows[0]), "12345  Kitchen");
    }

    #[test]
    fn columns_line_up() {
        let mut table = Table::new(&["ID", "NAME"]);
        table.row(vec!["1".into(), "Garden".into()]);
        table.row(vec!["12345".into(), "Kitchen".into()]);
        assert_eq!(
            table.render(""),
            "ID     NAME\n1      Garden\n12345  Kitchen"
        );
    }
}
