// The Gigahost API fake: authentication, DNS, servers, BGP and deploy, each
// in its own files. Terrahost runs the same platform: emulator/terrahost
// builds this class under another vendor name and base path, serving only
// the routes the Terrahost document lists (`documentedRoutes`).
import { type EmulatorClock, type EmulatorRequest, type EmulatorResponse, type Route, type VendorEmulator, createEmulatorClock } from "../core";
import { GigahostAuth, type GigahostUser, type SessionSnapshot } from "./auth";
import { type DnsSnapshot, GigahostDnsState, type NewZone, type RecordFields, type RecordView, type ZoneView } from "./dns-state";
import { ZoneWriteLock, dnsRoutes } from "./dns-routes";
import { GigahostApiError, envelope, errorEnvelope } from "./envelope";
import { type BgpSnapshot, GigahostBgpState } from "./bgp-state";
import { serverRoutes } from "./server-routes";
import { GigahostServerState, type NewServer, type ServerStateSnapshot, type StoredServer } from "./server-state";
import { type DeploySnapshot, GigahostDeployState } from "./deploy-state";
import { type DomainSnapshot, GigahostDomainRegistry, type Organization } from "./domain-state";
import { type DomainSettingsSnapshot, GigahostDomainSettings } from "./domain-settings-state";
import { GigahostRedirects, type RedirectSnapshot } from "./redirect-state";
import { type RouteKey, requireDocumentedFields, routeKey } from "./documented";

export interface GigahostEmulatorOptions {
  clock?: EmulatorClock;
  /** Accepted personal API keys (Bearer); default [DEFAULT_GIGAHOST_API_KEY]. */
  apiKeys?: string[];
  users?: GigahostUser[];
  tokenLifetimeSeconds?: number;
  /** How long a zone or record write holds its zone busy; default 15 ms. */
  zoneWriteMs?: number;
  quirks?: {
    deleteIgnoresValue?: boolean;
    /**
     * What `POST /dns/zones` answers: "live" (default) is `data: []`, as
     * verified live (gigahost-api.md, behaviour 4); "documented" is the seed's
     * `data: { zone_id }`.
     */
    zoneCreateAnswer?: "live" | "documented";
  };
  basePath?: string;
  vendor?: string;
  /**
   * The only routes served (`"<METHOD> <pattern>"`); every other path answers
   * 404 in the vendor's envelope. Default: every Gigahost route.
   */
  documentedRoutes?: readonly RouteKey[];
  /** Emulator-clock durations of asynchronous jobs. */
  timings?: {
    snapshotMs?: number;
    reinstallMs?: number;
    sessionDeletionMs?: number;
    /** Deploy orders: queued, then provisioning (server id known), then installing. */
    deployQueueMs?: number;
    deployProvisionMs?: number;
    deployInstallMs?: number;
  };
}

export const DEFAULT_GIGAHOST_API_KEY = "flux_live_" + "0123456789abcdef".repeat(4);
export const DEFAULT_GIGAHOST_USERNAME = "demo@example.no";
export const DEFAULT_GIGAHOST_PASSWORD = "emulator-password";
/** The one customer every credential belongs to. */
export const GIGAHOST_CUSTOMER_ID = "10001";

interface GigahostSnapshot {
  dns: DnsSnapshot;
  sessions: SessionSnapshot[];
  servers?: ServerStateSnapshot;
  bgp?: BgpSnapshot;
  deploy?: DeploySnapshot;
  domains?: DomainSnapshot;
  domainSettings?: DomainSettingsSnapshot;
  redirects?: RedirectSnapshot;
}

export class GigahostEmulator implements VendorEmulator {
  readonly vendor: string;
  readonly basePath: string;
  readonly clock: EmulatorClock;
  private readonly auth: GigahostAuth;
  private readonly dns: GigahostDnsState;
  private readonly lock: ZoneWriteLock;
  private readonly deleteIgnoresValue: boolean;
  private readonly zoneCreateAnswer: "live" | "documented";
  private readonly documentedRoutes: readonly RouteKey[] | undefined;
  readonly servers: GigahostServerState;
  readonly bgp: GigahostBgpState;
  readonly deploy: GigahostDeployState;
  readonly domains: GigahostDomainRegistry;
  readonly domainSettings: GigahostDomainSettings;
  readonly redirects: GigahostRedirects;

  constructor(options: GigahostEmulatorOptions = {}) {
    this.vendor = options.vendor ?? "gigahost";
    this.basePath = options.basePath ?? "/gigahost/api/v0";
    this.clock = options.clock ?? createEmulatorClock();
    this.auth = new GigahostAuth(
      this.clock,
      options.apiKeys ?? [DEFAULT_GIGAHOST_API_KEY],
      options.users ?? [{ username: DEFAULT_GIGAHOST_USERNAME, password: DEFAULT_GIGAHOST_PASSWORD }],
      options.tokenLifetimeSeconds ?? 3600,
      GIGAHOST_CUSTOMER_ID,
    );
    this.dns = new GigahostDnsState(this.clock, GIGAHOST_CUSTOMER_ID);
    this.lock = new ZoneWriteLock(options.zoneWriteMs ?? 15);
    this.deleteIgnoresValue = options.quirks?.deleteIgnoresValue ?? false;
    this.zoneCreateAnswer = options.quirks?.zoneCreateAnswer ?? "live";
    this.documentedRoutes = options.documentedRoutes;
    this.servers = new GigahostServerState(this.clock, this.vendor, GIGAHOST_CUSTOMER_ID, {
      snapshotMs: options.timings?.snapshotMs ?? 3 * 60_000,
      reinstallMs: options.timings?.reinstallMs ?? 5 * 60_000,
    });
    this.bgp = new GigahostBgpState(this.clock, this.servers, GIGAHOST_CUSTOMER_ID, options.timings?.sessionDeletionMs ?? 2 * 60_000);
    this.deploy = new GigahostDeployState(this.clock, this.servers, {
      queueMs: options.timings?.deployQueueMs ?? 30_000,
      provisionMs: options.timings?.deployProvisionMs ?? 30_000,
      installMs: options.timings?.deployInstallMs ?? 4 * 60_000,
    });
    this.domainSettings = new GigahostDomainSettings(this.dns);
    this.domains = new GigahostDomainRegistry(this.dns, this.domainSettings);
    this.redirects = new GigahostRedirects(this.dns);
  }

  routes(): Route[] {
    const authenticated = [
      ...dnsRoutes(this.dns, this.lock, { deleteIgnoresValue: this.deleteIgnoresValue, zoneCreateAnswer: this.zoneCreateAnswer }),
      ...serverRoutes(this.servers),
      ...bgpRoutes(this.bgp),
      ...deployRoutes(this.deploy),
      ...domainRoutes(this.domains),
      ...domainSettingsRoutes(this.domainSettings),
      ...redirectRoutes(this.redirects),
    ].map((route) => ({
      ...route,
      handler: (req: EmulatorRequest) => {
        this.auth.requireAuthorization(req.headers.authorization);
        requireDocumentedFields(routeKey(route.method, route.pattern), req);
        // Deploy orders create and fail servers as emulator time passes.
        this.deploy.advanceAll();
        return route.handler(req);
      },
    }));
    const login: Route = {
      method: "POST",
      pattern: "/authenticate",
      handler: (req) => {
        requireDocumentedFields("POST /authenticate", req);
        return this.auth.authenticate(req.body);
      },
    };
    return this.served([login, ...authenticated]).map((route) => ({ ...route, handler: (req) => answerWithEnvelope(() => route.handler(req)) }));
  }

  /** The routes of `documentedRoutes` only; a listed route the platform does not implement is a programming error. */
  private served(all: Route[]): Route[] {
    const allowed = this.documentedRoutes;
    if (!allowed) return all;
    const keys = new Set(all.map((route) => routeKey(route.method, route.pattern)));
    const unknown = allowed.filter((key) => !keys.has(key));
    if (unknown.length > 0) throw new Error(`${this.vendor} emulator: documented routes without an implementation: ${unknown.join(", ")}`);
    return all.filter((route) => allowed.includes(routeKey(route.method, route.pattern)));
  }

  adminRoutes(): Route[] {
    const routes: Route[] = [
      { method: "GET", pattern: "/zones", handler: () => ({ status: 200, body: this.zones() }) },
      { method: "POST", pattern: "/zones", handler: (req) => ({ status: 201, body: this.addZone(adminBody<NewZone>(req)) }) },
      {
        method: "DELETE",
        pattern: "/zones/:zoneId",
        handler: (req) => {
          this.removeZone(req.params.zoneId);
          return { status: 200, body: { ok: true } };
        },
      },
      { method: "GET", pattern: "/zones/:zoneId/records", handler: (req) => ({ status: 200, body: this.records(req.params.zoneId) }) },
      {
        method: "POST",
        pattern: "/zones/:zoneId/records",
        handler: (req) => ({ status: 201, body: this.addRecord(req.params.zoneId, adminBody<AdminRecordInput>(req)) }),
      },
      {
        method: "PUT",
        pattern: "/zones/:zoneId/records/:recordId",
        handler: (req) => ({
          status: 200,
          body: this.updateRecord(req.params.zoneId, req.params.recordId, adminBody<Partial<RecordFields>>(req)),
        }),
      },
      {
        method: "DELETE",
        pattern: "/zones/:zoneId/records/:recordId",
        handler: (req) => {
          this.removeRecord(req.params.zoneId, req.params.recordId);
          return { status: 200, body: { ok: true } };
        },
      },
      { method: "GET", pattern: "/servers", handler: () => ({ status: 200, body: this.servers.list() }) },
      { method: "POST", pattern: "/servers", handler: (req) => ({ status: 201, body: this.servers.addServer(adminBody<NewServer>(req)) }) },
      {
        method: "PATCH",
        pattern: "/servers/:id",
        handler: (req) => {
          this.servers.updateServer(req.params.id, adminBody<Partial<StoredServer>>(req));
          return { status: 200, body: this.servers.stored(req.params.id) };
        },
      },
      {
        method: "DELETE",
        pattern: "/servers/:id",
        handler: (req) => {
          this.servers.removeServer(req.params.id);
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/servers/:id/hide",
        handler: (req) => {
          this.servers.hideServer(req.params.id, Number(adminBody<{ ms?: unknown }>(req).ms));
          return { status: 200, body: { ok: true } };
        },
      },
      { method: "GET", pattern: "/bgp", handler: () => ({ status: 200, body: this.bgp.view() }) },
      {
        method: "POST",
        pattern: "/deploy/orders/:orderId/fail",
        handler: (req) => {
          this.deploy.failOrder(Number(req.params.orderId), Number(adminBody<{ afterMs?: unknown }>(req).afterMs ?? 0));
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/deploy/fail-next",
        handler: (req) => {
          this.deploy.failNextOrder(Number(adminBody<{ afterMs?: unknown }>(req).afterMs ?? 0));
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/domains/taken",
        handler: (req) => {
          this.domains.markTaken(String(adminBody<{ domain?: unknown }>(req).domain ?? ""));
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/organizations",
        handler: (req) => {
          this.domains.addOrganization(adminBody<Organization>(req));
          return { status: 201, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/bgp/asn/:asnId/status",
        handler: (req) => {
          const body = adminBody<{ status: "pending" | "active" | "rejected"; rejectedReason?: string }>(req);
          this.bgp.setAsnStatus(req.params.asnId, body.status, body.rejectedReason);
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/bgp/routers",
        handler: (req) => {
          const body = adminBody<{ location?: unknown; routerIds?: unknown }>(req);
          if (typeof body.location !== "string" || !Array.isArray(body.routerIds)) throw new GigahostApiError(400, "location and routerIds are required");
          this.bgp.setAvailableRouters(body.location, body.routerIds.map(String));
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/tokens/expire",
        handler: () => {
          this.expireAllTokens();
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/clock/advance",
        handler: (req) => {
          const ms = Number(adminBody<{ ms?: unknown }>(req).ms);
          if (!Number.isFinite(ms) || ms < 0) throw new GigahostApiError(400, "ms must be a non-negative number");
          this.clock.advance(ms);
          return { status: 200, body: { now: this.clock.now() } };
        },
      },
    ];
    return routes.map((route) => ({ ...route, handler: (req) => answerAdmin(() => route.handler(req)) }));
  }

  errorBody(status: number, message: string): unknown {
    return errorEnvelope(new GigahostApiError(status, message)).body;
  }

  snapshot(): GigahostSnapshot {
    return {
      dns: this.dns.snapshot(),
      sessions: this.auth.snapshot(),
      servers: this.servers.snapshot(),
      bgp: this.bgp.snapshot(),
      deploy: this.deploy.snapshot(),
      domains: this.domains.snapshot(),
      domainSettings: this.domainSettings.snapshot(),
      redirects: this.redirects.snapshot(),
    };
  }

  restore(state: unknown): void {
    const snapshot = state as Partial<GigahostSnapshot> | null;
    if (!snapshot || typeof snapshot !== "object" || !snapshot.dns) throw new Error(`${this.vendor}: saved state has no dns section`);
    this.dns.restore(snapshot.dns);
    this.auth.restore(snapshot.sessions ?? []);
    if (snapshot.servers) this.servers.restore(snapshot.servers);
    if (snapshot.bgp) this.bgp.restore(snapshot.bgp);
    if (snapshot.deploy) this.deploy.restore(snapshot.deploy);
    if (snapshot.domains) this.domains.restore(snapshot.domains);
    if (snapshot.domainSettings) this.domainSettings.restore(snapshot.domainSettings);
    if (snapshot.redirects) this.redirects.restore(snapshot.redirects);
  }

  // In-process helpers for tests (seeding and out-of-band changes). They skip
  // authentication, zone protection and the write lock; invalid input throws
  // GigahostApiError exactly as the API would refuse it.

  addZone(input: NewZone): ZoneView {
    return this.dns.addZone(input);
  }

  zones(): ZoneView[] {
    return this.dns.zones();
  }

  zoneByName(name: string): ZoneView | undefined {
    return this.dns.zoneByName(name);
  }

  removeZone(zoneId: string): void {
    this.dns.removeZone(zoneId);
  }

  records(zoneId: string): RecordView[] {
    return this.dns.records(zoneId);
  }

  addRecord(zoneId: string, record: AdminRecordInput): RecordView {
    return this.dns.addRecord(zoneId, { ...record, ttl: record.ttl ?? 3600, priority: record.priority ?? null });
  }

  /** Changes some fields of a record; the returned record has a new id (ids are content hashes). */
  updateRecord(zoneId: string, recordId: string, changes: Partial<RecordFields>): RecordView {
    return this.dns.replaceRecord(zoneId, recordId, { ...this.dns.recordFields(zoneId, recordId), ...changes });
  }

  removeRecord(zoneId: string, recordId: string): void {
    this.dns.removeRecord(zoneId, recordId);
  }

  expireAllTokens(): void {
    this.auth.expireAllTokens();
  }
}

/** The BGP endpoints (gigahost-api.md, "BGP"). Gigahost only: not among Terrahost's documented routes. */
function bgpRoutes(bgp: GigahostBgpState): Route[] {
  const body = (req: EmulatorRequest): Record<string, unknown> =>
    typeof req.body === "object" && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  return [
    { method: "GET", pattern: "/bgp", handler: () => envelope(200, { data: bgp.view() }) },
    {
      method: "POST",
      pattern: "/bgp/asn",
      handler: (req) => {
        bgp.submitAsn(body(req).asn);
        return envelope(200, { message: "ASN and LOA has been submitted for review." });
      },
    },
    {
      method: "POST",
      pattern: "/bgp/:asnId/session",
      handler: (req) => {
        bgp.createSessions(req.params.asnId, body(req));
        return envelope(200, { message: "BGP sessions has been created." });
      },
    },
    {
      method: "DELETE",
      pattern: "/bgp/:sessionId/session",
      handler: (req) => {
        bgp.deleteSession(req.params.sessionId);
        return envelope(200, { message: "BGP sessions have been marked for deletion." });
      },
    },
  ];
}

/** Ordering servers (gigahost-api.md, "Deploying new servers"); Gigahost only. */
function deployRoutes(deploy: GigahostDeployState): Route[] {
  return [
    { method: "GET", pattern: "/deploy/servers", handler: () => envelope(200, { data: deploy.catalog() }) },
    {
      method: "POST",
      pattern: "/deploy/servers",
      handler: (req) => {
        if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) throw new GigahostApiError(400, "Invalid request body.");
        return envelope(200, { message: "Your order has been placed.", data: { order_ids: deploy.order(req.body as Record<string, unknown>) } });
      },
    },
    { method: "GET", pattern: "/deploy/status", handler: (req) => envelope(200, { data: deploy.status(req.query.ids) }) },
  ];
}

/** .no availability and the company lookup (Gigahost). */
function domainRoutes(domains: GigahostDomainRegistry): Route[] {
  return [
    {
      method: "GET",
      pattern: "/dns/domains/check/:domain",
      handler: (req) => envelope(200, { message: "Domain availability checked", data: domains.check(decodeURIComponent(req.params.domain)) }),
    },
    {
      method: "POST",
      pattern: "/dns/domains/register",
      handler: (req) => {
        if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) throw new GigahostApiError(400, "Invalid request body.");
        const data = domains.register(req.body as Record<string, unknown>);
        return envelope(200, { message: "Domain registered successfully! You will receive a confirmation email shortly.", data });
      },
    },
    {
      method: "GET",
      pattern: "/dns/lookup/organization/:orgNumber",
      handler: (req) => envelope(200, { message: "Company lookup successful", data: domains.organization(req.params.orgNumber) }),
    },
  ];
}

/** Settings of registered zones (Gigahost). */
function domainSettingsRoutes(settings: GigahostDomainSettings): Route[] {
  const body = (req: EmulatorRequest): Record<string, unknown> => {
    if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) throw new GigahostApiError(400, "Invalid request body.");
    return req.body as Record<string, unknown>;
  };
  const write = (pattern: string, apply: (zoneId: string, body: Record<string, unknown>) => void, message: string, method: "PUT" | "POST" = "PUT"): Route => ({
    method,
    pattern,
    handler: (req) => {
      apply(req.params.zoneId, body(req));
      return envelope(200, { message });
    },
  });
  return [
    { method: "GET", pattern: "/dns/zones/:zoneId/registrant", handler: (req) => envelope(200, { data: settings.registrant(req.params.zoneId) }) },
    write("/dns/zones/:zoneId/registrant-email", (zoneId, b) => settings.setRegistrantEmail(zoneId, b), "Registrant email updated successfully."),
    write("/dns/zones/:zoneId/auto-renew", (zoneId, b) => settings.setAutoRenew(zoneId, b), "Auto-renewal updated successfully."),
    write("/dns/zones/:zoneId/nameservers", (zoneId, b) => settings.setNameservers(zoneId, b), "Nameservers updated successfully."),
    write("/dns/zones/:zoneId/dnssec", (zoneId, b) => settings.setDnssec(zoneId, b), "DNSSEC updated successfully."),
    { method: "GET", pattern: "/dns/zones/:zoneId/ds-records", handler: (req) => envelope(200, { data: settings.dsRecords(req.params.zoneId) }) },
    { method: "GET", pattern: "/dns/zones/:zoneId/ds-records/external", handler: (req) => envelope(200, { data: settings.externalDs(req.params.zoneId) }) },
    write("/dns/zones/:zoneId/ds-records/external", (zoneId, b) => settings.replaceExternalDs(zoneId, b), "DS records updated successfully.", "POST"),
  ];
}

/** Redirects and PTR zones (Gigahost). */
function redirectRoutes(redirects: GigahostRedirects): Route[] {
  const body = (req: EmulatorRequest): Record<string, unknown> => {
    if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) throw new GigahostApiError(400, "Invalid request body.");
    return req.body as Record<string, unknown>;
  };
  return [
    { method: "GET", pattern: "/dns/zones/:zoneId/redirect", handler: (req) => envelope(200, { data: redirects.list(req.params.zoneId) }) },
    {
      method: "POST",
      pattern: "/dns/zones/:zoneId/redirect",
      handler: (req) => {
        redirects.create(req.params.zoneId, body(req));
        return envelope(201, { message: "Redirect created successfully." });
      },
    },
    {
      method: "PUT",
      pattern: "/dns/zones/:zoneId/redirect",
      handler: (req) => {
        redirects.update(req.params.zoneId, body(req));
        return envelope(200, { message: "Redirect updated successfully." });
      },
    },
    {
      method: "DELETE",
      pattern: "/dns/zones/:zoneId/redirect",
      handler: (req) => {
        redirects.remove(req.params.zoneId, req.query.source);
        return envelope(200, { message: "Redirect deleted successfully." });
      },
    },
    {
      method: "POST",
      pattern: "/dns/zones/ptr",
      handler: (req) => envelope(201, { message: "PTR zone created successfully.", data: { zone_id: redirects.createPtrZone(body(req)) } }),
    },
  ];
}

type AdminRecordInput = { name: string; type: string; value: string; ttl?: number; priority?: number | null };

async function answerWithEnvelope(handle: () => Promise<EmulatorResponse> | EmulatorResponse): Promise<EmulatorResponse> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof GigahostApiError) return errorEnvelope(error);
    throw error;
  }
}

async function answerAdmin(handle: () => Promise<EmulatorResponse> | EmulatorResponse): Promise<EmulatorResponse> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof GigahostApiError) return { status: error.status, body: { error: error.message } };
    throw error;
  }
}

/** Admin bodies are trusted test input; only their being a JSON object is checked, the helpers validate fields. */
function adminBody<T>(req: EmulatorRequest): T {
  if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) {
    throw new GigahostApiError(400, "expected a JSON object body");
  }
  return req.body as T;
}
