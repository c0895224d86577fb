//! The CLI twin, run as a real process: exit codes, the `--json` contract and the text report's words.

use serde_json::Value;

const RFC7515_A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// The HMAC key of RFC 7515 appendix A.1, base64.
const RFC7515_A1_KEY: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ+EstJQLr/T+1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow==";

/// The binary with `args` and text on standard input (`crate::cli_ai::run` does the work).
fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    crate::cli_ai::run(args, stdin.map(str::as_bytes))
}

#[test]
fn json_contract_for_a_verified_token() {
    let (code, out, _) = run(
        &[
            "jwt",
            RFC7515_A1,
            "--secret-base64",
            RFC7515_A1_KEY,
            "--now",
            "1300819000",
            "--json",
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "jws");
    assert_eq!(v["alg"], "HS256");
    let header_keys: Vec<&String> = v["header"].as_object().unwrap().keys().collect();
    assert_eq!(header_keys, ["typ", "alg"]);
    let payload_keys: Vec<&String> = v["payload"].as_object().unwrap().keys().collect();
    assert_eq!(payload_keys, ["iss", "exp", "http://example.com/is_root"]);
    assert_eq!(v["payload_text"], Value::Null);
    let segs = v["segments"].as_array().unwrap();
    assert_eq!(segs.len(), 3);
    assert_eq!(segs[0]["kind"], "header");
    assert_eq!(segs[0]["start"], 0);
    let end = segs[0]["end"].as_u64().unwrap() as usize;
    assert_eq!(&RFC7515_A1[end..=end], ".");
    assert_eq!(segs[2]["end"].as_u64().unwrap() as usize, RFC7515_A1.len());
    assert_eq!(v["verification"]["status"], "valid");
    assert!(v["verification"]["reason"].as_str().unwrap().len() > 5);
    let exp = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "exp")
        .unwrap();
    assert_eq!(exp["iso"], "2011-03-22T18:43:00Z");
    assert_eq!(
        exp["status"], "valid",
        "not yet expired at --now 1300819000"
    );
    assert!(exp["explanation"].as_str().unwrap().contains("Expiration"));
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"].is_string()
                && f["code"].is_string()
                && f["message"].is_string())
    );
}

#[test]
fn exit_codes() {
    // 0: decoded, no key, before exp.
    let (code, out, _) = run(&["jwt", RFC7515_A1, "--now", "1300819000"], None);
    assert_eq!(code, 0);
    assert!(out.contains("iss"), "{out}");
    // 1: the same token after its exp (2011-03-22), even though it decodes.
    let (code, _, _) = run(&["jwt", RFC7515_A1], None);
    assert_eq!(code, 1);
    // 1: wrong secret.
    let (code, _, _) = run(&["jwt", RFC7515_A1, "--secret", "wrong"], None);
    assert_eq!(code, 1);
    // 1: alg none cannot be checked.
    let (code, out, _) = run(
        &["jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "--json"],
        None,
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "unsecured");
    assert_eq!(v["verification"]["status"], "unsigned");
    // 2: garbage, with a message on stderr.
    let (code, _, err) = run(&["jwt", "not a token"], None);
    assert_eq!(code, 2);
    assert!(err.contains("tokenlens:"), "{err}");
}

#[test]
fn stdin_bearer_and_key_files() {
    let token = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/tokens/rs256.jwt"
    ))
    .unwrap();
    let key = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/keys/rsa_public_spki.pem"
    );
    let (code, out, _) = run(
        &["jwt", "-", "--key", key, "--json"],
        Some(&format!("Authorization: Bearer {token}\n")),
    );
    assert_eq!(code, 0, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verification"]["status"], "valid");
    assert!(
        v["stripped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["what"] == "bearer")
    );
    assert_eq!(
        v["segments"][0]["start"], 22,
        "offsets are into the input as given"
    );
    let jwks = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/keys/jwks_public.json"
    );
    let (code, _, _) = run(&["jwt", &token, "--key", jwks], None);
    assert_eq!(code, 0);
    let (code, _, err) = run(&["jwt", &token, "--key", "/nonexistent/key.pem"], None);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/key.pem"));
}

#[test]
fn non_json_payload_goes_to_payload_text() {
    let t = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    let (_, out, _) = run(&["jwt", t, "--json"], None);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["payload"], Value::Null);
    assert_eq!(v["payload_text"], "Example of Ed25519 signing");
}

/// A sample token from `assets/samples/tokens`.
fn sample(name: &str) -> String {
    let path = format!(
        "{}/assets/samples/tokens/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap().trim().to_owned()
}

#[test]
fn the_text_report_says_format_status_and_severity_in_words() {
    let (rs256, none, jwe) = (sample("rs256.jwt"), sample("none.jwt"), sample("jwe.jwt"));
    // (arguments, lines the text report prints, the same facts in --json)
    let cases: [(Vec<&str>, Vec<&str>, [&str; 3]); 4] = [
        (
            vec![
                RFC7515_A1,
                "--secret-base64",
                RFC7515_A1_KEY,
                "--now",
                "1300819000",
            ],
            vec![
                "format: JWS (signed)   alg: HS256",
                "\nverification: signature valid — ",
            ],
            ["jws", "valid", ""],
        ),
        (
            vec![&rs256, "--secret", "x"],
            vec![
                "format: JWS (signed)   alg: RS256",
                "\nverification: key mismatch — ",
                "  [warning] weak_secret: ",
            ],
            ["jws", "key_mismatch", "warning"],
        ),
        (
            vec![&none],
            vec![
                "format: unsecured JWS (alg none)   alg: none",
                "\nverification: unsigned — ",
                "  [critical] alg_none: ",
            ],
            ["unsecured", "unsigned", "critical"],
        ),
        (
            vec![&jwe],
            vec![
                "format: JWE (encrypted)   alg: RSA-OAEP-256",
                "\nverification: not checked — ",
                "  [info] jwe: ",
            ],
            ["jwe", "not_checked", "info"],
        ),
    ];
    for (args, lines, [format, status, severity]) in cases {
        let mut argv = vec!["jwt"];
        argv.extend(&args);
        let (_, out, err) = run(&argv, None);
        for line in lines {
            assert!(out.contains(line), "{line:?} missing from:\n{out}{err}");
        }
        // No Rust variant name reaches the reader.
        for name in [
            "Jws",
            "Jwe",
            "Unsecured",
            "Valid",
            "Invalid",
            "NotChecked",
            "Unsigned",
            "Unsupported",
            "KeyMismatch",
            "Critical",
            "Warning",
            "Info",
        ] {
            for field in ["format: ", "verification: ", "["] {
                assert!(
                    !out.contains(&format!("{field}{name}")),
                    "{field}{name} in:\n{out}"
                );
            }
        }
        // The JSON values stay the machine names.
        argv.push("--json");
        let (_, json, _) = run(&argv, None);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["format"], format);
        assert_eq!(v["verification"]["status"], status);
        if !severity.is_empty() {
            let severities: Vec<&str> = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|f| f["severity"].as_str())
                .collect();
            assert!(severities.contains(&severity), "{severities:?}");
        }
    }
}
