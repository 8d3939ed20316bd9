// Types of embed/citypanel-host.js: the host side of the postMessage bridge.
import type { BackAnswer, BackRefusal, HostBridge, HostNotice } from './citypanel';

export interface FrameConnection {
  disconnect(): void;
  /** Passes a change to the panel in the frame (fire and forget); throws on a malformed notice. */
  notify(notice: HostNotice): void;
  /**
   * Asks the panel in the frame to step back one screen (the `back` event); resolves with its
   * `stepped` answer — `'root'` when the frame does not answer within `ms` (default 1000).
   */
  back(ms?: number): Promise<{ answer: BackAnswer; reason?: BackRefusal }>;
  /** The host's page is hidden or shown again (the `visibility` event); see `MountHandle.setHidden`. */
  setHidden(hidden: boolean): void;
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
