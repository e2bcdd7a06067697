// The Gigahost API fake: authentication, DNS, servers, BGP and deploy, each
// in its own files. Terrahost runs the same platform: emulator/terrahost
// builds this class under another vendor name and base path, serving only
// the routes the Terrahost document lists (`documentedRoutes`).
import { type EmulatorClock, type EmulatorError, type EmulatorResponse, JobClock, type Middleware, type Route, type VendorEmulator, createEmulatorClock } from "../core";
import { accountRoutes, dyndnsRoute, waitlistRoutes } from "./account-routes";
import { type AccountSnapshot, GigahostAccount } from "./account-state";
import { gigahostAdminRoutes } from "./admin-routes";
import { GigahostAuth, type GigahostUser, type SessionSnapshot } from "./auth";
import { type BgpSnapshot, GigahostBgpState } from "./bgp-state";
import { bgpRoutes } from "./bgp-routes";
import { type DeploySnapshot, GigahostDeployState } from "./deploy-state";
import { deployRoutes } from "./deploy-routes";
import { type DnsSnapshot, GigahostDnsState, type NewZone, type RecordFields, type RecordView, type ZoneView } from "./dns-state";
import { ZoneWriteLock, dnsRoutes } from "./dns-routes";
import { type RouteKey, requireDocumentedFields, routeKey } from "./documented";
import { domainRoutes, domainSettingsRoutes, redirectRoutes } from "./domain-routes";
import { type DomainSettingsSnapshot, GigahostDomainSettings } from "./domain-settings-state";
import { type DomainSnapshot, GigahostDomainRegistry } from "./domain-state";
import { errorEnvelope } from "./envelope";
import { GigahostRedirects, type RedirectSnapshot } from "./redirect-state";
import { serverRoutes } from "./server-routes";
import { GigahostServerState, type ServerStateSnapshot } from "./server-state";

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
     * verified live (docs/gigahost-dns.md, "DNS quirks handled"); "documented" is
     * `data: { zone_id }`, as documented.
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
    /** How long a package upgrade takes to show (a guess: the documents say nothing). */
    upgradeMs?: number;
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

const LOGIN_ROUTE: RouteKey = "POST /authenticate";

interface GigahostSnapshot {
  dns: DnsSnapshot;
  sessions: SessionSnapshot[];
  servers?: ServerStateSnapshot;
  bgp?: BgpSnapshot;
  deploy?: DeploySnapshot;
  domains?: DomainSnapshot;
  domainSettings?: DomainSettingsSnapshot;
  redirects?: RedirectSnapshot;
  account?: AccountSnapshot;
}

export class GigahostEmulator implements VendorEmulator {
  readonly vendor: string;
  readonly basePath: string;
  readonly clock: EmulatorClock;
  /** Snapshots, installs, deploy orders and BGP session deletions complete as jobs on it. */
  readonly jobs: JobClock;
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
  /** The profile, its SSH keys, `/my/*` and the deploy waitlist. */
  readonly account: GigahostAccount;

  constructor(options: GigahostEmulatorOptions = {}) {
    this.vendor = options.vendor ?? "gigahost";
    this.basePath = options.basePath ?? "/gigahost/api/v0";
    this.clock = options.clock ?? createEmulatorClock();
    this.jobs = new JobClock(this.clock);
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
    this.servers = new GigahostServerState(this.jobs, this.vendor, GIGAHOST_CUSTOMER_ID, {
      snapshotMs: options.timings?.snapshotMs ?? 3 * 60_000,
      reinstallMs: options.timings?.reinstallMs ?? 5 * 60_000,
      upgradeMs: options.timings?.upgradeMs ?? 2 * 60_000,
    });
    this.bgp = new GigahostBgpState(this.jobs, this.servers, GIGAHOST_CUSTOMER_ID, options.timings?.sessionDeletionMs ?? 2 * 60_000);
    this.deploy = new GigahostDeployState(this.jobs, this.servers, {
      queueMs: options.timings?.deployQueueMs ?? 30_000,
      provisionMs: options.timings?.deployProvisionMs ?? 30_000,
      installMs: options.timings?.deployInstallMs ?? 4 * 60_000,
    });
    this.domainSettings = new GigahostDomainSettings(this.dns);
    this.domains = new GigahostDomainRegistry(this.dns, this.domainSettings);
    this.redirects = new GigahostRedirects(this.dns);
    this.account = new GigahostAccount(GIGAHOST_CUSTOMER_ID, () => this.clock.now());
  }

  routes(): Route[] {
    return this.served([
      { method: "POST", pattern: "/authenticate", handler: (req) => this.auth.authenticate(req.body) },
      ...dnsRoutes(this.dns, this.lock, { deleteIgnoresValue: this.deleteIgnoresValue, zoneCreateAnswer: this.zoneCreateAnswer }),
      ...serverRoutes(this.servers),
      ...bgpRoutes(this.bgp),
      ...deployRoutes(this.deploy),
      ...domainRoutes(this.domains),
      ...domainSettingsRoutes(this.domainSettings),
      ...redirectRoutes(this.redirects),
      ...accountRoutes(this.account, () => DEFAULT_GIGAHOST_USERNAME),
      ...waitlistRoutes(this.account),
      dyndnsRoute(this.dns),
    ]);
  }

  /** Every route but the login needs a key or token; every request is held to the document's fields. */
  middleware(): Middleware[] {
    return [
      (req, next) => {
        const key = routeKey(req.method, req.pattern);
        if (key !== LOGIN_ROUTE) this.auth.requireAuthorization(req.headers.authorization);
        requireDocumentedFields(key, req);
        return next();
      },
    ];
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
    return gigahostAdminRoutes(this);
  }

  errorAnswer(error: EmulatorError): EmulatorResponse {
    return errorEnvelope(error);
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
      account: this.account.snapshot(),
    };
  }

  restore(state: unknown): void {
    const snapshot = state as Partial<GigahostSnapshot> | null;
    if (!snapshot || typeof snapshot !== "object" || !snapshot.dns) throw new Error(`${this.vendor}: saved state has no dns section`);
    this.jobs.clear();
    this.dns.restore(snapshot.dns);
    this.auth.restore(snapshot.sessions ?? []);
    if (snapshot.servers) this.servers.restore(snapshot.servers);
    if (snapshot.bgp) this.bgp.restore(snapshot.bgp);
    if (snapshot.deploy) this.deploy.restore(snapshot.deploy);
    if (snapshot.domains) this.domains.restore(snapshot.domains);
    if (snapshot.domainSettings) this.domainSettings.restore(snapshot.domainSettings);
    if (snapshot.redirects) this.redirects.restore(snapshot.redirects);
    if (snapshot.account) this.account.restore(snapshot.account);
  }

  // In-process helpers for tests (seeding and out-of-band changes). They skip
  // authentication, zone protection and the write lock; invalid input throws
  // EmulatorError exactly as the API would refuse it.

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

  /** The auth code the registry expects for transferring `domain` (without one, any code is accepted). */
  setTransferAuthCode(domain: string, code: string): void {
    this.dns.setTransferCode(domain, code);
  }

  expireAllTokens(): void {
    this.auth.expireAllTokens();
  }
}

export type AdminRecordInput = { name: string; type: string; value: string; ttl?: number; priority?: number | null };
