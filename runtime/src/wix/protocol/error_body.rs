//! Wix's error body: `{"message", "details": {"applicationError" | "validationError"}}`.

use serde::{Deserialize, Serialize};

use crate::{Violation, Violations};

/// The body of every Wix error answer. Reading is lenient (every field may be missing); an
/// answer that is not Wix-shaped reads as the default, empty body.
///
/// ```
/// use tollgate::wix::protocol::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"message":"bad","details":{"validationError":{"fieldViolations":[
///         {"field":"conversationId","description":"must be a GUID","violatedRule":"FORMAT"}]}}}"#,
/// ).unwrap();
/// assert_eq!(body.violations().to_string(), "conversationId: must be a GUID [FORMAT]");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    /// What went wrong, in a sentence.
    pub message: Option<String>,
    /// The structured part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<ErrorDetails>,
}

/// `details`: an application error (a code) or a validation error (field violations).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ErrorDetails {
    /// A refusal with a code, such as `UNAUTHENTICATED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_error: Option<ApplicationError>,
    /// The fields that broke the method's rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_error: Option<ValidationError>,
}

/// `details.applicationError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationError {
    /// The error code.
    pub code: Option<String>,
    /// What the code means here.
    pub description: Option<String>,
    /// Extra data (Wix always sends the key, often as `{}`).
    pub data: serde_json::Map<String, serde_json::Value>,
}

/// `details.validationError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ValidationError {
    /// One entry per broken rule.
    pub field_violations: Vec<FieldViolation>,
}

/// One broken rule: its wire path, what is wrong, and Wix's name for the rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldViolation {
    /// The wire path, such as `message.content.basic.items[0].text`.
    pub field: String,
    /// What is wrong.
    pub description: String,
    /// Wix's rule name, such as `REQUIRED_FIELD`.
    pub violated_rule: String,
}

/// Local violations in Wix's shape, so that a local failure and a server failure read alike.
///
/// ```
/// use tollgate::wix::protocol::ValidationError;
/// use tollgate::{Violation, Violations};
///
/// let violations: Violations = [Violation::with_wix_rule("visibility", "REQUIRED_FIELD", "is required")]
///     .into_iter()
///     .collect();
/// assert_eq!(
///     serde_json::to_string(&ValidationError::from(&violations)).unwrap(),
///     r#"{"fieldViolations":[{"field":"visibility","description":"is required","violatedRule":"REQUIRED_FIELD"}]}"#,
/// );
/// ```
impl From<&Violations> for ValidationError {
    fn from(violations: &Violations) -> Self {
        let field_violations = violations
            .iter()
            .map(|violation| FieldViolation {
                field: violation.path().to_string(),
                description: violation.description().to_owned(),
                violated_rule: violation.wix_rule().to_owned(),
            })
            .collect();
        ValidationError { field_violations }
    }
}

impl ErrorBody {
    /// An application error: what the sandbox answers to a refused call, and what Wix does.
    ///
    /// ```
    /// use tollgate::wix::protocol::ErrorBody;
    ///
    /// let body = ErrorBody::application("FORBIDDEN", "wrong site", "The site is not this one.");
    /// assert_eq!((body.code(), body.text()), (Some("FORBIDDEN"), Some("wrong site")));
    /// ```
    pub fn application(code: &str, message: &str, description: &str) -> ErrorBody {
        ErrorBody {
            message: Some(message.to_owned()),
            details: Some(ErrorDetails {
                application_error: Some(ApplicationError {
                    code: Some(code.to_owned()),
                    description: Some(description.to_owned()),
                    data: serde_json::Map::new(),
                }),
                validation_error: None,
            }),
        }
    }

    /// A validation error listing `violations`, under `message`.
    ///
    /// ```
    /// use tollgate::wix::protocol::ErrorBody;
    /// use tollgate::{Violation, Violations};
    ///
    /// let violations: Violations = [Violation::with_wix_rule("visibility", "REQUIRED_FIELD", "is required")]
    ///     .into_iter()
    ///     .collect();
    /// let body = ErrorBody::validation("1 field violation", &violations);
    /// assert_eq!(body.violations(), violations);
    /// ```
    pub fn validation(message: &str, violations: &Violations) -> ErrorBody {
        ErrorBody::field_violations(message, ValidationError::from(violations).field_violations)
    }

    /// A validation error with these field violations, under `message`.
    ///
    /// ```
    /// use tollgate::wix::protocol::{ErrorBody, FieldViolation};
    ///
    /// let violation = FieldViolation { field: "paging.cursor".into(), description: "unknown".into(), violated_rule: "FORMAT".into() };
    /// let body = ErrorBody::field_violations("bad cursor", vec![violation]);
    /// assert_eq!(body.violations().to_string(), "paging.cursor: unknown [FORMAT]");
    /// ```
    pub fn field_violations(message: &str, field_violations: Vec<FieldViolation>) -> ErrorBody {
        ErrorBody {
            message: Some(message.to_owned()),
            details: Some(ErrorDetails {
                application_error: None,
                validation_error: Some(ValidationError { field_violations }),
            }),
        }
    }

    /// Reads a body; anything that is not Wix-shaped reads as empty, since the status alone
    /// is then the answer.
    ///
    /// ```
    /// use tollgate::wix::protocol::ErrorBody;
    ///
    /// assert_eq!(ErrorBody::read(b"<html>busy</html>"), ErrorBody::default());
    /// assert_eq!(ErrorBody::read(br#"{"message":"no"}"#).text(), Some("no"));
    /// ```
    pub fn read(bytes: &[u8]) -> ErrorBody {
        serde_json::from_slice(bytes).unwrap_or_default()
    }

    /// `details.applicationError.code`; see [`ErrorBody::application`].
    pub fn code(&self) -> Option<&str> {
        self.application_error()?.code.as_deref()
    }

    /// The message, or else the application error's description.
    ///
    /// ```
    /// use tollgate::wix::protocol::ErrorBody;
    ///
    /// let body = ErrorBody::read(br#"{"details":{"applicationError":{"code":"X","description":"why"}}}"#);
    /// assert_eq!(body.text(), Some("why"));
    /// ```
    pub fn text(&self) -> Option<&str> {
        self.message
            .as_deref()
            .filter(|message| !message.is_empty())
            .or_else(|| self.application_error()?.description.as_deref())
    }

    /// The field violations, as [`Violations`] with Wix's rule names; see [`ErrorBody`].
    pub fn violations(&self) -> Violations {
        let Some(validation) = self.details.as_ref().and_then(|details| details.validation_error.as_ref())
        else {
            return Violations::new();
        };
        validation
            .field_violations
            .iter()
            .map(|violation| {
                Violation::with_wix_rule(
                    violation.field.clone(),
                    &violation.violated_rule,
                    violation.description.clone(),
                )
            })
            .collect()
    }

    fn application_error(&self) -> Option<&ApplicationError> {
        self.details.as_ref()?.application_error.as_ref()
    }
}
