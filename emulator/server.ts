// The HTTP server that mounts each vendor fake under its base path: body
// reading, dispatch to the vendor's routes and middleware, latency, fault
// injection, the request log, admin endpoints, the job clock and the state
// file. Vendor files supply only routes, error rendering, jobs and state.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorClock } from "./clock";
import { withEchoedRequest } from "./echo";
import { EmulatorError, internalError } from "./errors";
import { FaultInjector, type FaultKind, type FaultOptions, faultAnswer } from "./faults";
import { serverAdminRoutes } from "./admin";
import { flattenHeaders, readBody, send } from "./http-io";
import { loadState, saveState } from "./persistence";
import { type EmulatorResponse, type ErrorRenderer, type Middleware, type Route, isUnder, matchRoute, parseBody, renderError, runRoute } from "./routing";
import type { VendorEmulator } from "./vendor";

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

/** Tests' hook on an applied vendor write: may throw (the answer is lost) or return an answer to send instead. */
export type AppliedHook = (request: { vendor: string; method: string; path: string }) => EmulatorResponse | void;

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
   * object exists, the client never learns its id). An answer the hook
   * returns is sent instead of the vendor's (e.g. a 2xx whose body a client
   * cannot read); its status is the one recorded.
   */
  onApplied(hook: AppliedHook | undefined): void;
  /**
   * Tests: `listener` hears every vendor request once the emulator is done
   * with it (answered, dropped or given up on; `status` is final), until the
   * returned function is called. Lets a test wait for a request instead of
   * polling `requests` on a timer.
   */
  onAnswered(listener: (request: RequestRecord) => void): () => void;
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

export async function startEmulatorServer(vendors: VendorEmulator[], options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const emulator = new EmulatorHttpServer(vendors, options);
  await emulator.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  return emulator;
}

interface MountedVendor {
  emulator: VendorEmulator;
  routes: Route[];
  middleware: Middleware[];
  adminRoutes: Route[];
  render: ErrorRenderer;
}

interface IncomingParts {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** Admin routes answer refusals as `{ error, fields? }`, whatever the vendor. */
const renderAdminError: ErrorRenderer = (error) => ({ status: error.status, body: { error: error.message, fields: error.fields } });

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
  private appliedHook: AppliedHook | undefined;
  private readonly answeredListeners = new Set<(request: RequestRecord) => void>();

  constructor(
    vendors: VendorEmulator[],
    private readonly options: EmulatorServerOptions,
  ) {
    const names = new Set<string>();
    for (const vendor of vendors) {
      if (names.has(vendor.vendor)) throw new Error(`vendor ${vendor.vendor} is mounted twice`);
      names.add(vendor.vendor);
    }
    this.vendors = vendors.map((emulator) => ({
      emulator,
      routes: emulator.routes(),
      middleware: emulator.middleware?.() ?? [],
      adminRoutes: emulator.adminRoutes(),
      render: (error) => emulator.errorAnswer(error),
    }));
    this.genericAdminRoutes = serverAdminRoutes(this);
    this.log = options.log ?? (() => undefined);
    this.clock = options.clock;
    this.latencyMs = options.latencyMs ?? 0;
    this.echoRequestsInErrors = options.echoRequestsInErrors ?? false;
    this.setFaults(options.faults);
    loadState(options.statePath, vendors);
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

  onApplied(hook: AppliedHook | undefined): void {
    this.appliedHook = hook;
  }

  onAnswered(listener: (request: RequestRecord) => void): () => void {
    this.answeredListeners.add(listener);
    return () => this.answeredListeners.delete(listener);
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
    try {
      await this.answerVendor(vendor, incoming, record, req, res);
    } finally {
      for (const listener of [...this.answeredListeners]) listener(record);
    }
  }

  private async answerVendor(vendor: MountedVendor, incoming: IncomingParts, record: RequestRecord, req: http.IncomingMessage, res: http.ServerResponse) {
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
    const answer = faultAnswer(fault);
    send(res, this.echoed(vendor, incoming, answer instanceof EmulatorError ? renderError(vendor.render, answer) : answer));
  }

  /** Runs the vendor's due jobs, then its route; persists state after a successful write. */
  private async runVendorRoute(vendor: MountedVendor, incoming: IncomingParts): Promise<EmulatorResponse> {
    this.runDueJobs();
    const relativePath = incoming.path.slice(vendor.emulator.basePath.length);
    const response = await this.dispatch(vendor.routes, vendor.middleware, relativePath, incoming, vendor.render);
    if (incoming.method !== "GET" && response.status < 400) {
      this.persist();
      const replaced = this.appliedHook?.({ vendor: vendor.emulator.vendor, method: incoming.method, path: incoming.path });
      if (replaced) return replaced;
    }
    return this.echoed(vendor, incoming, response);
  }

  private echoed(vendor: MountedVendor, incoming: IncomingParts, response: EmulatorResponse): EmulatorResponse {
    return this.echoRequestsInErrors ? withEchoedRequest(incoming, response, vendor.render) : response;
  }

  private async handleAdmin(incoming: IncomingParts, res: http.ServerResponse): Promise<void> {
    const adminPath = incoming.path.slice(ADMIN_PREFIX.length);
    const vendor = this.vendors.find((v) => isUnder(adminPath, `/${v.emulator.vendor}`));
    const routes = vendor ? vendor.adminRoutes : this.genericAdminRoutes;
    const relativePath = vendor ? adminPath.slice(vendor.emulator.vendor.length + 1) : adminPath;
    this.runDueJobs();
    const response = await this.dispatch(routes, [], relativePath, incoming, renderAdminError);
    // An admin request may have moved the clock: apply what fell due before answering.
    this.runDueJobs();
    if (vendor && incoming.method !== "GET" && response.status < 400) this.persist();
    send(res, response);
  }

  private async dispatch(
    routes: Route[],
    middleware: Middleware[],
    relativePath: string,
    incoming: IncomingParts,
    render: ErrorRenderer,
  ): Promise<EmulatorResponse> {
    const match = matchRoute(routes, incoming.method, relativePath);
    if (!match) return renderError(render, new EmulatorError(404, "Endpoint not found."));
    const parsed = parseBody(incoming.headers["content-type"], incoming.rawBody);
    if (!parsed.ok) return renderError(render, new EmulatorError(400, parsed.message));
    const request = { ...incoming, pattern: match.route.pattern, params: match.params, body: parsed.body };
    try {
      return await runRoute(match.route, middleware, request, render);
    } catch (error) {
      this.log(`${incoming.method} ${incoming.path} handler failed: ${errorText(error)}`);
      return renderError(render, internalError());
    }
  }

  /** Every vendor's jobs due by now, before a request is handled (vendors may share one clock). */
  private runDueJobs(): void {
    for (const { emulator } of this.vendors) emulator.jobs?.runDue();
  }

  private persist(): void {
    saveState(
      this.options.statePath,
      this.vendors.map((vendor) => vendor.emulator),
    );
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
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
