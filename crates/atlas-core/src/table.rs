//! A plain table: the one shape behind every table view, its sorting, and its CSV
//! download, so that what a page shows and what a user downloads cannot disagree.

use crate::export::csv_cell;
use crate::words::grouped;
use std::cmp::Ordering;

/// One cell: the text people read, and the number behind it when there is one (used
/// for sorting and written raw, without thousands separators, to CSV).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cell {
    pub text: String,
    pub number: Option<f64>,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            number: None,
        }
    }

    /// A number shown as `text` (e.g. "47,548") and exported as `number` (47548).
    pub fn number(number: f64, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            number: Some(number),
        }
    }

    /// A number shown with `decimals` places and commas between thousands (1,234.5),
    /// exported raw.
    pub fn value(number: f64, decimals: usize) -> Cell {
        Cell::number(number, grouped(number, decimals))
    }

    /// The value written to CSV: the raw number when there is one, else the text.
    pub fn csv_value(&self) -> String {
        match self.number {
            Some(n) if n.is_finite() => n.to_string(),
            _ => self.text.clone(),
        }
    }
}

/// A table with named columns.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: &[&str]) -> Table {
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// The table without one of its columns (e.g. a column a page's heading already says).
    pub fn without_column(mut self, column: usize) -> Table {
        if column < self.columns.len() {
            self.columns.remove(column);
            for row in &mut self.rows {
                if column < row.len() {
                    row.remove(column);
                }
            }
        }
        self
    }

    /// Row indices ordered by one column: numbers numerically, text by its lowercase
    /// form; missing numbers last; ties keep their original order (a stable sort).
    pub fn order_by(&self, column: usize, ascending: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        let key = |row: usize| self.rows[row].get(column);
        order.sort_by(|&a, &b| {
            let ordering = match (key(a), key(b)) {
                (Some(x), Some(y)) => compare_cells(x, y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            if ascending {
                ordering
            } else {
                ordering.reverse()
            }
        });
        order
    }

    /// The table as CSV (RFC 4180, CRLF line ends), with every cell made safe to open
    /// in a spreadsheet (see [`csv_cell`]).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let line = |cells: Vec<String>, out: &mut String| {
            let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        };
        line(self.columns.clone(), &mut out);
        for row in &self.rows {
            line(row.iter().map(Cell::csv_value).collect(), &mut out);
        }
        out
    }

    /// The CSV with a last column, `Source`, naming on every row where the figures come
    /// from: a download keeps its provenance wherever it is copied.
    pub fn to_csv_with_source(&self, source: &str) -> String {
        let mut with = self.clone();
        with.columns.push("Source".to_string());
        for row in &mut with.rows {
            row.push(Cell::text(source));
        }
        with.to_csv()
    }
}

fn compare_cells(a: &Cell, b: &Cell) -> Ordering {
    match (a.number, b.number) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.text.to_lowercase().cmp(&b.text.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(&["name", "list size"]);
        t.rows
            .push(vec![Cell::text("beta"), Cell::number(200.0, "200")]);
        t.rows
            .push(vec![Cell::text("Alpha"), Cell::number(1_000.0, "1,000")]);
        t.rows
            .push(vec![Cell::text("gamma"), Cell::text("suppressed")]);
        t
    }

    #[test]
    fn a_column_can_be_left_out() {
        let table = table().without_column(0);
        assert_eq!(table.columns.len(), 1);
        assert!(table.rows.iter().all(|row| row.len() == 1));
        assert_eq!(table.clone().without_column(5), table);
    }

    #[test]
    fn orders_numbers_numerically_and_text_without_case() {
        let t = table();
        assert_eq!(t.order_by(1, true), vec![0, 1, 2]);
        assert_eq!(t.order_by(1, false), vec![2, 1, 0]);
        assert_eq!(t.order_by(0, true), vec![1, 0, 2]);
    }

    #[test]
    fn csv_writes_raw_numbers_and_quotes_when_needed() {
        let csv = table().to_csv();
        assert_eq!(
            csv,
            "name,list size\r\nbeta,200\r\nAlpha,1000\r\ngamma,suppressed\r\n"
        );
    }

    #[test]
    fn csv_download_neutralises_formulas_and_keeps_markup_as_text() {
        let mut t = Table::new(&["name", "value"]);
        t.rows.push(vec![
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::number(-3.5, "-3.5"),
        ]);
        t.rows.push(vec![
            Cell::text("<img src=x onerror=alert(1)>"),
            Cell::text("A, B"),
        ]);
        assert_eq!(
            t.to_csv(),
            "name,value\r\n\"'=HYPERLINK(\"\"x\"\")\",-3.5\r\n<img src=x onerror=alert(1)>,\"A, B\"\r\n"
        );
    }
}
