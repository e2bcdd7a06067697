// The vendor-neutral half of the emulator: one HTTP server that mounts each
// vendor fake under its base path, plus the machinery every vendor shares —
// routing, body parsing, latency, fault injection, the request log, admin
// endpoints and state persistence. Vendor files only supply routes and state.
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { MultipartError, parseMultipart } from "./multipart";

export interface EmulatorClock {
  /** Milliseconds since the epoch: real time plus every advance() so far. */
  now(): number;
  advance(ms: number): void;
  /** How many times faster than real time the clock runs (1: real time). */
  readonly scale: number;
}

/**
 * `scale` makes the clock run faster than real time (match the provider's
 * EURO_HOSTING_TIME_SCALE so both sides agree on how long a job took).
 */
export function createEmulatorClock(options: { scale?: number } = {}): EmulatorClock {
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new RangeError(`clock scale must be positive, got ${scale}`);
  const origin = Date.now();
  let offsetMs = 0;
  return {
    scale,
    now: () => origin + (Date.now() - origin) * scale + offsetMs,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock can only move forward, got ${ms} ms`);
      offsetMs += ms;
    },
  };
}

/**
 * "late" is "applied after the client gave up": the request is held longer
 * than the client waits for an answer and only then applied, so the client
 * sees a timeout and the object appears a moment later.
 */
export type FaultKind = "429" | "5xx" | "drop" | "slow" | "late";

export interface FaultOptions {
  /** Probability (0..1) that a vendor request gets a fault. */
  rate: number;
  /** Picked uniformly; defaults to "429", "5xx", "drop" and "slow" ("late" holds requests for long, so it is asked for by name). */
  kinds?: FaultKind[];
  /** How long a "slow" fault delays the answer; default 30000. */
  slowMs?: number;
  /**
   * How long a "late" fault holds the request before applying it, on the
   * server's clock (EmulatorServerOptions.clock); default 65000, a bit more
   * than the provider's default request timeout of 60 s. Make it longer than
   * the client's EURO_HOSTING_REQUEST_TIMEOUT, measured on the same clock.
   */
  lateHoldMs?: number;
  /** Seed of the fault PRNG, so a run can be reproduced; default 1. */
  seed?: number;
}

export interface RequestRecord {
  vendor: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The status the client received; 0 while in flight and for "drop" faults (no answer at all). */
  status: number;
  fault?: FaultKind;
  /** The client closed the connection before the answer was ready (e.g. it timed out during a "late" or "slow" fault). */
  clientGaveUp?: boolean;
  /** When the request arrived, in real milliseconds since the epoch (not the emulator clock). */
  receivedAt: number;
}

export interface EmulatorRequest {
  method: string;
  /** The full request path, base path included. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** Parsed JSON; for multipart/form-data an object of fields (file fields hold their content as a utf-8 string). */
  body: unknown;
  rawBody: Buffer;
}

export interface EmulatorResponse {
  status: number;
  /** Serialised as JSON. */
  body?: unknown;
  /** Plain text instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** Relative to the vendor's base path; `:name` segments become params, e.g. "/dns/zones/:zoneId". */
  pattern: string;
  handler: (req: EmulatorRequest) => Promise<EmulatorResponse> | EmulatorResponse;
}

export interface VendorEmulator {
  readonly vendor: string;
  /** Mount prefix of the vendor API, e.g. "/gigahost/api/v0". */
  readonly basePath: string;
  routes(): Route[];
  /** Mounted under "/_admin/<vendor>": never faulted, never delayed, never logged. */
  adminRoutes(): Route[];
  /** Vendor-shaped error body, used for injected 429/500 faults, unknown routes and handler crashes. */
  errorBody(status: number, message: string): unknown;
  /** A whole error answer, for vendors whose error text is not in the body (ZoneID's `X-Status-Message`); used by echo mode. */
  errorAnswer?(status: number, message: string): EmulatorResponse;
  snapshot(): unknown;
  restore(state: unknown): void;
}

export interface EmulatorServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  latencyMs?: number;
  faults?: FaultOptions;
  /**
   * The clock "late" faults hold requests on: with the vendors' scaled clock,
   * a hold of 65 s on it takes 65 s / scale of real time. Default: real time.
   */
  clock?: EmulatorClock;
  /** JSON file holding `{ [vendor]: snapshot }`; loaded at start, rewritten after every successful write. */
  statePath?: string;
  log?: (line: string) => void;
  /**
   * Answer every error (injected faults and the vendors' own refusals) with
   * the request echoed into the vendor's error message, headers and body
   * included, the way a careless vendor does. For tests of redaction.
   */
  echoRequestsInErrors?: boolean;
}

export interface EmulatorServer {
  readonly url: string;
  /** url + the vendor's base path. */
  urlFor(vendor: string): string;
  /** Every vendor request (admin requests excluded), in arrival order. */
  readonly requests: RequestRecord[];
  resetRequests(): void;
  setFaults(faults: FaultOptions | undefined): void;
  setLatency(ms: number): void;
  /**
   * Tests: called after a vendor request was applied and before its answer
   * is sent, e.g. to kill the provider process at the worst moment (the
   * object exists, the client never learns its id).
   */
  onApplied(hook: ((request: { vendor: string; method: string; path: string }) => void) | undefined): void;
  /** See EmulatorServerOptions.echoRequestsInErrors. */
  setEchoRequestsInErrors(enabled: boolean): void;
  /**
   * Resolves once no vendor request is being handled: every held "late"
   * write has been applied. Count objects after this, or a write applied a
   * moment later is missed.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const ADMIN_PREFIX = "/_admin";
const DEFAULT_FAULT_KINDS: FaultKind[] = ["429", "5xx", "drop", "slow"];
const ALL_FAULT_KINDS: FaultKind[] = [...DEFAULT_FAULT_KINDS, "late"];
const DEFAULT_LATE_HOLD_MS = 65_000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startEmulatorServer(
  vendors: VendorEmulator[],
  options: EmulatorServerOptions = {},
): Promise<EmulatorServer> {
  const emulator = new EmulatorHttpServer(vendors, options);
  await emulator.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  return emulator;
}

interface MountedVendor {
  emulator: VendorEmulator;
  routes: Route[];
  adminRoutes: Route[];
}

/** What an injected fault does to one request. */
interface FaultPlan {
  kind: FaultKind;
  /** Status to answer with (429, 500, 502, 503); unused for "drop", "slow" and "late". */
  status: number;
  /**
   * Run the handler first and fail only the answer: the vendor applied the
   * change but the client never learns it. Only "5xx" and "drop" do this (half
   * of the time), because those are the failures where real vendors may or may
   * not have committed the write — the case clients find hardest to handle.
   * A "429" is always refused before anything is applied.
   */
  applyFirst: boolean;
  /** Real milliseconds to wait before handling the request ("slow"). */
  delayMs: number;
  /** Milliseconds of the server's clock to hold the request before applying it ("late"). */
  holdMs: number;
}

class FaultInjector {
  private readonly random: () => number;
  private readonly kinds: FaultKind[];

  constructor(private readonly options: FaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError(`fault rate must be within 0..1, got ${options.rate}`);
    this.kinds = options.kinds && options.kinds.length > 0 ? options.kinds : DEFAULT_FAULT_KINDS;
    for (const kind of this.kinds) {
      if (!ALL_FAULT_KINDS.includes(kind)) throw new RangeError(`unknown fault kind ${JSON.stringify(kind)}`);
    }
    const hold = options.lateHoldMs;
    if (hold !== undefined && !(Number.isFinite(hold) && hold >= 0)) throw new RangeError(`lateHoldMs must be >= 0 ms, got ${hold}`);
    this.random = seededRandom(options.seed ?? 1);
  }

  next(): FaultPlan | undefined {
    if (this.random() >= this.options.rate) return undefined;
    const kind = this.kinds[Math.floor(this.random() * this.kinds.length)];
    switch (kind) {
      case "429":
        return { kind, status: 429, applyFirst: false, delayMs: 0, holdMs: 0 };
      case "5xx":
        return { kind, status: [500, 502, 503][Math.floor(this.random() * 3)], applyFirst: this.random() < 0.5, delayMs: 0, holdMs: 0 };
      case "drop":
        return { kind, status: 0, applyFirst: this.random() < 0.5, delayMs: 0, holdMs: 0 };
      case "slow":
        return { kind, status: 0, applyFirst: false, delayMs: this.options.slowMs ?? 30_000, holdMs: 0 };
      case "late":
        return { kind, status: 0, applyFirst: false, delayMs: 0, holdMs: this.options.lateHoldMs ?? DEFAULT_LATE_HOLD_MS };
    }
  }
}

/** mulberry32: tiny, fast and good enough to make fault sequences reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class EmulatorHttpServer implements EmulatorServer {
  readonly requests: RequestRecord[] = [];
  private readonly server: http.Server;
  private readonly vendors: MountedVendor[];
  private readonly genericAdminRoutes: Route[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly log: (line: string) => void;
  private readonly clock: EmulatorClock | undefined;
  private faults: FaultInjector | undefined;
  private latencyMs: number;
  private echoRequestsInErrors: boolean;
  private inFlight = 0;
  private whenSettled: (() => void)[] = [];
  private baseUrl = "";
  private appliedHook: ((request: { vendor: string; method: string; path: string }) => void) | undefined;

  constructor(vendors: VendorEmulator[], private readonly options: EmulatorServerOptions) {
    const names = new Set<string>();
    for (const vendor of vendors) {
      if (names.has(vendor.vendor)) throw new Error(`vendor ${vendor.vendor} is mounted twice`);
      names.add(vendor.vendor);
    }
    this.vendors = vendors.map((emulator) => ({ emulator, routes: emulator.routes(), adminRoutes: emulator.adminRoutes() }));
    this.genericAdminRoutes = this.createGenericAdminRoutes();
    this.log = options.log ?? (() => undefined);
    this.clock = options.clock;
    this.latencyMs = options.latencyMs ?? 0;
    this.echoRequestsInErrors = options.echoRequestsInErrors ?? false;
    this.setFaults(options.faults);
    this.loadState();
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.log(`emulator: unexpected failure: ${errorText(error)}`);
        if (!res.headersSent) send(res, { status: 500, text: "emulator failure\n" });
        else res.destroy();
      });
    });
  }

  get url(): string {
    return this.baseUrl;
  }

  urlFor(vendor: string): string {
    const mounted = this.vendors.find((v) => v.emulator.vendor === vendor);
    if (!mounted) throw new Error(`no emulated vendor named ${vendor}`);
    return this.baseUrl + mounted.emulator.basePath;
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.whenSettled.push(resolve));
  }

  setFaults(faults: FaultOptions | undefined): void {
    this.faults = faults && faults.rate > 0 ? new FaultInjector(faults) : undefined;
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    this.latencyMs = ms;
  }

  onApplied(hook: ((request: { vendor: string; method: string; path: string }) => void) | undefined): void {
    this.appliedHook = hook;
  }

  setEchoRequestsInErrors(enabled: boolean): void {
    this.echoRequestsInErrors = enabled;
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const hostPart = address.address.includes(":") ? `[${address.address}]` : address.address;
    this.baseUrl = `http://${hostPart}:${address.port}`;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    if (rawBody === undefined) {
      send(res, { status: 413, text: "request body too large\n" });
      return;
    }
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const method = (req.method ?? "GET").toUpperCase();
    const query = Object.fromEntries(url.searchParams);
    const headers = flattenHeaders(req.headers);
    const incoming: IncomingParts = { method, path: url.pathname, query, headers, rawBody };

    if (isUnder(url.pathname, ADMIN_PREFIX)) {
      await this.handleAdmin(incoming, res);
      return;
    }
    const vendor = this.vendors.find((v) => isUnder(url.pathname, v.emulator.basePath));
    if (!vendor) {
      send(res, { status: 404, text: `no emulated vendor serves ${url.pathname}\n` });
      return;
    }
    this.inFlight++;
    try {
      await this.handleVendor(vendor, incoming, req, res);
    } finally {
      if (--this.inFlight === 0) for (const resolve of this.whenSettled.splice(0)) resolve();
    }
  }

  private async handleVendor(vendor: MountedVendor, incoming: IncomingParts, req: http.IncomingMessage, res: http.ServerResponse) {
    const record: RequestRecord = {
      vendor: vendor.emulator.vendor,
      method: incoming.method,
      path: incoming.path,
      query: incoming.query,
      status: 0,
      receivedAt: Date.now(),
    };
    this.requests.push(record);
    const fault = this.faults?.next();
    if (fault) record.fault = fault.kind;

    if (fault?.kind === "late" || fault?.kind === "slow") {
      res.once("close", () => {
        if (!res.writableFinished) record.clientGaveUp = true;
      });
    }
    if (this.latencyMs > 0) await this.delay(this.latencyMs);
    if (fault && fault.delayMs > 0) await this.delay(fault.delayMs);

    if (fault?.kind === "late") {
      // Applied only after the hold: the client has given up by then, and
      // the change appears a moment after its timeout.
      await this.hold(fault.holdMs);
      const response = await this.runVendorRoute(vendor, incoming);
      record.status = response.status;
      const gaveUp = record.clientGaveUp ? ", client had given up" : "";
      this.log(`${incoming.method} ${incoming.path} -> ${response.status} (fault late, applied after ${fault.holdMs} ms${gaveUp})`);
      if (!res.destroyed) send(res, response);
      return;
    }

    if (!fault || fault.kind === "slow") {
      const response = await this.runVendorRoute(vendor, incoming);
      record.status = response.status;
      this.log(`${incoming.method} ${incoming.path} -> ${response.status}${fault ? " (fault slow)" : ""}`);
      send(res, response);
      return;
    }

    if (fault.applyFirst) await this.runVendorRoute(vendor, incoming);
    const applied = fault.applyFirst ? ", after applying" : "";
    if (fault.kind === "drop") {
      this.log(`${incoming.method} ${incoming.path} -> connection dropped (fault drop${applied})`);
      req.socket.destroy();
      return;
    }
    record.status = fault.status;
    this.log(`${incoming.method} ${incoming.path} -> ${fault.status} (fault ${fault.kind}${applied})`);
    send(res, this.withEchoedRequest(vendor, incoming, faultResponse(fault, vendor.emulator)));
  }

  /** Runs the vendor's handler and persists state after a successful write. */
  private async runVendorRoute(vendor: MountedVendor, incoming: IncomingParts): Promise<EmulatorResponse> {
    const relativePath = incoming.path.slice(vendor.emulator.basePath.length);
    const response = await this.dispatch(vendor.routes, relativePath, incoming, (status, message) => vendor.emulator.errorBody(status, message));
    if (incoming.method !== "GET" && response.status < 400) {
      this.saveState();
      this.appliedHook?.({ vendor: vendor.emulator.vendor, method: incoming.method, path: incoming.path });
    }
    return this.withEchoedRequest(vendor, incoming, response);
  }

  /**
   * In echo mode, an error answer whose message repeats the whole request —
   * method, path, query, headers (Authorization included) and the raw body —
   * placed where the vendor's error text goes: ZoneID's `X-Status-Message`
   * header, a plain-text body, or the vendor's JSON error shape.
   */
  private withEchoedRequest(vendor: MountedVendor, incoming: IncomingParts, response: EmulatorResponse): EmulatorResponse {
    if (!this.echoRequestsInErrors || response.status < 400) return response;
    const query = new URLSearchParams(incoming.query).toString();
    // The values alone too, as a vendor names the ones it refused ("'…' is not valid"), away from their field names.
    const parsed = parseBody(incoming.headers["content-type"], incoming.rawBody);
    const values = parsed.ok ? stringLeaves(parsed.body) : [];
    const echo =
      `request: ${incoming.method} ${incoming.path}${query ? `?${query}` : ""} ` +
      `headers ${JSON.stringify(incoming.headers)} body ${incoming.rawBody.toString("utf8")} values ${JSON.stringify(values)}`;
    const statusMessage = response.headers?.["x-status-message"];
    if (statusMessage !== undefined) {
      return { ...response, headers: { ...response.headers, "x-status-message": headerSafe(`${statusMessage}; ${echo}`) } };
    }
    if (response.text !== undefined) return { ...response, text: `${response.text.trimEnd()}; ${echo}\n` };
    const original = response.body === undefined ? http.STATUS_CODES[response.status] : JSON.stringify(response.body);
    const message = `${original}; ${echo}`;
    if (vendor.emulator.errorAnswer) {
      const answer = vendor.emulator.errorAnswer(response.status, message);
      return { ...answer, headers: { ...response.headers, ...mapValues(answer.headers ?? {}, headerSafe) } };
    }
    return { ...response, body: vendor.emulator.errorBody(response.status, message) };
  }

  private async handleAdmin(incoming: IncomingParts, res: http.ServerResponse): Promise<void> {
    const adminPath = incoming.path.slice(ADMIN_PREFIX.length);
    const vendor = this.vendors.find((v) => isUnder(adminPath, `/${v.emulator.vendor}`));
    const routes = vendor ? vendor.adminRoutes : this.genericAdminRoutes;
    const relativePath = vendor ? adminPath.slice(vendor.emulator.vendor.length + 1) : adminPath;
    const response = await this.dispatch(routes, relativePath, incoming, (_status, message) => ({ error: message }));
    if (vendor && incoming.method !== "GET" && response.status < 400) this.saveState();
    send(res, response);
  }

  private async dispatch(
    routes: Route[],
    relativePath: string,
    incoming: IncomingParts,
    errorBody: (status: number, message: string) => unknown,
  ): Promise<EmulatorResponse> {
    const match = matchRoute(routes, incoming.method, relativePath);
    if (!match) return { status: 404, body: errorBody(404, "Endpoint not found.") };
    const parsed = parseBody(incoming.headers["content-type"], incoming.rawBody);
    if (!parsed.ok) return { status: 400, body: errorBody(400, parsed.message) };
    try {
      return await match.route.handler({ ...incoming, params: match.params, body: parsed.body });
    } catch (error) {
      this.log(`${incoming.method} ${incoming.path} handler failed: ${errorText(error)}`);
      return { status: 500, body: errorBody(500, "Internal server error") };
    }
  }

  private createGenericAdminRoutes(): Route[] {
    return [
      { method: "GET", pattern: "/requests", handler: () => ({ status: 200, body: this.requests }) },
      {
        method: "DELETE",
        pattern: "/requests",
        handler: () => {
          this.resetRequests();
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/faults",
        handler: (req) => {
          const body = asObject(req.body);
          const rate = Number(body.rate ?? 0);
          try {
            this.setFaults({
              rate,
              kinds: Array.isArray(body.kinds) ? (body.kinds as FaultKind[]) : undefined,
              slowMs: body.slowMs === undefined ? undefined : Number(body.slowMs),
              lateHoldMs: body.lateHoldMs === undefined ? undefined : Number(body.lateHoldMs),
              seed: body.seed === undefined ? undefined : Number(body.seed),
            });
          } catch (error) {
            return { status: 400, body: { error: errorText(error) } };
          }
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/latency",
        handler: (req) => {
          try {
            this.setLatency(Number(asObject(req.body).ms));
          } catch (error) {
            return { status: 400, body: { error: errorText(error) } };
          }
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/echo",
        handler: (req) => {
          this.setEchoRequestsInErrors(asObject(req.body).enabled === true);
          return { status: 200, body: { ok: true } };
        },
      },
    ];
  }

  /**
   * Waits until `ms` have passed on the server's clock (real time without
   * one). Looks at the clock at least every 100 ms of real time, so a test's
   * clock.advance() ends the hold as it would end a vendor job.
   */
  private async hold(ms: number): Promise<void> {
    if (!this.clock) return this.delay(ms);
    const until = this.clock.now() + ms;
    for (let left = ms; left > 0; left = until - this.clock.now()) {
      await this.delay(Math.min(100, Math.ceil(left / this.clock.scale)));
    }
  }

  /** The only timer in the core; close() cancels pending ones. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private loadState(): void {
    const statePath = this.options.statePath;
    if (!statePath || !fs.existsSync(statePath)) return;
    const saved = JSON.parse(fs.readFileSync(statePath, "utf8")) as Record<string, unknown>;
    for (const { emulator } of this.vendors) {
      if (saved[emulator.vendor] !== undefined) emulator.restore(saved[emulator.vendor]);
    }
  }

  private saveState(): void {
    const statePath = this.options.statePath;
    if (!statePath) return;
    const state = Object.fromEntries(this.vendors.map(({ emulator }) => [emulator.vendor, emulator.snapshot()]));
    // Write-then-rename so a crash mid-write never leaves a truncated state file.
    const temporary = `${statePath}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(path.resolve(statePath)), { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(state, null, 2));
    fs.renameSync(temporary, statePath);
  }
}

interface IncomingParts {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

function faultResponse(fault: FaultPlan, vendor: VendorEmulator): EmulatorResponse {
  switch (fault.status) {
    case 429:
      return { status: 429, body: vendor.errorBody(429, "Too many requests"), headers: { "retry-after": "1" } };
    case 500:
      return { status: 500, body: vendor.errorBody(500, "Internal server error") };
    default:
      // 502/503 come from the load balancer in front of a vendor, not the vendor's own code: plain text.
      return { status: fault.status, text: `${fault.status} ${http.STATUS_CODES[fault.status]}\n` };
  }
}

function matchRoute(routes: Route[], method: string, relativePath: string): { route: Route; params: Record<string, string> } | undefined {
  const segments = splitPath(relativePath);
  for (const route of routes) {
    if (route.method.toUpperCase() !== method) continue;
    const patternSegments = splitPath(route.pattern);
    if (patternSegments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = patternSegments.every((expected, i) => {
      if (expected.startsWith(":")) {
        params[expected.slice(1)] = safeDecode(segments[i]);
        return true;
      }
      return expected === segments[i];
    });
    if (matches) return { route, params };
  }
  return undefined;
}

function splitPath(value: string): string[] {
  return value.split("/").filter((segment) => segment !== "");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isUnder(requestPath: string, prefix: string): boolean {
  return requestPath === prefix || requestPath.startsWith(prefix + "/");
}

type ParsedBody = { ok: true; body: unknown } | { ok: false; message: string };

function parseBody(contentType: string | undefined, rawBody: Buffer): ParsedBody {
  const type = (contentType ?? "").toLowerCase();
  if (rawBody.length === 0) return { ok: true, body: undefined };
  if (type.includes("json")) {
    try {
      return { ok: true, body: JSON.parse(rawBody.toString("utf8")) };
    } catch {
      return { ok: false, message: "Invalid JSON body." };
    }
  }
  if (type.startsWith("multipart/form-data")) {
    try {
      return { ok: true, body: parseMultipart(rawBody, contentType ?? "") };
    } catch (error) {
      if (error instanceof MultipartError) return { ok: false, message: "Invalid multipart body." };
      throw error;
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { ok: true, body: Object.fromEntries(new URLSearchParams(rawBody.toString("utf8"))) };
  }
  return { ok: true, body: undefined };
}

/** Resolves undefined when the body exceeds MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}

function send(res: http.ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  let payload: string | undefined;
  if (response.text !== undefined) {
    payload = response.text;
    headers["content-type"] ??= "text/plain; charset=utf-8";
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers["content-type"] ??= "application/json";
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

function mapValues(values: Record<string, string>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, map(value)]));
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** A header value Node accepts: control and non-Latin-1 characters written as JSON escapes. */
function headerSafe(value: string): string {
  const escape = (char: string) => (char === "\n" ? "\\n" : char === "\r" ? "\\r" : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, escape);
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
