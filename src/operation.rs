//! The operation a request belongs to: what its errors name, and which
//! scopes it needs.

/// The operation a response answers: shapes the wording of its errors and
/// knows which scopes it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation<'a> {
    /// `POST /v5/oauth/token`, authorization code.
    Exchange,
    /// `POST /v5/oauth/token`, refresh token.
    Refresh,
    /// `GET /v5/user_account`.
    UserAccount,
    /// `GET /v5/boards`.
    ListBoards {
        /// Whether secret boards were asked for (they need
        /// `boards:read_secret`).
        secret: bool,
    },
    /// `GET /v5/boards/{board_id}`.
    GetBoard {
        /// The board asked for.
        board_id: &'a str,
    },
    /// `POST /v5/pins`.
    CreatePin {
        /// The target board.
        board_id: &'a str,
        /// The target section, if any.
        section_id: Option<&'a str>,
    },
}

impl Operation<'_> {
    /// Scopes the operation needs, per the `security` of Pinterest's API
    /// description.
    pub fn required_scopes(&self) -> &'static [&'static str] {
        match self {
            Operation::Exchange | Operation::Refresh => &[],
            Operation::UserAccount => &["user_accounts:read"],
            Operation::ListBoards { secret: true } => &["boards:read", "boards:read_secret"],
            Operation::ListBoards { secret: false } | Operation::GetBoard { .. } => {
                &["boards:read"]
            }
            Operation::CreatePin { .. } => {
                &["boards:read", "boards:write", "pins:read", "pins:write"]
            }
        }
    }

    /// Whether it is a call of the token endpoint.
    pub fn is_token_grant(&self) -> bool {
        matches!(self, Operation::Exchange | Operation::Refresh)
    }

    /// What it is, as error summaries name it: `listing boards`.
    pub fn label(&self) -> &'static str {
        match self {
            Operation::Exchange => "the code exchange",
            Operation::Refresh => "the token refresh",
            Operation::UserAccount => "reading the user account",
            Operation::ListBoards { .. } => "listing boards",
            Operation::GetBoard { .. } => "reading the board",
            Operation::CreatePin { .. } => "creating the pin",
        }
    }
}
