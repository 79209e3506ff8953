//! `demo`: the whole story against the embedded stand-in exits 0, tells
//! each step, and shows no secret.

mod cli_support;

use cli_support::{Setup, assert_masked};
use pinterest_standin::DEFAULT_CLIENT_SECRET;

#[test]
fn the_demo_tells_the_whole_story() {
    // The setup compiles the component into the shared cache first.
    let setup = Setup::new("demo");
    let output = setup
        .local_command()
        .arg("demo")
        .output()
        .expect("run the demo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    for step in [
        "1. Consent URL",
        "2. Consent",
        "3. Exchange the code",
        "4. Token status (token-status; no HTTP call): fresh",
        "5. Account check",
        "6. Every board, following bookmarks",
        "page 3: 3 boards, no bookmark: last page",
        "7. Create a pin in the sandbox",
        "8. Refresh",
        "(rotated: store the whole new set)",
        "9. A deliberate mistake",
        "remedy: The refresh token is expired, revoked or was already used once",
        "10. Another: a Trial-access app",
        "remedy: Set the environment to sandbox",
        "11. A board section, created and listed",
        "\"Lemon desserts\" on board",
        "61 sections on the board, every page read",
        "12. A duplicate skipped: the lemon tart once more",
        "has the same link and title: skipped, create-pin not called",
        "13. A video pin",
        "A video pin from a generated file, in production by an app with Standard access (Pinterest's sandbox cannot create video pins)",
        "wait-for-media: processing → succeeded",
        "create-pin: video pin",
        "Done:",
    ] {
        assert!(stdout.contains(step), "missing {step:?} in:\n{stdout}");
    }
    assert_masked(&format!("{stdout}{stderr}"), &[DEFAULT_CLIENT_SECRET]);
    assert!(stdout.contains("?code=…"), "the code is masked:\n{stdout}");
}
