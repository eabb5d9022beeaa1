//! The Wix Inbox Send Message model against its contract (`shared/spec/inbox-send-message.md`):
//! Wix's published examples round-trip unchanged, every published limit holds at the limit and
//! fails just over it (with the wire path and Wix's rule name), every one-of group and every
//! required path is enforced, and several violations come back in field order.

use std::collections::BTreeSet;

use serde_json::Value;
use tollgate::wix::inbox::{
    Badge, BadgeVisibility, BasicMessageData, BasicMessagePayload, Button, ChannelType, Direction,
    FileMessage, FormField, FormMessagePayload, IdentificationData, ImageMessage, MediaItem, Message,
    MessageContent, MinimalMessagePayload, Orientation, PostbackProperties, SendAs, SendMessageRequest,
    SendMessageResponse, SystemMessagePayload, TemplateMessagePayload, Timestamp, Visibility,
};
use tollgate::Validate;

const CONVERSATION_ID: &str = "6202c3bb-f263-3c16-8c90-d6387d9ed420";
const OTHER_GUID: &str = "9b1e4c7a-2d3f-4e5a-8b6c-7d8e9f0a1b2c";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Every violation of `value` as (wire path, Wix rule), in the order reported.
fn found(value: &impl Validate) -> Vec<(String, String)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(violations) => {
            for violation in &violations {
                assert!(!violation.description().is_empty(), "{violation} has no description");
            }
            violations.iter().map(|v| (v.path().to_string(), v.wix_rule().to_owned())).collect()
        }
    }
}

#[track_caller]
fn assert_valid(value: &impl Validate) {
    if let Err(violations) = value.validate() {
        panic!("expected no violation, got:\n{violations}");
    }
}

#[track_caller]
fn assert_violations(value: &impl Validate, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> =
        expected.iter().map(|(path, rule)| ((*path).to_owned(), (*rule).to_owned())).collect();
    assert_eq!(found(value), expected);
}

/// `n` characters of two bytes each, so that a byte count would be off by half.
fn text(n: usize) -> String {
    "é".repeat(n)
}

/// An absolute https URL of exactly `n` characters (`n >= 20`), mostly multi-byte.
fn url(n: usize) -> String {
    let url = format!("https://example.com/{}", "é".repeat(n - 20));
    assert_eq!(url.chars().count(), n);
    url
}

fn timestamp(rfc3339: &str) -> Timestamp {
    rfc3339.parse().expect("an RFC 3339 timestamp")
}

/// A GUID-shaped id that differs per index.
fn guid(i: usize) -> String {
    format!("6202c3bb-f263-3c16-8c90-{i:012x}")
}

/// A valid request with `content` as its message's content.
fn request(content: MessageContent) -> SendMessageRequest {
    SendMessageRequest {
        conversation_id: CONVERSATION_ID.into(),
        message: Some(Message { content: Some(content), ..Message::default() }),
        ..SendMessageRequest::default()
    }
}

/// A valid basic text request whose message `change` alters.
fn with_message(change: impl FnOnce(&mut Message)) -> SendMessageRequest {
    let mut request = request(MessageContent::text("Hello there!"));
    change(request.message.as_mut().expect("the message"));
    request
}

/// A request whose content's non-payload fields are changed by `change`.
fn with_content(change: impl FnOnce(&mut MessageContent)) -> SendMessageRequest {
    let mut content = MessageContent::text("Hello there!");
    change(&mut content);
    request(content)
}

fn basic(items: Vec<BasicMessageData>) -> SendMessageRequest {
    request(MessageContent { basic: Some(BasicMessagePayload { items }), ..MessageContent::default() })
}

fn image_item(image: ImageMessage) -> BasicMessageData {
    BasicMessageData { image: Some(image), ..BasicMessageData::default() }
}

fn file_item(file: FileMessage) -> BasicMessageData {
    BasicMessageData { file: Some(file), ..BasicMessageData::default() }
}

fn template(template: TemplateMessagePayload) -> SendMessageRequest {
    request(MessageContent { template: Some(template), ..MessageContent::default() })
}

fn minimal(minimal: MinimalMessagePayload) -> SendMessageRequest {
    request(MessageContent { minimal: Some(minimal), ..MessageContent::default() })
}

fn minimal_text() -> MinimalMessagePayload {
    MinimalMessagePayload { text: "Signed up".into(), ..MinimalMessagePayload::default() }
}

fn form(form: FormMessagePayload) -> SendMessageRequest {
    request(MessageContent { form: Some(form), ..MessageContent::default() })
}

/// A valid form: a title and `n` fields.
fn form_with_fields(n: usize) -> FormMessagePayload {
    FormMessagePayload {
        title: Some("Booking".into()),
        fields: (0..n).map(|i| field(&format!("Field {i}"), "value")).collect(),
        ..FormMessagePayload::default()
    }
}

fn field(name: &str, value: &str) -> FormField {
    FormField { name: name.into(), value: value.into() }
}

fn system(system: SystemMessagePayload) -> SendMessageRequest {
    request(MessageContent { system: Some(system), ..MessageContent::default() })
}

fn button(label: &str) -> Button {
    Button { label: label.into(), ..Button::default() }
}

fn buttons(n: usize) -> Vec<Button> {
    (0..n).map(|i| button(&format!("Option {i}"))).collect()
}

/// A template whose second button is `second`.
fn template_with_button(second: Button) -> SendMessageRequest {
    template(TemplateMessagePayload { buttons: vec![button("First"), second], ..Default::default() })
}

fn small_image() -> ImageMessage {
    ImageMessage { url: "https://example.com/pot.jpg".into(), ..ImageMessage::default() }
}

fn small_file() -> FileMessage {
    FileMessage { url: "https://example.com/receipt.pdf".into(), ..FileMessage::default() }
}

#[track_caller]
fn assert_max_length(
    path: &str,
    max: usize,
    make: impl Fn(usize) -> String,
    build: impl Fn(String) -> SendMessageRequest,
) {
    assert_valid(&build(make(max)));
    assert_violations(&build(make(max + 1)), &[(path, "MAX_LENGTH")]);
}

#[track_caller]
fn assert_min_length_one(path: &str, build: impl Fn(String) -> SendMessageRequest) {
    assert_valid(&build(text(1)));
    assert_violations(&build(String::new()), &[(path, "MIN_LENGTH")]);
}

#[track_caller]
fn assert_max_size(path: &str, max: usize, build: impl Fn(usize) -> SendMessageRequest) {
    assert_valid(&build(max));
    assert_violations(&build(max + 1), &[(path, "MAX_SIZE")]);
}

#[track_caller]
fn assert_web_url(path: &str, build: impl Fn(String) -> SendMessageRequest) {
    assert_valid(&build("https://example.com/icons/pot.png".into()));
    assert_valid(&build("http://example.com".into()));
    for bad in [
        "/icons/pot.png",
        "example.com/pot.png",
        "ftp://example.com/pot.png",
        "https://",
        "https://exa mple.com",
    ] {
        assert_violations(&build(bad.into()), &[(path, "FORMAT")]);
    }
}

// ---------------------------------------------------------------------------------------------
// Wix's examples, round-tripped
// ---------------------------------------------------------------------------------------------

const FIXTURES: &[&str] = &[
    "basic_image_and_texts.json",
    "form_fields_and_media.json",
    "minimal_activity.json",
    "spec_example_request.json",
    "system_text_and_link.json",
    "template_buttons_and_text_lines.json",
];

fn fixture_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/wix-examples")
}

fn fixture(name: &str) -> String {
    let path = fixture_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Deserializes the fixture, validates it, serializes it back and compares the JSON values.
#[track_caller]
fn round_trip(name: &str) -> SendMessageRequest {
    let json = fixture(name);
    let original: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let request: SendMessageRequest = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Err(violations) = request.validate() {
        panic!("{name} does not validate:\n{violations}");
    }
    let back = serde_json::to_value(&request).expect("serializes");
    assert_eq!(back, original, "{name} does not round-trip");
    request
}

fn content_of(request: &SendMessageRequest) -> &MessageContent {
    request.message.as_ref().and_then(|m| m.content.as_ref()).expect("content")
}

#[test]
fn every_fixture_in_the_folder_is_tested() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixture_dir())
        .expect("the fixture folder")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|name| {
            std::path::Path::new(name).extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
        })
        .collect();
    let known: BTreeSet<String> = FIXTURES.iter().map(|name| (*name).to_owned()).collect();
    assert_eq!(on_disk, known);
    for name in FIXTURES {
        round_trip(name);
    }
}

#[test]
fn basic_image_and_texts_round_trips() {
    let request = round_trip("basic_image_and_texts.json");
    let message = request.message.as_ref().expect("message");
    assert_eq!(message.direction, Some(Direction::BusinessToParticipant));
    let items = &content_of(&request).basic.as_ref().expect("basic").items;
    assert_eq!(items.len(), 3);
    let image = items[0].image.as_ref().expect("an image first");
    assert_eq!((image.width, image.height), (Some(1024), Some(683)));
    assert!(items[1].text.is_some() && items[2].text.is_some());
}

#[test]
fn form_fields_and_media_round_trips() {
    let request = round_trip("form_fields_and_media.json");
    let message = request.message.as_ref().expect("message");
    assert_eq!(message.direction, Some(Direction::ParticipantToBusiness));
    assert_eq!(message.visibility, Some(Visibility::Business));
    let form = content_of(&request).form.as_ref().expect("form");
    assert_eq!(form.fields.len(), 4);
    assert_eq!(form.fields[0].name, "First Name");
    assert!(form.media[0].image.is_some());
}

#[test]
fn minimal_activity_round_trips() {
    let request = round_trip("minimal_activity.json");
    let minimal = content_of(&request).minimal.as_ref().expect("minimal");
    assert!(minimal.icon_url.as_deref().is_some_and(|url| url.starts_with("https://")));
}

#[test]
fn template_buttons_and_text_lines_round_trips() {
    let request = round_trip("template_buttons_and_text_lines.json");
    let template = content_of(&request).template.as_ref().expect("template");
    assert_eq!(template.text_lines.len(), 2);
    assert!(template.buttons[0].launch_url.is_some());
    let postback = template.buttons[1].postback_properties.as_ref().expect("a postback button");
    assert_eq!(postback.interaction_id, "class_24680__reschedule");
}

#[test]
fn system_text_and_link_round_trips() {
    let request = round_trip("system_text_and_link.json");
    let message = request.message.as_ref().expect("message");
    assert_eq!(message.source_channel, Some(ChannelType::Facebook));
    let system = content_of(&request).system.as_ref().expect("system");
    assert!(system.text.contains('\n'));
    assert_eq!(system.buttons.len(), 1);
}

#[test]
fn spec_example_request_round_trips() {
    let request = round_trip("spec_example_request.json");
    assert_eq!(request.send_notifications, Some(true));
    assert_eq!(request.send_as, Some(SendAs::Caller));
    let message = request.message.as_ref().expect("message");
    assert_eq!(message.badges[0].badge_visibility, Some(BadgeVisibility::Business));
    assert_eq!(message.target_channels, vec![ChannelType::Email]);
    assert_eq!(message.source_channel, Some(ChannelType::Chat));
    assert_eq!(message.visibility, Some(Visibility::BusinessAndParticipant));
}

#[test]
fn absent_fields_are_left_out_not_null() {
    assert_eq!(serde_json::to_string(&SendMessageRequest::default()).expect("serializes"), "{}");
    let json = serde_json::to_string(&request(MessageContent::text("Hi"))).expect("serializes");
    let expected = concat!(
        r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","#,
        r#""message":{"content":{"basic":{"items":[{"text":"Hi"}]}}}}"#,
    );
    assert_eq!(json, expected);
}

#[test]
fn every_request_field_uses_its_camel_case_wire_name() {
    let original = serde_json::json!({
        "conversationId": CONVERSATION_ID,
        "sendNotifications": false,
        "silent": true,
        "sendAs": "PARTICIPANT",
        "message": {
            "content": {
                "title": "Class update",
                "previewText": "Class update",
                "minimal": {
                    "text": "Class moved",
                    "iconUrl": "https://example.com/i.png",
                    "url": "https://example.com/c"
                }
            },
            "badges": [{
                "text": "Auto",
                "iconUrl": "https://example.com/b.png",
                "badgeVisibility": "BUSINESS_AND_PARTICIPANT"
            }],
            "targetChannels": ["SMS"],
            "sourceChannel": "INSTAGRAM",
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "direction": "BUSINESS_TO_PARTICIPANT",
            "targetChannelIds": ["sms-channel-1"],
            "sourceChannelId": "instagram-channel-7",
            "silent": false
        }
    });
    let request: SendMessageRequest = serde_json::from_value(original.clone()).expect("deserializes");
    assert_eq!(request.silent, Some(true));
    assert_eq!(request.send_as, Some(SendAs::Participant));
    let message = request.message.as_ref().expect("message");
    assert_eq!(message.silent, Some(false));
    assert_eq!(message.target_channel_ids, vec!["sms-channel-1".to_owned()]);
    assert_eq!(message.source_channel_id.as_deref(), Some("instagram-channel-7"));
    assert_eq!(content_of(&request).title.as_deref(), Some("Class update"));
    assert_valid(&request);
    assert_eq!(serde_json::to_value(&request).expect("serializes"), original);

    let files = serde_json::json!({
        "conversationId": CONVERSATION_ID,
        "message": { "content": { "basic": { "items": [
            { "image": {
                "id": "img-1",
                "url": "https://example.com/a.png",
                "filename": "a.png",
                "width": 10,
                "height": 20
            } },
            { "file": {
                "id": "file-1",
                "url": "https://example.com/b.pdf",
                "filename": "b.pdf",
                "mimeType": "application/pdf"
            } }
        ] } } }
    });
    let request: SendMessageRequest = serde_json::from_value(files.clone()).expect("deserializes");
    assert_valid(&request);
    assert_eq!(serde_json::to_value(&request).expect("serializes"), files);
}

#[test]
fn read_only_fields_are_not_validated() {
    let request = with_message(|m| {
        m.id = Some("not checked".into());
        m.app_id = Some("not a guid".into());
        m.sender = Some(IdentificationData {
            member_id: Some("member".into()),
            app_id: Some("app".into()),
            ..IdentificationData::default()
        });
    });
    assert_valid(&request);
}

#[test]
fn unknown_enum_values_are_kept_and_round_trip() {
    let original = serde_json::json!({
        "conversationId": CONVERSATION_ID,
        "sendAs": "ON_BEHALF_OF_THE_MOON",
        "message": {
            "direction": "SIDEWAYS_TO_NOWHERE",
            "visibility": "ONLY_THE_CAT",
            "targetChannels": ["CARRIER_PIGEON"],
            "sourceChannel": "SMOKE_SIGNAL",
            "badges": [{ "text": "Owl post", "badgeVisibility": "EVERYONE_EVENTUALLY" }],
            "content": { "template": { "title": "Hi", "orientation": "DIAGONAL" } }
        }
    });
    let request: SendMessageRequest = serde_json::from_value(original.clone()).expect("deserializes");
    assert_eq!(request.send_as, Some(SendAs::Other("ON_BEHALF_OF_THE_MOON".into())));
    let message = request.message.as_ref().expect("message");
    assert_eq!(message.direction, Some(Direction::Other("SIDEWAYS_TO_NOWHERE".into())));
    assert_eq!(message.visibility, Some(Visibility::Other("ONLY_THE_CAT".into())));
    assert_eq!(message.target_channels, vec![ChannelType::Other("CARRIER_PIGEON".into())]);
    assert_eq!(message.source_channel, Some(ChannelType::Other("SMOKE_SIGNAL".into())));
    assert_eq!(
        message.badges[0].badge_visibility,
        Some(BadgeVisibility::Other("EVERYONE_EVENTUALLY".into()))
    );
    let template = content_of(&request).template.as_ref().expect("template");
    assert_eq!(template.orientation, Some(Orientation::Other("DIAGONAL".into())));
    assert_valid(&request);
    assert_eq!(serde_json::to_value(&request).expect("serializes"), original);
}

#[test]
fn known_and_unknown_zero_values_map_to_their_variants() {
    let message: Message = serde_json::from_value(serde_json::json!({
        "direction": "UNKNOWN_DIRECTION",
        "visibility": "UNKNOWN_VISIBILITY",
        "sourceChannel": "UNKNOWN_CHANNEL_TYPE",
        "targetChannels": ["WHATSAPP"],
    }))
    .expect("deserializes");
    assert_eq!(message.direction, Some(Direction::UnknownDirection));
    assert_eq!(message.visibility, Some(Visibility::UnknownVisibility));
    assert_eq!(message.source_channel, Some(ChannelType::UnknownChannelType));
    assert_eq!(message.target_channels, vec![ChannelType::Whatsapp]);
    for (wire, value) in [
        ("CHAT", ChannelType::Chat),
        ("EMAIL", ChannelType::Email),
        ("SMS", ChannelType::Sms),
        ("FACEBOOK", ChannelType::Facebook),
        ("INSTAGRAM", ChannelType::Instagram),
        ("WHATSAPP", ChannelType::Whatsapp),
    ] {
        assert_eq!(serde_json::to_value(&value).expect("serializes"), Value::from(wire));
    }
    for (wire, value) in [
        ("CALLER", SendAs::Caller),
        ("PARTICIPANT", SendAs::Participant),
        ("BUSINESS_USER", SendAs::BusinessUser),
    ] {
        assert_eq!(serde_json::from_value::<SendAs>(Value::from(wire)).expect("deserializes"), value);
    }
    for (wire, value) in [
        ("UNKNOWN_ORIENTATION", Orientation::UnknownOrientation),
        ("PORTRAIT", Orientation::Portrait),
        ("LANDSCAPE", Orientation::Landscape),
    ] {
        assert_eq!(serde_json::from_value::<Orientation>(Value::from(wire)).expect("deserializes"), value);
    }
    assert_eq!(
        serde_json::from_value::<BadgeVisibility>(Value::from("UNKNOWN_BADGE_VISIBILITY"))
            .expect("deserializes"),
        BadgeVisibility::UnknownBadgeVisibility
    );
}

#[test]
fn a_response_with_read_only_fields_deserializes() {
    let app_id = "151e476a-715e-ec33-db9a-a7ff4d51f70a";
    let contact_id = "9e668c08-8bdb-4240-babb-8176935f6f78";
    let body = serde_json::json!({
        "message": {
            "id": "1718023456789012",
            "content": {
                "previewText": "Your class is confirmed",
                "basic": { "items": [
                    { "text": "Your class is confirmed" },
                    { "image": {
                        "id": "5c2e8b71d04a4f96a3e1b7c9d2f06a18.jpg",
                        "url": "https://static.wixstatic.com/media/5c2e8b71d04a4f96a3e1b7c9d2f06a18.jpg",
                        "width": 1024,
                        "height": 683,
                        "urlExpiration": "2024-06-15T10:15:30Z"
                    } },
                    { "file": {
                        "url": "https://example.com/receipt.pdf",
                        "mimeType": "application/pdf",
                        "urlExpiration": "2024-06-15T10:15:31.250Z"
                    } }
                ] }
            },
            "sender": { "appId": app_id, "contactId": contact_id },
            "badges": [],
            "targetChannels": [],
            "appId": app_id,
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "sequence": "1718023456789012",
            "direction": "BUSINESS_TO_PARTICIPANT",
            "createdDate": "2024-06-14T10:15:30.123Z",
            "targetChannelIds": [],
            "silent": false
        }
    });
    let response: SendMessageResponse = serde_json::from_value(body.clone()).expect("deserializes");
    let message = response.message.as_ref().expect("message");
    assert_eq!(message.id.as_deref(), Some("1718023456789012"));
    assert_eq!(message.sequence, Some(1_718_023_456_789_012));
    assert_eq!(message.created_date, Some(timestamp("2024-06-14T10:15:30.123Z")));
    assert_eq!(message.created_date.map(Timestamp::as_millisecond), Some(1_718_360_130_123));
    assert_eq!(message.app_id.as_deref(), Some(app_id));
    let sender = message.sender.as_ref().expect("sender");
    assert_eq!(sender.app_id.as_deref(), Some(app_id));
    assert_eq!(sender.contact_id.as_deref(), Some(contact_id));
    let items = &message.content.as_ref().and_then(|c| c.basic.as_ref()).expect("basic").items;
    let image = items[1].image.as_ref().expect("image");
    assert_eq!(image.url_expiration.map(Timestamp::as_second), Some(1_718_446_530));
    assert_eq!((image.width, image.height), (Some(1024), Some(683)));
    let file = items[2].file.as_ref().expect("file");
    assert_eq!(file.url_expiration.map(Timestamp::subsec_nanosecond), Some(250_000_000));
    assert_eq!(message.silent, Some(false));
    assert_valid(&response);

    // Back out: the same, except that empty lists are left out like every absent field.
    let mut expected = body;
    let object = expected["message"].as_object_mut().expect("an object");
    for empty in ["badges", "targetChannels", "targetChannelIds"] {
        object.remove(empty);
    }
    assert_eq!(serde_json::to_value(&response).expect("serializes"), expected);
}

#[test]
fn a_postback_button_reads_its_read_only_app_id() {
    let button: Button = serde_json::from_value(serde_json::json!({
        "label": "Reschedule",
        "postbackProperties": {
            "appId": "151e476a-715e-ec33-db9a-a7ff4d51f70a",
            "interactionId": "class__reschedule"
        }
    }))
    .expect("deserializes");
    let postback = button.postback_properties.as_ref().expect("postback");
    assert_eq!(postback.app_id.as_deref(), Some("151e476a-715e-ec33-db9a-a7ff4d51f70a"));
    assert_eq!(postback.interaction_id, "class__reschedule");
    assert_valid(&button);
}

// ---------------------------------------------------------------------------------------------
// Limits: SendMessageRequest and Message
// ---------------------------------------------------------------------------------------------

#[test]
fn conversation_id_is_a_guid() {
    let with_id =
        |id: &str| SendMessageRequest { conversation_id: id.into(), ..request(MessageContent::text("Hi")) };
    assert_valid(&with_id(CONVERSATION_ID));
    assert_valid(&with_id("6202C3BB-F263-3C16-8C90-D6387D9ED420"));
    for bad in [
        "42",
        "6202c3bb-f263-3c16-8c90-d6387d9ed42",
        "6202c3bb-f263-3c16-8c90-d6387d9ed4200",
        "6202c3bg-f263-3c16-8c90-d6387d9ed420",
        "{6202c3bb-f263-3c16-8c90-d6387d9ed420}",
        "6202c3bbf2633c168c90d6387d9ed420",
        "6202c3bb-f263-3c16-8c90-d6387d9ed4é",
    ] {
        assert_violations(&with_id(bad), &[("conversationId", "FORMAT")]);
    }
}

#[test]
fn badges_at_most_one() {
    let badge = || Badge { text: "Email".into(), ..Badge::default() };
    assert_max_size("message.badges", 1, |n| with_message(|m| m.badges = (0..n).map(|_| badge()).collect()));
}

#[test]
fn target_channels_at_most_one() {
    assert_max_size("message.targetChannels", 1, |n| {
        with_message(|m| m.target_channels = vec![ChannelType::Sms; n])
    });
}

#[test]
fn target_channel_ids_at_most_100_items() {
    assert_max_size("message.targetChannelIds", 100, |n| {
        with_message(|m| m.target_channel_ids = (0..n).map(guid).collect())
    });
}

#[test]
fn target_channel_ids_each_at_most_100_chars() {
    let with_fourth =
        |id: String| with_message(|m| m.target_channel_ids = vec![guid(0), guid(1), guid(2), id, text(100)]);
    assert_max_length("message.targetChannelIds[3]", 100, text, with_fourth);
    // All 100 items at 100 characters each are fine.
    assert_valid(&with_message(|m| m.target_channel_ids = vec![text(100); 100]));
}

#[test]
fn source_channel_id_at_most_100_chars() {
    assert_max_length("message.sourceChannelId", 100, text, |id| {
        with_message(|m| m.source_channel_id = Some(id))
    });
}

#[test]
fn preview_text_at_most_256_chars() {
    let with_preview = |t: String| with_content(|c| c.preview_text = Some(t));
    assert_max_length("message.content.previewText", 256, text, with_preview);
    // Four bytes a character: 256 of them are 1024 bytes and still 256 characters.
    assert_max_length("message.content.previewText", 256, |n| "🙂".repeat(n), with_preview);
}

#[test]
fn badge_icon_url_is_a_web_url() {
    assert_web_url("message.badges[0].iconUrl", |url| {
        with_message(|m| m.badges = vec![Badge { icon_url: Some(url), ..Badge::default() }])
    });
}

// ---------------------------------------------------------------------------------------------
// Limits: basic messages
// ---------------------------------------------------------------------------------------------

#[test]
fn basic_items_at_least_one() {
    assert_valid(&basic(vec![BasicMessageData::text("Hi")]));
    assert_violations(&basic(Vec::new()), &[("message.content.basic.items", "MIN_SIZE")]);
    let from_json: SendMessageRequest = serde_json::from_value(serde_json::json!({
        "conversationId": CONVERSATION_ID,
        "message": { "content": { "basic": { "items": [] } } }
    }))
    .expect("deserializes");
    assert_violations(&from_json, &[("message.content.basic.items", "MIN_SIZE")]);
    // A repeated field left out is an empty one: `@minSize 1` fails the same way.
    let absent: SendMessageRequest = serde_json::from_value(serde_json::json!({
        "conversationId": CONVERSATION_ID,
        "message": { "content": { "basic": {} } }
    }))
    .expect("deserializes");
    assert_violations(&absent, &[("message.content.basic.items", "MIN_SIZE")]);
}

#[test]
fn basic_text_from_1_to_16384_chars() {
    let second = |t: String| basic(vec![BasicMessageData::text("Hi"), BasicMessageData::text(t)]);
    assert_min_length_one("message.content.basic.items[1].text", second);
    assert_max_length("message.content.basic.items[1].text", 16_384, text, second);
}

#[test]
fn image_id_and_url_at_most_2000_chars() {
    assert_max_length("message.content.basic.items[0].image.id", 2000, text, |id| {
        basic(vec![image_item(ImageMessage { id: Some(id), ..ImageMessage::default() })])
    });
    assert_max_length("message.content.basic.items[0].image.url", 2000, url, |url| {
        basic(vec![image_item(ImageMessage { url, ..ImageMessage::default() })])
    });
}

#[test]
fn image_filename_at_most_255_chars() {
    assert_max_length("message.content.basic.items[0].image.filename", 255, text, |name| {
        basic(vec![image_item(ImageMessage { filename: Some(name), ..small_image() })])
    });
}

#[test]
fn file_id_and_url_at_most_2000_chars() {
    assert_max_length("message.content.basic.items[0].file.id", 2000, text, |id| {
        basic(vec![file_item(FileMessage { id: Some(id), ..FileMessage::default() })])
    });
    assert_max_length("message.content.basic.items[0].file.url", 2000, url, |url| {
        basic(vec![file_item(FileMessage { url, ..FileMessage::default() })])
    });
}

#[test]
fn file_filename_at_most_255_chars() {
    assert_max_length("message.content.basic.items[0].file.filename", 255, text, |name| {
        basic(vec![file_item(FileMessage { filename: Some(name), ..small_file() })])
    });
}

#[test]
fn file_mime_type_at_most_100_chars() {
    assert_max_length("message.content.basic.items[0].file.mimeType", 100, text, |mime| {
        basic(vec![file_item(FileMessage { mime_type: Some(mime), ..small_file() })])
    });
}

// ---------------------------------------------------------------------------------------------
// Limits: template messages and buttons
// ---------------------------------------------------------------------------------------------

#[test]
fn template_buttons_at_most_10() {
    assert_max_size("message.content.template.buttons", 10, |n| {
        template(TemplateMessagePayload { buttons: buttons(n), ..TemplateMessagePayload::default() })
    });
}

#[test]
fn template_text_lines_at_most_10() {
    assert_max_size("message.content.template.textLines", 10, |n| {
        template(TemplateMessagePayload {
            text_lines: vec![text(512); n],
            ..TemplateMessagePayload::default()
        })
    });
}

#[test]
fn template_text_lines_each_at_most_512_chars() {
    assert_max_length("message.content.template.textLines[2]", 512, text, |line| {
        template(TemplateMessagePayload {
            text_lines: vec!["one".into(), "two".into(), line, "four".into()],
            ..TemplateMessagePayload::default()
        })
    });
}

#[test]
fn template_image_url_is_a_web_url_of_at_most_2000_chars() {
    let with_url =
        |url: String| template(TemplateMessagePayload { image_url: Some(url), ..Default::default() });
    assert_max_length("message.content.template.imageUrl", 2000, url, with_url);
    assert_web_url("message.content.template.imageUrl", with_url);
}

#[test]
fn button_label_from_1_to_16384_chars() {
    let with_label = |label: String| template_with_button(Button { label, ..Button::default() });
    assert_min_length_one("message.content.template.buttons[1].label", with_label);
    assert_max_length("message.content.template.buttons[1].label", 16_384, text, with_label);
}

#[test]
fn button_launch_url_is_a_web_url_of_at_most_16384_chars() {
    let with_url = |url: String| template_with_button(Button { launch_url: Some(url), ..button("Open") });
    assert_max_length("message.content.template.buttons[1].launchUrl", 16_384, url, with_url);
    assert_web_url("message.content.template.buttons[1].launchUrl", with_url);
}

#[test]
fn postback_interaction_id_from_1_to_256_chars() {
    let with_id = |id: String| {
        template_with_button(Button {
            postback_properties: Some(PostbackProperties { interaction_id: id, ..Default::default() }),
            ..button("Reschedule")
        })
    };
    let path = "message.content.template.buttons[1].postbackProperties.interactionId";
    assert_min_length_one(path, with_id);
    assert_max_length(path, 256, text, with_id);
}

// ---------------------------------------------------------------------------------------------
// Limits: minimal messages
// ---------------------------------------------------------------------------------------------

#[test]
fn minimal_text_from_1_to_16384_chars() {
    let with_text = |t: String| minimal(MinimalMessagePayload { text: t, ..Default::default() });
    assert_min_length_one("message.content.minimal.text", with_text);
    assert_max_length("message.content.minimal.text", 16_384, text, with_text);
}

#[test]
fn minimal_icon_url_is_a_web_url_of_at_most_2000_chars() {
    let with_url = |url: String| minimal(MinimalMessagePayload { icon_url: Some(url), ..minimal_text() });
    assert_max_length("message.content.minimal.iconUrl", 2000, url, with_url);
    assert_web_url("message.content.minimal.iconUrl", with_url);
}

#[test]
fn minimal_url_is_a_web_url_of_at_most_2000_chars() {
    let with_url = |url: String| minimal(MinimalMessagePayload { url: Some(url), ..minimal_text() });
    assert_max_length("message.content.minimal.url", 2000, url, with_url);
    assert_web_url("message.content.minimal.url", with_url);
}

// ---------------------------------------------------------------------------------------------
// Limits: form messages
// ---------------------------------------------------------------------------------------------

#[test]
fn form_title_from_1_to_256_chars() {
    let with_title = |title: String| form(FormMessagePayload { title: Some(title), ..form_with_fields(1) });
    assert_min_length_one("message.content.form.title", with_title);
    assert_max_length("message.content.form.title", 256, text, with_title);
}

#[test]
fn form_description_from_1_to_16384_chars() {
    let with_description = |description: String| {
        form(FormMessagePayload { description: Some(description), ..form_with_fields(1) })
    };
    assert_min_length_one("message.content.form.description", with_description);
    assert_max_length("message.content.form.description", 16_384, text, with_description);
}

#[test]
fn form_fields_from_1_to_15() {
    assert_valid(&form(form_with_fields(1)));
    assert_violations(&form(form_with_fields(0)), &[("message.content.form.fields", "MIN_SIZE")]);
    assert_max_size("message.content.form.fields", 15, |n| form(form_with_fields(n)));
    let from_json: SendMessageRequest = serde_json::from_value(serde_json::json!({
        "conversationId": CONVERSATION_ID,
        "message": { "content": { "form": { "title": "Booking", "fields": [] } } }
    }))
    .expect("deserializes");
    assert_violations(&from_json, &[("message.content.form.fields", "MIN_SIZE")]);
}

#[test]
fn form_media_at_most_15() {
    assert_max_size("message.content.form.media", 15, |n| {
        let media =
            (0..n).map(|_| MediaItem { image: Some(small_image()), ..MediaItem::default() }).collect();
        form(FormMessagePayload { media, ..form_with_fields(1) })
    });
}

#[test]
fn form_media_items_are_validated() {
    assert_max_length("message.content.form.media[1].file.mimeType", 100, text, |mime| {
        let media = vec![
            MediaItem { image: Some(small_image()), ..MediaItem::default() },
            MediaItem {
                file: Some(FileMessage { mime_type: Some(mime), ..small_file() }),
                ..MediaItem::default()
            },
        ];
        form(FormMessagePayload { media, ..form_with_fields(1) })
    });
}

#[test]
fn form_field_name_and_value_at_most_8192_chars() {
    let with_field = |f: FormField| {
        let mut payload = form_with_fields(3);
        payload.fields[2] = f;
        form(payload)
    };
    assert_max_length("message.content.form.fields[2].name", 8192, text, |name| {
        with_field(FormField { name, value: "v".into() })
    });
    assert_max_length("message.content.form.fields[2].value", 8192, text, |value| {
        with_field(FormField { name: "n".into(), value })
    });
}

// ---------------------------------------------------------------------------------------------
// Limits: system messages
// ---------------------------------------------------------------------------------------------

#[test]
fn system_text_at_most_16384_chars() {
    assert_max_length("message.content.system.text", 16_384, text, |t| {
        system(SystemMessagePayload { text: t, ..SystemMessagePayload::default() })
    });
}

#[test]
fn system_buttons_at_most_10_and_validated() {
    assert_max_size("message.content.system.buttons", 10, |n| {
        system(SystemMessagePayload { buttons: buttons(n), ..SystemMessagePayload::default() })
    });
    let mut bad = buttons(2);
    bad[0].label = String::new();
    assert_violations(
        &system(SystemMessagePayload { buttons: bad, ..SystemMessagePayload::default() }),
        &[("message.content.system.buttons[0].label", "MIN_LENGTH")],
    );
}

#[test]
fn system_image_url_is_a_web_url_of_at_most_2000_chars() {
    let with_url = |url: String| system(SystemMessagePayload { image_url: Some(url), ..Default::default() });
    assert_max_length("message.content.system.imageUrl", 2000, url, with_url);
    assert_web_url("message.content.system.imageUrl", with_url);
}

// ---------------------------------------------------------------------------------------------
// One-of groups
// ---------------------------------------------------------------------------------------------

#[test]
fn content_payload_each_member_alone_is_valid() {
    assert_valid(&basic(vec![BasicMessageData::text("Hi")]));
    assert_valid(&template(TemplateMessagePayload { title: Some("Hi".into()), ..Default::default() }));
    assert_valid(&minimal(minimal_text()));
    assert_valid(&form(form_with_fields(1)));
    assert_valid(&system(SystemMessagePayload { text: "Hi".into(), ..Default::default() }));
}

#[test]
fn content_payload_none_is_required_one_of_field() {
    let content = MessageContent {
        preview_text: Some("Hi".into()),
        title: Some("Hi".into()),
        ..MessageContent::default()
    };
    assert_violations(&request(content), &[("message.content", "REQUIRED_ONE_OF_FIELD")]);
}

#[test]
fn content_payload_two_members_conflict_at_the_second() {
    let content = MessageContent {
        basic: Some(BasicMessagePayload { items: vec![BasicMessageData::text("Hi")] }),
        template: Some(TemplateMessagePayload::default()),
        ..MessageContent::default()
    };
    assert_violations(&request(content), &[("message.content.template", "ONE_OF_ALIGNMENT")]);

    let content = MessageContent {
        minimal: Some(minimal_text()),
        system: Some(SystemMessagePayload::default()),
        ..MessageContent::default()
    };
    assert_violations(&request(content), &[("message.content.system", "ONE_OF_ALIGNMENT")]);
}

#[test]
fn content_payload_three_members_conflict_once_naming_all() {
    let content = MessageContent {
        minimal: Some(minimal_text()),
        form: Some(form_with_fields(1)),
        system: Some(SystemMessagePayload::default()),
        ..MessageContent::default()
    };
    let violations = request(content).validate().expect_err("a conflict");
    assert_eq!(violations.len(), 1);
    let violation = violations.iter().next().expect("one violation");
    assert_eq!(violation.path(), "message.content.form");
    assert_eq!(violation.wix_rule(), "ONE_OF_ALIGNMENT");
    for member in ["`minimal`", "`form`", "`system`"] {
        assert!(violation.description().contains(member), "{violation}");
    }
}

#[test]
fn basic_message_data_at_most_one_of_text_image_file() {
    let ok = BasicMessageData::text("Hi");
    assert_valid(&basic(vec![ok.clone(), BasicMessageData::default()]));
    let text_and_image = BasicMessageData { image: Some(small_image()), ..BasicMessageData::text("Hi") };
    assert_violations(
        &basic(vec![ok.clone(), text_and_image]),
        &[("message.content.basic.items[1].image", "ONE_OF_ALIGNMENT")],
    );
    let text_and_file = BasicMessageData { file: Some(small_file()), ..BasicMessageData::text("Hi") };
    assert_violations(
        &basic(vec![ok.clone(), text_and_file]),
        &[("message.content.basic.items[1].file", "ONE_OF_ALIGNMENT")],
    );
    let image_and_file =
        BasicMessageData { image: Some(small_image()), file: Some(small_file()), text: None };
    assert_violations(
        &basic(vec![image_and_file, ok]),
        &[("message.content.basic.items[0].file", "ONE_OF_ALIGNMENT")],
    );
}

#[test]
fn media_item_at_most_one_of_image_file() {
    let with_media = |item: MediaItem| form(FormMessagePayload { media: vec![item], ..form_with_fields(1) });
    assert_valid(&with_media(MediaItem::default()));
    assert_valid(&with_media(MediaItem { file: Some(small_file()), ..MediaItem::default() }));
    assert_violations(
        &with_media(MediaItem { image: Some(small_image()), file: Some(small_file()) }),
        &[("message.content.form.media[0].file", "ONE_OF_ALIGNMENT")],
    );
}

#[test]
fn identification_data_at_most_one_id() {
    let id = |change: fn(&mut IdentificationData)| {
        let mut data = IdentificationData::default();
        change(&mut data);
        data
    };
    assert_valid(&IdentificationData::default());
    assert_valid(&id(|d| d.anonymous_visitor_id = Some(CONVERSATION_ID.into())));
    assert_valid(&id(|d| d.member_id = Some(CONVERSATION_ID.into())));
    assert_valid(&id(|d| d.wix_user_id = Some(CONVERSATION_ID.into())));
    assert_valid(&id(|d| d.app_id = Some(CONVERSATION_ID.into())));
    assert_violations(
        &id(|d| {
            d.anonymous_visitor_id = Some(CONVERSATION_ID.into());
            d.member_id = Some(OTHER_GUID.into());
        }),
        &[("memberId", "ONE_OF_ALIGNMENT")],
    );
    assert_violations(
        &id(|d| {
            d.wix_user_id = Some(CONVERSATION_ID.into());
            d.app_id = Some(OTHER_GUID.into());
        }),
        &[("appId", "ONE_OF_ALIGNMENT")],
    );
    assert_violations(
        &IdentificationData {
            anonymous_visitor_id: Some(CONVERSATION_ID.into()),
            member_id: Some(OTHER_GUID.into()),
            wix_user_id: Some(CONVERSATION_ID.into()),
            app_id: Some(OTHER_GUID.into()),
            contact_id: None,
        },
        &[("memberId", "ONE_OF_ALIGNMENT")],
    );
    // `contactId` is read-only and not a member of the group.
    assert_valid(&id(|d| {
        d.member_id = Some(CONVERSATION_ID.into());
        d.contact_id = Some(OTHER_GUID.into());
    }));
}

#[test]
fn identification_data_ids_are_guids() {
    assert_violations(
        &IdentificationData { anonymous_visitor_id: Some("visitor-1".into()), ..Default::default() },
        &[("anonymousVisitorId", "FORMAT")],
    );
    assert_violations(
        &IdentificationData { member_id: Some("member-1".into()), ..Default::default() },
        &[("memberId", "FORMAT")],
    );
    assert_violations(
        &IdentificationData { wix_user_id: Some("user-1".into()), ..Default::default() },
        &[("wixUserId", "FORMAT")],
    );
    assert_violations(
        &IdentificationData { app_id: Some("app-1".into()), ..Default::default() },
        &[("appId", "FORMAT")],
    );
}

// ---------------------------------------------------------------------------------------------
// Required paths
// ---------------------------------------------------------------------------------------------

#[test]
fn conversation_id_is_required() {
    let missing =
        SendMessageRequest { conversation_id: String::new(), ..request(MessageContent::text("Hi")) };
    assert_violations(&missing, &[("conversationId", "REQUIRED_FIELD")]);
    // A plain `string` in Wix's SDK: `""` is how proto3 reads an absent one, so it is missing,
    // not a malformed GUID; `null` reads the same.
    for body in [r#""conversationId":"","#, r#""conversationId":null,"#, ""] {
        let json = format!(r#"{{{body}"message":{{"content":{{"basic":{{"items":[{{"text":"Hi"}}]}}}}}}}}"#);
        let request: SendMessageRequest = serde_json::from_str(&json).expect("deserializes");
        assert_violations(&request, &[("conversationId", "REQUIRED_FIELD")]);
    }
}

#[test]
fn message_is_required_and_content_only_when_message_is_present() {
    let no_message = SendMessageRequest { conversation_id: CONVERSATION_ID.into(), ..Default::default() };
    assert_violations(&no_message, &[("message", "REQUIRED_FIELD")]);
}

#[test]
fn message_content_is_required_when_message_is_present() {
    let no_content = with_message(|m| m.content = None);
    assert_violations(&no_content, &[("message.content", "REQUIRED_FIELD")]);
    let from_json: SendMessageRequest = serde_json::from_value(serde_json::json!({
        "conversationId": CONVERSATION_ID,
        "message": { "direction": "BUSINESS_TO_PARTICIPANT" }
    }))
    .expect("deserializes");
    assert_violations(&from_json, &[("message.content", "REQUIRED_FIELD")]);
}

#[test]
fn an_empty_body_lacks_both_top_level_fields() {
    assert_violations(
        &SendMessageRequest::default(),
        &[("conversationId", "REQUIRED_FIELD"), ("message", "REQUIRED_FIELD")],
    );
    let body: SendMessageRequest =
        serde_json::from_value(serde_json::json!({ "conversationId": "42", "message": {} }))
            .expect("deserializes");
    assert_violations(&body, &[("conversationId", "FORMAT"), ("message.content", "REQUIRED_FIELD")]);
}

// ---------------------------------------------------------------------------------------------
// Several violations at once
// ---------------------------------------------------------------------------------------------

#[test]
fn several_violations_in_field_order() {
    let content = MessageContent {
        basic: Some(BasicMessagePayload {
            items: vec![
                BasicMessageData::text(""),
                BasicMessageData {
                    image: Some(ImageMessage { filename: Some(text(256)), ..small_image() }),
                    ..BasicMessageData::text("Hi")
                },
            ],
        }),
        template: Some(TemplateMessagePayload {
            buttons: {
                let mut eleven = buttons(11);
                eleven[10].label = String::new();
                eleven
            },
            image_url: Some("not a url".into()),
            ..TemplateMessagePayload::default()
        }),
        preview_text: Some(text(257)),
        ..MessageContent::default()
    };
    let message = Message {
        content: Some(content),
        badges: vec![
            Badge { text: "One".into(), ..Badge::default() },
            Badge { icon_url: Some("icons/two.png".into()), ..Badge::default() },
        ],
        target_channel_ids: vec![text(101)],
        source_channel_id: Some(text(101)),
        ..Message::default()
    };
    let request = SendMessageRequest {
        conversation_id: "not-a-guid".into(),
        message: Some(message),
        ..SendMessageRequest::default()
    };
    assert_violations(
        &request,
        &[
            ("conversationId", "FORMAT"),
            ("message.content.basic.items[0].text", "MIN_LENGTH"),
            ("message.content.basic.items[1].image", "ONE_OF_ALIGNMENT"),
            ("message.content.basic.items[1].image.filename", "MAX_LENGTH"),
            // A one-of conflict sits at the second member's path, so in that member's place.
            ("message.content.template", "ONE_OF_ALIGNMENT"),
            ("message.content.template.buttons", "MAX_SIZE"),
            ("message.content.template.buttons[10].label", "MIN_LENGTH"),
            ("message.content.template.imageUrl", "FORMAT"),
            ("message.content.previewText", "MAX_LENGTH"),
            ("message.badges", "MAX_SIZE"),
            ("message.badges[1].iconUrl", "FORMAT"),
            ("message.targetChannelIds[0]", "MAX_LENGTH"),
            ("message.sourceChannelId", "MAX_LENGTH"),
        ],
    );
}

#[test]
fn several_violations_in_a_form_in_field_order() {
    let request = form(FormMessagePayload {
        title: Some(String::new()),
        description: Some(text(16_385)),
        fields: Vec::new(),
        media: (0..16)
            .map(|i| MediaItem { image: Some(small_image()), file: (i == 3).then(small_file) })
            .collect(),
    });
    assert_violations(
        &request,
        &[
            ("message.content.form.title", "MIN_LENGTH"),
            ("message.content.form.description", "MAX_LENGTH"),
            ("message.content.form.fields", "MIN_SIZE"),
            ("message.content.form.media", "MAX_SIZE"),
            ("message.content.form.media[3].file", "ONE_OF_ALIGNMENT"),
        ],
    );
}
