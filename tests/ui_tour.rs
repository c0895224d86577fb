//! The guided tour through the real UI.
