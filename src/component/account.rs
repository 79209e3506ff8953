//! The user account, from the core to WIT.

use super::wit;
use crate::{AccountType, UserAccount};

impl From<AccountType> for wit::AccountType {
    fn from(kind: AccountType) -> Self {
        match kind {
            AccountType::Business => Self::Business,
            AccountType::Pinner => Self::Pinner,
        }
    }
}

impl From<UserAccount> for wit::UserAccount {
    fn from(a: UserAccount) -> Self {
        Self {
            id: a.id,
            username: a.username,
            account_type: a.account_type.map(Into::into),
            business_name: a.business_name,
            profile_image: a.profile_image,
            website_url: a.website_url,
            board_count: a.board_count,
            pin_count: a.pin_count,
            follower_count: a.follower_count,
            following_count: a.following_count,
            monthly_views: a.monthly_views,
        }
    }
}
