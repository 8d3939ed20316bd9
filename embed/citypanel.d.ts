// Types of embed/citypanel.js (citypanel bridge contract v1).

export type Locale = 'zh-CN' | 'en';
export type HostCapability = 'identity' | 'pay' | 'location' | 'subscribe' | 'open';
export type PayOutcome = 'success' | 'processing' | 'cancelled' | 'failed' | 'unknown';

export interface PayOrder {
  /** The platform's order number; settle it with POST /api/v1/orders/{order}/settle. */
  order: string;
  amountFen: number;
  /** Yuan with two decimals, e.g. "200.00". */
  amount: string;
  title: string;
  payee: string;
  service: string;
}

export interface HostIdentity {
  /** A host-signed token (v1.<payload>.<signature>), sent to the platform as a Bearer token. */
  token?: string;
  /** Only what the user consented to share. `plates` may be a list. */
  attributes?: { name?: string; id_number?: string; mobile?: string; plates?: string | string[]; [k: string]: string | string[] | undefined };
}

export interface HostBridge {
  version?: '1.0';
  /** Declared capabilities; default: the methods present. */
  capabilities?: HostCapability[];
  identity?(): Promise<HostIdentity>;
  pay?(order: PayOrder): Promise<PayOutcome | { outcome: PayOutcome }>;
  location?(): Promise<string>;
  /** Follow `key` (a plate, account, …) under `topic` in `city` (the panel's 6-digit city code). */
  subscribe?(topic: string, key: string, city: string): Promise<boolean>;
  open?(target: string): Promise<void>;
}

export type NoticeTopic = 'violations' | 'bill-due' | 'appointment' | 'progress';

/** A change the host learnt of (its push service), for the panel following `key`. */
export interface HostNotice {
  /** The topic a `subscribe(topic, key, city)` followed. */
  topic: NoticeTopic;
  /** The plate, account, booking or application number (1–128 characters). */
  key: string;
  /** What the panel announces (at most 200 characters); a built-in text when absent. */
  message?: string;
}

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
  /** 6-digit GB/T 2260 city code, e.g. "330100". */
  city: string;
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

export interface MountHandle {
  /** Removes the panel: DOM, listeners, timers, intervals. */
  unmount(): void;
  readonly mounted: boolean;
  setLocale(locale: Locale): void;
  /**
   * A panel showing `notice.key`'s result under `notice.topic` refreshes it and announces the
   * message; true when one did. Throws an Error naming the problem for a malformed notice.
   */
  notify(notice: HostNotice): boolean;
}

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
}

declare global {
  interface HTMLElementTagNameMap {
    'city-services': CityPanelElement;
    'city-service': CityPanelElement;
  }
}
