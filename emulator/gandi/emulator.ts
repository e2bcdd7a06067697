// The Gandi Simple Hosting v5 fake (docs/vendor-documents.md,
// "Gandi: Simple Hosting API v5"): applications, instances with asynchronous
// provisioning, actions, usage, vhosts and their cache. Mounted at
// /gandi/v5/simplehosting. Routes are declared per area (application-,
// instance- and vhost-routes.ts).
import { type EmulatorClock, type EmulatorError, type EmulatorRequest, type EmulatorResponse, type Middleware, type Route, type VendorEmulator, JobClock, createEmulatorClock } from "../core";
import { gandiAdminRoutes } from "./admin-routes";
import { applicationRoutes } from "./application-routes";
import { errorAnswer, forbidden, unauthorized } from "./errors";
import { instanceRoutes } from "./instance-routes";
import type { GandiInstances } from "./instances";
import { DEFAULT_SHARING_ID, DEFAULT_TIMINGS, type GandiSnapshot, type GandiTimings, type SeedInstance, type StoredInstance, type StoredVhost } from "./records";
import { type GandiRouteContext, origin, page } from "./requests";
import { GandiState } from "./state";
import { vhostRoutes } from "./vhost-routes";
import type { GandiVhosts } from "./vhosts";

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
  /** Gandi's asynchronous work; the core runs due jobs before every request, the in-process helpers below too. */
  readonly jobs: JobClock;
  readonly createAttempts: CreateAttempt[] = [];
  private readonly state: GandiState;
  private readonly tokens: Set<string>;
  private readonly apiKeys: Set<string>;
  private readonly organizations: Set<string>;
  private readonly defaultPerPage: number;

  constructor(options: GandiEmulatorOptions = {}) {
    this.basePath = options.basePath ?? "/gandi/v5/simplehosting";
    this.clock = options.clock ?? createEmulatorClock();
    this.jobs = new JobClock(this.clock);
    this.state = new GandiState(this.jobs, { ...DEFAULT_TIMINGS, ...options.timings });
    this.tokens = new Set(options.tokens ?? [DEFAULT_GANDI_TOKEN]);
    this.apiKeys = new Set(options.apiKeys ?? [DEFAULT_GANDI_API_KEY]);
    this.organizations = new Set([DEFAULT_SHARING_ID, ...(options.organizations ?? [GANDI_ORGANIZATION_ID])]);
    this.defaultPerPage = options.defaultPerPage ?? 100;
  }

  routes(): Route[] {
    const selfUrl = (req: EmulatorRequest) => origin(req) + this.basePath;
    const context: GandiRouteContext = {
      state: this.state,
      page: (req, items) => page(req, items, this.defaultPerPage),
      selfUrl,
      instanceUrl: (req, id) => `${selfUrl(req)}/instances/${id}`,
      checkSharing: (req) => this.checkSharing(req),
      createAttempts: this.createAttempts,
    };
    return [...applicationRoutes(context), ...instanceRoutes(context), ...vhostRoutes(context)];
  }

  /** Every route needs a personal access token (Bearer) or a deprecated API key (Apikey). */
  middleware(): Middleware[] {
    return [
      (req, next) => {
        this.authorize(req.headers.authorization);
        return next();
      },
    ];
  }

  adminRoutes(): Route[] {
    return gandiAdminRoutes(this);
  }

  errorAnswer(error: EmulatorError): EmulatorResponse {
    return errorAnswer(error);
  }

  snapshot(): GandiSnapshot {
    return this.state.snapshot();
  }

  restore(saved: unknown): void {
    const snapshot = saved as Partial<GandiSnapshot> | null;
    if (!snapshot || !Array.isArray(snapshot.instances) || !Array.isArray(snapshot.vhosts)) throw new Error("gandi: saved state has no instances");
    this.jobs.clear();
    this.state.restore(snapshot as GandiSnapshot);
  }

  // In-process helpers for tests: seeding and out-of-band changes, as if made
  // in Gandi's admin console. They skip authentication and apply at once.

  /** An instance that is already active (its creation jobs, due at once, have run). */
  addInstance(seed: SeedInstance): StoredInstance {
    const instance = this.state.instances.add(seed);
    this.jobs.runDue();
    return instance;
  }

  instances(): StoredInstance[] {
    this.jobs.runDue();
    return this.state.instances.all();
  }

  instance(id: string): StoredInstance | undefined {
    this.jobs.runDue();
    return this.state.instances.all().find((instance) => instance.id === id);
  }

  instanceStatus(id: string): string | undefined {
    const instance = this.instance(id);
    return instance && this.state.instanceStatus(instance);
  }

  modifyInstance(id: string, changes: Parameters<GandiInstances["modify"]>[1]): StoredInstance {
    this.jobs.runDue();
    return this.state.instances.modify(id, changes);
  }

  removeInstance(id: string): void {
    this.jobs.runDue();
    this.state.instances.remove(id);
  }

  vhosts(instanceId: string): StoredVhost[] {
    this.jobs.runDue();
    return this.state.vhosts.of(instanceId);
  }

  vhostStatus(instanceId: string, fqdn: string): string {
    this.jobs.runDue();
    return this.state.vhostStatus(this.state.vhosts.get(instanceId, fqdn));
  }

  /** Creates a vhost that is already running (or waiting for ownership proof, when required for its fqdn). */
  addVhost(instanceId: string, fqdn: string, fields: { application?: string; httpsStrategy?: string; certificate?: boolean } = {}): StoredVhost {
    this.jobs.runDue();
    const vhost = this.state.vhosts.create(
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
    this.state.scheduleVhost(vhost);
    this.jobs.runDue();
    return vhost;
  }

  modifyVhost(instanceId: string, fqdn: string, changes: Parameters<GandiVhosts["modify"]>[2]): StoredVhost {
    this.jobs.runDue();
    return this.state.vhosts.modify(instanceId, fqdn, changes);
  }

  removeVhost(instanceId: string, fqdn: string): void {
    this.jobs.runDue();
    this.state.vhosts.remove(instanceId, fqdn);
  }

  /** Gandi cannot verify ownership of this fqdn: its vhosts stay in waiting_ownership. */
  requireOwnershipProof(fqdn: string): void {
    this.state.vhosts.requireOwnershipProof(fqdn);
  }

  validateOwnership(fqdn: string): void {
    this.state.vhosts.validateOwnership(fqdn);
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
}
