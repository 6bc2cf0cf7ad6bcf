//! Every user-facing text, in English and Korean, through one Fluent layer (`fluent-bundle`).
//! The texts live in `locales/<lang>/*.ftl`, compiled into the binary; the window, the CLI and
//! the diagnoses all ask here. English is the reference: a Korean text that is missing falls back
//! to English, an id missing everywhere shows as the id, so no lookup can fail at run time (the
//! `locales` tests make both impossible in a release).
//!
//! The language is one process-wide setting, chosen once at start (`--lang`, `SMTP_SETUP_LANG`,
//! the OS locale) and changed by the window's language menu. Text is made in the language of the
//! moment it is made: a diagnosis already on screen stays in its language until it is made again.

mod lang;

pub use lang::{Lang, LangError};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// Each language's files, under the same names (the `locales` tests compare them id by id).
macro_rules! locale_files {
    ($($name:literal),* $(,)?) => {
        &[$(
            ("en", concat!($name, ".ftl"), include_str!(concat!("../../locales/en/", $name, ".ftl"))),
            ("ko", concat!($name, ".ftl"), include_str!(concat!("../../locales/ko/", $name, ".ftl"))),
        )*]
    };
}

/// The Fluent files of each language: (language code, file name, text).
pub const FILES: &[(&str, &str, &str)] =
    locale_files!["gui", "diagnosis", "engine", "cli", "mail_host"];

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language texts are made in now.
pub fn current() -> Lang {
    Lang::ALL[usize::from(CURRENT.load(Ordering::Relaxed)) % Lang::ALL.len()]
}

/// Makes every text from now on in `lang`.
pub fn set(lang: Lang) {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    CURRENT.store(index as u8, Ordering::Relaxed);
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle] {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.iter().map(|lang| bundle(*lang)).collect())
}

fn bundle(lang: Lang) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.identifier()]);
    // Unicode isolation marks around each placeholder would reach terminals and copied text
    // as invisible characters; the texts are never mixed with right-to-left scripts.
    bundle.set_use_isolating(false);
    for (code, _, source) in FILES.iter().filter(|(code, _, _)| *code == lang.code()) {
        debug_assert_eq!(*code, lang.code());
        // A file with a syntax error still yields its good messages; the tests reject it.
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(resource) => resource,
            Err((resource, _)) => resource,
        };
        bundle.add_resource_overriding(resource);
    }
    bundle
}

/// One value for a placeholder: text, or a number (which Fluent uses to pick a plural form).
pub type Arg<'a> = FluentValue<'a>;

/// The text `id` in the current language, its `{ $name }` placeholders filled from `args`.
pub fn text(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    text_in(current(), id, args)
}

/// The text `id` in `lang`, falling back to English, then to the id itself.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    for lang in [lang, Lang::En] {
        if let Some(text) = format(&bundles()[lang.index()], id, &fluent_args) {
            return text;
        }
    }
    id.to_string()
}

fn format(bundle: &Bundle, id: &str, args: &FluentArgs) -> Option<String> {
    let (message_id, attribute) = match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    };
    let message = bundle.get_message(message_id)?;
    let pattern = match attribute {
        Some(attribute) => message.get_attribute(attribute)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned(),
    )
}

/// Whether `id` has a text of its own in `lang` (no fallback).
pub fn has(lang: Lang, id: &str) -> bool {
    format(&bundles()[lang.index()], id, &FluentArgs::new()).is_some()
}

/// `t!("id")` or `t!("id", name = value, …)`: the text in the current language. Values are
/// anything Fluent takes: `&str`, `String`, numbers.
#[macro_export]
macro_rules! t {
    ($id:expr $(,)?) => {
        $crate::i18n::text($id, &[])
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod engine_texts;
#[cfg(test)]
mod tests;
