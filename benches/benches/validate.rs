//! Validation measured against its peers, on the four shared payloads
//! (`tollgate_benches::payloads()`), side by side:
//!
//! - `tollgate_validate`: `validate()` on the typed value;
//! - `serde_json_to_vec`: serializing the same typed value, the yardstick (validation should cost
//!   a small fraction of what sending costs anyway);
//! - `jsonschema_is_valid`: the JSON Schema of the same rules (`schema/send-message.schema.json`,
//!   compiled once) on the equivalent `serde_json::Value`, in its fastest mode (the verdict only);
//! - `jsonschema_iter_errors`: the same, collecting every error, as `validate()` collects every
//!   violation;
//! - `garde_validate`: garde on mirror structs (below) with the same rules;
//! - `bytes_tollgate` and `bytes_jsonschema`: from JSON bytes to a verdict, through
//!   `SendMessageRequest` or through `Value`; `bytes_tollgate_str` as `tollgate check` reads
//!   (UTF-8 checked once, then `from_str`).
//!
//! Inputs are built and serialized before timing. Outputs are dropped outside the timed
//! region (divan defers the drop), but whatever they allocate is counted: the allocation
//! profiler reports allocations per iteration.
//!
//! ```text
//! cargo bench -p tollgate-benches --bench validate
//! ```

use std::sync::LazyLock;

use divan::{black_box, Bencher};
use jsonschema::Validator;
use serde_json::Value;
use tollgate::wix::inbox::SendMessageRequest;
use tollgate::Validate;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// The payloads, by the names `tollgate_benches::payloads()` gives them.
const PAYLOADS: [&str; 4] =
    ["short_text", "template_10_buttons", "form_15_fields_media", "invalid_5_violations"];

/// One payload in every form a contender takes it.
struct Input {
    name: &'static str,
    typed: SendMessageRequest,
    value: Value,
    bytes: Vec<u8>,
    mirror: mirror::SendMessageRequest,
}

static INPUTS: LazyLock<Vec<Input>> = LazyLock::new(|| {
    tollgate_benches::payloads()
        .into_iter()
        .map(|(name, typed)| {
            let value = serde_json::to_value(&typed).expect("serializable");
            let bytes = serde_json::to_vec(&typed).expect("serializable");
            let mirror = serde_json::from_value(value.clone()).expect("the mirror reads the model's JSON");
            Input { name, typed, value, bytes, mirror }
        })
        .collect()
});

static SCHEMA: LazyLock<Validator> = LazyLock::new(|| {
    let schema: Value =
        serde_json::from_str(include_str!("../schema/send-message.schema.json")).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
});

fn input(name: &str) -> &'static Input {
    let input = INPUTS.iter().find(|input| input.name == name).expect("a known payload");
    // Every contender must reach the same verdict, or the comparison means nothing.
    let valid = !name.starts_with("invalid");
    assert_eq!(input.typed.validate().is_ok(), valid, "{name}: tollgate");
    assert_eq!(SCHEMA.is_valid(&input.value), valid, "{name}: jsonschema");
    assert_eq!(garde::Validate::validate(&input.mirror).is_ok(), valid, "{name}: garde");
    input
}

#[divan::bench(args = PAYLOADS)]
fn tollgate_validate(bencher: Bencher, payload: &str) {
    let input = input(payload);
    bencher.bench(|| black_box(&input.typed).validate());
}

#[divan::bench(args = PAYLOADS)]
fn serde_json_to_vec(bencher: Bencher, payload: &str) {
    let input = input(payload);
    bencher.bench(|| serde_json::to_vec(black_box(&input.typed)));
}

#[divan::bench(args = PAYLOADS)]
fn jsonschema_is_valid(bencher: Bencher, payload: &str) {
    let input = input(payload);
    let schema = &*SCHEMA;
    bencher.bench(|| schema.is_valid(black_box(&input.value)));
}

#[divan::bench(args = PAYLOADS)]
fn jsonschema_iter_errors(bencher: Bencher, payload: &str) {
    let input = input(payload);
    let schema = &*SCHEMA;
    bencher.bench(|| schema.iter_errors(black_box(&input.value)).collect::<Vec<_>>());
}

#[divan::bench(args = PAYLOADS)]
fn garde_validate(bencher: Bencher, payload: &str) {
    let input = input(payload);
    bencher.bench(|| garde::Validate::validate(black_box(&input.mirror)));
}

#[divan::bench(args = PAYLOADS)]
fn bytes_tollgate(bencher: Bencher, payload: &str) {
    let input = input(payload);
    bencher.bench(|| {
        serde_json::from_slice::<SendMessageRequest>(black_box(&input.bytes))
            .map(|request| request.validate())
    });
}

/// As `tollgate check` reads: UTF-8 checked once for the whole input, then `from_str`, which
/// does not check each string again.
#[divan::bench(args = PAYLOADS)]
fn bytes_tollgate_str(bencher: Bencher, payload: &str) {
    let input = input(payload);
    bencher.bench(|| {
        std::str::from_utf8(black_box(&input.bytes))
            .map(|text| serde_json::from_str::<SendMessageRequest>(text).map(|request| request.validate()))
    });
}

#[divan::bench(args = PAYLOADS)]
fn bytes_jsonschema(bencher: Bencher, payload: &str) {
    let input = input(payload);
    let schema = &*SCHEMA;
    bencher.bench(|| {
        serde_json::from_slice::<Value>(black_box(&input.bytes)).map(|value| schema.is_valid(&value))
    });
}

/// The Send Message model again, for garde: every rule tollgate checks, as garde can say it.
///
/// - Lengths (`length(chars, ..)`, in Unicode scalar values like tollgate), sizes, nested
///   validation (`dive`, also through lists) and `required` on `Option`s are garde's own rules;
///   a required path below an optional field (`message.content`) is `required` in the child,
///   checked only when the parent is present.
/// - garde has no rule for one-of groups, nor for "an empty list counts as absent": they are
///   container-level `custom` functions here (`exactly_one`, `at_most_one`) and `length(min = 1)`.
/// - GUIDs and web URLs are `custom` functions calling tollgate's own format checks (garde's
///   `url` accepts any absolute URL, `ftp:` and `mailto:` included), so both check the same
///   thing.
/// - Read-only and rule-less fields are left out: serde ignores them.
mod mirror {
    use garde::Validate;
    use serde::Deserialize;

    /// A format check on an optional string: absent passes, as in tollgate.
    fn format(value: Option<&str>, holds: fn(&str) -> bool, message: &'static str) -> garde::Result {
        if value.is_none_or(holds) {
            Ok(())
        } else {
            Err(garde::Error::new(message))
        }
    }

    #[allow(
        clippy::ref_option,
        clippy::trivially_copy_pass_by_ref,
        reason = "garde's `custom` takes the field and the context by reference"
    )]
    fn guid(value: &Option<String>, (): &()) -> garde::Result {
        format(value.as_deref(), tollgate::rules::is_guid, "must be a GUID")
    }

    #[allow(
        clippy::ref_option,
        clippy::trivially_copy_pass_by_ref,
        reason = "garde's `custom` takes the field and the context by reference"
    )]
    fn web_url(value: &Option<String>, (): &()) -> garde::Result {
        format(value.as_deref(), tollgate::rules::is_web_url, "must be an absolute http(s) URL with a host")
    }

    fn exactly_one(present: &[bool]) -> garde::Result {
        match present.iter().filter(|&&present| present).count() {
            1 => Ok(()),
            0 => Err(garde::Error::new("exactly one member must be set, but none is")),
            _ => Err(garde::Error::new("only one member may be set")),
        }
    }

    fn at_most_one(present: &[bool]) -> garde::Result {
        if present.iter().filter(|&&present| present).count() > 1 {
            Err(garde::Error::new("only one member may be set"))
        } else {
            Ok(())
        }
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub(crate) struct SendMessageRequest {
        #[garde(required, custom(guid))]
        conversation_id: Option<String>,
        #[garde(required, dive)]
        message: Option<Message>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Message {
        #[garde(required, dive)]
        content: Option<MessageContent>,
        #[garde(length(max = 1), dive)]
        #[serde(default)]
        badges: Vec<Badge>,
        #[garde(length(max = 1))]
        #[serde(default)]
        target_channels: Vec<String>,
        #[garde(length(max = 100), inner(length(chars, max = 100)))]
        #[serde(default)]
        target_channel_ids: Vec<String>,
        #[garde(length(chars, max = 100))]
        source_channel_id: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[garde(custom(|content: &Self, (): &()| exactly_one(&[
        content.basic.is_some(),
        content.template.is_some(),
        content.minimal.is_some(),
        content.form.is_some(),
        content.system.is_some(),
    ])))]
    struct MessageContent {
        #[garde(dive)]
        basic: Option<BasicMessagePayload>,
        #[garde(dive)]
        template: Option<TemplateMessagePayload>,
        #[garde(dive)]
        minimal: Option<MinimalMessagePayload>,
        #[garde(dive)]
        form: Option<FormMessagePayload>,
        #[garde(dive)]
        system: Option<SystemMessagePayload>,
        #[garde(length(chars, max = 256))]
        preview_text: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct BasicMessagePayload {
        #[garde(length(min = 1), dive)]
        #[serde(default)]
        items: Vec<BasicMessageData>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[garde(custom(|data: &Self, (): &()| at_most_one(&[
        data.text.is_some(),
        data.image.is_some(),
        data.file.is_some(),
    ])))]
    struct BasicMessageData {
        #[garde(length(chars, min = 1, max = 16384))]
        text: Option<String>,
        #[garde(dive)]
        image: Option<ImageMessage>,
        #[garde(dive)]
        file: Option<FileMessage>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ImageMessage {
        #[garde(length(chars, max = 2000))]
        id: Option<String>,
        #[garde(length(chars, max = 2000))]
        url: Option<String>,
        #[garde(length(chars, max = 255))]
        filename: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct FileMessage {
        #[garde(length(chars, max = 2000))]
        id: Option<String>,
        #[garde(length(chars, max = 2000))]
        url: Option<String>,
        #[garde(length(chars, max = 255))]
        filename: Option<String>,
        #[garde(length(chars, max = 100))]
        mime_type: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct TemplateMessagePayload {
        #[garde(length(max = 10), dive)]
        #[serde(default)]
        buttons: Vec<Button>,
        #[garde(length(max = 10), inner(length(chars, max = 512)))]
        #[serde(default)]
        text_lines: Vec<String>,
        #[garde(length(chars, max = 2000), custom(web_url))]
        image_url: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Button {
        #[garde(length(chars, min = 1, max = 16384))]
        label: Option<String>,
        #[garde(length(chars, max = 16384), custom(web_url))]
        launch_url: Option<String>,
        #[garde(dive)]
        postback_properties: Option<PostbackProperties>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct PostbackProperties {
        #[garde(length(chars, min = 1, max = 256))]
        interaction_id: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct MinimalMessagePayload {
        #[garde(length(chars, min = 1, max = 16384))]
        text: Option<String>,
        #[garde(length(chars, max = 2000), custom(web_url))]
        icon_url: Option<String>,
        #[garde(length(chars, max = 2000), custom(web_url))]
        url: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct FormMessagePayload {
        #[garde(length(chars, min = 1, max = 256))]
        title: Option<String>,
        #[garde(length(chars, min = 1, max = 16384))]
        description: Option<String>,
        #[garde(length(min = 1, max = 15), dive)]
        #[serde(default)]
        fields: Vec<FormField>,
        #[garde(length(max = 15), dive)]
        #[serde(default)]
        media: Vec<MediaItem>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct FormField {
        #[garde(length(chars, max = 8192))]
        name: Option<String>,
        #[garde(length(chars, max = 8192))]
        value: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[garde(custom(|media: &Self, (): &()| at_most_one(&[media.image.is_some(), media.file.is_some()])))]
    struct MediaItem {
        #[garde(dive)]
        image: Option<ImageMessage>,
        #[garde(dive)]
        file: Option<FileMessage>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct SystemMessagePayload {
        #[garde(length(chars, max = 16384))]
        text: Option<String>,
        #[garde(length(max = 10), dive)]
        #[serde(default)]
        buttons: Vec<Button>,
        #[garde(length(chars, max = 2000), custom(web_url))]
        image_url: Option<String>,
    }

    #[derive(Validate, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Badge {
        #[garde(custom(web_url))]
        icon_url: Option<String>,
    }
}
