//! The coloured token editor driven as a person edits text: typing, the caret and word moves, Shift+arrows and
//! mouse selection, copy/cut/paste, undo/redo, PageUp/PageDown and IME composition. It is the Session tab's token
//! box here (decoded on the UI thread, so each edit is shown the next frame); the AI prompt, the chat messages and
//! the Inspect box are the same widget.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokenlens::app::{Tab, TokenLensApp};

use crate::ui::harness;

fn editor(text: &str) -> Harness<'static, TokenLensApp> {
    let mut app = TokenLensApp::default();
    app.tab = Tab::Session;
    let mut h = harness(app);
    h.state_mut().session.set_input(text);
    h.run_steps(3);
    h.get_by_label("Encoded token").focus();
    h.run_steps(2);
    h
}

fn input(h: &Harness<'_, TokenLensApp>) -> String {
    h.state().session.input().to_owned()
}

/// One key (with modifiers), then frames until the edit is decoded and shown.
fn press(h: &mut Harness<'_, TokenLensApp>, modifiers: Modifiers, key: Key) {
    h.event(Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    });
    h.run_steps(3);
}

fn send(h: &mut Harness<'_, TokenLensApp>, event: Event) {
    h.event(event);
    h.run_steps(3);
}

const NONE: Modifiers = Modifiers::NONE;

#[test]
fn typing_moving_and_deleting_by_character_and_word() {
    let mut h = editor("alpha beta gamma");
    // The caret starts at the end.
    send(&mut h, Event::Text("!".to_owned()));
    assert_eq!(input(&h), "alpha beta gamma!");
    press(&mut h, Modifiers::CTRL, Key::ArrowLeft);
    press(&mut h, Modifiers::CTRL, Key::ArrowLeft);
    send(&mut h, Event::Text("X".to_owned()));
    assert_eq!(
        input(&h),
        "alpha beta Xgamma!",
        "two words left: before `gamma`"
    );
    press(&mut h, Modifiers::CTRL, Key::Backspace);
    assert_eq!(
        input(&h),
        "alpha beta gamma!",
        "Ctrl+Backspace deletes the word before"
    );
    press(&mut h, NONE, Key::Home);
    press(&mut h, NONE, Key::Delete);
    assert_eq!(input(&h), "lpha beta gamma!", "Home, then Delete");
    press(&mut h, NONE, Key::End);
    press(&mut h, NONE, Key::Backspace);
    assert_eq!(input(&h), "lpha beta gamma");
    press(&mut h, Modifiers::CTRL, Key::Delete);
    assert_eq!(input(&h), "lpha beta gamma", "nothing after the end");
}

#[test]
fn shift_arrows_select_and_copy_cut_paste_work_on_the_selection() {
    let mut h = editor("alpha beta gamma");
    press(&mut h, NONE, Key::Home);
    for _ in 0..5 {
        press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    }
    assert_eq!(h.state().session.token_selection(), Some(0..5));
    h.event(Event::Copy);
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if t == "alpha"));
    assert!(copied, "Ctrl+C copies the selection");
    h.run_steps(2);
    send(&mut h, Event::Cut);
    assert_eq!(input(&h), " beta gamma", "Ctrl+X removes it");
    press(&mut h, NONE, Key::End);
    send(&mut h, Event::Paste(" alpha".to_owned()));
    assert_eq!(
        input(&h),
        " beta gamma alpha",
        "Ctrl+V inserts at the caret"
    );
    // Shift+Ctrl+Left selects the last word; typing replaces it.
    press(&mut h, Modifiers::SHIFT | Modifiers::CTRL, Key::ArrowLeft);
    send(&mut h, Event::Text("omega".to_owned()));
    assert_eq!(input(&h), " beta gamma omega");
    // Ctrl+A then a key replaces everything.
    press(&mut h, Modifiers::CTRL, Key::A);
    send(&mut h, Event::Text("z".to_owned()));
    assert_eq!(input(&h), "z");
}

#[test]
fn undo_and_redo_step_through_the_edits() {
    let mut h = editor("");
    send(&mut h, Event::Text("hello".to_owned()));
    send(&mut h, Event::Text(" world".to_owned()));
    send(&mut h, Event::Paste("!!".to_owned()));
    assert_eq!(input(&h), "hello world!!");
    press(&mut h, Modifiers::CTRL, Key::Z);
    assert_eq!(input(&h), "hello world", "the paste is one step");
    press(&mut h, Modifiers::CTRL, Key::Z);
    assert_eq!(input(&h), "hello", "typed words are steps");
    press(&mut h, Modifiers::CTRL | Modifiers::SHIFT, Key::Z);
    assert_eq!(input(&h), "hello world", "Ctrl+Shift+Z redoes");
    press(&mut h, Modifiers::CTRL, Key::Y);
    assert_eq!(input(&h), "hello world!!", "Ctrl+Y redoes");
    press(&mut h, Modifiers::CTRL, Key::Y);
    assert_eq!(input(&h), "hello world!!", "nothing more to redo");
}

#[test]
fn ime_composition_edits_in_place_and_commits_as_one_step() {
    let mut h = editor("token ");
    let preedit = |t: &str| {
        Event::Ime(egui::ImeEvent::Preedit {
            text: t.to_owned(),
            active_range_chars: None,
        })
    };
    send(&mut h, preedit("ling"));
    assert_eq!(
        input(&h),
        "token ling",
        "the composition shows where it is typed"
    );
    send(&mut h, preedit("令"));
    assert_eq!(input(&h), "token 令", "each preedit replaces the last");
    send(
        &mut h,
        Event::Ime(egui::ImeEvent::Commit("令牌".to_owned())),
    );
    assert_eq!(input(&h), "token 令牌");
    send(&mut h, Event::Text("!".to_owned()));
    assert_eq!(
        input(&h),
        "token 令牌!",
        "typing goes after the committed text"
    );
    press(&mut h, Modifiers::CTRL, Key::Z);
    assert_eq!(input(&h), "token 令牌");
    press(&mut h, Modifiers::CTRL, Key::Z);
    assert_eq!(
        input(&h),
        "token ",
        "the commit is one undo step, the preedits none"
    );
}

#[test]
fn mouse_drag_double_click_and_page_keys() {
    let token = tokenlens::ui::session::EXAMPLE_TOKEN;
    let mut h = editor(token);
    let rect = h.get_by_label("Encoded token").rect();
    let start = rect.min + egui::vec2(1.0, 6.0);
    let end = rect.min + egui::vec2(80.0, 6.0);
    h.event(Event::PointerMoved(start));
    h.event(Event::PointerButton {
        pos: start,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: NONE,
    });
    h.run_steps(2);
    h.event(Event::PointerMoved(end));
    h.run_steps(2);
    h.event(Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: NONE,
    });
    h.run_steps(2);
    let sel = h.state().session.token_selection().unwrap();
    assert_eq!(sel.start, 0, "the drag started at the first character");
    assert!(sel.len() >= 8, "and selected what it crossed: {sel:?}");
    // PageDown goes to the last row of a short token, PageUp back to the first.
    press(&mut h, NONE, Key::PageDown);
    let caret = h.state().session.token_selection().unwrap();
    assert!(caret.start > 100 && caret.is_empty(), "{caret:?}");
    press(&mut h, NONE, Key::PageUp);
    assert_eq!(h.state().session.token_selection(), Some(0..0));
}

/// Clear empties the box as an edit of the user's: Ctrl+Z brings a 10 KB article back. The same in the AI prompt.
#[test]
fn clear_is_undone_by_ctrl_z() {
    let article = include_str!("data/article_zh.txt");
    let mut h = editor(article);
    h.get_by_label("Clear").click();
    h.run_steps(3);
    assert_eq!(input(&h), "", "cleared");
    h.get_by_label("Try an example");
    h.get_by_label("Encoded token").focus();
    h.run_steps(2);
    press(&mut h, Modifiers::CTRL, Key::Z);
    assert_eq!(input(&h), article, "the text is back");

    let mut app = crate::ui_ai::ai_app("gpt-4o", tokenlens::ui::ai::View::Tokens);
    app.ai.set_input(article.to_owned());
    let mut h = harness(app);
    crate::ui::settle_ai(&mut h);
    h.get_by_label("Clear").click();
    crate::ui::settle_ai(&mut h);
    assert_eq!(h.state().ai.input(), "", "the prompt cleared");
    h.get_by_label("Prompt").focus();
    h.run_steps(2);
    h.event(Event::Key {
        key: Key::Z,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::CTRL,
    });
    crate::ui::settle_ai(&mut h);
    assert_eq!(h.state().ai.input(), article, "the prompt is back");
}
