// The Gandi Simple Hosting v5 fake (gandi-simplehosting-v5.txt): applications,
// instances with asynchronous provisioning, actions, usage, vhosts and their
// cache. Mounted at /gandi/v5/simplehosting.
import { type EmulatorClock, type EmulatorError, type EmulatorRequest, type EmulatorResponse, type Route, type VendorEmulator, createEmulatorClock } from "../core";
import { APPLICATIONS, matchesPattern } from "./catalog";
import { GandiApiError, errorBody, errorResponse, forbidden, unauthorized } from "./errors";
import { DEFAULT_SHARING_ID, DEFAULT_TIMINGS, type GandiSnapshot, GandiState, type GandiTimings, type SeedInstance, type StoredInstance, type StoredVhost } from "./state";

export const DEFAULT_GANDI_TOKEN = "pat_emulator-0123456789abcdef0123456789abcdef";
export const DEFAULT_GANDI_API_KEY = "emulatorApiKey0123456789";
/** An organization the default credentials may bill (`sharing_id`). */
export const GANDI_ORGANIZATION_ID = "0d1e2f3a-0000-4000-a000-0000000000aa";

export interface GandiEmulatorOptions {
  clock?: EmulatorClock;
  /** Accepted personal access tokens (`Bearer`). */
  tokens?: string[];
  /** Accepted deprecated API keys (`Apikey`). */
  apiKeys?: string[];
  /** Organizations the credentials may bill; the user's own sharing space always works. */
  organizations?: string[];
  timings?: Partial<GandiTimings>;
  /** Default page size when a list request sends no per_page. */
  defaultPerPage?: number;
  basePath?: string;
}

/** What one POST /instances asked for; tests check that a dry run came first and nothing was bought. */
export interface CreateAttempt {
  dryRun: boolean;
  status: number;
  body: unknown;
  sharingId: string | undefined;
}

export class GandiEmulator implements VendorEmulator {
  readonly vendor = "gandi";
  readonly basePath: string;
  readonly clock: EmulatorClock;
  readonly createAttempts: CreateAttempt[] = [];
  private readonly state: GandiState;
  private readonly tokens: Set<string>;
  private readonly apiKeys: Set<string>;
  private readonly organizations: Set<string>;
  private readonly defaultPerPage: number;

  constructor(options: GandiEmulatorOptions = {}) {
    this.basePath = options.basePath ?? "/gandi/v5/simplehosting";
    this.clock = options.clock ?? createEmulatorClock();
    this.state = new GandiState(this.clock, { ...DEFAULT_TIMINGS, ...options.timings });
    this.tokens = new Set(options.tokens ?? [DEFAULT_GANDI_TOKEN]);
    this.apiKeys = new Set(options.apiKeys ?? [DEFAULT_GANDI_API_KEY]);
    this.organizations = new Set([DEFAULT_SHARING_ID, ...(options.organizations ?? [GANDI_ORGANIZATION_ID])]);
    this.defaultPerPage = options.defaultPerPage ?? 100;
  }

  routes(): Route[] {
    const routes: Route[] = [
      { method: "GET", pattern: "/applications", handler: (req) => this.listApplications(req) },
      {
        method: "GET",
        pattern: "/applications/:name",
        handler: (req) => {
          const app = APPLICATIONS.find((candidate) => candidate.name === req.params.name);
          if (!app) throw new GandiApiError(404, "Not Found", "The resource could not be found.", "application");
          return { status: 200, body: applicationView(app) };
        },
      },
      { method: "GET", pattern: "/instances", handler: (req) => this.listInstances(req) },
      { method: "POST", pattern: "/instances", handler: (req) => this.createInstance(req) },
      {
        method: "GET",
        pattern: "/instances/:id",
        handler: (req) => ({ status: 200, body: this.state.instanceDetail(this.state.instance(req.params.id), this.selfUrl(req)) }),
      },
      {
        method: "PATCH",
        pattern: "/instances/:id",
        handler: (req) => {
          const instance = this.state.patchInstance(req.params.id, body(req));
          return { status: 202, body: { message: "The instance is being updated." }, headers: { "content-location": this.instanceUrl(req, instance.id) } };
        },
      },
      {
        method: "DELETE",
        pattern: "/instances/:id",
        handler: (req) => {
          this.state.deleteInstance(req.params.id);
          return { status: 204 };
        },
      },
      {
        method: "POST",
        pattern: "/instances/:id/action",
        handler: (req) => {
          // 204: "An internal error has occurred and the action cannot be performed" (reference).
          if (!this.state.action(req.params.id, body(req).action)) return { status: 204 };
          return { status: 202, body: { message: "The action is being performed." }, headers: { "content-location": this.instanceUrl(req, req.params.id) } };
        },
      },
      {
        method: "GET",
        pattern: "/instances/:id/usage",
        handler: (req) => {
          const instance = this.state.instance(req.params.id);
          const detail = this.state.instanceSummary(instance, this.selfUrl(req));
          const size = detail.storage.total.value * 1024 ** 3;
          return { status: 200, body: { disk_size_bytes: size, disk_used_bytes: Math.round(size * 0.12) } };
        },
      },
      { method: "GET", pattern: "/instances/:id/vhosts", handler: (req) => this.listVhosts(req) },
      { method: "POST", pattern: "/instances/:id/vhosts", handler: (req) => this.createVhost(req) },
      {
        method: "GET",
        pattern: "/instances/:id/vhosts/:fqdn",
        handler: (req) => ({ status: 200, body: this.state.vhostView(this.state.vhost(req.params.id, req.params.fqdn)) }),
      },
      {
        method: "PATCH",
        pattern: "/instances/:id/vhosts/:fqdn",
        handler: (req) => ({ status: 200, body: shortVhost(this.state.vhostView(this.state.patchVhost(req.params.id, req.params.fqdn, body(req)))) }),
      },
      {
        method: "DELETE",
        pattern: "/instances/:id/vhosts/:fqdn",
        handler: (req) => {
          this.state.deleteVhost(req.params.id, req.params.fqdn);
          return { status: 204 };
        },
      },
      {
        method: "DELETE",
        pattern: "/instances/:id/vhosts/:fqdn/cache",
        handler: (req) => {
          this.state.vhost(req.params.id, req.params.fqdn).cachePurges++;
          return { status: 204 };
        },
      },
    ];
    return routes.map((route) => ({
      ...route,
      handler: (req: EmulatorRequest) =>
        answer(() => {
          this.authorize(req.headers.authorization);
          this.state.settle();
          return route.handler(req);
        }),
    }));
  }

  adminRoutes(): Route[] {
    const routes: Route[] = [
      { method: "GET", pattern: "/instances", handler: () => ({ status: 200, body: this.instances() }) },
      { method: "POST", pattern: "/instances", handler: (req) => ({ status: 201, body: this.addInstance(body(req) as unknown as SeedInstance) }) },
      { method: "PATCH", pattern: "/instances/:id", handler: (req) => ({ status: 200, body: this.modifyInstance(req.params.id, body(req)) }) },
      {
        method: "DELETE",
        pattern: "/instances/:id",
        handler: (req) => {
          this.removeInstance(req.params.id);
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "PATCH",
        pattern: "/instances/:id/vhosts/:fqdn",
        handler: (req) => ({ status: 200, body: this.modifyVhost(req.params.id, req.params.fqdn, body(req)) }),
      },
      {
        method: "DELETE",
        pattern: "/instances/:id/vhosts/:fqdn",
        handler: (req) => {
          this.removeVhost(req.params.id, req.params.fqdn);
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/ownership/require",
        handler: (req) => {
          this.requireOwnershipProof(String(body(req).fqdn));
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/ownership/validate",
        handler: (req) => {
          this.validateOwnership(String(body(req).fqdn));
          return { status: 200, body: { ok: true } };
        },
      },
      {
        method: "POST",
        pattern: "/clock/advance",
        handler: (req) => {
          const ms = Number(body(req).ms);
          if (!Number.isFinite(ms) || ms < 0) throw new GandiApiError(400, "Bad Request", "ms must be a non-negative number", "admin");
          this.clock.advance(ms);
          return { status: 200, body: { now: this.clock.now() } };
        },
      },
    ];
    return routes.map((route) => ({
      ...route,
      handler: (req: EmulatorRequest) =>
        answer(() => {
          this.state.settle();
          return route.handler(req);
        }),
    }));
  }

  errorAnswer(error: EmulatorError): EmulatorResponse {
    const causes: Record<number, string> = { 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error" };
    const cause = causes[error.status] ?? "Error";
    return { status: error.status, body: errorBody(new GandiApiError(error.status, cause, error.message, `HTTP${cause.replace(/ /g, "")}`)) };
  }

  snapshot(): GandiSnapshot {
    return this.state.snapshot();
  }

  restore(saved: unknown): void {
    const snapshot = saved as Partial<GandiSnapshot> | null;
    if (!snapshot || !Array.isArray(snapshot.instances) || !Array.isArray(snapshot.vhosts)) throw new Error("gandi: saved state has no instances");
    this.state.restore(snapshot as GandiSnapshot);
  }

  // In-process helpers for tests: seeding and out-of-band changes, as if made
  // in Gandi's admin console. They skip authentication and apply at once.

  addInstance(seed: SeedInstance): StoredInstance {
    return this.state.addInstance(seed);
  }

  instances(): StoredInstance[] {
    this.state.settle();
    return this.state.allInstances();
  }

  instance(id: string): StoredInstance | undefined {
    this.state.settle();
    return this.state.allInstances().find((instance) => instance.id === id);
  }

  instanceStatus(id: string): string | undefined {
    const instance = this.instance(id);
    return instance && this.state.instanceStatus(instance);
  }

  modifyInstance(id: string, changes: Parameters<GandiState["modifyInstance"]>[1]): StoredInstance {
    this.state.settle();
    return this.state.modifyInstance(id, changes);
  }

  removeInstance(id: string): void {
    this.state.settle();
    this.state.removeInstance(id);
  }

  vhosts(instanceId: string): StoredVhost[] {
    this.state.settle();
    return this.state.vhostsOf(instanceId);
  }

  vhostStatus(instanceId: string, fqdn: string): string {
    this.state.settle();
    return this.state.vhostStatus(this.state.vhost(instanceId, fqdn));
  }

  /** Creates a vhost that is already running (or waiting for ownership proof, when required for its fqdn). */
  addVhost(instanceId: string, fqdn: string, fields: { application?: string; httpsStrategy?: string; certificate?: boolean } = {}): StoredVhost {
    this.state.settle();
    const vhost = this.state.createVhost(
      instanceId,
      {
        fqdn,
        ...(fields.application ? { application: { name: fields.application } } : {}),
        ...(fields.httpsStrategy ? { https_strategy: fields.httpsStrategy } : {}),
      },
      { createTime: true },
    );
    vhost.readyAt = vhost.createdAt;
    vhost.certificate = fields.certificate ?? true;
    return vhost;
  }

  modifyVhost(instanceId: string, fqdn: string, changes: Parameters<GandiState["modifyVhost"]>[2]): StoredVhost {
    this.state.settle();
    return this.state.modifyVhost(instanceId, fqdn, changes);
  }

  removeVhost(instanceId: string, fqdn: string): void {
    this.state.settle();
    this.state.removeVhost(instanceId, fqdn);
  }

  /** Gandi cannot verify ownership of this fqdn: its vhosts stay in waiting_ownership. */
  requireOwnershipProof(fqdn: string): void {
    this.state.requireOwnershipProof(fqdn);
  }

  validateOwnership(fqdn: string): void {
    this.state.validateOwnership(fqdn);
  }

  // ---- handlers ------------------------------------------------------------

  private authorize(header: string | undefined): void {
    const [scheme, value] = (header ?? "").split(/\s+/, 2);
    if (/^bearer$/i.test(scheme ?? "")) {
      if (!value || !this.tokens.has(value)) throw forbidden("The access token has expired, does not have enough permissions or does not exist.");
      return;
    }
    if (/^apikey$/i.test(scheme ?? "") && value && this.apiKeys.has(value)) return;
    throw unauthorized();
  }

  private checkSharing(req: EmulatorRequest): string | undefined {
    const sharingId = req.query.sharing_id;
    if (sharingId !== undefined && !this.organizations.has(sharingId)) {
      throw forbidden("You do not have billing permissions on this organization.");
    }
    return sharingId;
  }

  private createInstance(req: EmulatorRequest): EmulatorResponse {
    const sharingId = this.checkSharing(req);
    const requestBody = body(req);
    const dryRun = req.headers["dry-run"] === "1";
    if (dryRun) {
      const errors = this.state.validateCreate(requestBody);
      this.createAttempts.push({ dryRun, status: 200, body: requestBody, sharingId });
      return { status: 200, body: errors.length > 0 ? { status: "error", errors } : { status: "success" } };
    }
    try {
      const instance = this.state.createInstance(requestBody, sharingId);
      this.createAttempts.push({ dryRun, status: 202, body: requestBody, sharingId });
      return {
        status: 202,
        body: { message: "The instance is being created." },
        headers: { "content-location": this.instanceUrl(req, instance.id) },
      };
    } catch (error) {
      if (error instanceof GandiApiError) this.createAttempts.push({ dryRun, status: error.status, body: requestBody, sharingId });
      throw error;
    }
  }

  private listInstances(req: EmulatorRequest): EmulatorResponse {
    const sharingId = this.checkSharing(req);
    const { name, fqdn, status, size } = req.query;
    const items = this.state
      .allInstances()
      .filter((instance) => sharingId === undefined || instance.sharingId === sharingId)
      .filter((instance) => matchesPattern(instance.name, name))
      .filter((instance) => status === undefined || this.state.instanceStatus(instance) === status)
      .filter((instance) => size === undefined || instance.size === size)
      .filter((instance) => fqdn === undefined || this.state.vhostsOf(instance.id).some((vhost) => matchesPattern(vhost.fqdn, fqdn)))
      .map((instance) => this.state.instanceSummary(instance, this.selfUrl(req)));
    return this.page(req, items);
  }

  private listApplications(req: EmulatorRequest): EmulatorResponse {
    const { name, language, database } = req.query;
    const items = APPLICATIONS.filter(
      (app) =>
        matchesPattern(app.name, name) &&
        (language === undefined || app.languages.some((candidate) => matchesPattern(candidate, language))) &&
        (database === undefined || app.databases.some((candidate) => matchesPattern(candidate, database))),
    ).map(applicationView);
    return this.page(req, items);
  }

  private listVhosts(req: EmulatorRequest): EmulatorResponse {
    this.state.instance(req.params.id);
    const items = this.state
      .vhostsOf(req.params.id)
      .filter((vhost) => matchesPattern(vhost.fqdn, req.query.fqdn))
      .map((vhost) => this.state.vhostView(vhost))
      .filter((vhost) => req.query.status === undefined || vhost.status === req.query.status);
    return this.page(req, items);
  }

  private createVhost(req: EmulatorRequest): EmulatorResponse {
    const vhost = this.state.createVhost(req.params.id, body(req));
    return {
      status: 202,
      body: shortVhost(this.state.vhostView(vhost)),
      headers: { "content-location": `${this.instanceUrl(req, req.params.id)}/vhosts/${vhost.fqdn}` },
    };
  }

  /** page/per_page, `Total-Count`, and a `Link` header with rel="next" and rel="last". */
  private page(req: EmulatorRequest, items: unknown[]): EmulatorResponse {
    const page = positiveInteger(req.query.page, "page") ?? 1;
    const perPage = positiveInteger(req.query.per_page, "per_page") ?? this.defaultPerPage;
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = { "total-count": String(items.length) };
    const link = (target: number) => {
      const query = new URLSearchParams({ ...req.query, page: String(target), per_page: String(perPage) });
      return `${this.origin(req)}${req.path}?${query}`;
    };
    const links: string[] = [];
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`);
    links.push(`<${link(last)}>; rel="last"`);
    headers.link = links.join(", ");
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
  }

  private origin(req: EmulatorRequest): string {
    return `http://${req.headers.host ?? "127.0.0.1"}`;
  }

  private selfUrl(req: EmulatorRequest): string {
    return this.origin(req) + this.basePath;
  }

  private instanceUrl(req: EmulatorRequest, id: string): string {
    return `${this.selfUrl(req)}/instances/${id}`;
  }
}

function applicationView(app: (typeof APPLICATIONS)[number]) {
  return {
    name: app.name,
    name_label: app.label,
    requirements: app.languages.flatMap((language) =>
      app.databases.map((database) => ({
        database: { name: database, status: "running", version: "*" },
        language: { name: language, status: "running", version: "*", single_application: app.singleApplication },
        instance_minimum_size: app.minimumSize,
      })),
    ),
  };
}

/** The vhost POST and PATCH answers: fqdn, https_strategy, linked_dns_zone (two fields) and status. */
function shortVhost(view: ReturnType<GandiState["vhostView"]>) {
  return {
    fqdn: view.fqdn,
    ...(view.https_strategy !== undefined ? { https_strategy: view.https_strategy } : {}),
    linked_dns_zone: { allow_alteration: view.linked_dns_zone.allow_alteration, last_checked_status: view.linked_dns_zone.last_checked_status },
    status: view.status,
  };
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new GandiApiError(400, "Bad Request", "Invalid request", "HTTPBadRequest", [{ location: "querystring", name, description: "Must be an integer greater than or equal to 1." }]);
  }
  return parsed;
}

function body(req: EmulatorRequest): Record<string, unknown> {
  return typeof req.body === "object" && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}

async function answer(handle: () => Promise<EmulatorResponse> | EmulatorResponse): Promise<EmulatorResponse> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof GandiApiError) return errorResponse(error);
    throw error;
  }
}
