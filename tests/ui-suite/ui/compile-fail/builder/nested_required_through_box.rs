use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(node.value))]
struct Tree {
    node: Option<Box<Node>>,
}

#[derive(Payload, Debug)]
struct Node {
    value: Option<String>,
}

fn main() {
    let _ = Tree::builder().node(Node::builder()).build();
}
