//! The translations are complete and consistent: every id English has, each other language
//! has too, with the same placeholders; no file has a syntax error or an id twice.

use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// Every message and attribute of a file, each with the placeholders it uses.
fn entries(source: &str, file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{file}: syntax errors {errors:?}"));
    let mut entries = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let id = message.id.name.to_string();
            if let Some(pattern) = &message.value {
                let previous = entries.insert(id.clone(), variables(pattern));
                assert!(previous.is_none(), "{file}: {id} is there twice");
            }
            for attribute in &message.attributes {
                let key = format!("{id}.{}", attribute.id.name);
                entries.insert(key, variables(&attribute.value));
            }
        }
    }
    entries
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut names);
        }
    }
    names
}

fn expression_variables(expression: &ast::Expression<&str>, names: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, names);
            for variant in variants {
                names.extend(variables(&variant.value));
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, names),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, names: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            names.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, names),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, names);
            }
        }
        _ => {}
    }
}

fn files_of(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    FILES
        .iter()
        .filter(|(code, _, _)| *code == lang.code())
        .map(|(_, name, source)| (*name, *source))
        .collect()
}

#[test]
fn every_language_has_every_text_with_the_same_placeholders() {
    let english = files_of(Lang::En);
    for lang in Lang::ALL {
        let files = files_of(lang);
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>(),
            "{lang:?} has other files than English"
        );
        for (name, source) in &english {
            let reference = entries(source, name);
            let translated = entries(files[name], &format!("{}/{name}", lang.code()));
            let missing: Vec<_> = reference
                .keys()
                .filter(|id| !translated.contains_key(*id))
                .collect();
            assert!(
                missing.is_empty(),
                "{}/{name} lacks {missing:?}",
                lang.code()
            );
            let extra: Vec<_> = translated
                .keys()
                .filter(|id| !reference.contains_key(*id))
                .collect();
            assert!(
                extra.is_empty(),
                "{}/{name} has ids English lacks: {extra:?}",
                lang.code()
            );
            for (id, names) in &reference {
                assert_eq!(
                    &translated[id],
                    names,
                    "{}/{name}: {id} uses other placeholders than English",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn no_id_is_in_two_files_of_a_language() {
    for lang in Lang::ALL {
        let mut seen = BTreeMap::new();
        for (name, source) in files_of(lang) {
            for id in entries(source, name).into_keys() {
                if let Some(other) = seen.insert(id.clone(), name) {
                    panic!("{}: {id} is in {other} and {name}", lang.code());
                }
            }
        }
    }
}

#[test]
fn texts_fill_placeholders_and_fall_back() {
    assert_eq!(
        text_in(Lang::En, "step-of", &[("n", Arg::from(3))]),
        "Step 3 of 6"
    );
    assert_eq!(text_in(Lang::Ko, "no-such-text-id", &[]), "no-such-text-id");
    // No Unicode isolation marks around placeholders: they would reach terminals.
    assert!(!text_in(Lang::Ko, "step-of", &[("n", Arg::from(3))]).contains('\u{2068}'));
}

#[test]
fn languages_are_read_as_systems_and_people_write_them() {
    for (written, lang) in [
        ("ko", Lang::Ko),
        ("ko-KR", Lang::Ko),
        ("ko_KR.UTF-8", Lang::Ko),
        ("en_US.UTF-8", Lang::En),
        ("C", Lang::En),
        ("POSIX", Lang::En),
        ("English", Lang::En),
    ] {
        assert_eq!(Lang::parse(written).unwrap(), lang, "{written}");
    }
    assert!(Lang::parse("fr_FR").is_err());
    assert_eq!(
        Lang::choose(None, ["fr-FR".into(), "ko-KR".into()]).unwrap(),
        Lang::Ko
    );
    assert_eq!(Lang::choose(None, ["de-DE".into()]).unwrap(), Lang::En);
    assert_eq!(
        Lang::choose(Some("en"), ["ko-KR".into()]).unwrap(),
        Lang::En
    );
    assert!(Lang::choose(Some("xx"), ["ko-KR".into()]).is_err());
    assert!(
        Lang::choose(Some("\u{1b}[31m"), [])
            .unwrap_err()
            .to_string()
            .contains("[31m")
    );
}
