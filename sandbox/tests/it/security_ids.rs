//! Unguessable ids (issue #15): 128 random bits per id, so one's own id says nothing about
//! another citizen's order, booking, subscription or payment page.

use crate::common;

use std::collections::HashSet;

use citypanel_sandbox::ids::new_id;
use common::Sandbox;
use serde_json::json;

/// The inverse of SplitMix64's finalizer (the old ids' scrambler): an id built from a
/// counter that way unscrambles to consecutive numbers.
fn unsplitmix64(z: u64) -> u64 {
    fn unxorshift(y: u64, k: u32) -> u64 {
        let mut x = y;
        for _ in 0..(64 / k + 1) {
            x = y ^ (x >> k);
        }
        x
    }
    fn inverse(a: u64) -> u64 {
        // Newton's iteration for the inverse of an odd number modulo 2^64.
        let mut x = a;
        for _ in 0..6 {
            x = x.wrapping_mul(2u64.wrapping_sub(a.wrapping_mul(x)));
        }
        x
    }
    let mut x = unxorshift(z, 31);
    x = unxorshift(x.wrapping_mul(inverse(0x94d0_49bb_1331_11eb)), 27);
    x = unxorshift(x.wrapping_mul(inverse(0xbf58_476d_1ce4_e5b9)), 30);
    x.wrapping_sub(0x9e37_79b9_7f4a_7c15)
}

fn bits(id: &str, prefix: &str) -> u128 {
    let hex = id.strip_prefix(prefix).unwrap_or_else(|| panic!("`{id}` lacks `{prefix}`"));
    assert_eq!(hex.len(), 32, "`{id}` is not 128 bits");
    assert!(hex.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{id}");
    u128::from_str_radix(hex, 16).expect("hex")
}

#[test]
fn ten_thousand_ids_are_128_random_bits_and_unrelated() {
    let ids: Vec<u128> = (0..10_000).map(|_| bits(&new_id("ord"), "ord_")).collect();
    let prefixes: HashSet<u64> = ids.iter().map(|id| (id >> 64) as u64).collect();
    assert_eq!(prefixes.len(), ids.len(), "two ids share a 64-bit prefix");
    let steps: HashSet<u128> = ids.windows(2).map(|w| w[1].wrapping_sub(w[0])).collect();
    assert!(steps.len() > 9_990, "ids differ by a constant: {} distinct steps", steps.len());
    // Not an invertible scramble of a counter either (what the ids were before).
    let unscrambled: Vec<u64> = ids.iter().map(|id| unsplitmix64((id >> 64) as u64)).collect();
    let consecutive = unscrambled.windows(2).filter(|w| w[1] == w[0].wrapping_add(1)).count();
    assert_eq!(consecutive, 0, "ids unscramble to a counter");
    // About half of the bits are set, in every position.
    for bit in 0..128 {
        let set = ids.iter().filter(|id| (*id >> bit) & 1 == 1).count();
        assert!((4_600..=5_400).contains(&set), "bit {bit} set in {set} of 10000 ids");
    }
}

#[test]
fn the_inverse_scramble_recovers_a_counter() {
    // The check above can fail: the old ids (a counter through SplitMix64) unscramble.
    let seed = 0x1234_5678_9abc_def0u64;
    for n in 0..100 {
        let old = citypanel_sandbox::ids::splitmix64(seed.wrapping_add(n));
        assert_eq!(unsplitmix64(old), seed.wrapping_add(n));
    }
}

#[tokio::test]
async fn order_and_subscription_ids_from_the_api_are_128_bits() {
    let sandbox = Sandbox::start().await;
    let order = json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": "SW3301202504018826",
        "amount_fen": 5130, "user": "u-1"
    });
    let (status, body) = sandbox.post_keyed("/api/v1/orders", "security-ids-order-1", &order).await;
    assert!(status == 201 || status == 200, "{status} {body}");
    bits(body["order"]["id"].as_str().unwrap_or_default(), "ord_");
    let follow =
        json!({ "topic": "violations", "key": "浙A12345", "user": "u-1", "city": "330100" });
    let (status, body) = sandbox.post_json("/api/v1/subscriptions", &follow).await;
    assert!(status == 201 || status == 200, "{status} {body}");
    bits(body["subscription"]["id"].as_str().unwrap_or_default(), "sub_");
    sandbox.running.shutdown().await.expect("stops");
}
