//! The citypanel demo host gallery: a phone-sized host shell with a city-services entry.

mod shell;

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(shell::App);
}
