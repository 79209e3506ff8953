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
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::from(indent);
            for (i, width) in widths.iter().enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or_default();
                if i + 1 == columns {
                    out.push_str(cell);
                } else {
                    out.push_str(&format!("{cell:<width$}  "));
                }
            }
            out.trim_end().to_owned()
        };
        let mut text = line(&self.header);
        for row in &self.rows {
            text.push('\n');
            text.push_str(&line(row));
        }
        text
    }

    /// Prints the table on standard output.
    pub fn print(&self) {
        println!("{}", self.render(""));
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
