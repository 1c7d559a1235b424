//! Formatting numbers for people: thousands separators, pounds and pence.
//!
//! Pure functions, so they are tested natively; the UI and the command line use them.

/// Inserts a comma every three digits from the right of a run of digits.
fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A whole number with thousands separators, e.g. `6,669`.
pub fn count(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// Pence as pounds with thousands separators, e.g. `£61,290.32` or `-£26.29`.
pub fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    format!(
        "{sign}£{}.{:02}",
        group_thousands(&(pence / 100).to_string()),
        pence % 100
    )
}

/// A decimal written as text (`62134644.75`, `-3.5`, `6669`) with thousands separators in its
/// whole part. Text that is not a plain decimal is returned unchanged.
pub fn decimal_text(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
    {
        return text.to_string();
    }
    match fraction {
        Some(f) => format!("{sign}{}.{f}", group_thousands(whole)),
        None => format!("{sign}{}", group_thousands(whole)),
    }
}

/// Breaks `text` into lines at spaces, each as long as `fits` allows (greedily); a word that
/// does not fit alone keeps a line of its own.
pub fn wrap_words(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// "3,026 practices gain and 3,305 lose", with the verbs agreeing: "1 practice gains and 1
/// loses".
pub fn gain_and_lose(gainers: usize, losers: usize) -> String {
    let gain = if gainers == 1 {
        "1 practice gains".to_string()
    } else {
        format!("{} practices gain", count(gainers as u64))
    };
    let lose = if losers == 1 {
        "1 loses".to_string()
    } else {
        format!("{} lose", count(losers as u64))
    };
    format!("{gain} and {lose}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(2_000), "2,000");
        assert_eq!(count(62_134_644), "62,134,644");
    }

    #[test]
    fn gainers_and_losers_agree_with_their_verbs() {
        assert_eq!(
            gain_and_lose(3_026, 3_305),
            "3,026 practices gain and 3,305 lose"
        );
        assert_eq!(gain_and_lose(1, 759), "1 practice gains and 759 lose");
        assert_eq!(gain_and_lose(0, 1), "0 practices gain and 1 loses");
    }

    #[test]
    fn pounds_show_pence_and_sign() {
        assert_eq!(pounds(6_129_032), "£61,290.32");
        assert_eq!(pounds(5), "£0.05");
        assert_eq!(pounds(-262_876), "-£2,628.76");
        assert_eq!(pounds(i64::MIN), "-£92,233,720,368,547,758.08");
    }

    #[test]
    fn decimal_text_is_grouped_or_left_alone() {
        assert_eq!(decimal_text("62134644.75"), "62,134,644.75");
        assert_eq!(decimal_text("-1234.5"), "-1,234.5");
        assert_eq!(decimal_text("6669"), "6,669");
        assert_eq!(decimal_text("n/a"), "n/a");
        assert_eq!(decimal_text("12.3.4"), "12.3.4");
        assert_eq!(decimal_text(""), "");
    }

    #[test]
    fn words_wrap_to_the_width_given() {
        let fits = |s: &str| s.len() <= 10;
        assert_eq!(
            wrap_words("Gain more than 5%", fits),
            ["Gain more", "than 5%"]
        );
        assert_eq!(
            wrap_words("Within ±0.1%", |s| s.len() <= 20),
            ["Within ±0.1%"]
        );
        assert_eq!(
            wrap_words("Extraordinarily long", fits),
            ["Extraordinarily", "long"]
        );
        assert_eq!(wrap_words("  ", fits), Vec::<String>::new());
    }
}
