use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(member_id, app_id))]
struct Sender {
    member_id: Option<String>,
    #[payload(read_only)]
    app_id: Option<String>,
}

fn main() {}
