//! A valid value validates with zero heap allocations: a counting global allocator, per
//! thread, around `validate()` on realistically nested values that exercise every kind of
//! rule (required paths through lists and into another crate, one-of groups, lengths,
//! sizes, `each`, GUIDs, URLs).
//!
//! The allocator is the one `unsafe` in the workspace: the lint is `deny`, and this file
//! allows it.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use payloads_elsewhere::{Line, Note};
use serde::Serialize;
use tollgate::{Payload, Validate};

/// The system allocator, counting every allocation and reallocation.
struct Counting;

thread_local! {
    // Per thread, so that the test harness's own threads do not count; `const` and without
    // a destructor, so that reading it never allocates.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count_one() {
    ALLOCATIONS.with(|count| count.set(count.get() + 1));
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes, and its result.
fn counted<R>(f: impl FnOnce() -> R) -> (usize, R) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    let after = ALLOCATIONS.with(Cell::get);
    (after - before, result)
}

#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
#[payload(required(
    conversation_id,
    message,
    message.content,
    message.content.basic.items.kind,
    message.content.template.parameters.value,
    message.badges.title,
    notes.text,
    notes.lines.label_text,
))]
struct SendMessageRequest {
    #[payload(guid)]
    conversation_id: Option<String>,
    message: Option<Message>,
    #[payload(size(min = 1, max = 4), each(length(min = 1, max = 16)))]
    labels: Vec<String>,
    notes: Vec<Note>,
    send_notifications: Option<bool>,
}

#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
struct Message {
    content: Option<MessageContent>,
    #[payload(size(max = 3))]
    badges: Option<Vec<Badge>>,
    #[payload(url)]
    avatar_url: Option<String>,
    #[payload(length(max = 64))]
    sender_name: String,
}

#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
#[payload(exactly_one_of(basic, template, minimal))]
struct MessageContent {
    basic: Option<BasicMessage>,
    template: Option<Box<Template>>,
    minimal: Option<String>,
    #[payload(length(min = 1, max = 256))]
    preview_text: Option<String>,
}

#[derive(Payload, Serialize)]
#[payload(required(items))]
struct BasicMessage {
    #[payload(size(min = 1, max = 8))]
    items: Vec<BasicItem>,
}

#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
#[payload(one_of(text, image))]
struct BasicItem {
    kind: Option<String>,
    #[payload(length(min = 1, max = 16384))]
    text: Option<String>,
    image: Option<Box<Image>>,
    #[payload(each(guid))]
    mention_ids: Option<Vec<String>>,
}

#[derive(Payload, Serialize)]
#[payload(required(url))]
struct Image {
    #[payload(url)]
    url: Option<String>,
    #[payload(length(max = 100))]
    alt: String,
}

#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
struct Template {
    #[payload(guid)]
    template_id: String,
    parameters: Vec<Vec<Param>>,
}

#[derive(Payload, Serialize)]
struct Param {
    #[payload(length(max = 32))]
    value: Option<String>,
}

#[derive(Payload, Serialize)]
struct Badge {
    title: Option<String>,
    #[payload(url)]
    icon: Option<String>,
}

const GUID: &str = "6202c3bb-f263-3c16-8c90-d6387d9ed420";

// Fills an `Option<String>` field in one call.
#[allow(clippy::unnecessary_wraps)]
fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn note(text: Option<&str>, labels: &[Option<&str>]) -> Note {
    Note {
        text: text.map(str::to_owned),
        link: None,
        preview_title: s("title"),
        lines: labels
            .iter()
            .map(|label| Line { label_text: label.map(str::to_owned), words: None })
            .collect(),
    }
}

fn valid_basic() -> SendMessageRequest {
    SendMessageRequest {
        conversation_id: s(GUID),
        message: Some(Message {
            content: Some(MessageContent {
                basic: Some(BasicMessage {
                    items: vec![
                        BasicItem {
                            kind: s("text"),
                            text: s("Héllo, wörld 👋"),
                            image: None,
                            mention_ids: Some(vec![GUID.into(), GUID.to_uppercase()]),
                        },
                        BasicItem {
                            kind: s("image"),
                            text: None,
                            image: Some(Box::new(Image {
                                url: s("https://static.example.com/a.png?size=2"),
                                alt: "An image".into(),
                            })),
                            mention_ids: Some(vec![]),
                        },
                        BasicItem { kind: s("empty"), text: None, image: None, mention_ids: None },
                    ],
                }),
                template: None,
                minimal: None,
                preview_text: s("Héllo"),
            }),
            badges: Some(vec![
                Badge { title: s("VIP"), icon: s("https://example.com/vip.svg") },
                Badge { title: s("New"), icon: None },
            ]),
            avatar_url: s("http://[::1]:8080/avatar.png"),
            sender_name: "Support".into(),
        }),
        labels: vec!["support".into(), "日本語".into()],
        notes: vec![note(Some("first"), &[Some("a"), Some("b")]), note(Some("second"), &[])],
        send_notifications: Some(true),
    }
}

fn valid_template() -> SendMessageRequest {
    let mut request = valid_basic();
    let content = request.message.as_mut().unwrap().content.as_mut().unwrap();
    content.basic = None;
    content.template = Some(Box::new(Template {
        template_id: GUID.into(),
        parameters: vec![
            vec![Param { value: s("one") }, Param { value: s("two") }],
            vec![],
            vec![Param { value: s("three") }],
        ],
    }));
    request
}

fn invalid() -> SendMessageRequest {
    let mut request = valid_basic();
    request.conversation_id = s("not-a-guid");
    request.labels = vec![String::new(), "a label that is far too long".into()];
    request.notes = vec![note(None, &[None, Some("label")])];
    let message = request.message.as_mut().unwrap();
    message.badges = Some(vec![Badge { title: None, icon: s("ftp://x") }]);
    message.avatar_url = s("avatar.png");
    let content = message.content.as_mut().unwrap();
    content.minimal = s("also set");
    let items = &mut content.basic.as_mut().unwrap().items;
    items[0].kind = None;
    items[0].image = Some(Box::new(Image { url: None, alt: "x".repeat(101) }));
    items[0].mention_ids = Some(vec!["nope".into()]);
    items[2].kind = None;
    request
}

#[test]
fn a_valid_value_validates_without_allocating() {
    // The counter counts: one Box is one allocation.
    assert_eq!(counted(|| black_box(Box::new(black_box(7_u64)))).0, 1);

    let basic = valid_basic();
    let template = valid_template();
    let (basic_allocations, basic_result) = counted(|| black_box(&basic).validate());
    let (template_allocations, template_result) = counted(|| black_box(&template).validate());
    assert_eq!(basic_result, Ok(()));
    assert_eq!(template_result, Ok(()));
    assert_eq!(basic_allocations + template_allocations, 0, "validate() on a valid value allocated");
    let (repeated_allocations, ()) = counted(|| {
        for _ in 0..500 {
            assert!(black_box(&basic).validate().is_ok());
            assert!(black_box(&template).validate().is_ok());
        }
    });
    assert_eq!(repeated_allocations, 0);

    // The invalid twin walks the same paths and fires every required path, so the valid
    // values above did walk them; its report is what allocates.
    let broken = invalid();
    let (invalid_allocations, invalid_result) = counted(|| black_box(&broken).validate());
    let violations = invalid_result.expect_err("the invalid request must fail");
    assert!(violations.len() >= 10, "{violations}");
    assert!(invalid_allocations >= violations.len(), "{invalid_allocations} allocations for {violations}");
    assert_eq!(violations.iter().filter(|v| v.wix_rule() == "REQUIRED_FIELD").count(), 6, "{violations}");
}
