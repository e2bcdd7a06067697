// The ZoneID (Zone.eu) API v2 fake: HTTP Basic auth, the 60-requests-per-
// minute limit on a (scalable) clock, X-Ratelimit-* and X-Status-Message on
// every answer, x-pager-* paging, system records, and injectable 409 /
// "process locked" refusals. Every request is held to the vendor's OpenAPI
// document first (spec.ts): an undocumented method or path is refused as the
// API refuses it, a body the operation's schema refuses answers 422 naming
// the field, and a success status the operation does not list is a bug of
// the emulator (500).
import { type EmulatorClock, type EmulatorRequest, type EmulatorResponse, type Route, type VendorEmulator, createEmulatorClock } from "../core";
import { type DnsSnapshot, type RecordType, type RecordView, type ZoneView, ZoneidDnsState, asObject, isRecordType } from "./dns-state";
import { ZoneidApiError, errorResponse } from "./errors";
import { type CloudSnapshot, type CloudTimings, ZoneidCloudState } from "./cloud-state";
import { type DomainSnapshot, ZoneidDomainState } from "./domain-state";
import { type HostingSnapshot, ZoneidHostingState } from "./hosting-state";
import { SPEC_METHODS, type SpecOperation, zoneidSpec } from "./spec";

export const DEFAULT_ZONEID_USERNAME = "zoneuser";
export const DEFAULT_ZONEID_API_KEY = "zapi-" + "7f3c9a1e5b2d4c6a".repeat(2);

export interface ZoneidEmulatorOptions {
  clock?: EmulatorClock;
  users?: { username: string; apiKey: string }[];
  /** Requests per window (default 60 per 60 s); false turns the limit off. */
  rateLimit?: { limit: number; windowMs?: number } | false;
  /**
   * "documented" pages only the lists the spec marks as paged (default 10
   * per page); "all" pages every list that could be paged, for tests of
   * clients that must follow pages wherever a list can be long. DNS record
   * lists are never paged: their operations take no pager parameters.
   */
  paging?: "documented" | "all";
  /** URL records need a package upgrade: POST/PUT answer 402. */
  urlRecordsNeedUpgrade?: boolean;
  basePath?: string;
  /** Cloud server order and operation durations on the emulator clock. */
  cloudTimings?: CloudTimings;
}

/** Lists the spec gives x-pager-* parameters (zoneid-openapi.json); DNS record lists are not among them. */
const DOCUMENTED_PAGED = [/^\/domain$/, /^\/cloud\/[^/]+$/, /^\/vserver\/[^/]+\//];

type Refusal = "409" | "locked";

interface ZoneidSnapshot {
  dns: DnsSnapshot;
  hosting?: HostingSnapshot;
  cloud?: CloudSnapshot;
  domains?: DomainSnapshot;
}

export class ZoneidEmulator implements VendorEmulator {
  readonly vendor = "zoneid";
  readonly basePath: string;
  readonly clock: EmulatorClock;
  readonly dns: ZoneidDnsState;
  /** Web hosting (vserver) services and their collections. */
  readonly hosting = new ZoneidHostingState();
  /** Domains: settings, nameservers, contacts. */
  readonly domains = new ZoneidDomainState();
  /** Cloud server orders and VMs. */
  readonly cloud: ZoneidCloudState;
  private readonly users: { username: string; apiKey: string }[];
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly limited: boolean;
  private readonly paging: "documented" | "all";
  private urlNeedsUpgrade: boolean;
  /** Start times of requests in the current window (the vendor limits per IP; the emulator models one IP). */
  private window: number[] = [];
  private refusals: Refusal[] = [];
  /** 429 answers given, for tests. */
  rateLimitedCount = 0;

  constructor(options: ZoneidEmulatorOptions = {}) {
    this.basePath = options.basePath ?? "/zoneid/v2";
    this.clock = options.clock ?? createEmulatorClock();
    this.users = options.users ?? [{ username: DEFAULT_ZONEID_USERNAME, apiKey: DEFAULT_ZONEID_API_KEY }];
    this.limited = options.rateLimit !== false;
    this.limit = options.rateLimit ? options.rateLimit.limit : 60;
    this.windowMs = (options.rateLimit && options.rateLimit.windowMs) || 60_000;
    this.paging = options.paging ?? "documented";
    this.urlNeedsUpgrade = options.urlRecordsNeedUpgrade ?? false;
    this.cloud = new ZoneidCloudState(this.clock, options.cloudTimings);
    this.dns = new ZoneidDnsState({ urlRecordsNeedUpgrade: () => this.urlNeedsUpgrade });
  }

  routes(): Route[] {
    const typed = (handler: (req: EmulatorRequest, type: RecordType) => EmulatorResponse) => (req: EmulatorRequest) => {
      const type = req.params.type;
      if (!isRecordType(type)) throw new ZoneidApiError(404, "Endpoint not found");
      return handler(req, type);
    };
    const vendorRoutes: Route[] = [
      { method: "GET", pattern: "/dns/:zone", handler: (req) => ok(200, [this.dns.zone(req.params.zone)], "Zone found") },
      { method: "PUT", pattern: "/dns/:zone", handler: (req) => ok(200, [this.dns.updateZone(req.params.zone, asObject(req.body))], "Zone updated") },
      {
        method: "GET",
        pattern: "/dns/:zone/:type",
        // No pager parameters on the record lists (zoneid-openapi.json): every record, always, whatever `paging` says.
        handler: typed((_req, type) => ok(200, this.dns.records(_req.params.zone, type).map(wireRecord), "OK")),
      },
      {
        method: "POST",
        pattern: "/dns/:zone/:type",
        handler: typed((req, type) => ok(201, [wireRecord(this.dns.createRecord(req.params.zone, type, req.body))], "Record created")),
      },
      {
        method: "GET",
        pattern: "/dns/:zone/:type/:id",
        handler: typed((req, type) => ok(200, [wireRecord(this.dns.record(req.params.zone, type, req.params.id))], "Record found")),
      },
      {
        method: "PUT",
        pattern: "/dns/:zone/:type/:id",
        handler: typed((req, type) => ok(200, [wireRecord(this.dns.updateRecord(req.params.zone, type, req.params.id, req.body))], "Record updated")),
      },
      {
        method: "DELETE",
        pattern: "/dns/:zone/:type/:id",
        handler: typed((req, type) => {
          this.dns.deleteRecord(req.params.zone, type, req.params.id);
          return { status: 204, headers: { "x-status-message": "Record deleted" } };
        }),
      },
      ...this.hostingRoutes(),
      ...this.cloudRoutes(),
      ...this.domainRoutes(),
    ];
    return [...vendorRoutes, ...notEmulatedRoutes()].map((route) => ({ ...route, handler: (req) => this.answer(req, () => route.handler(req)) }));
  }

  /** Orders at /order/cloud, VMs at /cloud/{host name}. */
  private cloudRoutes(): Route[] {
    const cloud = this.cloud;
    return [
      { method: "GET", pattern: "/order/cloud", handler: (req) => this.page(req, cloud.listOrders()) },
      { method: "POST", pattern: "/order/cloud", handler: (req) => ok(201, [cloud.createOrder(req.body)], "Order created") },
      // "Get available virtual machine options": an array of strings (zoneid-openapi.json). What the
      // strings look like is not documented; the fake says "<kind>:<value>" (docs/zoneid.md, guesses).
      { method: "OPTIONS", pattern: "/order/cloud", handler: () => ok(200, cloudOptionStrings(cloud.options()), "OK") },
      { method: "GET", pattern: "/order/cloud/:id", handler: (req) => ok(200, [cloud.order(req.params.id)], "OK") },
      { method: "GET", pattern: "/cloud/:name", handler: (req) => this.page(req, [cloud.vm(req.params.name)]) },
      {
        method: "DELETE",
        pattern: "/cloud/:name",
        handler: (req) => {
          cloud.delete(req.params.name);
          return { status: 204, headers: { "x-status-message": "Cloudserver deleted" } };
        },
      },
      { method: "PUT", pattern: "/cloud/:name/resize", handler: (req) => ok(201, [cloud.resize(req.params.name, req.query)], "Resized") },
      { method: "POST", pattern: "/cloud/:name/action/:action", handler: (req) => ok(200, [cloud.action(req.params.name, req.params.action)], "Action started") },
      { method: "PUT", pattern: "/cloud/:name/:item/:username", handler: (req) => ok(201, [cloud.setAccess(req.params.name, req.params.item, req.params.username, req.body)], "Updated") },
    ];
  }

  /**
   * `/vserver/{service}/{collection}[/{id}]` for every collection, longest
   * paths first so `database/mysql/account` is not taken for a database
   * named "account"; PUT only where the spec has one.
   */
  private hostingRoutes(): Route[] {
    const hosting = this.hosting;
    const mysqlPermissions = "/vserver/:service/database/mysql/account/:username/permission";
    const routes: Route[] = [
      { method: "GET", pattern: mysqlPermissions, handler: (req) => this.page(req, hosting.permissions(req.params.service, req.params.username)) },
      {
        method: "GET",
        pattern: `${mysqlPermissions}/:database`,
        handler: (req) => ok(200, [hosting.permission(req.params.service, req.params.username, req.params.database)], "OK"),
      },
      {
        method: "PUT",
        pattern: `${mysqlPermissions}/:database`,
        handler: (req) => ok(200, [hosting.setPermission(req.params.service, req.params.username, req.params.database, req.body)], "Permissions updated"),
      },
      {
        method: "DELETE",
        pattern: `${mysqlPermissions}/:database`,
        handler: (req) => {
          hosting.deletePermission(req.params.service, req.params.username, req.params.database);
          return { status: 204, headers: { "x-status-message": "Permissions removed" } };
        },
      },
    ];
    return [...routes, ...collectionRoutes("vserver", hosting, (req, items) => this.page(req, items))];
  }

  /** Domains: /domain, /domain/{name} settings and preferences, nameserver and contact collections. */
  private domainRoutes(): Route[] {
    const domains = this.domains;
    return [
      { method: "GET", pattern: "/domain", handler: (req) => this.page(req, domains.list()) },
      { method: "GET", pattern: "/domain/:name", handler: (req) => ok(200, [domains.get(req.params.name)], "OK") },
      { method: "PUT", pattern: "/domain/:name", handler: (req) => ok(200, [domains.update(req.params.name, req.body)], "Domain updated") },
      { method: "GET", pattern: "/domain/:name/preferences", handler: (req) => ok(200, [domains.preferences(req.params.name)], "OK") },
      { method: "PUT", pattern: "/domain/:name/preferences", handler: (req) => ok(200, [domains.updatePreferences(req.params.name, req.body)], "Preferences updated") },
      // The PUT's entry answers one DomainNameserver, not an array of one (zoneid-openapi.json).
      {
        method: "PUT",
        pattern: "/domain/:name/nameserver/:id",
        handler: (req) => ok(200, domains.collections.update(req.params.name, "nameserver", req.params.id, req.body), "Updated"),
      },
      // The POST takes an array of name servers (zoneid-openapi.json); each is created.
      {
        method: "POST",
        pattern: "/domain/:name/nameserver",
        handler: (req) => ok(201, (req.body as unknown[]).map((item) => domains.collections.create(req.params.name, "nameserver", item)), "Created"),
      },
      ...collectionRoutes("domain", domains.collections, (req, items) => this.page(req, items)),
    ];
  }

  adminRoutes(): Route[] {
    const routes: Route[] = [
      { method: "GET", pattern: "/zones", handler: () => ({ status: 200, body: this.dns.zoneNames().map((name) => this.dns.zone(name)) }) },
      {
        method: "POST",
        pattern: "/zones",
        handler: (req) => {
          const body = asObject(req.body);
          return { status: 201, body: this.addZone(String(body.name ?? ""), body as { active?: boolean; ipv6?: boolean; systemRecords?: boolean }) };
        },
      },
      { method: "PUT", pattern: "/zones/:zone", handler: (req) => ({ status: 200, body: this.dns.updateZone(req.params.zone, asObject(req.body)) }) },
      { method: "GET", pattern: "/zones/:zone/records", handler: (req) => ({ status: 200, body: this.records(req.params.zone) }) },
      {
        method: "POST",
        pattern: "/zones/:zone/records/:type",
        handler: (req) => ({ status: 201, body: this.addRecord(req.params.zone, recordType(req.params.type), asObject(req.body)) }),
      },
      {
        method: "PUT",
        pattern: "/zones/:zone/records/:type/:id",
        handler: (req) => ({ status: 200, body: this.changeRecord(req.params.zone, recordType(req.params.type), req.params.id, asObject(req.body)) }),
      },
      {
        method: "DELETE",
        pattern: "/zones/:zone/records/:type/:id",
        handler: (req) => {
          this.removeRecord(req.params.zone, recordType(req.params.type), req.params.id);
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/hosting",
        handler: (req) => {
          this.addWebHosting(String(asObject(req.body).name ?? ""));
          return { status: 201, body: { ok: true } };
        },
      },
      { method: "GET", pattern: "/hosting/:service", handler: (req) => ({ status: 200, body: this.hostingItems(req.params.service, req.query.path ?? "") }) },
      {
        method: "PUT",
        pattern: "/hosting/:service/item",
        handler: (req) => ({ status: 200, body: this.changeHostingItem(req.params.service, req.query.path ?? "", req.query.id ?? "", asObject(req.body)) }),
      },
      {
        method: "DELETE",
        pattern: "/hosting/:service/item",
        handler: (req) => {
          this.removeHostingItem(req.params.service, req.query.path ?? "", req.query.id ?? "");
          return { status: 200, body: { ok: true } };
        },
      },
      { method: "GET", pattern: "/cloud/:name", handler: (req) => ({ status: 200, body: this.cloud.stored(req.params.name) ?? null }) },
      { method: "PUT", pattern: "/cloud/:name", handler: (req) => ({ status: 200, body: this.cloud.change(req.params.name, asObject(req.body)) }) },
      {
        method: "DELETE",
        pattern: "/cloud/:name",
        handler: (req) => {
          this.cloud.remove(req.params.name);
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/domains",
        handler: (req) => {
          const body = asObject(req.body);
          return { status: 201, body: this.domains.addDomain(String(body.name ?? ""), body) };
        },
      },
      { method: "PUT", pattern: "/domains/:name", handler: (req) => ({ status: 200, body: this.domains.update(req.params.name, req.body, { force: true }) }) },
      {
        method: "POST",
        pattern: "/refuse",
        handler: (req) => {
          const body = asObject(req.body);
          this.refuseNext(body.kind === "409" ? "409" : "locked", Number(body.count ?? 1));
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/clock/advance",
        handler: (req) => {
          const ms = Number(asObject(req.body).ms);
          if (!Number.isFinite(ms) || ms < 0) throw new ZoneidApiError(400, "ms must be a non-negative number");
          this.clock.advance(ms);
          return { status: 200, body: { now: this.clock.now() } };
        },
      },
    ];
    return routes.map((route) => ({
      ...route,
      handler: async (req: EmulatorRequest) => {
        try {
          return await route.handler(req);
        } catch (error) {
          if (error instanceof ZoneidApiError) return { status: error.status, body: { error: error.message, fields: error.fields } };
          throw error;
        }
      },
    }));
  }

  errorBody(_status: number, _message: string): unknown {
    return [];
  }

  errorAnswer(status: number, message: string): EmulatorResponse {
    return errorResponse(new ZoneidApiError(status, message));
  }

  snapshot(): ZoneidSnapshot {
    return { dns: this.dns.snapshot(), hosting: this.hosting.snapshot(), cloud: this.cloud.snapshot(), domains: this.domains.snapshot() };
  }

  restore(state: unknown): void {
    const snapshot = state as Partial<ZoneidSnapshot> | null;
    if (!snapshot || typeof snapshot !== "object" || !snapshot.dns) throw new Error("zoneid: saved state has no dns section");
    this.dns.restore(snapshot.dns);
    this.hosting.restore(snapshot.hosting);
    this.cloud.restore(snapshot.cloud);
    this.domains.restore(snapshot.domains);
  }

  // ---- in-process helpers for tests (no auth, no rate limit) -------------

  addZone(name: string, settings: { active?: boolean; ipv6?: boolean; systemRecords?: boolean } = {}): ZoneView {
    return this.dns.addZone(name, settings);
  }

  zone(name: string): ZoneView {
    return this.dns.zone(name);
  }

  records(zone: string, type?: RecordType): RecordView[] {
    return this.dns.records(zone, type);
  }

  /** Adds a record as if made in the ZoneID web UI; `system` makes it a modify/delete-false system record. */
  addRecord(zone: string, type: RecordType, fields: Record<string, unknown> & { system?: boolean }): RecordView {
    const { system, ...body } = fields;
    return this.dns.createRecord(zone, type, body, { system: Boolean(system) });
  }

  changeRecord(zone: string, type: RecordType, id: string | number, changes: Record<string, unknown>): RecordView {
    return this.dns.updateRecord(zone, type, String(id), changes, { force: true });
  }

  removeRecord(zone: string, type: RecordType, id: string | number): void {
    this.dns.deleteRecord(zone, type, String(id), { force: true });
  }

  /** A web hosting (vserver) service, as if ordered from Zone.eu; its name is the service_name of /vserver/{service_name}. */
  addWebHosting(name: string): void {
    if (!name) throw new ZoneidApiError(400, "name is required");
    this.hosting.addService(name);
  }

  /** A collection's items as stored, write-only fields (passwords) included. */
  hostingItems(service: string, path: string): Record<string, unknown>[] {
    return this.hosting.list(service, path).map((item) => this.hosting.stored(service, path, String(item[this.hosting.rule(path).idField]))!);
  }

  /** An out-of-band change, as made in the ZoneID web UI. */
  changeHostingItem(service: string, path: string, id: string | number, changes: Record<string, unknown>): Record<string, unknown> {
    return this.hosting.update(service, path, String(id), changes, { force: true });
  }

  removeHostingItem(service: string, path: string, id: string | number): void {
    this.hosting.delete(service, path, String(id));
  }

  /** The next `count` write requests are refused with 409 (concurrent request) or 400 "process locked". */
  refuseNext(kind: Refusal, count = 1): void {
    for (let i = 0; i < count; i++) this.refusals.push(kind);
  }

  setUrlRecordsNeedUpgrade(value: boolean): void {
    this.urlNeedsUpgrade = value;
  }

  // ---- the parts every answer shares -------------------------------------

  private async answer(req: EmulatorRequest, handle: () => EmulatorResponse | Promise<EmulatorResponse>): Promise<EmulatorResponse> {
    const limited = this.countRequest();
    let response: EmulatorResponse;
    if (limited !== undefined) {
      this.rateLimitedCount++;
      response = { status: 429, body: [], headers: { "x-status-message": "Too many requests", "retry-after": String(Math.ceil(limited / 1000)) } };
    } else {
      try {
        this.authenticate(req.headers.authorization);
        const operation = this.documentedOperation(req);
        const refusal = req.method !== "GET" ? this.refusals.shift() : undefined;
        if (refusal === "409") throw new ZoneidApiError(409, "Concurrent request in progress");
        if (refusal === "locked") throw new ZoneidApiError(400, "Process locked");
        response = await handle();
        if (response.status < 300 && !operation.successStatuses.includes(response.status)) {
          throw new Error(`zoneid emulator: ${req.method} ${operation.template} answered ${response.status}; the spec lists ${operation.successStatuses.join(", ")}`);
        }
      } catch (error) {
        if (!(error instanceof ZoneidApiError)) throw error;
        response = errorResponse(error);
      }
    }
    const remaining = this.limited ? Math.max(0, this.limit - this.window.length) : this.limit;
    response.headers = { ...response.headers, "x-ratelimit-limit": String(this.limit), "x-ratelimit-remaining": String(remaining) };
    return response;
  }

  /**
   * The spec operation a request falls on, its path and query parameters and
   * its body validated against the operation's schemas (spec.ts). Refusals:
   * 404 for a path the API does not have (or a path parameter outside its
   * schema, e.g. an unknown action), 405 for a method the path does not
   * take, 422 naming each refused field.
   */
  private documentedOperation(req: EmulatorRequest): SpecOperation {
    const spec = zoneidSpec();
    const match = spec.match(req.method, req.path.slice(this.basePath.length));
    if (match.kind === "unknown-path") throw new ZoneidApiError(404, "Endpoint not found");
    if (match.kind === "method-not-allowed") throw new ZoneidApiError(405, `Method not allowed (allowed: ${match.allowed.join(", ")})`);
    const { operation, params } = match;
    const pathErrors = spec.pathErrors(operation, params);
    if (pathErrors.length) throw new ZoneidApiError(404, `Endpoint not found: ${pathErrors.map((error) => `${error.field} ${error.message}`).join("; ")}`);
    const fieldErrors = [...spec.queryErrors(operation, req.query), ...spec.bodyErrors(operation, req.body)];
    if (fieldErrors.length) {
      const fields: Record<string, string[]> = {};
      for (const error of fieldErrors) (fields[error.field] ??= []).push(error.message);
      throw new ZoneidApiError(422, `Invalid input: ${fieldErrors.map((error) => `${error.field} ${error.message}`).join("; ")}`, fields);
    }
    return operation;
  }

  /** Books one request; returns the ms until a slot frees when the window is full. */
  private countRequest(): number | undefined {
    if (!this.limited) return undefined;
    const now = this.clock.now();
    this.window = this.window.filter((started) => started + this.windowMs > now);
    if (this.window.length >= this.limit) return this.window[0] + this.windowMs - now;
    this.window.push(now);
    return undefined;
  }

  private authenticate(header: string | undefined): void {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
    const [username, apiKey] = match ? Buffer.from(match[1], "base64").toString("utf8").split(/:(.*)/s) : [];
    if (!this.users.some((user) => user.username === username && user.apiKey === apiKey)) {
      throw new ZoneidApiError(401, "Unauthorized");
    }
  }

  /** Applies x-pager-* to a list where this endpoint pages. */
  private page(req: EmulatorRequest, items: unknown[]): EmulatorResponse {
    const relative = req.path.slice(this.basePath.length);
    const paged = this.paging === "all" || DOCUMENTED_PAGED.some((pattern) => pattern.test(relative));
    if (!paged) return ok(200, items, "OK");
    const limit = Math.min(100, Math.max(1, Number(req.headers["x-pager-limit"] ?? 10) || 10));
    const pages = Math.max(1, Math.ceil(items.length / limit));
    const page = Math.max(1, Number(req.headers["x-pager-page"] ?? 1) || 1);
    const response = ok(200, items.slice((page - 1) * limit, page * limit), "OK");
    response.headers = {
      ...response.headers,
      "x-pager-enabled": "1",
      "x-pager-page": String(page),
      "x-pager-pages": String(pages),
      "x-pager-limit": String(limit),
      "x-pager-items": String(items.length),
    };
    return response;
  }
}

function ok(status: number, body: unknown, message: string): EmulatorResponse {
  return { status, body, headers: { "x-status-message": message } };
}

/**
 * Catch-all routes, after every emulated one, so a request the emulator does
 * not serve still goes through the spec check: an undocumented path or method
 * gets the API's 404 / 405, and a documented operation the fake does not
 * model answers 501 (a test that needs it fails visibly).
 */
function notEmulatedRoutes(): Route[] {
  const depth = Math.max(...zoneidSpec().list().map((operation) => operation.template.split("/").filter(Boolean).length));
  const routes: Route[] = [];
  for (let segments = 1; segments <= depth; segments++) {
    const pattern = Array.from({ length: segments }, (_, i) => `/:segment${i}`).join("");
    for (const method of SPEC_METHODS) {
      routes.push({ method: method.toUpperCase(), pattern, handler: () => ({ status: 501, body: [], headers: { "x-status-message": "Not implemented by the emulator" } }) });
    }
  }
  return routes;
}

/** The order options as "<kind>:<value>" strings (the document gives only `array<string>`). */
function cloudOptionStrings(options: Record<string, unknown>): string[] {
  return Object.entries(options).flatMap(([kind, values]) => (Array.isArray(values) ? values.map((value) => `${kind}:${String(value)}`) : []));
}

function recordType(value: string): RecordType {
  if (!isRecordType(value)) throw new ZoneidApiError(400, `unknown record type ${value}`);
  return value;
}

/** A record as the API lists it: the record type is in the path, not the body. */
function wireRecord(record: RecordView): Record<string, unknown> {
  const { recordType, ...rest } = record;
  return { ...rest, resource_url: `/dns/${record.name}/${recordType}/${record.id}` };
}

/**
 * `/{type}/{service}/{collection}[/{id}]` for every collection of a state,
 * longest paths first so `database/mysql/account` is not taken for a
 * database named "account"; PUT only where the spec has one.
 */
function collectionRoutes(type: string, state: ZoneidHostingState, page: (req: EmulatorRequest, items: unknown[]) => EmulatorResponse): Route[] {
  const routes: Route[] = [];
  const byLength = [...state.rules].sort((a, b) => b.path.split("/").length - a.path.split("/").length);
  for (const rule of byLength) {
    const base = `/${type}/:service/${rule.path}`;
    routes.push(
      { method: "GET", pattern: base, handler: (req) => page(req, state.list(req.params.service, rule.path)) },
      { method: "POST", pattern: base, handler: (req) => ok(201, [state.create(req.params.service, rule.path, req.body)], "Created") },
      { method: "GET", pattern: `${base}/:id`, handler: (req) => ok(200, [state.get(req.params.service, rule.path, req.params.id)], "OK") },
      {
        method: "DELETE",
        pattern: `${base}/:id`,
        handler: (req) => {
          state.delete(req.params.service, rule.path, req.params.id);
          return { status: 204, headers: { "x-status-message": "Deleted" } };
        },
      },
    );
    if (rule.updatable) {
      routes.push({ method: "PUT", pattern: `${base}/:id`, handler: (req) => ok(200, [state.update(req.params.service, rule.path, req.params.id, req.body)], "Updated") });
    }
  }
  return routes;
}
