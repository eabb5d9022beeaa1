use tollgate::Payload;

#[derive(Payload)]
struct Template {
    #[payload(each(length(max = 512)))]
    title: Option<String>,
}

fn main() {}
