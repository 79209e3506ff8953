//! The goal table: the connector's performance targets, each measured in
//! this run (ratios between rows of the same run), next to the figure from
//! before the work on speed and size and whether the goal is met.
//!
//! The "before" figures are the ones `./build.sh bench` printed on the
//! connector before that work (contract 0.3.0 with its first nine
//! operations, 384,634-byte component, 2-core Intel Xeon). Ratios travel
//! between machines; the absolute cold-load time does not, so when a
//! "before" component is given (`--before`), its `Component::new` is
//! measured in this run and the goal is half of it.

use crate::table::{Row, Value, duration};

/// One goal: what, the figure measured now, the before figure, the goal,
/// and whether it is met.
pub struct Goal {
    what: String,
    now: Option<f64>,
    unit: Unit,
    before: String,
    limit: f64,
}

#[derive(Clone, Copy)]
enum Unit {
    Ratio,
    Bytes,
    Seconds,
}

impl Unit {
    fn show(self, x: f64) -> String {
        match self {
            Unit::Ratio => format!("{x:.2}×"),
            Unit::Bytes => format!("{} B", crate::table::thousands(x as u64)),
            Unit::Seconds => duration(x),
        }
    }
}

/// The cold-load baseline: `Component::new` of the component from before,
/// measured in this run, or the figure the bench printed then.
pub enum LoadBefore {
    /// Measured in this run (seconds, median).
    Measured(f64),
    /// The figure printed before (550 ms on a 2-core Intel Xeon).
    Printed,
}

/// `Component::new` before the work on speed and size, as printed then.
const LOAD_BEFORE_SECONDS: f64 = 0.550;
/// The component's size goal: 200 KB.
const SIZE_GOAL: f64 = 200_000.0;
/// The shipped size before the work on speed and size.
const SIZE_BEFORE: &str = "384,634 B";

/// The operations compared end to end, with their before ratios
/// ((a) our host / (b) native client, and (d) Node host / (a) our host).
const E2E: [(&str, &str, &str); 3] = [
    ("list-boards (25 boards)", "2.85×", "2.8×"),
    ("list-boards (250 boards)", "3.14×", "2.8×"),
    ("create-pin", "3.31×", "3.0×"),
];
/// The operations compared on a live instance against the native core,
/// with their before ratios.
const CALLS: [(&str, &str); 5] = [
    ("authorize", "7.5×"),
    ("exchange", "7.5×"),
    ("list-boards (25 boards)", "4.0×"),
    ("list-boards (250 boards)", "3.2×"),
    ("create-pin", "6.4×"),
];

/// Every goal, from the rows of this run.
pub fn goals(rows: &[Row], load_before: &LoadBefore) -> Vec<Goal> {
    let mut goals = Vec::new();
    for (op, before, _) in E2E {
        goals.push(Goal {
            what: format!("end to end, our Rust host + component / native Rust client: {op}"),
            now: ratio(
                rows,
                &format!("{op}: (a) our host + component (pooled engine)"),
                &format!("{op}: (b) native Rust client (ureq + serde)"),
            ),
            unit: Unit::Ratio,
            before: before.into(),
            limit: 1.3,
        });
    }
    for (op, before) in CALLS {
        goals.push(Goal {
            what: format!("component code on a live instance / native core: {op}"),
            now: ratio(
                rows,
                &format!("{op}: wasm, call on a live instance"),
                &format!("{op}: native core (same crate, rlib)"),
            ),
            unit: Unit::Ratio,
            before: before.into(),
            limit: 2.0,
        });
    }
    for (op, _, before) in E2E {
        goals.push(Goal {
            what: format!("end to end, Node host / our Rust host: {op}"),
            now: ratio(
                rows,
                &format!("{op}: (d) Node host (hosts/node)"),
                &format!("{op}: (a) our host + component (pooled engine)"),
            ),
            unit: Unit::Ratio,
            before: before.into(),
            limit: 1.5,
        });
    }
    goals.push(Goal {
        what: "shipped component".into(),
        now: figure(rows, crate::size::SHIPPED),
        unit: Unit::Bytes,
        before: SIZE_BEFORE.into(),
        limit: SIZE_GOAL,
    });
    let (before, before_seconds) = match load_before {
        LoadBefore::Measured(s) => (format!("{} (this run)", duration(*s)), *s),
        LoadBefore::Printed => (
            format!("{} (printed before)", duration(LOAD_BEFORE_SECONDS)),
            LOAD_BEFORE_SECONDS,
        ),
    };
    goals.push(Goal {
        what: "cold load, Component::new".into(),
        now: figure(rows, "Component::new (compile with Cranelift)"),
        unit: Unit::Seconds,
        before,
        limit: before_seconds / 2.0,
    });
    goals
}

/// The goal table as Markdown.
pub fn render(goals: &[Goal]) -> String {
    let mut out = String::from("| goal | now | before | goal | met |\n|---|---:|---:|---:|---|\n");
    for goal in goals {
        let (now, met) = match goal.now {
            Some(x) if x.is_finite() => (
                goal.unit.show(x),
                if x <= goal.limit { "met" } else { "not met" },
            ),
            _ => ("–".into(), "not measured"),
        };
        out.push_str(&format!(
            "| {} | {now} | {} | ≤ {} | {met} |\n",
            goal.what,
            goal.before,
            goal.unit.show(goal.limit)
        ));
    }
    out
}

/// The median (or size) of the row measuring `what`.
fn figure(rows: &[Row], what: &str) -> Option<f64> {
    rows.iter()
        .find(|row| row.what == what)
        .and_then(|row| match &row.value {
            Value::Bytes(n) => Some(*n as f64),
            Value::Time(s) => Some(s.median),
            Value::Skipped(_) => None,
        })
}

/// `what` / `baseline`, both rows of this run.
fn ratio(rows: &[Row], what: &str, baseline: &str) -> Option<f64> {
    Some(figure(rows, what)? / figure(rows, baseline)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Sample;

    fn time(what: &str, median: f64) -> Row {
        Row::new(
            "e2e",
            what,
            Value::Time(Sample {
                median,
                min: median,
            }),
        )
    }

    #[test]
    fn every_goal_has_a_row_and_ratios_come_from_this_run() {
        let rows = vec![
            time("create-pin: (a) our host + component (pooled engine)", 2.4),
            time("create-pin: (b) native Rust client (ureq + serde)", 2.0),
            Row::new("size", crate::size::SHIPPED, Value::Bytes(250_000)),
            time("Component::new (compile with Cranelift)", 0.2),
        ];
        let table = render(&goals(&rows, &LoadBefore::Printed));
        assert_eq!(table.lines().count(), 2 + 3 + 5 + 3 + 2, "{table}");
        assert!(
            table.contains(
                "| end to end, our Rust host + component / native Rust client: create-pin | 1.20× | 3.31× | ≤ 1.30× | met |"
            ),
            "{table}"
        );
        assert!(
            table.contains("| shipped component | 250,000 B | 384,634 B | ≤ 200,000 B | not met |"),
            "{table}"
        );
        assert!(
            table.contains(
                "| cold load, Component::new | 200 ms | 550 ms (printed before) | ≤ 275 ms | met |"
            ),
            "{table}"
        );
        assert!(
            table.contains("| end to end, Node host / our Rust host: create-pin | – | 3.0× | ≤ 1.50× | not measured |"),
            "{table}"
        );
    }
}
