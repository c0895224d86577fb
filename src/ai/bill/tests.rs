//! Known answers worked out by hand, and the closed form of the cumulative input.

use proptest::prelude::*;

use super::*;

/// $2 input, $0.50 cached, $8 output per 1M tokens, a 1,000-token window.
fn rates() -> Rates {
    Rates {
        input_per_1m: Some(2.0),
        cached_input_per_1m: Some(0.5),
        output_per_1m: Some(8.0),
        context_window: 1000,
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn three_turns_resend_the_history() {
    let conv = Conversation::generated(3, 100, 200, 0);
    let r = bill(&conv, &rates(), BillOptions::default()).unwrap();
    let b = &r.bill;
    let input: Vec<u64> = b.turns.iter().map(|t| t.input_tokens).collect();
    let cached: Vec<u64> = b.turns.iter().map(|t| t.cached_tokens).collect();
    let context: Vec<u64> = b.turns.iter().map(|t| t.context_tokens).collect();
    assert_eq!(
        input,
        [100, 400, 700],
        "100; 100+200+100; 100+200+100+200+100"
    );
    assert_eq!(
        cached,
        [0, 100, 400],
        "the previous request is the cached prefix"
    );
    assert_eq!(context, [300, 600, 900]);
    // 100×2 + 200×8 = 1800 µ$; 300×2 + 100×0.5 + 1600 = 2250; 300×2 + 400×0.5 + 1600 = 2400.
    assert!(close(b.turns[0].cost_usd, 0.0018), "{:?}", b.turns[0]);
    assert!(close(b.turns[1].cost_usd, 0.00225), "{:?}", b.turns[1]);
    assert!(close(b.turns[2].cost_usd, 0.0024), "{:?}", b.turns[2]);
    assert!(
        close(b.turns[2].cumulative_usd, 0.00645),
        "{:?}",
        b.turns[2]
    );
    assert!(close(b.total_usd, 0.00645), "{b:?}");
    assert_eq!(b.total_input_tokens, 1200);
    assert_eq!(b.total_cached_tokens, 500);
    assert_eq!(b.total_output_tokens, 600);
    assert_eq!(b.first_overflow, None, "900 ≤ 1000");
    assert!(b.caching);
    assert!(r.fresh.is_none());
}

#[test]
fn without_caching_every_input_token_is_full_price() {
    let conv = Conversation::generated(3, 100, 200, 0);
    let opts = BillOptions {
        cache: false,
        ..BillOptions::default()
    };
    let b = bill(&conv, &rates(), opts).unwrap().bill;
    assert!(!b.caching);
    assert!(
        b.turns.iter().all(|t| t.cached_tokens == 0),
        "no cached share"
    );
    // 400×2 + 1600 = 2400 µ$; 700×2 + 1600 = 3000.
    assert!(close(b.turns[1].cost_usd, 0.0024));
    assert!(close(b.turns[2].cost_usd, 0.003));
    assert!(close(b.total_usd, 0.0072));
    // A model without a cached price bills the same with caching on.
    let no_cached = Rates {
        cached_input_per_1m: None,
        ..rates()
    };
    let c = bill(&conv, &no_cached, BillOptions::default())
        .unwrap()
        .bill;
    assert!(!c.caching);
    assert_eq!(c.total_usd, b.total_usd);
}

#[test]
fn system_prompt_and_priming_are_in_every_request() {
    let conv = Conversation {
        system_tokens: 10,
        priming_tokens: 3,
        turns: vec![
            Turn {
                user_tokens: 100,
                assistant_tokens: 200,
                ..Turn::default()
            };
            2
        ],
    };
    let b = bill(&conv, &rates(), BillOptions::default()).unwrap().bill;
    assert_eq!(b.turns[0].input_tokens, 113);
    assert_eq!(b.turns[1].input_tokens, 413, "13 + 100 + 200 + 100");
    assert_eq!(b.turns[1].cached_tokens, 113);
}

#[test]
fn reasoning_is_billed_once_and_images_are_resent() {
    let conv = Conversation {
        system_tokens: 0,
        priming_tokens: 0,
        turns: vec![
            Turn {
                user_tokens: 100,
                assistant_tokens: 200,
                reasoning_tokens: 50,
                image_tokens: 85,
            },
            Turn {
                user_tokens: 100,
                assistant_tokens: 200,
                ..Turn::default()
            },
        ],
    };
    let b = bill(&conv, &rates(), BillOptions::default()).unwrap().bill;
    assert_eq!(b.turns[0].input_tokens, 185, "the image is input");
    assert_eq!(b.turns[0].context_tokens, 435, "185 + 200 + 50");
    assert_eq!(
        b.turns[1].input_tokens, 485,
        "185 + 200 + 100: no reasoning"
    );
    // 185×2 + 250×8 = 2370 µ$.
    assert!(close(b.turns[0].cost_usd, 0.00237));
    assert_eq!(b.total_output_tokens, 450, "200 + 50 + 200");
}

#[test]
fn the_first_turn_over_the_window_is_named() {
    let conv = Conversation::generated(3, 100, 200, 0);
    let small = Rates {
        context_window: 800,
        ..rates()
    };
    let b = bill(&conv, &small, BillOptions::default()).unwrap().bill;
    assert_eq!(b.first_overflow, Some(3), "900 > 800");
    assert!(!b.turns[2].fits && b.turns[1].fits);
    assert!(close(b.turns[1].context_fill, 0.75));
    let unknown = Rates {
        context_window: 0,
        ..rates()
    };
    let b = bill(&conv, &unknown, BillOptions::default()).unwrap().bill;
    assert_eq!(b.first_overflow, None);
    assert_eq!(b.turns[0].context_fill, None);
}

#[test]
fn a_fresh_chat_saves_the_history_it_drops() {
    let conv = Conversation::generated(3, 100, 200, 0);
    let opts = BillOptions {
        fresh_at: Some(3),
        summary_tokens: 50,
        ..BillOptions::default()
    };
    let r = bill(&conv, &rates(), opts).unwrap();
    let f = r.fresh.unwrap();
    let input: Vec<u64> = f.bill.turns.iter().map(|t| t.input_tokens).collect();
    assert_eq!(
        input,
        [100, 400, 150],
        "turn 3 sends the summary and its message"
    );
    assert_eq!(
        f.bill.turns[2].cached_tokens, 0,
        "only the (empty) system prompt is shared"
    );
    assert_eq!(f.saved_input_tokens, 550, "1200 - 650");
    // Turn 3: 150×2 + 1600 = 1900 µ$ instead of 2400.
    assert!(close(f.saved_usd, 0.0005), "{f:?}");
    assert_eq!(f.at, 3);

    // A fresh chat keeps the system prompt cached, and its own history grows again.
    let conv = Conversation::generated(4, 100, 200, 40);
    let opts = BillOptions {
        fresh_at: Some(2),
        summary_tokens: 60,
        ..BillOptions::default()
    };
    let f = bill(&conv, &rates(), opts).unwrap().fresh.unwrap();
    let input: Vec<u64> = f.bill.turns.iter().map(|t| t.input_tokens).collect();
    assert_eq!(input, [140, 200, 500, 800]);
    let cached: Vec<u64> = f.bill.turns.iter().map(|t| t.cached_tokens).collect();
    assert_eq!(cached, [0, 40, 200, 500]);

    // A summary larger than the history it replaces costs more: the saving is negative.
    let conv = Conversation::generated(2, 10, 10, 0);
    let opts = BillOptions {
        fresh_at: Some(2),
        summary_tokens: 1000,
        ..BillOptions::default()
    };
    let f = bill(&conv, &rates(), opts).unwrap().fresh.unwrap();
    assert!(f.saved_input_tokens < 0);
    assert!(f.saved_usd.unwrap() < 0.0);
}

#[test]
fn a_fresh_start_outside_the_turns_is_an_error() {
    let conv = Conversation::generated(3, 100, 200, 0);
    for at in [0, 1, 4] {
        let opts = BillOptions {
            fresh_at: Some(at),
            ..BillOptions::default()
        };
        assert_eq!(
            bill(&conv, &rates(), opts),
            Err(BillError::FreshAtOutOfRange { at, turns: 3 })
        );
    }
    let err = BillError::FreshAtOutOfRange { at: 9, turns: 3 };
    assert!(err.to_string().contains('9'), "{err}");
}

#[test]
fn unknown_prices_give_tokens_without_costs() {
    let conv = Conversation::generated(2, 100, 200, 0);
    let none = Rates {
        context_window: 100,
        ..Rates::default()
    };
    let b = bill(&conv, &none, BillOptions::default()).unwrap().bill;
    assert_eq!(b.total_input_tokens, 500);
    assert_eq!(b.total_usd, None);
    assert!(b.turns.iter().all(|t| t.cost_usd.is_none()));
    // An input-only model (embeddings) prices a request with no output.
    let input_only = Rates {
        input_per_1m: Some(1.0),
        ..Rates::default()
    };
    assert_eq!(input_only.cost(1_000_000, 0, 0), Some(1.0));
    assert_eq!(input_only.cost(1, 0, 1), None);
}

#[test]
fn huge_counts_saturate_and_never_panic() {
    let conv = Conversation {
        system_tokens: u64::MAX,
        priming_tokens: u64::MAX,
        turns: vec![
            Turn {
                user_tokens: u64::MAX,
                assistant_tokens: u64::MAX,
                reasoning_tokens: u64::MAX,
                image_tokens: u64::MAX,
            };
            3
        ],
    };
    let b = bill(&conv, &rates(), BillOptions::default()).unwrap().bill;
    assert_eq!(b.total_input_tokens, u64::MAX);
    assert_eq!(b.first_overflow, Some(1));
    let opts = BillOptions {
        fresh_at: Some(2),
        summary_tokens: u64::MAX,
        ..BillOptions::default()
    };
    assert!(bill(&conv, &rates(), opts).is_ok());
    let too_many = Conversation {
        turns: vec![Turn::default(); MAX_TURNS + 1],
        ..Conversation::default()
    };
    assert!(matches!(
        bill(&too_many, &rates(), BillOptions::default()),
        Err(BillError::TooManyTurns { .. })
    ));
}

#[test]
fn csv_has_a_header_and_a_row_per_turn() {
    let conv = Conversation::generated(3, 100, 200, 0);
    let opts = BillOptions {
        fresh_at: Some(2),
        ..BillOptions::default()
    };
    let text = csv(&bill(&conv, &rates(), opts).unwrap());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0], CSV_HEADER);
    assert!(
        lines[1].starts_with("1,100,0,200,0,300,true,0.001800,0.001800,100,0,"),
        "{}",
        lines[1]
    );
    let columns = CSV_HEADER.split(',').count();
    assert!(
        lines.iter().all(|l| l.split(',').count() == columns),
        "{text}"
    );
}

#[test]
fn dollars_read_well() {
    assert_eq!(format_usd(12.345), "$12.35");
    assert_eq!(format_usd(0.0123), "$0.0123");
    assert_eq!(format_usd(0.000125), "$0.000125");
    assert_eq!(format_usd(0.0), "$0.00");
    assert_eq!(format_usd(f64::NAN), "-");
    assert_eq!(format_usd(-0.0011), "-$0.001100");
}

proptest! {
    /// Σ input_k = n·base + Σ_k new_k + Σ_j (n − j)·(new_j + reply_j): each turn's new input is sent in its own
    /// request, and with its reply in every later one.
    #[test]
    fn cumulative_input_is_the_closed_form(
        system in 0u64..5000,
        priming in 0u64..8,
        turns in prop::collection::vec((0u64..5000, 0u64..5000, 0u64..500, 0u64..2000), 0..60),
        cache in any::<bool>(),
    ) {
        let conv = Conversation {
            system_tokens: system,
            priming_tokens: priming,
            turns: turns
                .iter()
                .map(|&(u, a, r, i)| Turn { user_tokens: u, assistant_tokens: a, reasoning_tokens: r, image_tokens: i })
                .collect(),
        };
        let opts = BillOptions { cache, ..BillOptions::default() };
        let b = bill(&conv, &rates(), opts).unwrap().bill;
        let n = turns.len() as u128;
        let mut expected = n * u128::from(system + priming);
        for (j, &(u, a, _, i)) in turns.iter().enumerate() {
            let later = n - 1 - j as u128;
            expected += u128::from(u + i) + later * u128::from(u + i + a);
        }
        prop_assert_eq!(u128::from(b.total_input_tokens), expected);
        prop_assert_eq!(b.turns.last().map_or(0, |t| t.cumulative_input_tokens), b.total_input_tokens);
        let mut last_cost = 0.0;
        for t in &b.turns {
            prop_assert!(t.cached_tokens <= t.input_tokens);
            let c = t.cumulative_usd.unwrap();
            prop_assert!(c >= last_cost);
            last_cost = c;
        }
    }
}
