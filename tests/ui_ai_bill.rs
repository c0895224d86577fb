//! The Chat view's bill driven headless at 1280×800: generate 20 turns, see the chart and the last row inside the
//! window, and export the CSV.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use tokenlens::ai::Pricing;
use tokenlens::ai::bill::{BillOptions, CSV_HEADER, Conversation, Rates, bill, format_usd};
use tokenlens::ui::ai::View;

use crate::ui::{harness_sized, settle_ai};
use crate::ui_ai::ai_app;

fn inside(window: egui::Rect, what: &str, rect: egui::Rect) {
    assert!(
        window.contains_rect(rect),
        "{what} at {rect:?} is not inside the window {window:?}"
    );
}

#[test]
fn twenty_generated_turns_fit_in_the_window_and_export_as_csv() {
    let size = egui::vec2(1280.0, 800.0);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    let mut h = harness_sized(ai_app("gpt-4o", View::Chat), size);
    settle_ai(&mut h);
    // The bill of the messages is there from the start.
    // Beside the messages, not over them.
    let heading = h.get_by_label("What the conversation costs").rect();
    inside(window, "the bill's heading", heading);
    let editor = h
        .get_by_role_and_label(Role::MultilineTextInput, "Message 2")
        .rect();
    assert!(
        editor.max.x <= heading.min.x,
        "{editor:?} overlaps the bill at {heading:?}"
    );
    h.get_by_label("Generate").click();
    h.run_steps(3);

    // 20 turns of 200 asked and 600 answered, billed as the core bills them.
    let price = Pricing::bundled().get("gpt-4o").cloned().unwrap();
    let expected = bill(
        &Conversation::generated(20, 200, 600, 0),
        &Rates::from(&price),
        BillOptions::default(),
    )
    .unwrap();
    let last = expected.bill.turns.last().unwrap();
    assert_eq!(last.input_tokens, 200 + 19 * 800, "the history is re-sent");
    let cumulative = format_usd(last.cumulative_usd.unwrap());
    let cell = h.get_by_label(&cumulative);
    inside(window, "the last row's cumulative cost", cell.rect());
    let turn = h
        .get_all_by_label("20")
        .map(|n| n.rect())
        .find(|r| (r.center().y - cell.rect().center().y).abs() < 4.0)
        .expect("turn 20 on the same row");
    inside(window, "the last row's turn", turn);
    let chart = h
        .get_all_by_label("Bill chart")
        .map(|n| n.rect())
        .max_by(|a, b| a.height().total_cmp(&b.height()))
        .unwrap();
    assert!(chart.height() > 100.0, "the plot itself: {chart:?}");
    inside(window, "the chart", chart);
    h.get_by_label_contains("Turns: 20 ·");

    // A fresh chat at turn 10 is drawn and compared.
    h.get_by_label("Fresh chat").click();
    h.run_steps(3);
    h.get_by_label_contains("A fresh chat at turn 10");

    // Export: the header and one row per turn.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui_ai_bill.csv");
    let _ = std::fs::remove_file(&path);
    h.get_by_label("CSV file").focus();
    h.run_steps(1);
    h.get_by_label("CSV file").type_text(path.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("Export CSV").click();
    h.run_steps(3);
    h.get_by_label_contains("Wrote 20 turns to ");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], CSV_HEADER);
    assert_eq!(lines.len(), 21, "header and 20 rows");
    assert!(lines[20].starts_with("20,15400,"), "{}", lines[20]);
    assert!(
        !lines[20].ends_with(",,,"),
        "the fresh columns are filled: {}",
        lines[20]
    );
}

#[test]
fn the_bill_follows_the_messages() {
    let mut h = harness_sized(ai_app("gpt-4o", View::Chat), egui::vec2(1280.0, 800.0));
    settle_ai(&mut h);
    // The default chat: a system prompt and one user message, not answered yet: one turn.
    h.get_by_label_contains("Turns: 1 ·");
    h.get_by_role_and_label(Role::Button, "Add message").click();
    settle_ai(&mut h);
    h.get_by_role_and_label(Role::Button, "Add message").click();
    settle_ai(&mut h);
    h.get_by_label_contains("Turns: 2 ·");
}
