//! The library's error type.

use thiserror::Error;

/// Everything that can go wrong while analysing media.
#[derive(Debug, Error)]
pub enum Error {
    /// Reading from the source failed.
    #[error("read failed: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes ended before a structure did.
    #[error("truncated data: needed {needed} bytes at offset {offset}")]
    Truncated { offset: u64, needed: u64 },
    /// A structure this reader holds in memory whole is larger than its cap.
    #[error("{what} of {size} bytes is larger than the {limit} bytes this reader holds in memory")]
    TooLarge {
        what: &'static str,
        size: u64,
        limit: u64,
    },
    /// A structure holds a value that cannot be valid.
    #[error("invalid {what}")]
    Invalid { what: &'static str },
}

/// Shorthand result.
pub type Result<T> = std::result::Result<T, Error>;

/// An error and its sources, joined by ": " (top-level messages, the AWS SDK's among them,
/// are often terse).
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn chain_joins_sources() {
        let e = super::Error::Io(std::io::Error::other("disk gone"));
        assert_eq!(super::chain(&e), "read failed: disk gone: disk gone");
        let e = super::Error::Truncated {
            offset: 1,
            needed: 2,
        };
        assert_eq!(
            super::chain(&e),
            "truncated data: needed 2 bytes at offset 1"
        );
    }
}
