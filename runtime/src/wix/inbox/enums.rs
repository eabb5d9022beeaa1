//! The Send Message enums, as Wix names their values.

use super::wire_enum::wire_enum;

wire_enum! {
    /// Who a message is sent as.
    pub enum SendAs {
        /// The caller (the default).
        Caller = "CALLER",
        /// The conversation's participant.
        Participant = "PARTICIPANT",
        /// A business user; for Wix's internal use.
        BusinessUser = "BUSINESS_USER",
    }
}

wire_enum! {
    /// Who can see a message.
    pub enum Visibility {
        /// Not set.
        UnknownVisibility = "UNKNOWN_VISIBILITY",
        /// The business and the participant.
        BusinessAndParticipant = "BUSINESS_AND_PARTICIPANT",
        /// The business only.
        Business = "BUSINESS",
    }
}

wire_enum! {
    /// Which way a message travels.
    pub enum Direction {
        /// Not set.
        UnknownDirection = "UNKNOWN_DIRECTION",
        /// From the business to the participant.
        BusinessToParticipant = "BUSINESS_TO_PARTICIPANT",
        /// From the participant to the business.
        ParticipantToBusiness = "PARTICIPANT_TO_BUSINESS",
    }
}

wire_enum! {
    /// A template's layout.
    pub enum Orientation {
        /// Not set.
        UnknownOrientation = "UNKNOWN_ORIENTATION",
        /// Image above the text (the default).
        Portrait = "PORTRAIT",
        /// Image beside the text.
        Landscape = "LANDSCAPE",
    }
}

wire_enum! {
    /// Who sees a badge.
    pub enum BadgeVisibility {
        /// Not set.
        UnknownBadgeVisibility = "UNKNOWN_BADGE_VISIBILITY",
        /// The business and the participant.
        BusinessAndParticipant = "BUSINESS_AND_PARTICIPANT",
        /// The business only.
        Business = "BUSINESS",
    }
}

wire_enum! {
    /// A messaging channel.
    pub enum ChannelType {
        /// Not set.
        UnknownChannelType = "UNKNOWN_CHANNEL_TYPE",
        /// The site's chat.
        Chat = "CHAT",
        /// Email.
        Email = "EMAIL",
        /// SMS.
        Sms = "SMS",
        /// Facebook Messenger.
        Facebook = "FACEBOOK",
        /// Instagram.
        Instagram = "INSTAGRAM",
        /// WhatsApp.
        Whatsapp = "WHATSAPP",
    }
}
