//! A calc function as bytes, for plans sent to other processes.
//!
//! Owns the encoding behind the extension codec: a version byte, then the
//! function's name, its inputs (name and calc type) and its source, each a
//! little-endian `u32` length and UTF-8 bytes. Decoding recompiles the
//! source, so the receiving process checks it again. It must not evaluate.

use super::CalcUdf;
use crate::columnar::Kind;
use crate::engine::Engine;
use datafusion_common::{DataFusionError, Result};

/// The encoding's version.
const VERSION: u8 = 1;

impl CalcUdf {
    /// The function as bytes ([`CalcUdf::decode`] reads them back).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![VERSION];
        put(&mut out, &self.name);
        put(&mut out, &self.inputs.len().to_string());
        for (n, k) in &self.inputs {
            put(&mut out, n);
            put(&mut out, k.calc_type());
        }
        put(&mut out, self.source());
        out
    }

    /// The function `bytes` encode, compiled again by `engine` (which must
    /// have the host functions the source calls).
    pub fn decode(engine: &Engine, bytes: &[u8]) -> Result<CalcUdf> {
        let bad = || DataFusionError::Internal("malformed calc function encoding".into());
        let (&version, mut rest) = bytes.split_first().ok_or_else(bad)?;
        if version != VERSION {
            return Err(DataFusionError::Internal(format!(
                "calc function encoding version {version}, expected {VERSION}"
            )));
        }
        let name = take(&mut rest).ok_or_else(bad)?;
        let count: usize = take(&mut rest)
            .and_then(|c| c.parse().ok())
            .ok_or_else(bad)?;
        let mut inputs = Vec::new();
        for _ in 0..count.min(bytes.len()) {
            let n = take(&mut rest).ok_or_else(bad)?;
            let t = take(&mut rest)
                .filter(|t| Kind::of(t).is_some())
                .ok_or_else(bad)?;
            inputs.push((n, t));
        }
        let source = take(&mut rest).ok_or_else(bad)?;
        if inputs.len() != count || !rest.is_empty() {
            return Err(bad());
        }
        let inputs: Vec<(&str, &str)> = inputs.iter().map(|(n, t)| (*n, *t)).collect();
        CalcUdf::new(engine, name, source, &inputs)
    }
}

/// Appends `s` with its length.
fn put(out: &mut Vec<u8>, s: &str) {
    let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&s.as_bytes()[..len as usize]);
}

/// Reads one length-prefixed string off the front of `rest`.
fn take<'b>(rest: &mut &'b [u8]) -> Option<&'b str> {
    let (len, tail) = rest.split_first_chunk::<4>()?;
    let len = u32::from_le_bytes(*len) as usize;
    let text = tail.get(..len)?;
    *rest = &tail[len..];
    std::str::from_utf8(text).ok()
}
