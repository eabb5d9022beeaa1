use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(content.basic, content.form))]
struct Message {
    content: Option<String>,
}

fn main() {}
