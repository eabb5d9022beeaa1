//! Numbers and timestamps as proto3 JSON carries them, in what Wix sends back: Send Message
//! responses and webhook bodies (`MessageSentToBusiness` carries a `Message`) read every form
//! Wix may use, and write what they read back unchanged where Wix's own form is canonical.

use serde_json::{json, Value};
use tollgate::wix::inbox::{Message, SendMessageResponse, Timestamp};

/// A Send Message response whose image says its size in `width` and `height`.
fn response_with_image(width: Value, height: Value) -> Value {
    let mut response = json!({"message": {
        "id": "5f0a3c2e-9b1d-4e6f-8a7b-1c2d3e4f5a6b",
        "sequence": "1718023456789012",
        "createdDate": "2024-06-14T10:15:30.123Z",
        "content": {"basic": {"items": [{"image": {
            "url": "https://static.wixstatic.com/media/pot.jpg",
            "urlExpiration": "2024-06-15T10:15:30Z"
        }}]}}
    }});
    let image = &mut response["message"]["content"]["basic"]["items"][0]["image"];
    image["width"] = width;
    image["height"] = height;
    response
}

fn image_size(response: &SendMessageResponse) -> (Option<i32>, Option<i32>) {
    let message = response.message.as_ref().expect("message");
    let items = &message.content.as_ref().and_then(|c| c.basic.as_ref()).expect("basic").items;
    let image = items[0].image.as_ref().expect("image");
    (image.width, image.height)
}

#[test]
fn int32_reads_numbers_strings_and_integral_floats_and_writes_numbers() {
    for (width, height) in [
        (json!(1200), json!(800)),
        (json!("1200"), json!("800")),
        (json!(1200.0), json!(800.0)),
        (json!("1200.0"), json!("8e2")),
    ] {
        let body = response_with_image(width.clone(), height.clone());
        let response: SendMessageResponse = serde_json::from_value(body.clone())
            .unwrap_or_else(|error| panic!("{width} x {height}: {error}"));
        assert_eq!(image_size(&response), (Some(1200), Some(800)), "{width} x {height}");
        // Written back as Wix writes an int32: a number.
        let canonical = response_with_image(json!(1200), json!(800));
        assert_eq!(serde_json::to_value(&response).expect("serializes"), canonical);
    }
}

#[test]
fn int32_refuses_fractions_text_and_out_of_range_values_at_the_field() {
    for bad in [
        json!(1.5),
        json!("abc"),
        json!("1.5"),
        json!(""),
        json!(" 12"),
        json!(2_147_483_648_i64),
        json!(-2_147_483_649_i64),
        json!([1]),
    ] {
        let body = response_with_image(bad.clone(), json!(800));
        let text = body.to_string();
        let mut deserializer = serde_json::Deserializer::from_str(&text);
        let error = serde_path_to_error::deserialize::<_, SendMessageResponse>(&mut deserializer)
            .expect_err(&format!("{bad} was read as an int32"));
        assert_eq!(error.path().to_string(), "message.content.basic.items[0].image.width", "{bad}");
        assert!(error.inner().to_string().contains("int32"), "{bad}: {}", error.inner());
    }
}

#[test]
fn int64_sequence_reads_a_string_or_a_number_and_is_written_as_a_string() {
    for sequence in
        [json!("1718023456789012"), json!(1_718_023_456_789_012_i64), json!(1_718_023_456_789_012.0)]
    {
        let message: Message = serde_json::from_value(json!({"sequence": sequence})).expect("reads");
        assert_eq!(message.sequence, Some(1_718_023_456_789_012));
        assert_eq!(serde_json::to_value(&message).expect("writes"), json!({"sequence": "1718023456789012"}));
    }
    // Beyond 2^53 only the string keeps every digit, which is why proto3 writes int64 so.
    let message: Message = serde_json::from_value(json!({"sequence": "9223372036854775807"})).expect("reads");
    assert_eq!(message.sequence, Some(i64::MAX));
    for bad in [json!("9223372036854775808"), json!("12a"), json!(0.5)] {
        assert!(serde_json::from_value::<Message>(json!({"sequence": bad})).is_err(), "{bad}");
    }
}

#[test]
fn timestamps_round_trip_exactly_with_and_without_fractional_seconds() {
    for wire in [
        "2024-06-14T10:15:30Z",
        "2024-06-14T10:15:30.100Z",
        "2024-06-14T10:15:30.123Z",
        "2024-06-14T10:15:30.123456Z",
        "2024-06-14T10:15:30.123456789Z",
        "1970-01-01T00:00:00Z",
        "2099-12-31T23:59:59.999Z",
    ] {
        let message: Message = serde_json::from_value(json!({"createdDate": wire})).expect(wire);
        let written = serde_json::to_value(&message).expect("writes");
        assert_eq!(written, json!({"createdDate": wire}), "{wire} does not round-trip");
        assert_eq!(message.created_date, Some(wire.parse::<Timestamp>().expect("a timestamp")));
    }
}

#[test]
fn other_rfc3339_forms_read_as_the_same_instant_and_are_written_in_utc() {
    let instant: Timestamp = "2024-06-14T10:15:30.5Z".parse().expect("a timestamp");
    for wire in ["2024-06-14T10:15:30.5Z", "2024-06-14T12:15:30.500+02:00", "2024-06-14T05:15:30.5-05:00"] {
        let message: Message = serde_json::from_value(json!({"createdDate": wire})).expect(wire);
        assert_eq!(message.created_date, Some(instant), "{wire}");
        // proto3 writes 0, 3, 6 or 9 fractional digits, always in UTC.
        assert_eq!(
            serde_json::to_value(&message).expect("writes"),
            json!({"createdDate": "2024-06-14T10:15:30.500Z"})
        );
    }
    for bad in ["2024-06-14", "yesterday", "2024-06-14T10:15:30", ""] {
        assert!(serde_json::from_value::<Message>(json!({"createdDate": bad})).is_err(), "{bad:?}");
    }
    let absent: Message = serde_json::from_value(json!({"createdDate": null})).expect("null is absent");
    assert_eq!(absent.created_date, None);
}

#[test]
fn a_webhook_message_with_every_proto3_form_deserializes() {
    // The `message` of a MessageSentToBusiness event, as Wix's webhook delivers it.
    let event = json!({
        "conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420",
        "message": {
            "id": "1718023456789012",
            "sequence": 1_718_023_456_789_012_i64,
            "createdDate": "2024-06-14T10:15:30.123456Z",
            "direction": "PARTICIPANT_TO_BUSINESS",
            "visibility": "BUSINESS",
            "content": {"form": {
                "title": "Booking",
                "fields": [{"name": "Guests", "value": "2"}],
                "media": [
                    {"image": {"url": "https://static.wixstatic.com/media/a.jpg", "width": 1200.0, "height": "800", "urlExpiration": "2024-06-15T10:15:30.000Z"}},
                    {"file": {"url": "https://static.wixstatic.com/media/b.pdf", "urlExpiration": "2024-06-15T10:15:30Z"}}
                ]
            }}
        }
    });
    let message: Message = serde_json::from_value(event["message"].clone()).expect("the webhook's message");
    assert_eq!(message.sequence, Some(1_718_023_456_789_012));
    let created = message.created_date.expect("createdDate");
    assert_eq!((created.as_second(), created.subsec_nanosecond()), (1_718_360_130, 123_456_000));
    let form = message.content.as_ref().and_then(|c| c.form.as_ref()).expect("form");
    let image = form.media[0].image.as_ref().expect("image");
    assert_eq!((image.width, image.height), (Some(1200), Some(800)));
    let expiry = image.url_expiration.expect("urlExpiration");
    assert_eq!(Some(expiry), form.media[1].file.as_ref().and_then(|file| file.url_expiration));
    tollgate::Validate::validate(&message).expect("a valid message");
}

/// A payload of another Wix API, with proto3 scalars that have no presence.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase", default)]
struct Paging {
    #[serde(with = "tollgate::wix::inbox::proto_json::int32")]
    limit: i32,
    #[serde(with = "tollgate::wix::inbox::proto_json::int64")]
    total: i64,
    #[serde(with = "tollgate::wix::inbox::proto_json::timestamp")]
    as_of: Timestamp,
}

#[test]
fn bare_scalars_read_null_and_absence_as_their_default_and_every_form_alike() {
    let read = |body: Value| serde_json::from_value::<Paging>(body).expect("reads");
    assert_eq!(read(json!({})), Paging::default());
    assert_eq!(read(json!({"limit": null, "total": null, "asOf": null})), Paging::default());
    assert_eq!(Paging::default().as_of, Timestamp::UNIX_EPOCH);
    let full = read(json!({"limit": "30", "total": 12.0, "asOf": "2024-06-14T10:15:30.123Z"}));
    assert_eq!((full.limit, full.total), (30, 12));
    assert_eq!(
        serde_json::to_value(&full).expect("writes"),
        json!({"limit": 30, "total": "12", "asOf": "2024-06-14T10:15:30.123Z"})
    );
    assert!(serde_json::from_value::<Paging>(json!({"limit": 2.5})).is_err());
}
