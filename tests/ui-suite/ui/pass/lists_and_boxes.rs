//! Required paths through `Option`, `Box` and `Vec`, nested lists, and any depth.
use tollgate::{Payload, Validate};

#[derive(Payload, Debug)]
#[payload(required(sections.rows.cells.text, root.next.next.value))]
struct Document {
    sections: Option<Vec<Section>>,
    root: Option<Box<Node>>,
}

#[derive(Payload, Debug)]
struct Section {
    rows: Vec<Row>,
}

#[derive(Payload, Debug)]
struct Row {
    cells: Vec<Vec<Cell>>,
}

#[derive(Payload, Debug)]
struct Cell {
    text: Option<String>,
}

#[derive(Payload, Debug)]
struct Node {
    value: Option<String>,
    next: Option<Box<Node>>,
}

fn main() {
    let empty = Document::builder().build().unwrap();
    assert!(empty.sections.is_none());

    let doc = Document {
        sections: Some(vec![Section {
            rows: vec![Row { cells: vec![vec![Cell { text: Some("a".into()) }, Cell { text: None }]] }],
        }]),
        root: Some(Box::new(Node {
            value: None,
            next: Some(Box::new(Node { value: None, next: Some(Box::new(Node { value: None, next: None })) })),
        })),
    };
    let paths: Vec<String> = doc.validate().unwrap_err().iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["sections[0].rows[0].cells[0][1].text", "root.next.next.value"]);
}
