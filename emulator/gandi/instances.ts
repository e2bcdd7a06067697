// Simple Hosting instances (docs/vendor-documents.md, "Gandi: instances"): the
// order's validation, creation with its vhosts, PATCH (name, snapshots,
// password and booster at once; size, storage and language after `changeMs`),
// delete, actions, and the JSON the GET routes answer with.
import { randomUUID } from "node:crypto";
import {
  APPLICATIONS,
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
} from "./catalog";
import { type ValidationIssue, gandiError, validationError } from "./errors";
import { DEFAULT_SHARING_ID, type PendingChange, type SeedInstance, type Software, type StoredInstance } from "./records";
import {
  CONTACT_LANGS, CONTACT_TYPES, CONTACT_VALIDATIONS, CREATE_DOMAIN_FIELDS, CREATE_FIELDS, CREATE_VHOST_FIELDS, DOMAIN_CONTACT_FIELDS, PATCH_FIELDS, asRecord, checkSoftware, isFqdn, isIntegerWithin, undocumentedFields } from "./request-fields";
import type { GandiState } from "./state";

const DATACENTERS = { FR: { code: "FR-SD5", name: "Paris", region: "FR" }, LU: { code: "LU-BI1", name: "Bissen", region: "LU" } };

export class GandiInstances {
  constructor(private readonly state: GandiState) {}

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
    if (body.domain !== undefined) this.validateFreeDomain(body.domain, problem);
    return issues;
  }

  /**
   * POST `domain` (reference: "To register a free domain name that will be
   * linked to Web Hosting instance"): `fqdn` and an `owner` contact required,
   * `admin`, `bill`, `tech` contacts optional. That an already registered name
   * is refused, and how, is the emulator's guess (docs/gandi.md).
   */
  private validateFreeDomain(value: unknown, problem: (name: string, description: string) => void): void {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problem("domain", "Must be an object.");
      return;
    }
    const domain = value as Record<string, unknown>;
    undocumentedFields(domain, CREATE_DOMAIN_FIELDS, "domain.", problem);
    if (typeof domain.fqdn !== "string" || !isFqdn(domain.fqdn)) problem("domain.fqdn", "Must be a domain name in ASCII (Punycode) form.");
    else if (this.state.registeredDomains.has(domain.fqdn.toLowerCase())) problem("domain.fqdn", `${domain.fqdn} is not available for registration.`);
    if (domain.owner === undefined) problem("domain.owner", "Missing data for required field.");
    for (const role of ["owner", "admin", "bill", "tech"]) {
      if (domain[role] !== undefined) validateContact(domain[role], `domain.${role}`, problem);
    }
    if (domain.lang !== undefined && typeof domain.lang !== "string") problem("domain.lang", "Must be a string.");
    if (domain.extra_parameters !== undefined && (typeof domain.extra_parameters !== "object" || domain.extra_parameters === null)) {
      problem("domain.extra_parameters", "Must be an object.");
    }
  }

  create(body: Record<string, unknown>, sharingId: string | undefined): StoredInstance {
    const issues = this.validateCreate(body);
    if (issues.length > 0) throw validationError(issues);
    const type = asRecord(body.type);
    const database = asRecord(type.database);
    const language = asRecord(type.language);
    const now = this.state.clock.now();
    const authentication = body.authentication === undefined ? undefined : asRecord(body.authentication);
    const instance: StoredInstance = {
      id: randomUUID(),
      name: typeof body.name === "string" ? body.name : `shs-${this.state.instancesById.size + 1}`,
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
      billedAt: now + this.state.timings.billMs,
      activeAt: now + this.state.timings.billMs + this.state.timings.provisionMs,
      hold: null,
      pending: [],
      deletedAt: null,
      consoleEnabled: false,
      boosterUntil: null,
      boosterSize: null,
      restarts: 0,
      databasePasswordResets: 0,
      ...(body.domain !== undefined ? { freeDomain: structuredClone(body.domain as Record<string, unknown>) } : {}),
    };
    if (instance.freeDomain) this.state.registeredDomains.add((instance.freeDomain.fqdn as string).toLowerCase());
    this.state.instancesById.set(instance.id, instance);
    this.state.scheduleInstance(instance);
    for (const vhost of (body.vhosts as Record<string, unknown>[] | undefined) ?? []) {
      // Create-time vhosts: `linked_dns_zone.allow_alteration` is optional (default false), `with_free_ssl` asks for a certificate.
      const created = this.state.vhosts.create(instance.id, vhost, { startAt: instance.activeAt, createTime: true });
      created.certificate = vhost.with_free_ssl === true;
    }
    return instance;
  }

  /** Seeds an instance that is already active (tests, demos), e.g. with a legacy size. */
  add(input: SeedInstance): StoredInstance {
    const instance = this.create(
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
    this.state.scheduleCreation(instance);
    return instance;
  }


  all(): StoredInstance[] {
    return [...this.state.instancesById.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** PATCH /instances/{id}: name, snapshots, password and booster at once; size, storage and language after `changeMs`. */
  patch(id: string, body: Record<string, unknown>): StoredInstance {
    const instance = this.state.instance(id);
    const issues: ValidationIssue[] = [];
    const problem = (name: string, description: string) => issues.push({ location: "body", name, description });
    const change: PendingChange = { applyAt: this.state.clock.now() + this.state.timings.changeMs };
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
    if (this.state.instanceStatus(instance) !== "active") {
      throw gandiError(409, "Conflict", `The instance is ${this.state.instanceStatus(instance)}; it can be modified once active.`, "instance");
    }
    if (typeof body.name === "string") instance.name = body.name;
    if (typeof body.snapshot_enabled === "boolean") instance.snapshotEnabled = body.snapshot_enabled;
    if (typeof body.password === "string") instance.passwordUpdatedAt = new Date(this.state.clock.now()).toISOString();
    if (body.booster === true) {
      instance.boosterUntil = this.state.clock.now() + 7 * 86_400_000;
      this.state.scheduleBoosterEnd(instance);
    }
    if (body.booster === false) instance.boosterUntil = null;
    const boosterSize = (boosterOptions as { size?: string } | undefined)?.size;
    if (boosterSize !== undefined) instance.boosterSize = boosterSize;
    if (change.size !== undefined || change.storageAdditional !== undefined || change.language !== undefined) {
      instance.pending.push(change);
      this.state.scheduleChange(instance, change);
    }
    return instance;
  }

  delete(id: string): void {
    const instance = this.state.instance(id);
    if (instance.deletedAt !== null) return;
    instance.deletedAt = this.state.clock.now();
    this.state.scheduleRemoval(instance);
  }

  /** Removes an instance at once (an out-of-band delete in the admin console). */
  remove(id: string): void {
    this.state.instance(id);
    this.state.instancesById.delete(id);
    for (const [key, vhost] of this.state.vhostsByKey) if (vhost.instanceId === id) this.state.vhostsByKey.delete(key);
  }

  /**
   * POST /instances/{id}/action. Resolves false when the action cannot be
   * performed (the route answers 204, as the reference says): the emulator's
   * guess is that an instance which is not active (still being created,
   * locked, paused or being deleted) cannot restart, open its console or
   * reset its database password.
   */
  action(id: string, action: unknown): boolean {
    const instance = this.state.instance(id);
    if (action !== "restart" && action !== "console" && action !== "reset_database_password") {
      throw validationError([{ location: "body", name: "action", description: "Must be one of: restart, console, reset_database_password." }]);
    }
    if (this.state.instanceStatus(instance) !== "active") return false;
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

  summary(instance: StoredInstance, baseUrl: string) {
    const base = BASE_STORAGE_GB[instance.size] ?? 20;
    const datacenter = DATACENTERS[instance.region];
    return {
      id: instance.id,
      name: instance.name,
      size: instance.size,
      status: this.state.instanceStatus(instance),
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

  detail(instance: StoredInstance, baseUrl: string) {
    const user = `${instance.id.slice(0, 8)}`;
    const sftpServer = `sftp.sd5.gpaas.net`;
    const vhosts = this.state.vhosts.of(instance.id).filter((vhost) => vhost.deletedAt === null);
    return {
      ...this.summary(instance, baseUrl),
      // Only the detail lists vhosts; the list items' schema has no `vhosts` (reference).
      vhosts: this.state.vhosts.links(instance.id, baseUrl),
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
  modify(id: string, changes: Partial<Pick<StoredInstance, "name" | "size" | "snapshotEnabled" | "storageAdditional" | "hold">>): StoredInstance {
    const instance = this.state.instance(id);
    Object.assign(instance, changes);
    return instance;
  }
}

/** A domain contact (reference: `country`, `email`, `family`, `given`, `streetaddr`, `type` required). */
function validateContact(value: unknown, field: string, problem: (name: string, description: string) => void): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problem(field, "Must be an object.");
    return;
  }
  const contact = value as Record<string, unknown>;
  undocumentedFields(contact, DOMAIN_CONTACT_FIELDS, `${field}.`, problem);
  for (const required of ["country", "email", "family", "given", "streetaddr", "type"]) {
    if (typeof contact[required] !== "string" || (contact[required] as string).trim() === "") problem(`${field}.${required}`, "Missing data for required field.");
  }
  if (typeof contact.country === "string" && !/^[A-Z]{2}$/.test(contact.country)) problem(`${field}.country`, "Must be a country code such as FR.");
  if (typeof contact.email === "string" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact.email)) problem(`${field}.email`, "Not a valid email address.");
  if (typeof contact.type === "string" && !CONTACT_TYPES.includes(contact.type)) problem(`${field}.type`, `Must be one of: ${CONTACT_TYPES.join(", ")}.`);
  if (contact.lang !== undefined && !CONTACT_LANGS.includes(contact.lang as string)) problem(`${field}.lang`, `Must be one of: ${CONTACT_LANGS.join(", ")}.`);
  if (contact.validation !== undefined && !CONTACT_VALIDATIONS.includes(contact.validation as string)) {
    problem(`${field}.validation`, `Must be one of: ${CONTACT_VALIDATIONS.join(", ")}.`);
  }
  for (const flag of ["data_obfuscated", "mail_obfuscated"]) {
    if (contact[flag] !== undefined && typeof contact[flag] !== "boolean") problem(`${field}.${flag}`, "Must be a boolean.");
  }
}
