// Web hosting (vserver) collections of the ZoneID fake: one generic store
// for the CRUD collections under /vserver/{service}/…, each described by a
// rule taken from zoneid-openapi.json (identifier field, write-only fields,
// whether PUT exists, read-only facts the API computes).
import { isIP } from "node:net";
import { EmulatorError } from "../core";
import { unprocessable } from "./errors";
import { RUNTIME_COLLECTIONS } from "./runtime-state";

type Item = Record<string, unknown>;
type FieldErrors = Record<string, string[]>;
const noErrors: FieldErrors = {};

export interface CollectionRule {
  /** The path under /vserver/{service}/, e.g. "mail/account". */
  path: string;
  /** The field that names the item in its URL ("***identificator***" in the spec). */
  idField: string;
  /** The API numbers items itself (identificator/id are read-only integers). */
  generatedId: boolean;
  /** The spec has a PUT on the item. */
  updatable: boolean;
  /** Where the documents say which fields a PUT may change: a PUT changing any other is refused (422 naming it). */
  updatableFields?: string[];
  /** Accepted on POST/PUT, never answered (`writeOnly` in the spec). */
  writeOnly: string[];
  required: string[];
  defaults: Item;
  /** Read-only facts the API computes. */
  computed?: (item: Item) => Item;
  validate?: (item: Item) => FieldErrors;
  /** Rules on what a POST/PUT body may set (as opposed to what an item may be). */
  validateWrite?: (fields: Item) => FieldErrors;
  /** Rules that need the service's other collections (a port forward's dedicated IP). */
  validateInService?: (item: Item, collection: (path: string) => Item[]) => FieldErrors;
  /** Why a DELETE is refused with 400 (a running PM2 app, a dedicated IP in use), or undefined. */
  refuseDelete?: (item: Item, collection: (path: string) => Item[]) => string | undefined;
  /** The POST's success status where the spec lists another than 201. */
  createStatus?: number;
  /** The method that saves an item where it is not PUT (port forwards: `POST …/portforward/{id}`). */
  updateMethod?: "PUT" | "POST";
}

const passwordRule = (item: Item): Record<string, string[]> => {
  const password = item.password;
  return typeof password === "string" && (password.length < 10 || password.length > 64) ? { password: ["Length: 10-64 characters"] } : {};
};

/** The eight collections the resources use (schemas MailAccount, MailForwarder, MysqlDatabase, MysqlAccount, Crontab, SshPublicKey, SslCertificate, FtpUser). */
export const COLLECTIONS: CollectionRule[] = [
  {
    path: "mail/account",
    idField: "address",
    generatedId: false,
    updatable: true,
    writeOnly: ["password"],
    required: ["address", "password"],
    defaults: { comment: "", fwd_addresses: [], spamlevel: "medium", two_factor_auth: false, autoreply: false },
    computed: (item) => ({ disk_size: 1073741824, disk_size_human: "1 GB", disk_usage: 0, disk_usage_human: "0 B", addresses: [item.address] }),
    validate: (item) => ({ ...passwordRule(item), ...(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(item.address)) ? noErrors : { address: ["Invalid e-mail address"] }) }),
    // "2-factor authentication state. Can only be set to false from API" (schema MailAccount).
    validateWrite: (fields) => (fields.two_factor_auth === undefined || fields.two_factor_auth === false ? noErrors : { two_factor_auth: ["Can only be set to false from API"] }),
  },
  {
    path: "mail/forwarder",
    idField: "address",
    generatedId: false,
    updatable: true,
    writeOnly: [],
    required: ["address", "fwd_addresses"],
    // mail_to_http_url is a string in the spec: left out when not set.
    defaults: { comment: "", autoreply: false, change_pw_disabled: false, webmail_fw_disabled: false },
    validate: (item) => (Array.isArray(item.fwd_addresses) && item.fwd_addresses.length > 0 ? noErrors : { fwd_addresses: ["At least one address is required"] }),
  },
  {
    path: "database/mysql",
    idField: "name",
    generatedId: false,
    updatable: false,
    writeOnly: [],
    required: ["name"],
    defaults: { comment: "", collation: "utf8mb4_unicode_ci" },
    computed: () => ({ disk_usage: "0", disk_usage_human: "0 B", disk_usage_updated: "2026-01-01T00:00:00+02:00" }),
  },
  {
    path: "database/mysql/account",
    idField: "username",
    generatedId: false,
    updatable: true,
    // "Update MySQL account": "only comment, password and hosts can be updated" (emulator/zoneid/zoneid-openapi.json).
    updatableFields: ["comment", "password", "hosts"],
    writeOnly: ["password"],
    required: ["username", "password"],
    defaults: { comment: "", require_ssl: false, hosts: ["ws", "pma"] },
    validate: passwordRule,
  },
  {
    path: "crontab",
    idField: "identificator",
    generatedId: true,
    updatable: true,
    writeOnly: [],
    required: ["name", "type", "command", "schedule"],
    defaults: { active: true, report: "onerror", report_email: "", priority: "normal", timezone: "UTC", runtime_limit: 900 },
  },
  {
    path: "ssh/publickey",
    idField: "identificator",
    generatedId: true,
    updatable: false,
    writeOnly: [],
    required: ["public_key"],
    // last_used is a string in the spec: left out until the key is used.
    defaults: { comment: "" },
    computed: (item) => {
      const [type, body = ""] = String(item.public_key).split(/\s+/);
      return { type, size: type === "ssh-rsa" ? 4096 : 256, fingerprint: `SHA256:${Buffer.from(body).toString("base64").slice(0, 43)}`, created: "2026-01-01T00:00:00+02:00", created_human: "1 Jan 2026" };
    },
    validate: (item) => (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+)\s+\S+/.test(String(item.public_key)) ? noErrors : { public_key: ["Invalid public key"] }),
  },
  {
    path: "ssl",
    idField: "id",
    generatedId: true,
    updatable: true,
    writeOnly: ["private_key"],
    required: ["name", "certificate", "private_key"],
    defaults: { ca_certificate: "", hosts: [], connected: false, letsencrypt: false },
    computed: (item) => ({ cn: /CN=([^\s,]+)/.exec(String(item.certificate))?.[1] ?? String(item.name), created: "2026-01-01T00:00:00+02:00", expires: "2027-01-01T00:00:00+02:00", _links: [] }),
    validate: (item) => (String(item.certificate).includes("BEGIN CERTIFICATE") ? noErrors : { certificate: ["Invalid certificate"] }),
  },
  {
    path: "ftp/user",
    idField: "identificator",
    generatedId: true,
    updatable: true,
    writeOnly: ["password"],
    required: ["username", "password"],
    defaults: { directory: "/", require_tls: true, access_profile: "whitelist_or_tls", allowed_operations: ["read", "write"], access_countries: [] },
    computed: (item) => ({ username_system: `ftp${item.identificator}_${item.username}` }),
    validate: passwordRule,
  },
  ...RUNTIME_COLLECTIONS,
];

/**
 * IP allow-lists of a web hosting service (schemas VServerSSHWhitelistIP,
 * FtpIpWhitelist). No PUT: an entry is added and removed. The SSH list takes
 * an address or a prefix ("supports prefix i.e. '217.128.0.0/24'").
 */
export const ALLOWLIST_COLLECTIONS: CollectionRule[] = [
  {
    path: "ssh/whitelist",
    idField: "identificator",
    generatedId: true,
    updatable: false,
    writeOnly: [],
    required: ["ip"],
    defaults: { comment: "" },
    validate: (item) => (isAddressOrPrefix(String(item.ip)) ? noErrors : { ip: ["Invalid IP address or prefix"] }),
  },
  {
    // Every property of schema FtpIpWhitelist is read-only, the POST's body included: the API is taken to
    // allow the address the request comes from (a guess, docs/zoneid.md); the route sets `ip`.
    path: "ftp/ipwhitelist",
    idField: "identificator",
    generatedId: true,
    updatable: false,
    writeOnly: [],
    required: ["ip"],
    // The country of an address is looked up by ZoneID: "EE" for every address here.
    defaults: { country: "EE" },
    computed: () => ({ created: "2026-01-01T00:00:00+02:00" }),
  },
];

/** An IPv4/IPv6 address, optionally with a prefix length ("217.128.0.0/24"). */
export function isAddressOrPrefix(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

export interface HostingSnapshot {
  nextId: number;
  services: { name: string; collections: Record<string, Item[]>; permissions: Record<string, Record<string, string[]>> }[];
}

interface Service {
  collections: Map<string, Item[]>;
  /** MySQL account → database → permissions. */
  permissions: Map<string, Map<string, string[]>>;
}

/** Collections under /domain/{name}/ (schemas DomainNameserver, DomainContact). */
export const DOMAIN_COLLECTIONS: CollectionRule[] = [
  {
    path: "nameserver",
    idField: "hostname",
    generatedId: false,
    updatable: true,
    writeOnly: [],
    required: ["hostname"],
    defaults: { ip: [] },
    validate: (item) => (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(String(item.hostname)) ? noErrors : { hostname: ["Invalid hostname"] }),
  },
  {
    path: "contact",
    idField: "identificator",
    generatedId: true,
    updatable: true,
    writeOnly: [],
    required: ["role", "name", "email"],
    defaults: { type: "person", first_name: "", last_name: "", organization: "", voice: "", fax: "", country: "EE", state: "", city: "", street: "", postalcode: "", ext_language: "", ext_ident: "", ext_ident_cc: "", ext_vatnr: "", ext_department: "", ext_passport: "", ext_legal_form: "", registry_handle: null },
    computed: (item) => ({ registry_handle: `CID:ZONE:${item.identificator}` }),
    validate: (item) => ({
      ...(["registrant", "tech", "admin"].includes(String(item.role)) ? {} : { role: ["Invalid role"] }),
      ...(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(item.email)) ? {} : { email: ["Invalid e-mail"] }),
    }),
  },
];

export class ZoneidHostingState {
  private services = new Map<string, Service>();
  private nextId = 100;
  /** Actions taken on items (PM2/Redis start, stop, restart, regenerateauth), for tests. */
  readonly actions: { service: string; path: string; id: string; action: string }[] = [];

  /** `rules`: the collections of this service type (web hosting by default). */
  constructor(readonly rules: CollectionRule[] = [...COLLECTIONS, ...ALLOWLIST_COLLECTIONS]) {}

  addService(name: string): void {
    if (!this.services.has(name)) this.services.set(name, { collections: new Map(), permissions: new Map() });
  }

  hasService(name: string): boolean {
    return this.services.has(name);
  }

  removeService(name: string): void {
    this.services.delete(name);
  }

  /** A fresh number from the sequence generated ids come from. */
  allocateNumber(): number {
    return this.nextId++;
  }

  rule(path: string): CollectionRule {
    const rule = this.rules.find((candidate) => candidate.path === path);
    if (!rule) throw new EmulatorError(404, "Endpoint not found");
    return rule;
  }

  /** Items as the API answers them: write-only fields left out. */
  list(service: string, path: string): Item[] {
    const rule = this.rule(path);
    return this.items(service, rule).map((item) => this.view(service, rule, item));
  }

  get(service: string, path: string, id: string): Item {
    const rule = this.rule(path);
    return this.view(service, rule, this.find(service, rule, id));
  }

  /** The stored item, write-only fields included (for tests). */
  stored(service: string, path: string, id: string): Item | undefined {
    const rule = this.rule(path);
    return this.items(service, rule).find((item) => String(item[rule.idField]) === id);
  }

  create(service: string, path: string, body: unknown): Item {
    const rule = this.rule(path);
    const items = this.items(service, rule);
    const fields = writable(rule, body);
    this.validateWrite(rule, fields);
    const missing = rule.required.filter((field) => fields[field] === undefined || fields[field] === "");
    if (missing.length) throw unprocessable("Validation failed", Object.fromEntries(missing.map((field) => [field, ["Required"]])));
    const item: Item = { ...rule.defaults, ...fields };
    if (rule.generatedId) item[rule.idField] = this.nextId++;
    else if (items.some((existing) => existing[rule.idField] === item[rule.idField])) {
      throw unprocessable("Validation failed", { [rule.idField]: ["Already exists"] });
    }
    this.validate(rule, item);
    this.validateInService(service, rule, item);
    items.push(item);
    return this.view(service, rule, item);
  }

  update(service: string, path: string, id: string, body: unknown, options: { force?: boolean } = {}): Item {
    const rule = this.rule(path);
    if (!rule.updatable && !options.force) throw new EmulatorError(405, "Method not allowed");
    const item = this.find(service, rule, id);
    const fields = options.force ? asItem(body) : writable(rule, body);
    if (!options.force) this.validateWrite(rule, fields);
    if (!rule.generatedId && fields[rule.idField] !== undefined && fields[rule.idField] !== item[rule.idField] && !options.force) {
      throw unprocessable("Validation failed", { [rule.idField]: ["Read-only in update mode"] });
    }
    if (rule.updatableFields && !options.force) {
      const fixed = Object.keys(fields).filter((field) => field !== rule.idField && !rule.updatableFields!.includes(field) && JSON.stringify(fields[field]) !== JSON.stringify(item[field]));
      if (fixed.length) throw unprocessable("Validation failed", Object.fromEntries(fixed.map((field) => [field, [`Cannot be updated (only ${rule.updatableFields!.join(", ")})`]])));
    }
    const next = { ...item, ...fields };
    this.validate(rule, next);
    if (!options.force) this.validateInService(service, rule, next);
    Object.assign(item, next);
    return this.view(service, rule, item);
  }

  delete(service: string, path: string, id: string): void {
    const rule = this.rule(path);
    const items = this.items(service, rule);
    const index = items.findIndex((item) => String(item[rule.idField]) === id);
    if (index < 0) throw new EmulatorError(404, "Not found");
    const refusal = rule.refuseDelete?.(items[index], (other) => this.items(service, this.rule(other)));
    if (refusal) throw new EmulatorError(400, refusal);
    const [removed] = items.splice(index, 1);
    const state = this.service(service);
    if (rule.path === "database/mysql/account") state.permissions.delete(String(removed.username));
    if (rule.path === "database/mysql") for (const grants of state.permissions.values()) grants.delete(String(removed.name));
  }

  // ---- MySQL account permissions -----------------------------------------

  permissions(service: string, username: string): Item[] {
    this.find(service, this.rule("database/mysql/account"), username);
    const grants = this.service(service).permissions.get(username) ?? new Map<string, string[]>();
    return [...grants].map(([database, permissions]) => this.permissionView(service, username, database, permissions));
  }

  permission(service: string, username: string, database: string): Item {
    const grant = this.service(service).permissions.get(username)?.get(database);
    if (!grant) throw new EmulatorError(404, "Not found");
    return this.permissionView(service, username, database, grant);
  }

  setPermission(service: string, username: string, database: string, body: unknown): Item {
    this.find(service, this.rule("database/mysql/account"), username);
    this.find(service, this.rule("database/mysql"), database);
    const permissions = asItem(body).permissions;
    if (!Array.isArray(permissions) || permissions.some((p) => typeof p !== "string" || !MYSQL_PERMISSIONS.includes(p.toUpperCase()))) {
      throw unprocessable("Validation failed", { permissions: [`Allowed: ${MYSQL_PERMISSIONS.join(", ")}`] });
    }
    const state = this.service(service);
    const grants = state.permissions.get(username) ?? new Map<string, string[]>();
    grants.set(database, permissions.map((p: string) => p.toUpperCase()));
    state.permissions.set(username, grants);
    return this.permissionView(service, username, database, grants.get(database)!);
  }

  deletePermission(service: string, username: string, database: string): void {
    const grants = this.service(service).permissions.get(username);
    if (!grants?.delete(database)) throw new EmulatorError(404, "Not found");
  }

  snapshot(): HostingSnapshot {
    return {
      nextId: this.nextId,
      services: [...this.services].map(([name, service]) => ({
        name,
        collections: Object.fromEntries([...service.collections].map(([path, items]) => [path, items.map((item) => structuredClone(item))])),
        permissions: Object.fromEntries([...service.permissions].map(([user, grants]) => [user, Object.fromEntries(grants)])),
      })),
    };
  }

  restore(snapshot: HostingSnapshot | undefined): void {
    this.nextId = snapshot?.nextId ?? 100;
    this.services = new Map(
      (snapshot?.services ?? []).map((service) => [
        service.name,
        {
          collections: new Map(Object.entries(service.collections).map(([path, items]) => [path, items.map((item) => structuredClone(item))])),
          permissions: new Map(Object.entries(service.permissions).map(([user, grants]) => [user, new Map(Object.entries(grants))])),
        },
      ]),
    );
  }

  // ---- internals -------------------------------------------------------

  private service(name: string): Service {
    const service = this.services.get(name);
    if (!service) throw new EmulatorError(404, "Service not found");
    return service;
  }

  private items(service: string, rule: CollectionRule): Item[] {
    const collections = this.service(service).collections;
    let items = collections.get(rule.path);
    if (!items) collections.set(rule.path, (items = []));
    return items;
  }

  private find(service: string, rule: CollectionRule, id: string): Item {
    const item = this.items(service, rule).find((candidate) => String(candidate[rule.idField]) === id);
    if (!item) throw new EmulatorError(404, "Not found");
    return item;
  }

  private validate(rule: CollectionRule, item: Item): void {
    const errors = rule.validate?.(item) ?? {};
    if (Object.keys(errors).length) throw unprocessable("Validation failed", errors);
  }

  private validateInService(service: string, rule: CollectionRule, item: Item): void {
    const errors = rule.validateInService?.(item, (other) => this.items(service, this.rule(other))) ?? {};
    if (Object.keys(errors).length) throw unprocessable("Validation failed", errors);
  }

  private validateWrite(rule: CollectionRule, fields: Item): void {
    const errors = rule.validateWrite?.(fields) ?? {};
    if (Object.keys(errors).length) throw unprocessable("Validation failed", errors);
  }

  private view(service: string, rule: CollectionRule, item: Item): Item {
    const visible = Object.fromEntries(Object.entries(item).filter(([field]) => !rule.writeOnly.includes(field)));
    return { ...visible, ...rule.computed?.(item), resource_url: `/${this.rules === DOMAIN_COLLECTIONS ? "domain" : "vserver"}/${service}/${rule.path}/${item[rule.idField]}` };
  }

  private permissionView(service: string, username: string, database: string, permissions: string[]): Item {
    return { username, database, permissions: [...permissions], resource_url: `/vserver/${service}/database/mysql/account/${username}/permission/${database}` };
  }
}

/** MySQL privileges the fake accepts (a guess: the spec lists them only in an OPTIONS answer). */
export const MYSQL_PERMISSIONS = ["SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "INDEX", "ALTER", "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "CREATE VIEW", "SHOW VIEW", "CREATE ROUTINE", "ALTER ROUTINE", "EVENT", "TRIGGER", "REFERENCES"];

function asItem(body: unknown): Item {
  if (Array.isArray(body)) body = body[0];
  if (!body || typeof body !== "object") throw new EmulatorError(400, "Invalid request body");
  return body as Item;
}

/** The body's fields minus read-only ones (the API ignores them). */
function writable(rule: CollectionRule, body: unknown): Item {
  const fields = { ...asItem(body) };
  delete fields.resource_url;
  if (rule.generatedId) delete fields[rule.idField];
  for (const field of Object.keys(rule.computed?.({ ...rule.defaults, ...fields }) ?? {})) delete fields[field];
  return fields;
}
