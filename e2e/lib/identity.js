// Identity for the suite's own requests to the platform: personal routes (orders, payment
// status, subscriptions, My City) need a host-signed token by default (docs/security.md), so a
// test reading or changing a citizen's data does it as that citizen, as a host would.

/** A token the sandbox mints for `host`'s user `sub` (loopback-only `/admin/tokens`). */
export async function tokenFor(sandbox, host, sub, ttl = 600) {
  const r = await fetch(`${sandbox.url}/admin/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ host, sub, ttl_s: ttl }),
  });
  if (!r.ok) throw new Error(`minting a token for ${host}:${sub}: ${r.status} ${await r.text()}`);
  return (await r.json()).token;
}

/** Headers for a JSON request as `host:sub` (plus `extra`). */
export async function asUser(sandbox, host, sub, extra = {}) {
  const token = await tokenFor(sandbox, host, sub);
  return { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra };
}

/**
 * Reports `outcome` for `order` the way the host's payment provider does: through the
 * sandbox's stand-in for the wallet's backend, which signs the notification to the platform
 * (a citizen's own `success` is no proof of payment).
 */
export async function providerSettle(sandbox, headers, order, outcome) {
  return fetch(`${sandbox.url}/sandbox/provider/orders/${encodeURIComponent(order)}/settle`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ outcome }),
  });
}
