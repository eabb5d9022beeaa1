use tollgate::Payload;

#[derive(Payload)]
struct Template {
    #[payload(each(guid))]
    ids: Vec<u64>,
}

fn main() {}
