// Types of embed/citypanel.js (citypanel bridge contract v1). The bridge's types (between the
// `generated` markers) come from the contract in components/src/bridge/; the rest is by hand.

export type Locale = 'zh-CN' | 'en';
// <generated> by `cargo xtask codegen` from components/src/bridge/{contract,wire}.rs: do not edit.
/**
 * A capability a host may declare: one call a panel makes. Panels use only what is declared and
 * fall back otherwise.
 */
export type HostCapability = 'identity' | 'pay' | 'location' | 'subscribe' | 'open' | 'share';
/** How a payment ended at the host: `pay`'s answer. */
export type PayOutcome = 'success' | 'processing' | 'cancelled' | 'failed' | 'unknown';
/** What a `subscribe` follows and a notice is about. */
export type NoticeTopic = 'violations' | 'bill-due' | 'appointment' | 'progress';

/** A payment the host is asked to take (`pay`'s argument). */
export interface PayOrder {
  /** The platform's order number; settle it with POST /api/v1/orders/{order}/settle. */
  order: string;
  /** Amount in fen. */
  amountFen: number;
  /** Yuan with two decimals, e.g. "200.00". */
  amount: string;
  /** What is paid for, in the panel's locale (e.g. "Water bill"). */
  title: string;
  /** Who is paid (department or collector). */
  payee: string;
  /** The service id. */
  service: string;
}

/** Who is signed in to the host, as far as they agreed to share (`identity`'s answer). */
export interface HostIdentity {
  /** A host-signed token (v1.<payload>.<signature>), sent to the platform as a Bearer token. */
  token?: string;
  /** Only what the user consented to share. `plates` may be a list. */
  attributes?: { name?: string; id_number?: string; mobile?: string; plates?: string | string[]; [k: string]: string | string[] | undefined };
}

/**
 * The host's side of the bridge: the object `mount` takes as `config.bridge` (and `connectFrame`
 * answers the iframe with). Every method is optional; every answer is shape-checked.
 */
export interface HostBridge {
  version?: '1.0';
  /** Declared capabilities; default: the methods present. */
  capabilities?: HostCapability[];
  /**
   * The signed-in user: a host-signed token (sent to the platform as `Authorization: Bearer`,
   * verified per host key: `docs/platform-api.md#identity`) and only the attributes the user
   * consented to share.
   */
  identity?(): Promise<HostIdentity>;
  /**
   * Shows the host's own payment sheet for `order`; its payment backend settles the order on the
   * platform (`POST /api/v1/orders/{order}/settle`).
   */
  pay?(order: PayOrder): Promise<PayOutcome | { outcome: PayOutcome }>;
  /** The user's city: a 6-digit GB/T 2260 code. */
  location?(): Promise<string>;
  /**
   * Follow `key` (a plate, account, booking number) under `topic` in `city` (the panel's 6-digit
   * city code); true when followed.
   */
  subscribe?(topic: string, key: string, city: string): Promise<boolean>;
  /** Open `target`: a service id or a URL. */
  open?(target: string): Promise<void>;
  /**
   * Share `link` (a deep link, `citypanel:1/…`, with no personal data in it) titled `title` through
   * the host's own share sheet; true when shared. Without it the panel shows the link to copy.
   */
  share?(title: string, link: string): Promise<boolean>;
}

/** A change the host learnt of (its push service), for the panel following `key`. */
export interface HostNotice {
  /** The topic a `subscribe(topic, key, city)` followed. */
  topic: NoticeTopic;
  /** The plate, account, booking or application number (1–128 characters). */
  key: string;
  /** What the panel announces (at most 200 characters); a built-in text when absent. */
  message?: string;
}

/** What a postMessage envelope is. */
export type BridgeMessageType = 'request' | 'response' | 'event';
/** The events of the postMessage envelope. */
export type BridgeEvent = 'ready' | 'hello' | 'notify' | 'error' | 'back' | 'stepped' | 'visibility';
/** An envelope's `method`: a capability (requests, responses) or an event. */
export type BridgeMethod = HostCapability | BridgeEvent;

/** One postMessage envelope of the bridge, either way. */
export interface BridgeEnvelope {
  /** The contract version: `1.x`. */
  citypanel: `1.${string}`;
  /** 1–64 characters of [A-Za-z0-9_.:-]; a response repeats its request's. */
  id: string;
  type: BridgeMessageType;
  method: BridgeMethod;
  payload?: unknown;
  /** Only on a response, instead of `payload`. */
  error?: { code: string; message: string };
}

/** The `hello` event's payload: what the host offers. */
export interface BridgeHello {
  /** The declared capabilities. */
  capabilities: HostCapability[];
}
// </generated>

export interface CitypanelTheme {
  /** Hex colours: #rgb, #rrggbb or #rrggbbaa. */
  primary?: string;
  primaryText?: string;
  primarySoft?: string;
  text?: string;
  textMuted?: string;
  surface?: string;
  surfaceMuted?: string;
  /** 0–32 pixels (number or "12px"). */
  radius?: number | string;
  fontFamily?: string;
  /** 0.75–2. */
  fontScale?: number;
  dark?: boolean;
  /** Large-text mode. */
  elder?: boolean;
}

export interface CitypanelConfig {
  /** 6-digit GB/T 2260 city code, e.g. "330100" (optional with a readable `link`: its city). */
  city?: string;
  /**
   * A deep link, format 1 (docs/embedding.md#deep-links): `citypanel:1/<city>/catalog`,
   * `…/mine`, `…/service/<id>?<input>=<value>&…` (non-personal inputs only) or
   * `…/receipt/<service>/<number>`. Not with `service` or `view`. An unreadable link, or one to
   * something the citizen cannot see, opens on an explanation, not an error.
   */
  link?: string;
  locale?: Locale;
  /** A service id; omit for the city's catalog. */
  service?: string;
  /**
   * `"catalog"` (default) or `"mine"`: the signed-in citizen's "My City" (appointments,
   * applications, payments and reminders in this city; needs the bridge's `identity`).
   * Not with `service`.
   */
  view?: 'catalog' | 'mine';
  /** Platform base URL; default the page's origin. */
  platform?: string;
  cityName?: string;
  theme?: CitypanelTheme;
  bridge?: HostBridge;
}

/**
 * `detail` of the `citypanel-error` event a panel's element receives (it bubbles) when the SDK's
 * wasm module traps: every panel then shows "service unavailable" with a retry button, and the
 * rest of the page keeps working. `retry()` does what the button does: mounts the panel again on
 * a fresh instance of the module.
 */
export interface CitypanelErrorDetail {
  code: 'trap';
  /** What happened, for logs (the panic message when there was one). */
  message: string;
  retry(): Promise<void>;
}
export type CitypanelErrorEvent = CustomEvent<CitypanelErrorDetail>;

export interface MountHandle {
  /**
   * Removes the panel: DOM, listeners, timers, intervals (or its "service unavailable"). The
   * panel stays mounted until this is called, even when the handle itself is dropped.
   */
  unmount(): void;
  /** True until `unmount()` — also while it shows "service unavailable" after a trap. */
  readonly mounted: boolean;
  setLocale(locale: Locale): void;
  /**
   * A panel showing `notice.key`'s result under `notice.topic` refreshes it and announces the
   * message; true when one did. Throws an Error naming the problem for a malformed notice.
   */
  notify(notice: HostNotice): boolean;
  /**
   * One step back inside the panel (a result, review or receipt → the form with what was typed;
   * then the screen under it). Ask the panel first when the citizen presses your back button,
   * and leave your city-services entry only on `'root'`. `'refused'` while a submission or
   * payment is in flight (the panel shows why).
   */
  back(): BackAnswer;
  /**
   * Your page (or your city-services entry) is hidden (`true`: the citizen went to your wallet,
   * another chat, the home screen) or shown again (`false`). Polls wait while hidden; on show a
   * payment or booking in flight is reconciled at once. The panel also follows the page's own
   * `visibilitychange`.
   */
  setHidden(hidden: boolean): void;
}

/** What `back()` did: one screen back, at the first screen (the host may leave), or refused. */
export type BackAnswer = 'stepped' | 'root' | 'refused';
/** Why a step back was refused: a submission being sent, an outcome being confirmed, a payment under way. */
export type BackRefusal = 'sending' | 'settling' | 'paying';

/** Loads the wasm and the styles (once). */
export function load(): Promise<unknown>;
/** Mounts a panel; rejects with an Error naming the bad config key and value. */
export function mount(element: Element, config: CitypanelConfig): Promise<MountHandle>;
/** Mounts synchronously, after `await load()`. */
export function mountNow(element: Element, config: CitypanelConfig): MountHandle;
/**
 * Forgets what citizens typed into forms on this page (kept in memory so a form left and
 * opened again shows it). Call it when your user signs out without a page reload.
 */
export function forgetTyped(): Promise<void>;

export interface CityPanelElement extends HTMLElement {
  city: string | null;
  locale: string | null;
  service: string | null;
  bridge: HostBridge | undefined;
  theme: CitypanelTheme | undefined;
  /** As `MountHandle.notify`; false before the panel has rendered. */
  notify(notice: HostNotice): boolean;
  /** As `MountHandle.back`; `'root'` before the panel has rendered. */
  back(): BackAnswer;
  /** As `MountHandle.setHidden`. */
  setHidden(hidden: boolean): void;
  /** The `link` attribute: a deep link to open (`<city-services link="citypanel:1/…">`). */
  link: string | null;
}

declare global {
  interface HTMLElementEventMap {
    'citypanel-error': CitypanelErrorEvent;
  }
  interface HTMLElementTagNameMap {
    'city-services': CityPanelElement;
    'city-service': CityPanelElement;
  }
}
