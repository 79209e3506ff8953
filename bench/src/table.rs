//! The one table the bench prints: every figure of the run, each with its
//! ratio to the baseline measured in the same run.

use crate::stats::Sample;

/// What a row measured.
#[derive(Debug, Clone)]
pub enum Value {
    /// A size in bytes.
    Bytes(u64),
    /// A time per operation.
    Time(Sample),
    /// Not measured, and why.
    Skipped(String),
}

/// One row.
#[derive(Debug, Clone)]
pub struct Row {
    /// `size`, `load`, `call`, `e2e`.
    pub group: &'static str,
    /// What was measured.
    pub what: String,
    /// The figure.
    pub value: Value,
    /// The ratio to the baseline (medians for times) and the baseline's name.
    pub ratio: Option<(f64, String)>,
}

impl Row {
    /// A row without a ratio.
    pub fn new(group: &'static str, what: impl Into<String>, value: Value) -> Self {
        Self {
            group,
            what: what.into(),
            value,
            ratio: None,
        }
    }

    /// This row compared to `baseline` (a size or a median time).
    pub fn against(mut self, baseline: &Value, name: impl Into<String>) -> Self {
        let (mine, theirs) = match (&self.value, baseline) {
            (Value::Bytes(a), Value::Bytes(b)) => (*a as f64, *b as f64),
            (Value::Time(a), Value::Time(b)) => (a.median, b.median),
            _ => return self,
        };
        self.ratio = Some((mine / theirs, name.into()));
        self
    }
}

/// The table as Markdown.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "| group | measurement | median | min | ratio | baseline (same run) |\n|---|---|---:|---:|---:|---|\n",
    );
    for row in rows {
        let (median, min) = match &row.value {
            Value::Bytes(n) => (format!("{} B", thousands(*n)), String::new()),
            Value::Time(s) => (duration(s.median), duration(s.min)),
            Value::Skipped(why) => (format!("skipped: {why}"), String::new()),
        };
        let (ratio, baseline) = match &row.ratio {
            Some((r, name)) => (format!("{}×", significant(*r)), name.clone()),
            None => (String::new(), String::new()),
        };
        out.push_str(&format!(
            "| {} | {} | {median} | {min} | {ratio} | {baseline} |\n",
            row.group, row.what
        ));
    }
    out
}

/// Seconds in the unit that suits them, to three significant digits.
pub fn duration(seconds: f64) -> String {
    let (value, unit) = if seconds >= 1.0 {
        (seconds, "s")
    } else if seconds >= 1e-3 {
        (seconds * 1e3, "ms")
    } else if seconds >= 1e-6 {
        (seconds * 1e6, "µs")
    } else {
        (seconds * 1e9, "ns")
    };
    format!("{} {unit}", significant(value))
}

/// Three significant digits (more for large whole numbers).
fn significant(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let digits = if x >= 100.0 {
        0
    } else if x >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$}")
}

/// `435,381`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_readable() {
        assert_eq!(duration(0.000_042_1), "42.1 µs");
        assert_eq!(duration(1.5), "1.50 s");
        assert_eq!(duration(0.000_000_5), "500 ns");
        assert_eq!(thousands(435_381), "435,381");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn ratios_compare_medians() {
        let fast = Value::Time(Sample {
            median: 1.0,
            min: 0.5,
        });
        let slow = Row::new(
            "e2e",
            "slow",
            Value::Time(Sample {
                median: 3.0,
                min: 0.1,
            }),
        )
        .against(&fast, "fast");
        assert_eq!(slow.ratio.as_ref().map(|(r, _)| *r), Some(3.0));
        let table = render(&[slow]);
        assert!(
            table.contains("| e2e | slow | 3.00 s | 100 ms | 3.00× | fast |"),
            "{table}"
        );
    }
}
