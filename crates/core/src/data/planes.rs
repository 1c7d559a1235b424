//! Integer columns stored as byte planes: for a column of `n` integers that each fit in `w`
//! bytes, the lowest byte of every entry, then the next byte of every entry, and so on (`n × w`
//! bytes). Signed integers are zigzag-coded first (0, -1, 1, -2 … as 0, 1, 2, 3 …) and an
//! absent entry of an optional column is 0 (a present one is its code plus 1).
//!
//! Planes compress better than one variable-length integer after another, because the high
//! bytes of a column are alike and sit together, and they decode with a few tight loops over
//! the bytes. Use with `#[serde(with = "planes")]` on a `Vec` of `i64`, `i32`, `u64` or `usize`, or
//! `#[serde(with = "planes::optional")]` on a `Vec` of their `Option`s.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeTuple, Serializer};
use std::fmt;

/// An integer type a column can hold, as its unsigned code.
pub trait PlaneInt: Copy {
    fn code(self) -> u64;
    fn from_code(code: u64) -> Option<Self>;
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(c: u64) -> i64 {
    ((c >> 1) as i64) ^ -((c & 1) as i64)
}

impl PlaneInt for i64 {
    fn code(self) -> u64 {
        zigzag(self)
    }
    fn from_code(code: u64) -> Option<i64> {
        Some(unzigzag(code))
    }
}

impl PlaneInt for i32 {
    fn code(self) -> u64 {
        zigzag(i64::from(self))
    }
    fn from_code(code: u64) -> Option<i32> {
        i32::try_from(unzigzag(code)).ok()
    }
}

impl PlaneInt for usize {
    fn code(self) -> u64 {
        self as u64
    }
    fn from_code(code: u64) -> Option<usize> {
        usize::try_from(code).ok()
    }
}

impl PlaneInt for u64 {
    fn code(self) -> u64 {
        self
    }
    fn from_code(code: u64) -> Option<u64> {
        Some(code)
    }
}

/// The planes of `codes`: (entries, bytes per entry, bytes). At least one byte per entry, so
/// that the bytes bound the number of entries a reader allocates.
fn encode(codes: &[u64]) -> (u64, u8, Vec<u8>) {
    let max = codes.iter().copied().max().unwrap_or(0);
    let width = (8 - max.leading_zeros() as usize / 8).max(1);
    let mut bytes = Vec::with_capacity(codes.len() * width);
    for plane in 0..width {
        bytes.extend(codes.iter().map(|c| (c >> (8 * plane)) as u8));
    }
    (codes.len() as u64, width as u8, bytes)
}

fn serialize_codes<S: Serializer>(codes: &[u64], serializer: S) -> Result<S::Ok, S::Error> {
    let (n, width, bytes) = encode(codes);
    let mut t = serializer.serialize_tuple(3)?;
    t.serialize_element(&n)?;
    t.serialize_element(&width)?;
    t.serialize_element(&Bytes(&bytes))?;
    t.end()
}

struct Bytes<'a>(&'a [u8]);

impl serde::Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// The bytes of a column of `n` entries of `width` bytes, decoded where they lie in the file.
struct Planes {
    n: u64,
    width: u8,
}

impl<'de> de::DeserializeSeed<'de> for Planes {
    type Value = Vec<u64>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<u64>, D::Error> {
        deserializer.deserialize_bytes(self)
    }
}

impl Visitor<'_> for Planes {
    type Value = Vec<u64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the bytes of a column")
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u64>, E> {
        decode(self.n, self.width, v).map_err(E::custom)
    }
}

/// Reads the planes back into codes, checking that the bytes are exactly what `n` entries of
/// `width` bytes need.
fn decode(n: u64, width: u8, bytes: &[u8]) -> Result<Vec<u64>, String> {
    let width = usize::from(width);
    if !(1..=8).contains(&width) {
        return Err(format!("a column of {width} bytes per entry"));
    }
    let n = usize::try_from(n)
        .ok()
        .filter(|n| n.checked_mul(width) == Some(bytes.len()))
        .ok_or_else(|| {
            format!(
                "a column of {n} entries of {width} bytes holds {} bytes",
                bytes.len()
            )
        })?;
    let mut codes = vec![0_u64; n];
    if n == 0 {
        return Ok(codes);
    }
    for (plane, chunk) in bytes.chunks_exact(n).enumerate() {
        let shift = 8 * plane;
        for (c, &b) in codes.iter_mut().zip(chunk) {
            *c |= u64::from(b) << shift;
        }
    }
    Ok(codes)
}

fn deserialize_codes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<u64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a column of byte planes")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u64>, A::Error> {
            let missing = || de::Error::custom("a column of byte planes is cut short");
            let n: u64 = seq.next_element()?.ok_or_else(missing)?;
            let width: u8 = seq.next_element()?.ok_or_else(missing)?;
            seq.next_element_seed(Planes { n, width })?
                .ok_or_else(missing)
        }
    }
    deserializer.deserialize_tuple(3, V)
}

pub fn serialize<T: PlaneInt, S: Serializer>(
    column: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let codes: Vec<u64> = column.iter().map(|v| v.code()).collect();
    serialize_codes(&codes, serializer)
}

pub fn deserialize<'de, T: PlaneInt, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    deserialize_codes(deserializer)?
        .into_iter()
        .map(|c| T::from_code(c).ok_or_else(|| de::Error::custom(format!("{c} is out of range"))))
        .collect()
}

/// Columns of optional integers: 0 for an absent entry, the code plus 1 for a present one.
pub mod optional {
    use super::{de, deserialize_codes, serialize_codes, Deserializer, PlaneInt, Serializer};
    use serde::ser::Error;

    pub fn serialize<T: PlaneInt, S: Serializer>(
        column: &[Option<T>],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let codes = column
            .iter()
            .map(|v| match v {
                None => Ok(0),
                Some(v) => v.code().checked_add(1).ok_or(()),
            })
            .collect::<Result<Vec<u64>, ()>>()
            .map_err(|()| S::Error::custom("an entry too large for an optional column"))?;
        serialize_codes(&codes, serializer)
    }

    pub fn deserialize<'de, T: PlaneInt, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Option<T>>, D::Error> {
        deserialize_codes(deserializer)?
            .into_iter()
            .map(|c| match c {
                0 => Ok(None),
                c => T::from_code(c - 1)
                    .map(Some)
                    .ok_or_else(|| de::Error::custom(format!("{c} is out of range"))),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Columns {
        #[serde(with = "super")]
        signed: Vec<i64>,
        #[serde(with = "super")]
        small: Vec<i32>,
        #[serde(with = "super")]
        counts: Vec<u64>,
        #[serde(with = "super::optional")]
        maybe: Vec<Option<i64>>,
        after: String,
    }

    #[test]
    fn columns_read_back_as_written_in_the_fewest_bytes() {
        let c = Columns {
            signed: vec![0, -1, 1, i64::MIN, i64::MAX, 845_032_131],
            small: vec![545_616, -13_190, i32::MIN, i32::MAX],
            counts: vec![0, 255, 256, u64::MAX],
            maybe: vec![None, Some(0), Some(-5), Some(i64::MAX - 1)],
            after: "end".into(),
        };
        let bytes = postcard::to_allocvec(&c).unwrap();
        assert_eq!(postcard::from_bytes::<Columns>(&bytes).unwrap(), c);
        // Three entries under 128 after zigzag coding take one byte each: 3 planes of 1 byte.
        let small = Columns {
            signed: vec![0, -1, 63],
            small: vec![],
            counts: vec![],
            maybe: vec![],
            after: String::new(),
        };
        let bytes = postcard::to_allocvec(&small).unwrap();
        assert_eq!(&bytes[..6], &[3, 1, 3, 0, 1, 126]);
        assert_eq!(postcard::from_bytes::<Columns>(&bytes).unwrap(), small);
    }

    #[test]
    fn a_column_whose_bytes_do_not_fit_its_length_is_refused() {
        assert!(decode(3, 1, &[0, 1]).is_err());
        assert!(decode(3, 0, &[]).is_err());
        assert!(decode(3, 9, &[0; 27]).is_err());
        assert!(decode(u64::MAX, 8, &[0; 8]).is_err());
        assert_eq!(decode(2, 2, &[1, 2, 0, 1]).unwrap(), vec![1, 258]);
        assert_eq!(decode(0, 1, &[]).unwrap(), Vec::<u64>::new());
        // A value that does not fit the column's type.
        let wide = postcard::to_allocvec(&(1_u64, 8_u8, Bytes(&[0, 0, 0, 0, 0, 1, 0, 0]))).unwrap();
        let mut de = postcard::Deserializer::from_bytes(&wide);
        assert!(super::deserialize::<i32, _>(&mut de).is_err());
        #[derive(serde::Serialize)]
        struct Optional {
            #[serde(with = "super::optional")]
            v: Vec<Option<i64>>,
        }
        // i64::MIN's code is the largest u64: one more does not fit.
        assert!(postcard::to_allocvec(&Optional {
            v: vec![Some(i64::MIN)]
        })
        .is_err());
        assert!(postcard::to_allocvec(&Optional {
            v: vec![Some(i64::MAX)]
        })
        .is_ok());
    }
}
