//! The string catalogue: every user-facing string, looked up by key, in the chosen language.
//!
//! Pure (std + serde_json), so the cores, the CLI and the UI share one catalogue. The catalogues live in
//! `assets/i18n/<lang>.json` as flat `{ "key": "text with {placeholders}" }` objects and are compiled in.
//! A key missing from a translation falls back to English, then to the key itself.
//!
//! The language is process-wide ([`set_language`]). Tests that run in parallel in one process and need another
//! language take a [`ThreadLanguage`] guard ([`isolate_thread`]): while it lives, [`language`] and
//! [`set_language`] on that thread use a thread-local value, and every other thread keeps the process language.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// Whether `key` is in the English catalogue. A `const fn`, so the macros below check keys when the crate
/// compiles: `tr!("no.such.key")` is a build error, not a key shown in the window.
///
/// ```
/// assert!(tokenlens::i18n::has_key("tab.overview"));
/// assert!(!tokenlens::i18n::has_key("no.such.key"));
/// ```
pub const fn has_key(key: &str) -> bool {
    let key = key.as_bytes();
    let (mut low, mut high) = (0, KEYS.len());
    while low < high {
        let mid = low + (high - low) / 2;
        match compare(KEYS[mid].as_bytes(), key) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Byte-wise order of two strings, in a `const fn`.
const fn compare(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            };
        }
        i += 1;
    }
    if a.len() < b.len() {
        std::cmp::Ordering::Less
    } else if a.len() > b.len() {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

/// A catalogue key, checked when the crate compiles: `key!("tab.overview")` is `"tab.overview"`, and an unknown
/// key fails the build, naming it.
macro_rules! key {
    ($key:literal) => {{
        const _: () = assert!(
            $crate::i18n::has_key($key),
            concat!("no key \"", $key, "\" in assets/i18n/en.json")
        );
        $key
    }};
}

/// [`tr`] with a key checked at compile time.
macro_rules! tr {
    ($key:literal) => {
        $crate::i18n::tr(key!($key))
    };
}

/// [`trf`] with a key checked at compile time.
macro_rules! trf {
    ($key:literal, $args:expr $(,)?) => {
        $crate::i18n::trf(key!($key), $args)
    };
}

/// [`Words::new`] with a key checked at compile time.
macro_rules! words {
    ($key:literal) => {
        $crate::i18n::Words::new(key!($key))
    };
}

/// A UI language. Its serde name is a BCP 47 tag, stable in the settings file.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese (简体中文).
    #[serde(rename = "zh-CN")]
    Zh,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Self; 2] = [Self::En, Self::Zh];

    /// The language's name in itself, as a language menu shows it.
    ///
    /// ```
    /// assert_eq!(tokenlens::i18n::Lang::Zh.native_name(), "简体中文");
    /// ```
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Zh => "简体中文",
        }
    }

    /// The BCP 47 tag (`en`, `zh-CN`).
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh-CN",
        }
    }

    fn from_u8(n: u8) -> Self {
        match n {
            1 => Self::Zh,
            _ => Self::En,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            Self::En => 0,
            Self::Zh => 1,
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THREAD_LANG: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Choose the language used by [`tr`] and [`trf`] from now on (only on this thread while a [`ThreadLanguage`]
/// guard lives on it).
pub fn set_language(lang: Lang) {
    if THREAD_LANG.with(|t| t.get()).is_some() {
        THREAD_LANG.with(|t| t.set(Some(lang)));
    } else {
        CURRENT.store(lang.as_u8(), Ordering::Relaxed);
    }
}

/// The language in use on this thread.
pub fn language() -> Lang {
    THREAD_LANG
        .with(|t| t.get())
        .unwrap_or_else(|| Lang::from_u8(CURRENT.load(Ordering::Relaxed)))
}

/// While alive, this thread has its own language; dropping it restores what the thread had before.
#[must_use = "the thread language ends when the guard is dropped"]
pub struct ThreadLanguage {
    previous: Option<Lang>,
}

/// Give this thread its own language, starting at `lang`, until the guard is dropped. For tests that switch
/// the language while other tests run in parallel in the same process.
pub fn isolate_thread(lang: Lang) -> ThreadLanguage {
    let previous = THREAD_LANG.with(|t| t.replace(Some(lang)));
    ThreadLanguage { previous }
}

impl Drop for ThreadLanguage {
    fn drop(&mut self) {
        THREAD_LANG.with(|t| t.set(self.previous));
    }
}

/// The raw catalogue text of a language (for tests and tools).
pub fn catalogue_source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../assets/i18n/en.json"),
        Lang::Zh => include_str!("../assets/i18n/zh.json"),
    }
}

/// The parsed catalogue of a language.
pub fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    static ZH: OnceLock<HashMap<String, String>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    cell.get_or_init(|| serde_json::from_str(catalogue_source(lang)).unwrap_or_default())
}

/// The text for `key` in `lang`; English if that catalogue lacks it; the key itself if English lacks it too.
pub fn tr_in(lang: Lang, key: &str) -> &str {
    lookup(catalogue(lang), catalogue(Lang::En), key)
}

/// `key` in `primary`, else in `fallback`, else the key itself.
fn lookup<'a>(
    primary: &'a HashMap<String, String>,
    fallback: &'a HashMap<String, String>,
    key: &'a str,
) -> &'a str {
    primary
        .get(key)
        .or_else(|| fallback.get(key))
        .map_or(key, String::as_str)
}

/// The text for `key` in the current language; English if that catalogue lacks it; the key itself if English
/// lacks it too.
///
/// ```
/// assert_eq!(tokenlens::i18n::tr("tab.overview"), "Overview");
/// ```
pub fn tr(key: &str) -> &str {
    tr_in(language(), key)
}

/// The text for `key` with `{name}` placeholders filled from `args`.
///
/// ```
/// let s = tokenlens::i18n::trf("jwt.err.segments", &[("n", &4)]);
/// assert!(s.contains('4'));
/// ```
pub fn trf(key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill(tr(key), args)
}

/// Join a list of words for display with the separator of the language in use (`list.separator`: ", " in
/// English, "、" in Chinese).
///
/// ```
/// let _lang = tokenlens::i18n::isolate_thread(tokenlens::i18n::Lang::Zh);
/// assert_eq!(tokenlens::i18n::join_list(&["引号", "空白"]), "引号、空白");
/// ```
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    join_list_in(language(), items)
}

/// Join a list of words for display with the separator of `lang`.
///
/// ```
/// use tokenlens::i18n::{Lang, join_list_in};
/// assert_eq!(join_list_in(Lang::En, &["quotes", "whitespace"]), "quotes, whitespace");
/// ```
pub fn join_list_in<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let separator = tr_in(lang, "list.separator");
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// A message not yet put into words: a catalogue key and the values of its placeholders. Cores return these (or
/// errors that make them, see [`Worded`]) and never look up a language; the UI and the CLI word them at the edge, in
/// the language in use when they are shown, so switching language re-words without recomputing anything.
///
/// ```
/// use tokenlens::i18n::{Lang, Words};
/// let w = Words::new("ai.err.added_tokens").with("count", 30_000).with("max", 20_000);
/// assert!(w.text_in(Lang::En).contains("30000"));
/// assert!(w.text_in(Lang::Zh).contains("附加词元"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A placeholder's value: text as it is (a number, a name, a library's message), a message of its own, or
/// messages joined with the text of a catalogue key (a separator such as `list.separator`).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Arg {
    Text(String),
    Words(Words),
    List(Vec<Words>, &'static str),
}

impl Arg {
    /// The value in `lang`.
    fn text_in(&self, lang: Lang) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Words(w) => w.text_in(lang),
            Self::List(items, separator) => {
                let texts: Vec<String> = items.iter().map(|w| w.text_in(lang)).collect();
                texts.join(tr_in(lang, separator))
            }
        }
    }
}

impl Words {
    /// The message `key`, without values yet.
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Give `{name}` a value that reads the same in every language.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Give `{name}` a message of its own, worded in the same language.
    #[must_use]
    pub fn with_words(mut self, name: &'static str, value: Self) -> Self {
        self.args.push((name, Arg::Words(value)));
        self
    }

    /// Text that reads the same in every language (a name, a date, a library's message) as a message of its own,
    /// for where a message is expected.
    ///
    /// ```
    /// use tokenlens::i18n::{Lang, Words};
    /// assert_eq!(Words::verbatim("kid-1").text_in(Lang::Zh), "kid-1");
    /// ```
    pub fn verbatim(text: impl Display) -> Self {
        Self::new(key!("list.items")).with("items", text)
    }

    /// Messages one after another as one message, joined with the text of the catalogue key `separator` in the
    /// same language: `list.separator` (", " or "、"), `list.semicolon`, `list.sentences` or `list.lines`.
    ///
    /// ```
    /// use tokenlens::i18n::{Lang, Words};
    /// let both = Words::joined(
    ///     [Words::new("jwt.stripped.quotes"), Words::new("jwt.stripped.whitespace")],
    ///     "list.separator",
    /// );
    /// assert_eq!(both.text_in(Lang::Zh), "两端的引号、两端的空白字符");
    /// ```
    pub fn joined(items: impl IntoIterator<Item = Self>, separator: &'static str) -> Self {
        let mut words = Self::new(key!("list.items"));
        words
            .args
            .push(("items", Arg::List(items.into_iter().collect(), separator)));
        words
    }

    /// The catalogue key.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The words in the language in use.
    pub fn text(&self) -> String {
        self.text_in(language())
    }

    /// The words in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| (*name, arg.text_in(lang)))
            .collect();
        let refs: Vec<(&str, &dyn Display)> = values
            .iter()
            .map(|(n, v)| (*n, v as &dyn Display))
            .collect();
        fill(tr_in(lang, self.key), &refs)
    }
}

/// Words in English: what `Display` gives, for logs and the CLI (which speaks English).
impl Display for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text_in(Lang::En))
    }
}

/// A core's result or error that can be put into words at the edge.
pub trait Worded {
    /// The message, not yet worded.
    fn words(&self) -> Words;
}

/// Fill `{name}` placeholders in one pass over the template: a value is never searched again, so a file name
/// that contains `{err}` stays as it is. A `{` that does not start a known placeholder is kept. Values are
/// revealed (`text::reveal`): a bidi override or zero-width character in a name shows as `\u{…}`, so it cannot
/// reorder or hide the words around it.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (close, value))
        });
        if let Some((close, value)) = arg {
            // Written in place; only a value that holds a hiding character (rare) is written again, revealed.
            let start = out.len();
            let _ = write!(out, "{value}");
            if let std::borrow::Cow::Owned(shown) = crate::text::reveal(&out[start..]) {
                out.truncate(start);
                out.push_str(&shown);
            }
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_parse_and_are_flat() {
        for lang in Lang::ALL {
            let map: HashMap<String, String> = serde_json::from_str(catalogue_source(lang))
                .unwrap_or_else(|e| panic!("{} is a flat string map: {e}", lang.tag()));
            assert!(map.len() > 50, "the catalogue has the app's strings");
        }
    }

    #[test]
    fn placeholders_are_filled_once_and_values_are_never_expanded() {
        let name = "my {err} file.json";
        assert_eq!(
            fill("{name}: {err}", &[("name", &name), ("err", &"boom")]),
            "my {err} file.json: boom"
        );
        assert_eq!(fill("{a}{a} {b", &[("a", &1)]), "11 {b");
        assert_eq!(
            fill("{unknown} 词元 {x}", &[("x", &"✓")]),
            "{unknown} 词元 ✓"
        );
        assert_eq!(fill("", &[]), "");
    }

    #[test]
    fn lists_are_joined_with_each_languages_separator() {
        assert_eq!(tr_in(Lang::En, "list.separator"), ", ");
        assert_eq!(tr_in(Lang::Zh, "list.separator"), "、");
        let items = ["surrounding quotes", "line breaks", "the \"Bearer\" scheme"];
        assert_eq!(
            join_list_in(Lang::En, &items),
            "surrounding quotes, line breaks, the \"Bearer\" scheme"
        );
        let zh = ["两端的引号", "令牌内部的换行", "“Bearer” 认证方案"];
        assert_eq!(
            join_list_in(Lang::Zh, &zh),
            "两端的引号、令牌内部的换行、“Bearer” 认证方案"
        );
        assert!(
            !join_list_in(Lang::Zh, &zh).contains(", "),
            "no Latin comma in Chinese"
        );
        let owned = vec!["钱包已冻结".to_owned(), "已冻结 5".to_owned()];
        assert_eq!(join_list_in(Lang::Zh, &owned), "钱包已冻结、已冻结 5");
        for lang in Lang::ALL {
            assert_eq!(join_list_in(lang, &["one"]), "one");
            assert_eq!(join_list_in::<&str>(lang, &[]), "");
        }
        let _guard = isolate_thread(Lang::Zh);
        assert_eq!(
            join_list(&["a", "b"]),
            "a、b",
            "join_list follows the thread's language"
        );
        set_language(Lang::En);
        assert_eq!(join_list(&["a", "b"]), "a, b");
    }

    #[test]
    fn missing_key_falls_back_to_the_key() {
        assert_eq!(tr("no.such.key"), "no.such.key");
        assert_eq!(tr_in(Lang::Zh, "no.such.key"), "no.such.key");
    }

    #[test]
    fn a_key_missing_in_chinese_falls_back_to_english() {
        assert_eq!(tr_in(Lang::Zh, "tab.overview"), "概览");
        // A newer en.json can gain a key before zh.json has its translation.
        let zh = catalogue(Lang::Zh);
        let mut en = catalogue(Lang::En).clone();
        en.insert("only.in.english".to_owned(), "Only English".to_owned());
        assert_eq!(lookup(zh, &en, "only.in.english"), "Only English");
        assert_eq!(lookup(zh, &en, "tab.overview"), "概览");
        assert_eq!(lookup(zh, &en, "nowhere"), "nowhere");
    }

    #[test]
    fn a_thread_guard_keeps_the_switch_on_its_thread() {
        let outer = language();
        {
            let _guard = isolate_thread(Lang::Zh);
            assert_eq!(tr("tab.overview"), "概览");
            set_language(Lang::En);
            assert_eq!(language(), Lang::En);
            set_language(Lang::Zh);
            let other = std::thread::Builder::new()
                .name("i18n-test".to_owned())
                .spawn(language)
                .expect("thread starts")
                .join()
                .expect("thread runs");
            assert_eq!(other, outer, "another thread keeps the process language");
            assert_eq!(
                trf("ledger.block.valid", &[("n", &3)]),
                "区块 3 · 有效",
                "placeholders fill in the translation"
            );
        }
        assert_eq!(language(), outer, "dropping the guard restores the thread");
    }

    #[test]
    fn languages_have_stable_serde_names_and_native_names() {
        assert_eq!(
            serde_json::to_string(&Lang::ALL).expect("serializes"),
            r#"["en","zh-CN"]"#
        );
        let names: Vec<_> = Lang::ALL.iter().map(|l| l.native_name()).collect();
        assert_eq!(names, ["English", "简体中文"]);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_u8(lang.as_u8()), lang);
        }
    }
}
