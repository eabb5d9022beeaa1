//! The Send Message payloads every benchmark and the differential test share, so that the
//! figures of tollgate and of its peers are measured on the same values.

use tollgate::wix::inbox::{
    Badge, BasicMessagePayload, Button, FormField, FormMessagePayload, ImageMessage, MediaItem, Message,
    MessageContent, MinimalMessagePayload, Orientation, PostbackProperties, SendMessageRequest,
    TemplateMessagePayload,
};

/// The conversation every payload is sent to.
pub const CONVERSATION_ID: &str = "6202c3bb-f263-3c16-8c90-d6387d9ed420";

fn request(content: MessageContent) -> SendMessageRequest {
    SendMessageRequest {
        conversation_id: CONVERSATION_ID.to_owned(),
        message: Some(Message { content: Some(content), ..Message::default() }),
        ..SendMessageRequest::default()
    }
}

/// A short text message: the common case.
pub fn short_text() -> SendMessageRequest {
    request(MessageContent {
        preview_text: Some("Hey!".into()),
        ..MessageContent::text("Hey! Your table is ready.")
    })
}

/// A template with 10 buttons, 10 lines of text and an image.
pub fn template_with_10_buttons() -> SendMessageRequest {
    let buttons = (0..10)
        .map(|i| Button {
            label: format!("Option {i}"),
            launch_url: (i % 2 == 0).then(|| format!("https://example.com/options/{i}")),
            postback_properties: (i % 2 == 1).then(|| PostbackProperties {
                interaction_id: format!("option-{i}"),
                ..PostbackProperties::default()
            }),
        })
        .collect();
    request(MessageContent {
        template: Some(TemplateMessagePayload {
            title: Some("Choose your appointment".into()),
            buttons,
            orientation: Some(Orientation::Portrait),
            text_lines: (0..10).map(|i| format!("Line {i} of the template, with some detail.")).collect(),
            image_url: Some("https://static.example.com/media/appointments.png".into()),
        }),
        preview_text: Some("Choose your appointment".into()),
        ..MessageContent::default()
    })
}

/// A form with 15 fields and 15 media items.
pub fn form_with_15_fields_and_media() -> SendMessageRequest {
    let mut message = request(MessageContent {
        form: Some(FormMessagePayload {
            title: Some("New booking request".into()),
            description: Some("A visitor asked for a booking through the site's form.".into()),
            fields: (0..15)
                .map(|i| FormField { name: format!("Field {i}"), value: format!("Value number {i}") })
                .collect(),
            media: (0..15)
                .map(|i| MediaItem {
                    image: Some(ImageMessage {
                        url: format!("https://static.example.com/media/photo-{i}.jpg"),
                        filename: Some(format!("photo-{i}.jpg")),
                        width: Some(1200),
                        height: Some(800),
                        ..ImageMessage::default()
                    }),
                    ..MediaItem::default()
                })
                .collect(),
        }),
        ..MessageContent::default()
    });
    if let Some(message) = message.message.as_mut() {
        message.badges = vec![Badge { text: "Form".into(), ..Badge::default() }];
    }
    message
}

/// A request with exactly five violations, one of each kind: a GUID, a list left empty
/// (`MIN_SIZE`, as Wix reports `@minSize` on an absent list), a one-of conflict, a length and
/// a size.
pub fn invalid_with_5_violations() -> SendMessageRequest {
    let mut request = short_text();
    request.conversation_id = "not-a-guid".into();
    if let Some(message) = request.message.as_mut() {
        message.badges = vec![Badge::default(), Badge::default()];
        if let Some(content) = message.content.as_mut() {
            content.preview_text = Some("x".repeat(257));
            content.minimal =
                Some(MinimalMessagePayload { text: "Done".into(), ..MinimalMessagePayload::default() });
            content.basic = Some(BasicMessagePayload { items: Vec::new() });
        }
    }
    request
}

/// The four payloads, named as the benchmarks report them.
pub fn payloads() -> [(&'static str, SendMessageRequest); 4] {
    [
        ("short_text", short_text()),
        ("template_10_buttons", template_with_10_buttons()),
        ("form_15_fields_media", form_with_15_fields_and_media()),
        ("invalid_5_violations", invalid_with_5_violations()),
    ]
}

#[cfg(test)]
mod tests {
    use tollgate::Validate;

    #[test]
    fn the_valid_payloads_are_valid_and_the_invalid_one_has_five_violations() {
        for (name, payload) in super::payloads() {
            let result = payload.validate();
            if name.starts_with("invalid") {
                let violations = result.unwrap_err();
                assert_eq!(violations.len(), 5, "{violations}");
            } else {
                assert_eq!(result, Ok(()), "{name}");
            }
        }
    }
}
