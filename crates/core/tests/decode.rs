//! The binary dataset files: damaged bytes are refused with an error, never a panic, and the
//! files decode to the same practices whichever way they are read.
#![cfg(not(target_arch = "wasm32"))]

use gpfe_core::data::{DataError, Dataset};
use proptest::prelude::*;

const START_UP: &[u8] = include_bytes!("../../../public/data/england-2022-23.bin");
const NAMES: &[u8] = include_bytes!("../../../public/data/england-2022-23-names.bin");

fn damaged(bytes: &[u8], at: usize, xor: u8, cut: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = at % out.len();
    out[at] ^= xor;
    out.truncate(out.len() - cut % out.len());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A changed byte and a cut end: the start-up file decodes or is refused, and never panics.
    #[test]
    fn a_damaged_start_up_file_is_refused_or_read(at in 0..START_UP.len(), xor in 1..=255_u8, cut in 0..64_usize) {
        let bytes = damaged(START_UP, at, xor, cut);
        match Dataset::from_bytes(&bytes) {
            Ok(d) => prop_assert_eq!(d.practices.len(), 6_669),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// The same for the names file, attached to the real start-up file.
    #[test]
    fn a_damaged_names_file_is_refused_or_read(at in 0..NAMES.len(), xor in 1..=255_u8, cut in 0..64_usize) {
        let mut d = Dataset::from_bytes(START_UP).unwrap();
        let bytes = damaged(NAMES, at, xor, cut);
        if let Err(e) = d.attach_names(&bytes) {
            prop_assert!(!e.to_string().is_empty());
            prop_assert!(d.practices.iter().all(|p| p.name.is_empty()), "a refused file attaches nothing");
        }
    }
}

#[test]
fn a_length_no_file_could_hold_is_refused_without_reserving_it() {
    // The magic bytes, the layout version, then a year whose length is the largest varint.
    let mut bytes = b"GPFE".to_vec();
    bytes.push(gpfe_core::data::FORMAT_VERSION as u8);
    bytes.extend([0xff; 9]);
    bytes.push(0x01);
    assert!(matches!(
        Dataset::from_bytes(&bytes),
        Err(DataError::Decode(_))
    ));
}

#[test]
fn the_names_file_names_the_practices_the_start_up_file_lists() {
    let bare = Dataset::from_bytes(START_UP).unwrap();
    let named = Dataset::from_files(START_UP, NAMES).unwrap();
    assert_eq!(bare.practices.len(), named.practices.len());
    for (b, n) in bare.practices.iter().zip(&named.practices) {
        assert_eq!(b.code, n.code);
        assert_eq!(b.display_name(), b.code, "by code until the names arrive");
        assert_eq!(b.funding, n.funding);
    }
    // Every practice in the 2022/23 file has a name and a postcode.
    assert!(named
        .practices
        .iter()
        .all(|p| !p.name.is_empty() && !p.postcode.is_empty()));
    let first = &named.practices[0];
    assert_eq!(first.title(), "THE DENSHAM SURGERY (A81001)");
    assert_eq!(first.postcode, "TS18 1HU");
}
