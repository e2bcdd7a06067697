// Gandi Simple Hosting data: instances and vhosts, the validation the API
// applies, asynchronous provisioning on the emulator clock, and the JSON the
// GET routes answer with (gandi-simplehosting-v5.txt). States are derived from
// timestamps when read, so a test that advances (or scales) the clock sees
// waiting_bill → being_created → active without any timer running.
import { randomUUID } from "node:crypto";
import { domainToASCII } from "node:url";
import type { EmulatorClock } from "../core";
import {
  BASE_STORAGE_GB,
  BOOSTER_SIZES,
  CPUS,
  CURRENT_SIZES,
  DATABASES,
  LANGUAGES,
  LEGACY_RESIZE_TARGETS,
  LEGACY_SIZES,
  RAM_MB,
  recommendedVersion,
  versionId,
  APPLICATIONS,
} from "./catalog";
import { GandiApiError, ValidationIssue, validationError } from "./errors";

export interface GandiTimings {
  /** How long a new instance waits for its bill to be paid; default 20 s. */
  billMs: number;
  /** Provisioning after payment; default 3 min. */
  provisionMs: number;
  /** How long a resize, storage increase or language upgrade takes to apply; default 1 min. */
  changeMs: number;
  /** being_deleted → gone; default 30 s. */
  deleteMs: number;
  /** Vhost being_created → running; default 20 s. */
  vhostCreateMs: number;
  /** Vhost being_deleted → gone; default 10 s. */
  vhostDeleteMs: number;
}

export const DEFAULT_TIMINGS: GandiTimings = {
  billMs: 20_000,
  provisionMs: 180_000,
  changeMs: 60_000,
  deleteMs: 30_000,
  vhostCreateMs: 20_000,
  vhostDeleteMs: 10_000,
};

type Software = { name: string; version: string };

interface PendingChange {
  applyAt: number;
  size?: string;
  storageAdditional?: number;
  language?: Software;
}

export interface StoredInstance {
  id: string;
  name: string;
  size: string;
  region: "FR" | "LU";
  database: Software;
  language: Software;
  snapshotEnabled: boolean;
  storageAdditional: number;
  autorenew: boolean;
  duration: number;
  passwordUpdatedAt: string | null;
  sshKeys: string[];
  sharingId: string;
  createdAt: number;
  billedAt: number;
  activeAt: number;
  /** An out-of-band hold ("locked", "paused") overriding the derived status. */
  hold: "locked" | "paused" | null;
  pending: PendingChange[];
  deletedAt: number | null;
  consoleEnabled: boolean;
  boosterUntil: number | null;
  /** PATCH `booster_options.size`; Gandi's choice ("business" here, a guess) without it. */
  boosterSize: string | null;
  restarts: number;
  databasePasswordResets: number;
}

export interface StoredVhost {
  instanceId: string;
  fqdn: string;
  createdAt: number;
  readyAt: number;
  application: { name: string; parameters: Record<string, unknown> } | null;
  httpsStrategy: string;
  allowAlteration: boolean;
  allowAlterationOverride: boolean;
  /**
   * Whether the vhost has a TLS certificate; `https_strategy` is only shown
   * with one ("This field is only present if you have a certificate").
   * Instance-create vhosts get one with `with_free_ssl`; vhosts posted later
   * get Gandi's free certificate (emulator's guess). Absent in older snapshots: true.
   */
  certificate?: boolean;
  ownership: "validated" | "required" | "failed";
  deletedAt: number | null;
  cachePurges: number;
}

export interface GandiSnapshot {
  instances: StoredInstance[];
  vhosts: StoredVhost[];
  ownershipRequired: string[];
}

/** A vhost link as instances list them. */
type VhostLink = { fqdn: string; href: string };

export const DEFAULT_SHARING_ID = "5f2b2e3c-0000-4000-a000-00000000d0d0";

const DATACENTERS = { FR: { code: "FR-SD5", name: "Paris", region: "FR" }, LU: { code: "LU-BI1", name: "Bissen", region: "LU" } };

export class GandiState {
  private instances = new Map<string, StoredInstance>();
  private vhosts = new Map<string, StoredVhost>();
  /** Fqdns whose ownership Gandi cannot verify: their vhosts stay in waiting_ownership. */
  private ownershipRequired = new Set<string>();

  constructor(
    private readonly clock: EmulatorClock,
    readonly timings: GandiTimings,
  ) {}

  // ---- time ------------------------------------------------------------

  /** Applies due changes and forgets what finished deleting. Called before every read and write. */
  settle(): void {
    const now = this.clock.now();
    for (const instance of [...this.instances.values()]) {
      if (instance.deletedAt !== null && now >= instance.deletedAt + this.timings.deleteMs) {
        this.instances.delete(instance.id);
        for (const [key, vhost] of this.vhosts) if (vhost.instanceId === instance.id) this.vhosts.delete(key);
        continue;
      }
      const due = instance.pending.filter((change) => now >= change.applyAt);
      for (const change of due) {
        if (change.size !== undefined) instance.size = change.size;
        if (change.storageAdditional !== undefined) instance.storageAdditional = change.storageAdditional;
        if (change.language !== undefined) instance.language = change.language;
      }
      instance.pending = instance.pending.filter((change) => now < change.applyAt);
      if (instance.boosterUntil !== null && now >= instance.boosterUntil) instance.boosterUntil = null;
    }
    for (const [key, vhost] of this.vhosts) {
      if (vhost.deletedAt !== null && now >= vhost.deletedAt + this.timings.vhostDeleteMs) this.vhosts.delete(key);
    }
  }

  instanceStatus(instance: StoredInstance): string {
    const now = this.clock.now();
    if (instance.deletedAt !== null) return "being_deleted";
    if (instance.hold) return instance.hold;
    if (now < instance.billedAt) return "waiting_bill";
    if (now < instance.activeAt) return "being_created";
    return "active";
  }

  vhostStatus(vhost: StoredVhost): string {
    if (vhost.deletedAt !== null) return "being_deleted";
    if (this.clock.now() < vhost.readyAt) return "being_created";
    if (vhost.ownership === "required") return "waiting_ownership";
    if (vhost.ownership === "failed") return "validation_failed";
    return "running";
  }

  // ---- instances -----------------------------------------------------------

  /** Validates a POST /instances body; returns the problems (empty: valid). */
  validateCreate(body: Record<string, unknown>): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const problem = (name: string, description: string) => issues.push({ location: "body", name, description });
    undocumentedFields(body, CREATE_FIELDS, "", problem);
    if (body.location !== "FR" && body.location !== "LU") problem("location", "Must be one of: FR, LU.");
    if (typeof body.size !== "string" || !CURRENT_SIZES.includes(body.size)) problem("size", `Must be one of: ${CURRENT_SIZES.join(", ")}.`);
    const type = asRecord(body.type);
    const database = asRecord(type.database);
    const language = asRecord(type.language);
    checkSoftware(DATABASES, database, "type.database", problem);
    checkSoftware(LANGUAGES, language, "type.language", problem);
    // The reference sets no length limit on names, durations or passwords: none is invented here.
    if (body.name !== undefined && typeof body.name !== "string") problem("name", "Must be a string.");
    if (body.storage_additional_size !== undefined && !isIntegerWithin(body.storage_additional_size, 0, 1004)) {
      problem("storage_additional_size", "Must be an integer between 0 and 1004.");
    }
    if (body.duration !== undefined && !isIntegerWithin(body.duration, 1, Number.MAX_SAFE_INTEGER)) problem("duration", "Must be an integer greater than or equal to 1.");
    if (body.duration_unit !== undefined && body.duration_unit !== "m") problem("duration_unit", "Must be one of: m.");
    const authentication = body.authentication === undefined ? undefined : asRecord(body.authentication);
    if (authentication && typeof authentication.password !== "string") problem("authentication.password", "Missing data for required field.");
    const vhosts = body.vhosts === undefined ? [] : Array.isArray(body.vhosts) ? body.vhosts : null;
    if (vhosts === null) problem("vhosts", "Must be a list.");
    for (const [index, vhost] of (vhosts ?? []).entries()) {
      undocumentedFields(asRecord(vhost), CREATE_VHOST_FIELDS, `vhosts.${index}.`, problem);
      const fqdn = asRecord(vhost).fqdn;
      if (typeof fqdn !== "string" || !isFqdn(fqdn)) problem(`vhosts.${index}.fqdn`, "Must be a domain name in ASCII (Punycode) form.");
    }
    return issues;
  }

  createInstance(body: Record<string, unknown>, sharingId: string | undefined): StoredInstance {
    const issues = this.validateCreate(body);
    if (issues.length > 0) throw validationError(issues);
    const type = asRecord(body.type);
    const database = asRecord(type.database);
    const language = asRecord(type.language);
    const now = this.clock.now();
    const authentication = body.authentication === undefined ? undefined : asRecord(body.authentication);
    const instance: StoredInstance = {
      id: randomUUID(),
      name: typeof body.name === "string" ? body.name : `shs-${this.instances.size + 1}`,
      size: body.size as string,
      region: body.location as "FR" | "LU",
      database: { name: database.name as string, version: (database.version as string) ?? recommendedVersion(DATABASES, database.name as string) },
      language: { name: language.name as string, version: (language.version as string) ?? recommendedVersion(LANGUAGES, language.name as string) },
      snapshotEnabled: body.snapshot_enabled === true,
      storageAdditional: (body.storage_additional_size as number | undefined) ?? 0,
      autorenew: body.autorenew === true,
      duration: (body.duration as number | undefined) ?? 1,
      passwordUpdatedAt: authentication ? new Date(now).toISOString() : null,
      sshKeys: Array.isArray(authentication?.ssh_keys) ? (authentication!.ssh_keys as string[]) : [],
      sharingId: sharingId ?? DEFAULT_SHARING_ID,
      createdAt: now,
      billedAt: now + this.timings.billMs,
      activeAt: now + this.timings.billMs + this.timings.provisionMs,
      hold: null,
      pending: [],
      deletedAt: null,
      consoleEnabled: false,
      boosterUntil: null,
      boosterSize: null,
      restarts: 0,
      databasePasswordResets: 0,
    };
    this.instances.set(instance.id, instance);
    for (const vhost of (body.vhosts as Record<string, unknown>[] | undefined) ?? []) {
      // Create-time vhosts: `linked_dns_zone.allow_alteration` is optional (default false), `with_free_ssl` asks for a certificate.
      const created = this.createVhost(instance.id, vhost, { startAt: instance.activeAt, createTime: true });
      created.certificate = vhost.with_free_ssl === true;
    }
    return instance;
  }

  /** Seeds an instance that is already active (tests, demos), e.g. with a legacy size. */
  addInstance(input: SeedInstance): StoredInstance {
    const instance = this.createInstance(
      {
        location: input.location ?? "FR",
        size: "starter",
        name: input.name,
        type: { database: { name: input.database ?? "mysql", version: input.databaseVersion }, language: { name: input.language ?? "php", version: input.languageVersion } },
        storage_additional_size: input.storageAdditionalSize ?? 0,
        snapshot_enabled: input.snapshotEnabled ?? false,
      },
      undefined,
    );
    instance.size = input.size ?? "starter";
    instance.billedAt = instance.activeAt = instance.createdAt;
    return instance;
  }

  instance(id: string): StoredInstance {
    const instance = this.instances.get(id);
    if (!instance) throw new GandiApiError(404, "Not Found", "The resource could not be found.", "instance");
    return instance;
  }

  allInstances(): StoredInstance[] {
    return [...this.instances.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** PATCH /instances/{id}: name, snapshots, password and booster at once; size, storage and language after `changeMs`. */
  patchInstance(id: string, body: Record<string, unknown>): StoredInstance {
    const instance = this.instance(id);
    const issues: ValidationIssue[] = [];
    const problem = (name: string, description: string) => issues.push({ location: "body", name, description });
    const change: PendingChange = { applyAt: this.clock.now() + this.timings.changeMs };
    undocumentedFields(body, PATCH_FIELDS, "", problem);
    const effectiveStorage = [instance.storageAdditional, ...instance.pending.map((p) => p.storageAdditional ?? 0)].reduce((a, b) => Math.max(a, b));
    // PATCH `size`: one of "s+", "m", "l", "xxl"; "Only supported for s, s+, m, l, xl, and xxl instances".
    if (body.size !== undefined) {
      if (typeof body.size !== "string" || !LEGACY_RESIZE_TARGETS.includes(body.size)) {
        problem("size", `Must be one of: ${LEGACY_RESIZE_TARGETS.join(", ")}.`);
      } else if (!LEGACY_SIZES.includes(instance.size)) {
        problem("size", `Resizing is only supported for ${LEGACY_SIZES.join(", ")} instances; this instance is ${instance.size}.`);
      } else if (body.size !== instance.size) change.size = body.size;
    }
    if (body.storage_additional_size !== undefined) {
      if (!isIntegerWithin(body.storage_additional_size, 0, 1004)) problem("storage_additional_size", "Must be an integer between 0 and 1004.");
      else if ((body.storage_additional_size as number) < effectiveStorage) problem("storage_additional_size", "Only increases are supported.");
      else if (body.storage_additional_size !== effectiveStorage) change.storageAdditional = body.storage_additional_size as number;
    }
    if (body.language_id !== undefined) {
      const upgrade = this.upgrades(instance).find((candidate) => candidate.id === body.language_id && candidate.type === "language");
      if (!upgrade) problem("language_id", "Not an available language upgrade for this instance.");
      else change.language = { name: upgrade.name, version: upgrade.version };
    }
    if (body.name !== undefined && typeof body.name !== "string") problem("name", "Must be a string.");
    if (body.password !== undefined && typeof body.password !== "string") problem("password", "Must be a string.");
    if (body.snapshot_enabled !== undefined && typeof body.snapshot_enabled !== "boolean") problem("snapshot_enabled", "Must be a boolean.");
    if (body.booster !== undefined && typeof body.booster !== "boolean") problem("booster", "Must be a boolean.");
    const boosterOptions = body.booster_options;
    if (boosterOptions !== undefined) {
      if (!boosterOptions || typeof boosterOptions !== "object" || Array.isArray(boosterOptions)) problem("booster_options", "Must be an object.");
      else {
        undocumentedFields(boosterOptions as Record<string, unknown>, ["size"], "booster_options.", problem);
        const size = (boosterOptions as Record<string, unknown>).size;
        if (size !== undefined && !(BOOSTER_SIZES as readonly unknown[]).includes(size)) problem("booster_options.size", `Must be one of: ${BOOSTER_SIZES.join(", ")}.`);
      }
    }
    if (issues.length > 0) throw validationError(issues);
    if (this.instanceStatus(instance) !== "active") {
      throw new GandiApiError(409, "Conflict", `The instance is ${this.instanceStatus(instance)}; it can be modified once active.`, "instance");
    }
    if (typeof body.name === "string") instance.name = body.name;
    if (typeof body.snapshot_enabled === "boolean") instance.snapshotEnabled = body.snapshot_enabled;
    if (typeof body.password === "string") instance.passwordUpdatedAt = new Date(this.clock.now()).toISOString();
    if (body.booster === true) instance.boosterUntil = this.clock.now() + 7 * 86_400_000;
    if (body.booster === false) instance.boosterUntil = null;
    const boosterSize = (boosterOptions as { size?: string } | undefined)?.size;
    if (boosterSize !== undefined) instance.boosterSize = boosterSize;
    if (change.size !== undefined || change.storageAdditional !== undefined || change.language !== undefined) instance.pending.push(change);
    return instance;
  }

  deleteInstance(id: string): void {
    const instance = this.instance(id);
    if (instance.deletedAt === null) instance.deletedAt = this.clock.now();
  }

  /** Removes an instance at once (an out-of-band delete in the admin console). */
  removeInstance(id: string): void {
    this.instance(id);
    this.instances.delete(id);
    for (const [key, vhost] of this.vhosts) if (vhost.instanceId === id) this.vhosts.delete(key);
  }

  /**
   * POST /instances/{id}/action. Resolves false when the action cannot be
   * performed (the route answers 204, as the reference says): the emulator's
   * guess is that an instance which is not active (still being created,
   * locked, paused or being deleted) cannot restart, open its console or
   * reset its database password.
   */
  action(id: string, action: unknown): boolean {
    const instance = this.instance(id);
    if (action !== "restart" && action !== "console" && action !== "reset_database_password") {
      throw validationError([{ location: "body", name: "action", description: "Must be one of: restart, console, reset_database_password." }]);
    }
    if (this.instanceStatus(instance) !== "active") return false;
    if (action === "restart") instance.restarts++;
    else if (action === "console") instance.consoleEnabled = true;
    else instance.databasePasswordResets++;
    return true;
  }

  upgrades(instance: StoredInstance): { id: string; name: string; type: string; version: string; status: string }[] {
    const newer = (table: Record<string, string[]>, software: Software, type: string) => {
      const versions = table[software.name] ?? [];
      return versions
        .slice(versions.indexOf(software.version) + 1)
        .map((version) => ({ id: versionId(type, software.name, version), name: software.name, type, version, status: "available" }));
    };
    return [...newer(LANGUAGES, instance.language, "language"), ...newer(DATABASES, instance.database, "database")];
  }

  instanceSummary(instance: StoredInstance, baseUrl: string) {
    const base = BASE_STORAGE_GB[instance.size] ?? 20;
    const datacenter = DATACENTERS[instance.region];
    return {
      id: instance.id,
      name: instance.name,
      size: instance.size,
      status: this.instanceStatus(instance),
      created_at: new Date(instance.createdAt).toISOString(),
      expire_at: new Date(instance.createdAt + instance.duration * 30 * 86_400_000).toISOString(),
      available_upgrade: this.upgrades(instance).length > 0,
      snapshot_enabled: instance.snapshotEnabled,
      database: { name: instance.database.name, version: instance.database.version, status: "running" },
      language: { name: instance.language.name, version: instance.language.version, status: "running", single_application: false },
      datacenter,
      sharing_space: { id: instance.sharingId, name: instance.sharingId === DEFAULT_SHARING_ID ? "emulator-user" : "organization" },
      storage: {
        additional: { unit: "GB", value: instance.storageAdditional },
        base: { unit: "GB", value: base },
        total: { unit: "GB", value: base + instance.storageAdditional },
      },
      ...(instance.autorenew ? { autorenew: { duration: 1, duration_type: "m" } } : {}),
      ...(instance.passwordUpdatedAt ? { password_updated_at: instance.passwordUpdatedAt } : {}),
      subscription_cancelled: false,
    };
  }

  instanceDetail(instance: StoredInstance, baseUrl: string) {
    const user = `${instance.id.slice(0, 8)}`;
    const sftpServer = `sftp.sd5.gpaas.net`;
    const vhosts = this.vhostsOf(instance.id).filter((vhost) => vhost.deletedAt === null);
    return {
      ...this.instanceSummary(instance, baseUrl),
      // Only the detail lists vhosts; the list items' schema has no `vhosts` (reference).
      vhosts: this.vhostLinks(instance.id, baseUrl),
      cpu: CPUS[instance.size] ?? 1,
      ram: { unit: "MB", value: RAM_MB[instance.size] ?? 1024 },
      console: { enabled: instance.consoleEnabled, url: `${user}@console.sd5.gpaas.net` },
      access_information: {
        admin_url: `https://admin.${instance.id.slice(0, 8)}.sh.gandi.example`,
        user,
        database: {
          host: "localhost",
          socket: `/srv/run/${instance.database.name}/${instance.database.name}.sock`,
          admins: [{ type: instance.database.name === "mysql" ? "phpMyAdmin" : "phpPgAdmin", url: `https://db.${user}.sh.gandi.example`, username: "hosting-db" }],
        },
        deploy: vhosts.map((vhost) => ({
          cli: { init: `gandi paas clone ${vhost.fqdn}` },
          git: {
            deploy: `ssh ${user}@git.sd5.gpaas.net deploy ${vhost.fqdn}.git`,
            remote: "gandi",
            url: `git+ssh://${user}@git.sd5.gpaas.net/${vhost.fqdn}.git`,
          },
          sftp: { directory: `vhosts/${vhost.fqdn}`, document_root: `vhosts/${vhost.fqdn}/htdocs`, server: sftpServer, url: `sftp://${user}@${sftpServer}` },
          vhost: { fqdn: vhost.fqdn, href: `${baseUrl}/instances/${instance.id}/vhosts/${vhost.fqdn}` },
        })),
      },
      booster:
        instance.boosterUntil !== null
          ? { current: { status: "active", size_override: instance.boosterSize ?? "business", expires_at: new Date(instance.boosterUntil).toISOString(), cpu_override: 8 } }
          : { next: { available: true, cooldown_days: 7, duration_days: 7, default_cpu_override: 8 } },
      upgrade_to: this.upgrades(instance),
      compatible_applications: APPLICATIONS.filter(
        (app) => app.languages.includes(instance.language.name) && app.databases.includes(instance.database.name),
      ).map((app) => ({ name: app.name })),
    };
  }

  /** An out-of-band change in Gandi's admin console (tests): applied at once. */
  modifyInstance(id: string, changes: Partial<Pick<StoredInstance, "name" | "size" | "snapshotEnabled" | "storageAdditional" | "hold">>): StoredInstance {
    const instance = this.instance(id);
    Object.assign(instance, changes);
    return instance;
  }

  // ---- vhosts --------------------------------------------------------------

  private vhostKey(instanceId: string, fqdn: string): string {
    return `${instanceId}|${fqdn}`;
  }

  vhostsOf(instanceId: string): StoredVhost[] {
    return [...this.vhosts.values()].filter((vhost) => vhost.instanceId === instanceId).sort((a, b) => b.createdAt - a.createdAt);
  }

  private vhostLinks(instanceId: string, baseUrl: string): VhostLink[] {
    return this.vhostsOf(instanceId)
      .filter((vhost) => vhost.deletedAt === null)
      .map((vhost) => ({ fqdn: vhost.fqdn, href: `${baseUrl}/instances/${instanceId}/vhosts/${vhost.fqdn}` }));
  }

  vhost(instanceId: string, fqdn: string): StoredVhost {
    this.instance(instanceId);
    const vhost = this.vhosts.get(this.vhostKey(instanceId, fqdn.toLowerCase()));
    if (!vhost) throw new GandiApiError(404, "Not Found", "The resource could not be found.", "vhost");
    return vhost;
  }

  /**
   * POST /instances/{id}/vhosts (or a vhost of an order, `createTime`);
   * `readyAt` defaults to now + vhostCreateMs.
   */
  createVhost(instanceId: string, body: Record<string, unknown>, options: { startAt?: number; createTime?: boolean } = {}): StoredVhost {
    const instance = this.instance(instanceId);
    const fqdn = typeof body.fqdn === "string" ? body.fqdn.toLowerCase() : "";
    const issues: ValidationIssue[] = [];
    const problem = (name: string, description: string) => issues.push({ location: "body", name, description });
    if (!options.createTime) {
      undocumentedFields(body, VHOST_POST_FIELDS, "", problem);
      // POST vhost: `allow_alteration` is Required inside `linked_dns_zone` (PATCH too; only an order's vhosts default it).
      if (body.linked_dns_zone !== undefined && typeof asRecord(body.linked_dns_zone).allow_alteration !== "boolean") {
        problem("linked_dns_zone.allow_alteration", "Missing data for required field.");
      }
    }
    if (!isFqdn(fqdn)) issues.push({ location: "body", name: "fqdn", description: "Must be a domain name in ASCII (Punycode) form." });
    const application = body.application === undefined ? null : asRecord(body.application);
    if (application && !APPLICATIONS.some((app) => app.name === application.name)) {
      issues.push({ location: "body", name: "application.name", description: `Unknown application "${String(application.name)}".` });
    }
    if (body.https_strategy !== undefined && !["HTTP_only", "allow_HTTP_and_HTTPS", "redirect_HTTP_to_HTTPS"].includes(body.https_strategy as string)) {
      issues.push({ location: "body", name: "https_strategy", description: "Must be one of: HTTP_only, allow_HTTP_and_HTTPS, redirect_HTTP_to_HTTPS." });
    }
    if (issues.length > 0) throw validationError(issues);
    const existing = this.vhosts.get(this.vhostKey(instanceId, fqdn));
    if (existing && existing.deletedAt === null) {
      // "The vhost already exist on the instance and the creation cannot be performed": documented without a body.
      throw new GandiApiError(422, "Unprocessable Entity", "vhost already exists", "vhost", undefined, { bodyless: true });
    }
    if (instance.deletedAt !== null) throw new GandiApiError(409, "Conflict", "The instance is being deleted.", "instance");
    const linked = asRecord(body.linked_dns_zone);
    const now = options.startAt ?? this.clock.now();
    const vhost: StoredVhost = {
      instanceId,
      fqdn,
      createdAt: this.clock.now(),
      readyAt: now + this.timings.vhostCreateMs,
      application: application ? { name: application.name as string, parameters: asRecord(application.parameters) } : null,
      httpsStrategy: (body.https_strategy as string | undefined) ?? "allow_HTTP_and_HTTPS",
      allowAlteration: linked.allow_alteration === true,
      allowAlterationOverride: linked.allow_alteration_override === true,
      certificate: true,
      ownership: this.ownershipRequired.has(fqdn) ? "required" : "validated",
      deletedAt: null,
      cachePurges: 0,
    };
    this.vhosts.set(this.vhostKey(instanceId, fqdn), vhost);
    return vhost;
  }

  patchVhost(instanceId: string, fqdn: string, body: Record<string, unknown>): StoredVhost {
    const vhost = this.vhost(instanceId, fqdn);
    const issues: ValidationIssue[] = [];
    undocumentedFields(body, VHOST_PATCH_FIELDS, "", (name, description) => issues.push({ location: "body", name, description }));
    if (body.https_strategy !== undefined && !["HTTP_only", "allow_HTTP_and_HTTPS", "redirect_HTTP_to_HTTPS"].includes(body.https_strategy as string)) {
      issues.push({ location: "body", name: "https_strategy", description: "Must be one of: HTTP_only, allow_HTTP_and_HTTPS, redirect_HTTP_to_HTTPS." });
    }
    const application = body.application === undefined ? undefined : asRecord(body.application);
    if (application && !APPLICATIONS.some((app) => app.name === application.name)) {
      issues.push({ location: "body", name: "application.name", description: `Unknown application "${String(application.name)}".` });
    }
    const linked = body.linked_dns_zone === undefined ? undefined : asRecord(body.linked_dns_zone);
    if (linked && typeof linked.allow_alteration !== "boolean") {
      issues.push({ location: "body", name: "linked_dns_zone.allow_alteration", description: "Required." });
    }
    if (issues.length > 0) throw validationError(issues);
    if (typeof body.https_strategy === "string") vhost.httpsStrategy = body.https_strategy;
    if (application) vhost.application = { name: application.name as string, parameters: asRecord(application.parameters) };
    if (linked) {
      vhost.allowAlteration = linked.allow_alteration === true;
      vhost.allowAlterationOverride = linked.allow_alteration_override === true;
    }
    return vhost;
  }

  deleteVhost(instanceId: string, fqdn: string): void {
    const vhost = this.vhost(instanceId, fqdn);
    if (vhost.deletedAt === null) vhost.deletedAt = this.clock.now();
  }

  /** Removes a vhost at once (out-of-band). */
  removeVhost(instanceId: string, fqdn: string): void {
    this.vhost(instanceId, fqdn);
    this.vhosts.delete(this.vhostKey(instanceId, fqdn.toLowerCase()));
  }

  modifyVhost(instanceId: string, fqdn: string, changes: Partial<Pick<StoredVhost, "httpsStrategy" | "application" | "allowAlteration" | "ownership" | "certificate">>): StoredVhost {
    return Object.assign(this.vhost(instanceId, fqdn), changes);
  }

  /** New vhosts for this fqdn stay in waiting_ownership until `validateOwnership`. */
  requireOwnershipProof(fqdn: string): void {
    this.ownershipRequired.add(fqdn.toLowerCase());
  }

  validateOwnership(fqdn: string): void {
    const name = fqdn.toLowerCase();
    this.ownershipRequired.delete(name);
    for (const vhost of this.vhosts.values()) if (vhost.fqdn === name && vhost.ownership === "required") vhost.ownership = "validated";
  }

  vhostView(vhost: StoredVhost) {
    const labels = vhost.fqdn.split(".");
    const domain = labels.slice(-2).join(".");
    const key = labels.length > 2 ? labels.slice(0, -2).join(".") : "@";
    const status = this.vhostStatus(vhost);
    const certificate = vhost.certificate !== false;
    return {
      fqdn: vhost.fqdn,
      status,
      created_at: new Date(vhost.createdAt).toISOString(),
      is_a_test_vhost: false,
      // "This field is only present if you have a certificate."
      ...(certificate ? { https_strategy: vhost.httpsStrategy } : {}),
      linked_dns_zone: {
        allow_alteration: vhost.allowAlteration,
        last_checked_status: vhost.ownership === "validated" ? (vhost.allowAlteration ? "altered" : "livedns_done") : "unknown",
        last_checked_at: new Date(this.clock.now()).toISOString(),
        cname: "webredir.vip.gandi.net.",
        domain,
        ipv4: "217.70.184.55",
        ipv6: "2001:4b98:dc0:41:216:3eff:fe3a:1d0a",
        is_alterable: !this.ownershipRequired.has(vhost.fqdn),
        is_root: key === "@",
        key,
        txt: `gandi-simplehosting-verification=${vhost.instanceId.slice(0, 8)}`,
      },
      ...(vhost.application
        ? { application: { name: vhost.application.name, parameters: vhost.application.parameters, status: status === "running" ? "running" : "being_created" } }
        : {}),
      certificates: !certificate ? [] : [{ id: `cert-${vhost.fqdn}`, href: `/v5/certificate/issued-certs/cert-${vhost.fqdn}`, pending: status !== "running" }],
    };
  }

  snapshot(): GandiSnapshot {
    return {
      instances: structuredClone([...this.instances.values()]),
      vhosts: structuredClone([...this.vhosts.values()]),
      ownershipRequired: [...this.ownershipRequired],
    };
  }

  restore(snapshot: GandiSnapshot): void {
    this.instances = new Map(snapshot.instances.map((instance) => [instance.id, structuredClone(instance)]));
    this.vhosts = new Map(snapshot.vhosts.map((vhost) => [this.vhostKey(vhost.instanceId, vhost.fqdn), structuredClone(vhost)]));
    this.ownershipRequired = new Set(snapshot.ownershipRequired ?? []);
  }
}

export interface SeedInstance {
  name: string;
  size?: string;
  location?: "FR" | "LU";
  database?: string;
  databaseVersion?: string;
  language?: string;
  languageVersion?: string;
  storageAdditionalSize?: number;
  snapshotEnabled?: boolean;
}

// The request fields each operation documents (gandi-simplehosting-v5.txt). Anything else is
// refused the way the API refuses a bad value (400 with `errors`; the status is a guess, see docs/gandi.md).
const CREATE_FIELDS = [
  "location", "size", "type", "authentication", "autorenew", "domain", "duration", "duration_unit", "name",
  "snapshot_enabled", "storage_additional_size", "vhosts",
];
const CREATE_VHOST_FIELDS = ["fqdn", "application", "https_strategy", "linked_dns_zone", "with_free_ssl"];
const PATCH_FIELDS = ["booster", "booster_options", "language_id", "name", "password", "size", "snapshot_enabled", "storage_additional_size"];
const VHOST_POST_FIELDS = ["fqdn", "application", "linked_dns_zone"];
const VHOST_PATCH_FIELDS = ["application", "https_strategy", "linked_dns_zone"];

function undocumentedFields(body: Record<string, unknown>, documented: string[], prefix: string, problem: (name: string, description: string) => void): void {
  for (const key of Object.keys(body)) if (!documented.includes(key)) problem(`${prefix}${key}`, "Unknown field.");
}

function checkSoftware(
  table: Record<string, string[]>,
  software: Record<string, unknown>,
  field: string,
  problem: (name: string, description: string) => void,
): void {
  const names = Object.keys(table);
  if (typeof software.name !== "string" || !names.includes(software.name)) {
    problem(`${field}.name`, `Must be one of: ${names.join(", ")}.`);
    return;
  }
  if (software.version !== undefined && !table[software.name].includes(software.version as string)) {
    problem(`${field}.version`, `${software.name} ${String(software.version)} is not available; available: ${table[software.name].join(", ")}.`);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isIntegerWithin(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function isFqdn(value: string): boolean {
  return domainToASCII(value) === value && /^(?=.{1,253}$)([a-z0-9](-*[a-z0-9])*)(\.[a-z0-9](-*[a-z0-9])*)+$/i.test(value);
}
