//! Exports: CSV text of tables and of every practice's results, and file names that say the
//! scenario. Pure functions, so the app and `gpfe` write the same files.

use crate::data::Dataset;
use crate::format::pounds;
use crate::model::Outcome;
use crate::series::Table;

/// Writes CSV records with the `csv` crate (fields quoted only when they need it), into a string.
pub(crate) fn write_csv<R>(records: R) -> String
where
    R: IntoIterator,
    R::Item: IntoIterator,
    <R::Item as IntoIterator>::Item: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for record in records {
        // Writing to memory cannot fail; a record that somehow did would be left out rather
        // than end the export.
        let _ = writer.write_record(record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A table as CSV, header first.
pub fn table_csv(table: &Table) -> String {
    write_csv(std::iter::once(&table.headers).chain(&table.rows))
}

/// A sum of pence as plain pounds for a file (`-1234.50`, no £ or separators).
fn plain_pounds(pence: i64) -> String {
    pounds(pence).replace(['£', ','], "")
}

/// The header of [`practices_csv`].
pub const PRACTICES_CSV_HEADER: [&str; 11] = [
    "code",
    "name",
    "icb",
    "registered_patients",
    "weighted_baseline",
    "weighted_scenario",
    "total_baseline",
    "total_scenario",
    "change",
    "change_pct",
    "imd_decile",
];

/// Every practice's results as CSV.
pub fn practices_csv(d: &Dataset, o: &Outcome) -> String {
    let header = PRACTICES_CSV_HEADER.map(String::from).to_vec();
    let rows = d.practices.iter().zip(&o.practices).map(|(p, r)| {
        vec![
            p.code.clone(),
            p.name.clone(),
            d.icbs
                .get(p.icb)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            format!("{:.2}", r.registered_scenario),
            format!("{:.2}", r.weighted_baseline),
            format!("{:.2}", r.weighted_scenario),
            plain_pounds(r.total_baseline_pence),
            plain_pounds(r.total_scenario_pence),
            plain_pounds(r.change_pence()),
            format!("{:.4}", r.change_pct()),
            r.imd_decile.to_string(),
        ]
    });
    write_csv(std::iter::once(header).chain(rows))
}

/// A file name that says what and which scenario: `gp-funding-{what}-{scenario}.{extension}`,
/// with the query string's keys and values, or `baseline`.
pub fn file_name(what: impl AsRef<str>, query: &str, extension: &str) -> String {
    let what = what.as_ref();
    let scenario: String = if query.is_empty() {
        "baseline".to_string()
    } else {
        query
            .trim_start_matches("v=1&")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    };
    let scenario: String = scenario.chars().take(120).collect();
    format!("gp-funding-{what}-{scenario}.{extension}")
}

/// Text safe in XML character data.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An SVG document with `<title>` and `<desc>` as the first children of its root element, so
/// that readers and screen readers know what the image shows. A document with no `<svg` tag is
/// returned as it is.
pub fn svg_with_description(svg: &str, title: &str, description: &str) -> String {
    let Some(end) = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|e| start + e + 1))
    else {
        return svg.to_string();
    };
    format!(
        "{}\n<title>{}</title>\n<desc>{}</desc>{}",
        &svg[..end],
        xml_text(title),
        xml_text(description),
        &svg[end..]
    )
}

/// The CRC-32 of PNG chunks (ISO 3309; polynomial 0xEDB88320, reflected).
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for byte in parts.iter().flat_map(|p| p.iter()) {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Text as Latin-1, which a PNG text chunk holds: dashes and quotes outside it become their
/// plain forms, anything else outside it a question mark, and control characters spaces.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{2013}' | '\u{2014}' | '\u{2212}' => b'-',
            '\u{2018}' | '\u{2019}' => b'\'',
            '\u{201C}' | '\u{201D}' => b'"',
            c if c.is_control() => b' ',
            c => u8::try_from(u32::from(c)).unwrap_or(b'?'),
        })
        .collect()
}

/// The PNG `png` with a text chunk (`tEXt`) saying `keyword` is `text`, placed after the
/// header chunk. Fails, leaving nothing half-written, if `png` does not start as a PNG does.
pub fn png_with_text(png: &[u8], keyword: &str, text: &str) -> Result<Vec<u8>, String> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    // The signature, then IHDR: length 13, type, 13 bytes of data, CRC.
    let header_end = SIGNATURE.len() + 4 + 4 + 13 + 4;
    if png.len() < header_end || !png.starts_with(SIGNATURE) || &png[12..16] != b"IHDR" {
        return Err("the image is not a PNG".to_string());
    }
    let keyword = latin1(keyword);
    if keyword.is_empty() || keyword.len() > 79 {
        return Err("a PNG text keyword has 1 to 79 characters".to_string());
    }
    let mut data = keyword;
    data.push(0);
    data.extend(latin1(text));
    let length = u32::try_from(data.len()).map_err(|_| "the text is too long for a PNG")?;
    let mut out = Vec::with_capacity(png.len() + data.len() + 12);
    out.extend_from_slice(&png[..header_end]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(b"tEXt");
    out.extend_from_slice(&data);
    out.extend_from_slice(&crc32(&[b"tEXt", &data]).to_be_bytes());
    out.extend_from_slice(&png[header_end..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let t = Table {
            headers: vec!["Area".into(), "Change".into()],
            rows: vec![
                vec!["North, East".into(), "+1.00%".into()],
                vec!["say \"hi\"".into(), "two\nlines".into()],
                vec!["plain".into(), "-0.50%".into()],
            ],
        };
        assert_eq!(
            table_csv(&t),
            "Area,Change\n\"North, East\",+1.00%\n\"say \"\"hi\"\"\",\"two\nlines\"\nplain,-0.50%\n"
        );
    }

    #[test]
    fn file_names_say_the_scenario() {
        assert_eq!(
            file_name("deprivation", "", "png"),
            "gp-funding-deprivation-baseline.png"
        );
        assert_eq!(
            file_name("practices", "v=1&ns=0.5&qof=1", "csv"),
            "gp-funding-practices-ns-0.5-qof-1.csv"
        );
    }

    /// A 1×1 PNG, as a browser encodes one; the chunk is added after its header and every
    /// chunk's CRC checks.
    #[test]
    fn a_png_gets_a_description_chunk() {
        let png: Vec<u8> = [
            &b"\x89PNG\r\n\x1a\n"[..],
            &[0, 0, 0, 13],
            b"IHDR",
            &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
            &[0x1f, 0x15, 0xc4, 0x89],
            &[0, 0, 0, 0],
            b"IEND",
            &[0xae, 0x42, 0x60, 0x82],
        ]
        .concat();
        // The known CRCs of IHDR and IEND are what this CRC gives.
        assert_eq!(crc32(&[&png[12..29]]), 0x1f15_c489);
        assert_eq!(crc32(&[b"IEND"]), 0xae42_6082);
        let out = png_with_text(&png, "Description", "Under this scenario – 2 gain; £5.").unwrap();
        assert_eq!(out.len(), png.len() + 12 + "Description".len() + 1 + 33);
        let mut at = 8;
        let mut chunks = Vec::new();
        while at < out.len() {
            let length = u32::from_be_bytes(out[at..at + 4].try_into().unwrap()) as usize;
            let kind = &out[at + 4..at + 8];
            let data = &out[at + 8..at + 8 + length];
            let crc =
                u32::from_be_bytes(out[at + 8 + length..at + 12 + length].try_into().unwrap());
            assert_eq!(crc, crc32(&[kind, data]));
            chunks.push((String::from_utf8_lossy(kind).to_string(), data.to_vec()));
            at += 12 + length;
        }
        let kinds: Vec<&str> = chunks.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["IHDR", "tEXt", "IEND"]);
        let mut expected = b"Description\0Under this scenario - 2 gain; ".to_vec();
        expected.extend([0xa3, b'5', b'.']);
        assert_eq!(chunks[1].1, expected);
        assert!(png_with_text(b"GIF89a", "Description", "x").is_err());
        assert!(png_with_text(&png, "", "x").is_err());
    }

    #[test]
    fn an_svg_says_what_it_shows() {
        let svg = "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let out = svg_with_description(svg, "Who gains?", "3 gain & 2 lose <at least 0.1%>.");
        assert_eq!(
            out,
            "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>Who gains?</title>\n<desc>3 gain &amp; 2 lose &lt;at least 0.1%&gt;.</desc>\n<rect/>\n</svg>\n"
        );
        assert_eq!(svg_with_description("not svg", "t", "d"), "not svg");
    }
}
