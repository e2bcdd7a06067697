// What a vendor fake gives the core (server.ts): its routes, the layers
// around them, its admin routes, how it renders a refusal, its job clock, and
// its state. Everything else (serving, faults, the request log, persistence)
// is the core's.
import type { EmulatorError } from "./errors";
import type { JobClock } from "./jobs";
import type { EmulatorResponse, Middleware, Route } from "./routing";

export interface VendorEmulator {
  readonly vendor: string;
  /** Mount prefix of the vendor API, e.g. "/gigahost/api/v0". */
  readonly basePath: string;
  /** The vendor API: the tables of every area, concatenated (see routing.ts). */
  routes(): Route[];
  /** Layers around every vendor route, outermost first (authentication, rate limits, document checks). */
  middleware?(): Middleware[];
  /** Mounted under "/_admin/<vendor>": never faulted, never delayed, never logged. */
  adminRoutes(): Route[];
  /**
   * The vendor's answer to a refusal: what a route or middleware threw,
   * injected 429/500 faults, unknown routes, unreadable bodies, handler
   * crashes, and echo mode's errors. The error's own `headers` are added by
   * the core.
   */
  errorAnswer(error: EmulatorError): EmulatorResponse;
  /** The vendor's asynchronous work; the core runs its due jobs before every request. */
  readonly jobs?: JobClock;
  snapshot(): unknown;
  restore(state: unknown): void;
}
