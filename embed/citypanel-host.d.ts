// Types of embed/citypanel-host.js: the host side of the postMessage bridge.
import type { HostBridge, HostNotice } from './citypanel';

export interface FrameConnection {
  disconnect(): void;
  /** Passes a change to the panel in the frame (fire and forget); throws on a malformed notice. */
  notify(notice: HostNotice): void;
  readonly stats: { accepted: number; rejected: number };
}

/**
 * Answers the citypanel iframe at exactly `origin` with `bridge`. When the panel in the frame
 * stops (its module trapped), the iframe element receives a bubbling `citypanel-error` event
 * (`CitypanelErrorEvent` of `./citypanel`; `detail.retry()` reloads the frame).
 */
export function connectFrame(iframe: HTMLIFrameElement, options: { origin: string; bridge: HostBridge }): FrameConnection;
/** An error text for a malformed incoming envelope, or null. */
export function checkEnvelope(message: unknown): string | null;
