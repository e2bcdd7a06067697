// The ZoneID (Zone.eu) API v2 fake: HTTP Basic auth, the 60-requests-per-
// minute limit on a (scalable) clock, X-Ratelimit-* and X-Status-Message on
// every answer, x-pager-* paging, system records, and injectable 409 /
// "process locked" refusals (gate.ts). Every request is held to the vendor's
// OpenAPI document first (spec.ts): an undocumented method or path is
// refused as the API refuses it, a body the operation's schema refuses
// answers 422 naming the field, and a success status the operation does not
// list is a bug of the emulator (500). Routes live in <area>-routes.ts.
import { EmulatorError, type EmulatorClock, type EmulatorResponse, JobClock, type Middleware, type Route, type VendorEmulator, createEmulatorClock } from "../core";
import { pager } from "./answers";
import { type CloudSnapshot, type CloudTimings, ZoneidCloudState } from "./cloud-state";
import { cloudRoutes } from "./cloud-routes";
import { type DnsSnapshot, type RecordType, type RecordView, type ZoneView, ZoneidDnsState } from "./dns-state";
import { dnsRoutes } from "./dns-routes";
import { type DomainSnapshot, ZoneidDomainState } from "./domain-state";
import { errorAnswer } from "./errors";
import { type Refusal, ZoneidRateLimit, ZoneidRefusals, basicAuthentication, documentedOperations } from "./gate";
import { type HostingSnapshot, ZoneidHostingState } from "./hosting-state";
import { runtimeRoutes } from "./runtime-routes";
import { domainRoutes, hostingRoutes, hostingSettingsRoutes } from "./hosting-routes";
import { type HostingSettingsSnapshot, ZoneidHostingSettings } from "./hosting-settings-state";
import { type ExtrasSnapshot, ZoneidExtrasState } from "./extras-state";
import { extrasRoutes } from "./extras-routes";
import { zoneidAdminRoutes } from "./admin-routes";
import { SPEC_METHODS, zoneidSpec } from "./spec";

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

interface ZoneidSnapshot {
  dns: DnsSnapshot;
  hosting?: HostingSnapshot;
  hostingSettings?: HostingSettingsSnapshot;
  cloud?: CloudSnapshot;
  domains?: DomainSnapshot;
  extras?: ExtrasSnapshot;
}

export class ZoneidEmulator implements VendorEmulator {
  readonly vendor = "zoneid";
  readonly basePath: string;
  readonly clock: EmulatorClock;
  readonly jobs: JobClock;
  readonly dns: ZoneidDnsState;
  /** Web hosting (vserver) services and their collections. */
  readonly hosting = new ZoneidHostingState();
  /** A web hosting service's singletons: DKIM, SSH settings, mailbox autoreply, premium and app passwords. */
  readonly hostingSettings = new ZoneidHostingSettings(this.hosting);
  /** Domains: settings, nameservers, contacts. */
  readonly domains = new ZoneidDomainState();
  /** Additional packages, option lists, domain orders, server facts, turbos, ZoneCloud accounts. */
  readonly extras: ZoneidExtrasState;
  /** Cloud server orders and VMs. */
  readonly cloud: ZoneidCloudState;
  private readonly users: { username: string; apiKey: string }[];
  private readonly rateLimit: ZoneidRateLimit;
  private readonly refusals = new ZoneidRefusals();
  private readonly paging: "documented" | "all";
  private urlNeedsUpgrade: boolean;

  constructor(options: ZoneidEmulatorOptions = {}) {
    this.basePath = options.basePath ?? "/zoneid/v2";
    this.clock = options.clock ?? createEmulatorClock();
    this.jobs = new JobClock(this.clock);
    this.users = options.users ?? [{ username: DEFAULT_ZONEID_USERNAME, apiKey: DEFAULT_ZONEID_API_KEY }];
    const limit = options.rateLimit ? options.rateLimit.limit : 60;
    const windowMs = (options.rateLimit && options.rateLimit.windowMs) || 60_000;
    this.rateLimit = new ZoneidRateLimit(this.clock, limit, windowMs, options.rateLimit !== false);
    this.paging = options.paging ?? "documented";
    this.urlNeedsUpgrade = options.urlRecordsNeedUpgrade ?? false;
    this.cloud = new ZoneidCloudState(this.jobs, options.cloudTimings);
    this.extras = new ZoneidExtrasState(
      this.clock,
      (name) => this.hosting.hasService(name),
      (name) => this.domains.settingsOf(name),
    );
    this.dns = new ZoneidDnsState({ urlRecordsNeedUpgrade: () => this.urlNeedsUpgrade });
  }

  /** 429 answers given, for tests. */
  get rateLimitedCount(): number {
    return this.rateLimit.refused;
  }

  routes(): Route[] {
    const page = pager(this.basePath, this.paging);
    return [
      ...dnsRoutes(this.dns),
      ...runtimeRoutes(this.hosting),
      ...hostingSettingsRoutes(this.hostingSettings),
      ...hostingRoutes(this.hosting, page),
      ...cloudRoutes(this.cloud, page),
      ...domainRoutes(this.domains, page),
      ...extrasRoutes(this.extras, page),
      ...notEmulatedRoutes(),
    ];
  }

  middleware(): Middleware[] {
    // Renewal orders the registry has applied by now show before the request is served.
    const settleOrders: Middleware = (_req, next) => (this.extras.settle(), next());
    return [this.rateLimit.middleware(), basicAuthentication(this.users), documentedOperations(this.basePath), this.refusals.middleware(), settleOrders];
  }

  adminRoutes(): Route[] {
    return zoneidAdminRoutes(this);
  }

  errorAnswer(error: EmulatorError): EmulatorResponse {
    return errorAnswer(error);
  }

  snapshot(): ZoneidSnapshot {
    return { dns: this.dns.snapshot(), hosting: this.hosting.snapshot(), hostingSettings: this.hostingSettings.snapshot(), cloud: this.cloud.snapshot(), domains: this.domains.snapshot(), extras: this.extras.snapshot() };
  }

  restore(state: unknown): void {
    const snapshot = state as Partial<ZoneidSnapshot> | null;
    if (!snapshot || typeof snapshot !== "object" || !snapshot.dns) throw new Error("zoneid: saved state has no dns section");
    this.dns.restore(snapshot.dns);
    this.hosting.restore(snapshot.hosting);
    this.hostingSettings.restore(snapshot.hostingSettings);
    this.jobs.clear();
    this.cloud.restore(snapshot.cloud);
    this.domains.restore(snapshot.domains);
    this.extras.restore(snapshot.extras);
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
    if (!name) throw new EmulatorError(400, "name is required");
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
    this.refusals.add(kind, count);
  }

  setUrlRecordsNeedUpgrade(value: boolean): void {
    this.urlNeedsUpgrade = value;
  }
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
