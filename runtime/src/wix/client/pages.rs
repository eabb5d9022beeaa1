//! Every page of List Messages, one `next_page().await` at a time.

use super::{Client, SendError};
use crate::wix::inbox::{CursorPaging, ListMessagesRequest, ListMessagesResponse, Message};

/// The pages of a List Messages request, following each page's `next` cursor until there is
/// none. Made by [`Client::pages`].
///
/// ```no_run
/// use tollgate::wix::inbox::{CursorPaging, ListMessagesRequest, SortOrder, Sorting, Visibility};
/// use tollgate::wix::Client;
///
/// # async fn list(client: &Client) -> Result<(), tollgate::wix::SendError> {
/// let request = ListMessagesRequest {
///     conversation_id: "6202c3bb-f263-3c16-8c90-d6387d9ed420".into(),
///     visibility: Some(Visibility::Business),
///     paging: Some(CursorPaging::first(50)),
///     sorting: Some(Sorting::by_sequence(SortOrder::Asc)),
/// };
/// let mut pages = client.pages(request);
/// while let Some(page) = pages.next_page().await {
///     for message in page?.messages {
///         println!("{:?}", message.sequence);
///     }
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
#[must_use = "pages are fetched only when asked for"]
pub struct Pages<'c> {
    client: &'c Client,
    next: Option<ListMessagesRequest>,
}

impl<'c> Pages<'c> {
    pub(crate) fn new(client: &'c Client, first: ListMessagesRequest) -> Pages<'c> {
        Pages { client, next: Some(first) }
    }

    /// The next page; `None` once the last page was returned, or after an error. See
    /// [`Pages`] for an example.
    pub async fn next_page(&mut self) -> Option<Result<ListMessagesResponse, SendError>> {
        let request = self.next.take()?;
        let page = match self.client.list_messages(&request).await {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        if let Some(cursor) = page.next_cursor() {
            let limit = request.paging.as_ref().and_then(|paging| paging.limit);
            // The cursor carries the order and the position; the request's own sorting
            // is for the first page only.
            self.next = Some(ListMessagesRequest {
                paging: Some(CursorPaging { limit, cursor: Some(cursor.to_owned()) }),
                sorting: None,
                ..request
            });
        }
        Some(Ok(page))
    }

    /// Every message of every remaining page, in order.
    ///
    /// ```
    /// use tollgate::wix::inbox::{CursorPaging, ListMessagesRequest, Visibility};
    /// use tollgate::wix::{Auth, Client};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// # let client = Client::builder(Auth::access_token("made-up")).base_url(sandbox.base_url()).build()?;
    /// let request = ListMessagesRequest {
    ///     conversation_id: "6202c3bb-f263-3c16-8c90-d6387d9ed420".into(),
    ///     visibility: Some(Visibility::Business),
    ///     paging: Some(CursorPaging::first(100)),
    ///     sorting: None,
    /// };
    /// let messages = client.pages(request).all_messages().await?;
    /// assert!(messages.is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn all_messages(mut self) -> Result<Vec<Message>, SendError> {
        let mut messages = Vec::new();
        while let Some(page) = self.next_page().await {
            messages.extend(page?.messages);
        }
        Ok(messages)
    }
}
