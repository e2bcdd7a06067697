// What every ZoneID answer goes through, as middleware (outermost first):
// the 60-requests-per-minute limit with X-Ratelimit-* on every answer, HTTP
// Basic authentication, the check against the vendor's OpenAPI document
// (spec.ts), and the injectable 409 / "process locked" refusals of writes.
import { EmulatorError, type EmulatorClock, type EmulatorRequest, type Middleware } from "../core";
import { errorAnswer, unprocessable } from "./errors";
import { zoneidSpec } from "./spec";

export type Refusal = "409" | "locked";

/** The request window of the rate limit (the vendor limits per IP; the emulator models one IP). */
export class ZoneidRateLimit {
  /** Start times of requests in the current window. */
  private window: number[] = [];
  /** 429 answers given, for tests. */
  refused = 0;

  constructor(
    private readonly clock: EmulatorClock,
    readonly limit: number,
    private readonly windowMs: number,
    private readonly enabled: boolean,
  ) {}

  /** Outermost: refuses over the limit, and puts X-Ratelimit-* on every answer, refusals included. */
  middleware(): Middleware {
    return async (_req, next) => {
      const wait = this.book();
      let response;
      if (wait === undefined) response = await next();
      else {
        this.refused++;
        response = errorAnswer(new EmulatorError(429, "Too many requests"));
        response.headers = { ...response.headers, "retry-after": String(Math.ceil(wait / 1000)) };
      }
      const remaining = this.enabled ? Math.max(0, this.limit - this.window.length) : this.limit;
      return { ...response, headers: { ...response.headers, "x-ratelimit-limit": String(this.limit), "x-ratelimit-remaining": String(remaining) } };
    };
  }

  /** Books one request; returns the ms until a slot frees when the window is full. */
  private book(): number | undefined {
    if (!this.enabled) return undefined;
    const now = this.clock.now();
    this.window = this.window.filter((started) => started + this.windowMs > now);
    if (this.window.length >= this.limit) return this.window[0] + this.windowMs - now;
    this.window.push(now);
    return undefined;
  }
}

/** HTTP Basic with username and API key. */
export function basicAuthentication(users: readonly { username: string; apiKey: string }[]): Middleware {
  return (req, next) => {
    const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const [username, apiKey] = match ? Buffer.from(match[1], "base64").toString("utf8").split(/:(.*)/s) : [];
    if (!users.some((user) => user.username === username && user.apiKey === apiKey)) throw new EmulatorError(401, "Unauthorized");
    return next();
  };
}

/**
 * Holds each request to the spec operation it falls on: 404 for a path the
 * API does not have (or a path parameter outside its schema, e.g. an unknown
 * action), 405 for a method the path does not take, 422 naming each refused
 * query or body field. A success status the operation does not list is a bug
 * of the emulator (500).
 */
export function documentedOperations(basePath: string): Middleware {
  return async (req, next) => {
    const operation = specOperation(req, basePath);
    const response = await next();
    if (response.status < 300 && !operation.successStatuses.includes(response.status)) {
      throw new Error(`zoneid emulator: ${req.method} ${operation.template} answered ${response.status}; the spec lists ${operation.successStatuses.join(", ")}`);
    }
    return response;
  };
}

function specOperation(req: EmulatorRequest, basePath: string) {
  const spec = zoneidSpec();
  const match = spec.match(req.method, req.path.slice(basePath.length));
  if (match.kind === "unknown-path") throw new EmulatorError(404, "Endpoint not found");
  if (match.kind === "method-not-allowed") throw new EmulatorError(405, `Method not allowed (allowed: ${match.allowed.join(", ")})`);
  const { operation, params } = match;
  const pathErrors = spec.pathErrors(operation, params);
  if (pathErrors.length) throw new EmulatorError(404, `Endpoint not found: ${pathErrors.map((error) => `${error.field} ${error.message}`).join("; ")}`);
  const fieldErrors = [...spec.queryErrors(operation, req.query), ...spec.bodyErrors(operation, req.body)];
  if (fieldErrors.length) {
    const fields: Record<string, string[]> = {};
    for (const error of fieldErrors) (fields[error.field] ??= []).push(error.message);
    throw unprocessable(`Invalid input: ${fieldErrors.map((error) => `${error.field} ${error.message}`).join("; ")}`, fields);
  }
  return operation;
}

/** Refusals a test queued for the next writes (ZoneIDEmulator.refuseNext). */
export class ZoneidRefusals {
  private queue: Refusal[] = [];

  add(kind: Refusal, count: number): void {
    for (let i = 0; i < count; i++) this.queue.push(kind);
  }

  middleware(): Middleware {
    return (req, next) => {
      const refusal = req.method !== "GET" ? this.queue.shift() : undefined;
      if (refusal === "409") throw new EmulatorError(409, "Concurrent request in progress");
      if (refusal === "locked") throw new EmulatorError(400, "Process locked");
      return next();
    };
  }
}
