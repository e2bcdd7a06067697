// The Gigas Cloud API fake (gigas-api.md): API keys and session tokens,
// accounts and their catalogue, VMs built through the transaction queue,
// disks, network interfaces, firewall rules, and offset/limit pagination with
// X-Total headers on every list.
import { randomBytes } from "node:crypto";
import { totpCode } from "../../provider/totp";
import { type EmulatorClock, type EmulatorRequest, type EmulatorResponse, type Route, type VendorEmulator, createEmulatorClock } from "../core";
import { GigasApiError, errorAnswer, gigasErrorBody, invalidField } from "./errors";
import {
  DEFAULT_ACCOUNT_ID,
  type DiskRecord,
  type FailurePlan,
  type FirewallRuleRecord,
  type GigasData,
  GigasState,
  HOSTNAME_PATTERN,
  type InterfaceRecord,
  type IpAddressRecord,
  type NetworkRecord,
  type NewVirtualMachine,
  type TemplateRecord,
  type TransactionRecord,
  type VirtualMachineRecord,
} from "./state";

/**
 * The request fields each write takes. A strict API refuses any other field
 * (400, naming it), so a client sending something undocumented fails here.
 * Documented: the quickstart's token and VM create bodies, §8 rule edit, §9
 * disk edit. The rest are the guesses listed in docs/gigas.md.
 */
const FIELDS = {
  token: ["login", "password", "readonly", "totp"],
  /** Guess: no refresh endpoint is stored. */
  tokenRefresh: ["refresh_token"],
  createVirtualMachine: [
    "label",
    "note",
    "memory",
    "cpus",
    "cpu_type",
    "template_id",
    "hostname",
    "location_id",
    "primary_disk_size",
    "swap_disk_size",
    "default_firewall_policy",
    "initial_root_password",
  ],
  /** Guess: VM edit is past the stored cut-off. */
  editVirtualMachine: ["label", "note", "memory", "cpus"],
  /** Guess. */
  buildVirtualMachine: ["template_id", "initial_root_password"],
  /** Guess: disk create is not visible; the §9 edit parameters that make sense for a new disk. */
  createDisk: ["virtual_machine_id", "disk_size", "autobackup", "mount_point", "add_to_linux_fstab"],
  editDisk: ["disk_size", "virtual_machine_id", "autobackup", "mount_point", "add_to_linux_fstab", "force_reboot"],
  /** Guess: rule create is not visible; the §8 rule fields, `order` included (set at create only). */
  createFirewallRule: ["command", "protocol", "address", "port", "order"],
  editFirewallRule: ["network_interface_id", "command", "protocol", "address", "port"],
} as const;

/** §4: only "intel" appears in the documents. */
const CPU_TYPES = ["intel"];
const FIREWALL_POLICIES = ["ACCEPT", "DROP"];

export interface GigasUser {
  login: string;
  password: string;
  /** When set, POST /token needs this `totp` code (the fake does not rotate it). */
  totp?: string;
  /**
   * Base32 TOTP secret of a 2FA account: POST /token needs `totp`, the RFC 6238
   * code of the current 30 s step or the one before or after (docs/gigas.md, guesses).
   */
  totpSecret?: string;
}

export interface GigasEmulatorOptions {
  clock?: EmulatorClock;
  apiKeys?: string[];
  users?: GigasUser[];
  /** Session token lifetime; default 1800 s (the legacy docs' 30 minutes). */
  tokenLifetimeSeconds?: number;
  /** Refresh tokens outlive their token by this much; default 1500 s (the quickstart's sample). */
  refreshExtraSeconds?: number;
  /** Accounts to create; default [22666]. */
  accountIds?: number[];
  /** Default page size when a list request gives no `limit` (undocumented; see docs/gigas.md). */
  defaultPageSize?: number;
  basePath?: string;
}

export const DEFAULT_GIGAS_API_KEY = "gigas-emulator-key-" + "0f1e2d3c4b5a6978".repeat(2);
export const DEFAULT_GIGAS_USERNAME = "ops@example.es";
export const DEFAULT_GIGAS_PASSWORD = "emulator-password";

interface Session {
  token: string;
  expires: number;
  refreshToken: string;
  refreshExpires: number;
}

interface GigasSnapshot {
  data: GigasData;
  sessions: Session[];
}

export class GigasEmulator implements VendorEmulator {
  readonly vendor = "gigas";
  readonly basePath: string;
  readonly clock: EmulatorClock;
  readonly state: GigasState;
  private readonly apiKeys: string[];
  private readonly users: GigasUser[];
  private readonly tokenLifetime: number;
  private readonly refreshExtra: number;
  private readonly defaultPageSize: number;
  private sessions: Session[] = [];

  constructor(options: GigasEmulatorOptions = {}) {
    this.basePath = options.basePath ?? "/gigas";
    this.clock = options.clock ?? createEmulatorClock();
    this.state = new GigasState(this.clock);
    this.apiKeys = options.apiKeys ?? [DEFAULT_GIGAS_API_KEY];
    this.users = options.users ?? [{ login: DEFAULT_GIGAS_USERNAME, password: DEFAULT_GIGAS_PASSWORD }];
    this.tokenLifetime = options.tokenLifetimeSeconds ?? 1800;
    this.refreshExtra = options.refreshExtraSeconds ?? 1500;
    this.defaultPageSize = options.defaultPageSize ?? 50;
    for (const id of options.accountIds ?? [DEFAULT_ACCOUNT_ID]) this.state.addAccount(id);
  }

  routes(): Route[] {
    const s = this.state;
    const account = (req: EmulatorRequest) => {
      const id = Number(req.params.account);
      s.account(id);
      return id;
    };
    const vendorRoutes: Route[] = [
      { method: "GET", pattern: "/accounts", handler: (req) => this.page(req, s.data.accounts) },
      { method: "GET", pattern: "/account/:account/locations", handler: (req) => this.page(req, s.data.locations.filter((l) => l.account_id === account(req))) },
      {
        method: "GET",
        pattern: "/account/:account/templates",
        handler: (req) => {
          const id = account(req);
          return this.page(req, filterBy(s.data.templates.filter((t) => t.account_id === id), req.query, ["label", "operating_system", "operating_system_distro", "operating_system_arch", "status"]));
        },
      },
      { method: "GET", pattern: "/account/:account/template/:id", handler: (req) => ok(s.template(account(req), req.params.id)) },
      {
        method: "GET",
        pattern: "/account/:account/networks",
        handler: (req) => {
          const id = account(req);
          let networks = s.data.networks.filter((n) => n.account_id === id);
          if (req.query.type) networks = networks.filter((n) => n.public === (req.query.type === "public"));
          return this.page(req, filterBy(networks, req.query, ["id", "vlan", "network_group_id"]).map(networkAnswer));
        },
      },
      {
        method: "GET",
        pattern: "/account/:account/virtual_machines",
        handler: (req) => {
          const id = account(req);
          s.settle();
          return this.page(req, s.data.vms.filter((v) => v.account_id === id));
        },
      },
      {
        method: "POST",
        pattern: "/account/:account/virtual_machine",
        handler: (req) => {
          const { vm, token } = s.createVirtualMachine(account(req), virtualMachineInput(strictBody(req.body, FIELDS.createVirtualMachine)));
          return { status: 202, body: { ...vm, queue_token: token } };
        },
      },
      { method: "GET", pattern: "/account/:account/virtual_machine/:id", handler: (req) => ok(s.vm(account(req), req.params.id)) },
      {
        method: "PUT",
        pattern: "/account/:account/virtual_machine/:id",
        handler: (req) => {
          const id = account(req);
          const body = strictBody(req.body, FIELDS.editVirtualMachine);
          const token = s.editVirtualMachine(id, req.params.id, {
            label: optionalString(body, "label"),
            note: optionalString(body, "note"),
            memory: optionalInteger(body, "memory", 256, 1_048_576),
            cpus: optionalInteger(body, "cpus", 1, 64),
          });
          const vm = s.vm(id, req.params.id);
          return token ? { status: 202, body: { ...vm, queue_token: token } } : ok(vm);
        },
      },
      {
        method: "DELETE",
        pattern: "/account/:account/virtual_machine/:id",
        handler: (req) => ({ status: 202, body: { queue_token: s.deleteVirtualMachine(account(req), req.params.id) } }),
      },
      {
        method: "POST",
        pattern: "/account/:account/virtual_machine/:id/build",
        handler: (req) => {
          const body = strictBody(req.body ?? {}, FIELDS.buildVirtualMachine);
          const token = s.buildVirtualMachine(account(req), req.params.id, {
            template_id: optionalString(body, "template_id"),
            initial_root_password: optionalString(body, "initial_root_password"),
          });
          return { status: 202, body: { queue_token: token } };
        },
      },
      {
        method: "GET",
        pattern: "/account/:account/virtual_machine/:id/network_interfaces",
        handler: (req) => {
          const vm = s.vm(account(req), req.params.id);
          return this.page(req, s.data.interfaces.filter((i) => i.virtual_machine_id === vm.id));
        },
      },
      { method: "GET", pattern: "/account/:account/network_interface/:id", handler: (req) => ok(s.networkInterface(account(req), req.params.id)) },
      {
        // §6: "finds an IP address record and its id" by `ip`; no other filter is documented.
        method: "GET",
        pattern: "/account/:account/ip_addresses",
        handler: (req) => {
          strictQuery(req, ["ip"]);
          const id = account(req);
          const ips = s.data.ips.filter((ip) => ip.account_id === id && (req.query.ip === undefined || ip.address === req.query.ip));
          return this.page(req, ips.map(ipAnswer));
        },
      },
      { method: "GET", pattern: "/account/:account/network/:id", handler: (req) => ok(networkAnswer(s.network(account(req), req.params.id))) },
      {
        // §6 "IPs on a network".
        method: "GET",
        pattern: "/account/:account/network/:id/ip_addresses",
        handler: (req) => {
          strictQuery(req, []);
          const network = s.network(account(req), req.params.id);
          return this.page(req, s.data.ips.filter((ip) => ip.network_id === network.id && ip.account_id === network.account_id).map(ipAnswer));
        },
      },
      {
        method: "GET",
        pattern: "/account/:account/disks",
        handler: (req) => {
          const id = account(req);
          s.settle();
          return this.page(req, filterBy(s.data.disks.filter((d) => d.account_id === id), req.query, ["virtual_machine_id", "data_store_id"]));
        },
      },
      {
        method: "POST",
        pattern: "/account/:account/disk",
        handler: (req) => {
          const body = strictBody(req.body, FIELDS.createDisk);
          const size = optionalInteger(body, "disk_size", 1, 16_384);
          if (size === undefined) throw invalidField("disk_size", "is required");
          const { disk, token } = s.createDisk(account(req), {
            disk_size: size,
            virtual_machine_id: optionalString(body, "virtual_machine_id"),
            autobackup: optionalInteger(body, "autobackup", 0, 1),
            mount_point: optionalString(body, "mount_point"),
            add_to_linux_fstab: optionalBoolean(body, "add_to_linux_fstab"),
          });
          return { status: 202, body: { ...disk, queue_token: token } };
        },
      },
      { method: "GET", pattern: "/account/:account/disk/:id", handler: (req) => ok(s.disk(account(req), req.params.id)) },
      {
        method: "PUT",
        pattern: "/account/:account/disk/:id",
        handler: (req) => {
          const id = account(req);
          const body = strictBody(req.body, FIELDS.editDisk);
          const vmField = body.virtual_machine_id;
          const token = s.editDisk(id, req.params.id, {
            disk_size: optionalInteger(body, "disk_size", 1, 16_384),
            virtual_machine_id: vmField === null ? null : optionalString(body, "virtual_machine_id"),
            autobackup: optionalInteger(body, "autobackup", 0, 1),
            mount_point: optionalString(body, "mount_point"),
            add_to_linux_fstab: optionalBoolean(body, "add_to_linux_fstab"),
            force_reboot: optionalBoolean(body, "force_reboot"),
          });
          const disk = s.disk(id, req.params.id);
          return token ? { status: 202, body: { ...disk, queue_token: token } } : ok(disk);
        },
      },
      {
        method: "DELETE",
        pattern: "/account/:account/disk/:id",
        handler: (req) => ({ status: 202, body: { queue_token: s.deleteDisk(account(req), req.params.id) } }),
      },
      {
        method: "GET",
        pattern: "/account/:account/network_interface/:id/firewall_rules",
        handler: (req) => {
          const networkInterface = s.networkInterface(account(req), req.params.id);
          return this.page(req, s.data.rules.filter((r) => r.network_interface_id === networkInterface.id).sort((a, b) => a.order - b.order));
        },
      },
      {
        method: "POST",
        pattern: "/account/:account/network_interface/:id/firewall_rule",
        handler: (req) => ({ status: 201, body: s.createRule(account(req), req.params.id, ruleInput(strictBody(req.body, FIELDS.createFirewallRule))) }),
      },
      {
        method: "POST",
        pattern: "/account/:account/network_interface/:id/firewall_rules/apply",
        handler: (req) => {
          strictBody(req.body ?? {}, []);
          return { status: 202, body: { queue_token: s.applyRules(account(req), req.params.id) } };
        },
      },
      { method: "GET", pattern: "/account/:account/firewall_rule/:id", handler: (req) => ok(s.rule(account(req), req.params.id)) },
      {
        method: "PUT",
        pattern: "/account/:account/firewall_rule/:id",
        handler: (req) => ok(s.editRule(account(req), req.params.id, partialRuleInput(strictBody(req.body, FIELDS.editFirewallRule)))),
      },
      {
        method: "DELETE",
        pattern: "/account/:account/firewall_rule/:id",
        handler: (req) => {
          s.deleteRule(account(req), req.params.id);
          return { status: 204 };
        },
      },
      {
        method: "GET",
        pattern: "/account/:account/transaction/:token/status",
        handler: (req) => ok(transactionStatus(s.transaction(account(req), req.params.token))),
      },
    ];
    const authenticated = vendorRoutes.map((route) => ({
      ...route,
      handler: (req: EmulatorRequest) => {
        this.requireAuthorization(req.headers.authorization);
        return route.handler(req);
      },
    }));
    const all: Route[] = [
      { method: "POST", pattern: "/token", handler: (req) => this.login(req.body) },
      { method: "POST", pattern: "/token/refresh", handler: (req) => this.refresh(req.body) },
      ...authenticated,
    ];
    return all.map((route) => ({ ...route, handler: (req) => answer(() => route.handler(req)) }));
  }

  adminRoutes(): Route[] {
    const routes: Route[] = [
      { method: "GET", pattern: "/accounts", handler: () => ok(this.state.data.accounts) },
      { method: "POST", pattern: "/accounts", handler: (req) => ({ status: 201, body: this.state.addAccount(Number(objectBody(req.body).id)) }) },
      { method: "GET", pattern: "/virtual_machines", handler: () => ok(this.virtualMachines()) },
      { method: "PUT", pattern: "/virtual_machines/:id", handler: (req) => ok(this.changeVirtualMachine(req.params.id, objectBody(req.body))) },
      {
        method: "DELETE",
        pattern: "/virtual_machines/:id",
        handler: (req) => {
          this.removeVirtualMachine(req.params.id);
          return ok({ ok: true });
        },
      },
      {
        method: "POST",
        pattern: "/virtual_machines/:id/lock",
        handler: (req) => ok({ queue_token: this.lockVirtualMachine(req.params.id, Number(objectBody(req.body).ms ?? 60_000)) }),
      },
      { method: "PUT", pattern: "/disks/:id", handler: (req) => ok(this.changeDisk(req.params.id, objectBody(req.body))) },
      {
        method: "DELETE",
        pattern: "/disks/:id",
        handler: (req) => {
          this.removeDisk(req.params.id);
          return ok({ ok: true });
        },
      },
      { method: "PUT", pattern: "/firewall_rules/:id", handler: (req) => ok(this.changeRule(req.params.id, objectBody(req.body))) },
      {
        method: "DELETE",
        pattern: "/firewall_rules/:id",
        handler: (req) => {
          this.removeRule(req.params.id);
          return ok({ ok: true });
        },
      },
      {
        method: "POST",
        pattern: "/transactions/fail-next",
        handler: (req) => {
          this.failNextTransaction(objectBody(req.body) as FailurePlan);
          return ok({ ok: true });
        },
      },
      {
        method: "POST",
        pattern: "/tokens/expire",
        handler: (req) => {
          this.expireSessions({ refreshTokens: objectBody(req.body ?? {}).refreshTokens === true });
          return ok({ ok: true });
        },
      },
      {
        method: "POST",
        pattern: "/clock/advance",
        handler: (req) => {
          const ms = Number(objectBody(req.body).ms);
          if (!Number.isFinite(ms) || ms < 0) throw new GigasApiError(400, "ms must be a non-negative number");
          this.clock.advance(ms);
          return ok({ now: this.clock.now() });
        },
      },
    ];
    return routes.map((route) => ({
      ...route,
      handler: async (req) => {
        try {
          return await route.handler(req);
        } catch (error) {
          if (error instanceof GigasApiError) return { status: error.status, body: { error: error.message } };
          throw error;
        }
      },
    }));
  }

  errorBody(status: number, message: string): unknown {
    return gigasErrorBody(status, message);
  }

  snapshot(): GigasSnapshot {
    return structuredClone({ data: this.state.data, sessions: this.sessions });
  }

  restore(saved: unknown): void {
    const snapshot = saved as Partial<GigasSnapshot> | null;
    if (!snapshot || typeof snapshot !== "object" || !snapshot.data) throw new Error("gigas: saved state has no data section");
    this.state.data = structuredClone(snapshot.data);
    this.sessions = structuredClone(snapshot.sessions ?? []);
  }

  // ---- in-process helpers for tests: seeding and out-of-band changes -------------
  // They skip authentication and the lock rules unless stated.

  get defaultAccountId(): number {
    return this.state.data.accounts[0].id;
  }

  addAccount(id: number): void {
    this.state.addAccount(id);
  }

  addTemplate(fields: Partial<TemplateRecord> & { label: string }, accountId = this.defaultAccountId): TemplateRecord {
    return this.state.addTemplate(accountId, fields);
  }

  virtualMachines(): VirtualMachineRecord[] {
    this.state.settle();
    return this.state.data.vms;
  }

  virtualMachine(id: string): VirtualMachineRecord | undefined {
    return this.virtualMachines().find((vm) => vm.id === id);
  }

  changeVirtualMachine(id: string, changes: Partial<VirtualMachineRecord>): VirtualMachineRecord {
    const vm = this.virtualMachine(id);
    if (!vm) throw new GigasApiError(404, `Virtual machine ${id} not found`);
    return Object.assign(vm, changes);
  }

  removeVirtualMachine(id: string): void {
    if (!this.virtualMachine(id)) throw new GigasApiError(404, `Virtual machine ${id} not found`);
    this.state.removeVirtualMachine(id);
  }

  /** Another operation holds the VM for `ms` of emulated time (as a console reboot would). */
  lockVirtualMachine(id: string, ms: number): string {
    const vm = this.virtualMachine(id);
    if (!vm) throw new GigasApiError(404, `Virtual machine ${id} not found`);
    return this.state.lockVirtualMachine(vm.account_id, id, ms);
  }

  disks(): DiskRecord[] {
    this.state.settle();
    return this.state.data.disks;
  }

  changeDisk(id: string, changes: Partial<DiskRecord>): DiskRecord {
    const disk = this.disks().find((d) => d.id === id);
    if (!disk) throw new GigasApiError(404, `Disk ${id} not found`);
    return Object.assign(disk, changes);
  }

  removeDisk(id: string): void {
    if (!this.disks().some((d) => d.id === id)) throw new GigasApiError(404, `Disk ${id} not found`);
    this.state.data.disks = this.state.data.disks.filter((d) => d.id !== id);
  }

  interfaces(): InterfaceRecord[] {
    return this.state.data.interfaces;
  }

  firewallRules(): FirewallRuleRecord[] {
    this.state.settle();
    return this.state.data.rules;
  }

  changeRule(id: string, changes: Partial<FirewallRuleRecord>): FirewallRuleRecord {
    const rule = this.firewallRules().find((r) => r.id === id);
    if (!rule) throw new GigasApiError(404, `Firewall rule ${id} not found`);
    return Object.assign(rule, changes);
  }

  removeRule(id: string): void {
    if (!this.firewallRules().some((r) => r.id === id)) throw new GigasApiError(404, `Firewall rule ${id} not found`);
    this.state.data.rules = this.state.data.rules.filter((r) => r.id !== id);
  }

  transactions(): TransactionRecord[] {
    this.state.settle();
    return this.state.data.transactions;
  }

  /** The next queued transaction (of `kind`, if given) ends with `status` (default "Failed"). */
  failNextTransaction(plan: FailurePlan): void {
    this.state.failNextTransaction(plan);
  }

  /** Session tokens stop working at once; with `refreshTokens`, refresh tokens too. API keys are unaffected. */
  expireSessions(options: { refreshTokens?: boolean } = {}): void {
    const past = Math.floor(this.clock.now() / 1000) - 1;
    for (const session of this.sessions) {
      session.expires = past;
      if (options.refreshTokens) session.refreshExpires = past;
    }
  }

  // ---- authentication -----------------------------------------------------------

  /** POST /token {login, password, readonly, totp?} (quickstart). */
  private login(body: unknown): EmulatorResponse {
    const fields = strictBody(body ?? {}, FIELDS.token);
    const login = typeof fields.login === "string" ? fields.login : "";
    const password = typeof fields.password === "string" ? fields.password : "";
    if (!login || !password) throw new GigasApiError(400, "login and password are required", login ? { password: ["is required"] } : { login: ["is required"] });
    optionalBoolean(fields, "readonly");
    const user = this.users.find((u) => u.login.toLowerCase() === login.toLowerCase() && u.password === password);
    if (!user) throw new GigasApiError(401, "Invalid login or password");
    const code = String(fields.totp ?? "");
    if ((user.totp !== undefined && code !== user.totp) || (user.totpSecret !== undefined && !isCurrentTotp(user.totpSecret, code, this.clock.now()))) {
      throw new GigasApiError(401, "Two-factor authentication is enabled: a valid totp code is required");
    }
    return ok(this.newSession());
  }

  /** Guess (gigas-api.md §1b: no refresh endpoint is stored): POST /token/refresh {refresh_token}. */
  private refresh(body: unknown): EmulatorResponse {
    const refreshToken = strictBody(body ?? {}, FIELDS.tokenRefresh).refresh_token;
    const now = Math.floor(this.clock.now() / 1000);
    const session = this.sessions.find((s) => s.refreshToken === refreshToken);
    if (!session || session.refreshExpires <= now) throw new GigasApiError(401, "Invalid or expired refresh token");
    this.sessions = this.sessions.filter((s) => s !== session);
    return ok(this.newSession());
  }

  private newSession(): Record<string, unknown> {
    const now = Math.floor(this.clock.now() / 1000);
    const session: Session = {
      token: "eyJ" + randomBytes(24).toString("base64url"),
      expires: now + this.tokenLifetime,
      refreshToken: "eyJ" + randomBytes(24).toString("base64url"),
      refreshExpires: now + this.tokenLifetime + this.refreshExtra,
    };
    this.sessions.push(session);
    return { token: session.token, expires: session.expires, refresh_token: session.refreshToken, refresh_expires: session.refreshExpires };
  }

  private requireAuthorization(header: string | undefined): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    const credential = match?.[1];
    if (credential && this.apiKeys.includes(credential)) return;
    const now = Math.floor(this.clock.now() / 1000);
    if (credential && this.sessions.some((s) => s.token === credential && s.expires > now)) return;
    throw new GigasApiError(401, "Unauthorized");
  }

  // ---- pagination (§3) ------------------------------------------------------------

  private page<T>(req: EmulatorRequest, items: T[]): EmulatorResponse {
    const offset = Math.max(0, Math.floor(Number(req.query.offset ?? 0)) || 0);
    const limit = Math.max(1, Math.floor(Number(req.query.limit ?? this.defaultPageSize)) || this.defaultPageSize);
    return {
      status: 200,
      body: items.slice(offset, offset + limit),
      headers: {
        "X-Total": String(items.length),
        "X-Total-Pages": String(Math.max(1, Math.ceil(items.length / limit))),
        "X-Per-Page": String(limit),
        "X-Page": String(Math.floor(offset / limit) + 1),
      },
    };
  }
}

function ok(body: unknown): EmulatorResponse {
  return { status: 200, body };
}

async function answer(handle: () => Promise<EmulatorResponse> | EmulatorResponse): Promise<EmulatorResponse> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof GigasApiError) return errorAnswer(error);
    throw error;
  }
}

/** Quickstart: `{"status": "pending"}`, then `{"status": "Completed", "updated_at": …}`; a failure differs in its status only. */
function transactionStatus(transaction: TransactionRecord): Record<string, unknown> {
  if (transaction.status === "pending") return { status: "pending" };
  return { status: transaction.status, updated_at: transaction.updated_at };
}

/** The IP resource has no stored schema (§6): the Add-IP fields plus ids; which VM holds it is the fake's own bookkeeping. */
function ipAnswer({ virtual_machine_id, account_id, ...ip }: IpAddressRecord): Record<string, unknown> {
  return ip;
}

function networkAnswer({ location_id, ...network }: NetworkRecord): Record<string, unknown> {
  return network;
}

function filterBy<T extends object>(items: T[], query: Record<string, string>, keys: string[]): T[] {
  return items.filter((item) =>
    keys.every((key) => query[key] === undefined || String((item as Record<string, unknown>)[key]).toLowerCase() === query[key].toLowerCase()),
  );
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new GigasApiError(400, "expected a JSON object body");
  return body as Record<string, unknown>;
}

/** The body, refused (400, naming each) if it carries a field this request does not take. */
function strictBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  const fields = objectBody(body);
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length) {
    throw new GigasApiError(
      400,
      `Unknown parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
      Object.fromEntries(unknown.map((key) => [key, ["is not a parameter of this request"]])),
    );
  }
  return fields;
}

/** List filters beyond `allowed` (and §3's offset/limit) are refused, naming each. */
function strictQuery(req: EmulatorRequest, allowed: readonly string[]): void {
  const unknown = Object.keys(req.query).filter((key) => key !== "offset" && key !== "limit" && !allowed.includes(key));
  if (unknown.length) {
    throw new GigasApiError(400, `Unknown filter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`, Object.fromEntries(unknown.map((key) => [key, ["is not a filter of this list"]])));
  }
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" && typeof value !== "number") throw invalidField(key, "must be a string");
  return String(value);
}

/** Whole numbers as JSON numbers (or digit strings); booleans are not numbers. */
function optionalInteger(body: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value)) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw invalidField(key, `must be an integer between ${min} and ${max}`);
  return number;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  throw invalidField(key, "must be true or false");
}

function oneOf(value: string, allowed: readonly string[], key: string): string {
  if (!allowed.includes(value)) throw invalidField(key, `must be ${allowed.join(" or ")} (got "${value}")`);
  return value;
}

function virtualMachineInput(body: unknown): NewVirtualMachine {
  const fields = objectBody(body);
  const required = (key: string): string => {
    const value = optionalString(fields, key);
    if (value === undefined || value === "") throw invalidField(key, "is required");
    return value;
  };
  const hostname = required("hostname");
  if (!HOSTNAME_PATTERN.test(hostname)) {
    throw invalidField("hostname", "must be up to 25 letters, digits or hyphens and must not start with a number");
  }
  const policy = oneOf(optionalString(fields, "default_firewall_policy") ?? "ACCEPT", FIREWALL_POLICIES, "default_firewall_policy");
  const cpuType = oneOf(optionalString(fields, "cpu_type") ?? "intel", CPU_TYPES, "cpu_type");
  const integer = (key: string, min: number, max: number): number => {
    const value = optionalInteger(fields, key, min, max);
    if (value === undefined) throw invalidField(key, "is required");
    return value;
  };
  return {
    label: required("label"),
    note: optionalString(fields, "note") ?? "",
    memory: integer("memory", 256, 1_048_576),
    cpus: integer("cpus", 1, 64),
    cpu_type: cpuType,
    template_id: required("template_id"),
    hostname,
    location_id: required("location_id"),
    primary_disk_size: integer("primary_disk_size", 1, 16_384),
    swap_disk_size: optionalInteger(fields, "swap_disk_size", 0, 64) ?? 0,
    default_firewall_policy: policy,
    initial_root_password: optionalString(fields, "initial_root_password"),
  };
}

function ruleInput(fields: Record<string, unknown>) {
  return {
    command: String(fields.command ?? ""),
    protocol: String(fields.protocol ?? ""),
    address: String(fields.address ?? ""),
    port: String(fields.port ?? ""),
    order: optionalInteger(fields, "order", 0, 1_000_000) ?? 0,
  };
}

function partialRuleInput(fields: Record<string, unknown>) {
  const text = (key: string) => (fields[key] === undefined ? undefined : String(fields[key]));
  return {
    network_interface_id: text("network_interface_id"),
    command: text("command"),
    protocol: text("protocol"),
    address: text("address"),
    port: text("port"),
  };
}

/** RFC 6238 §5.2: a code of the step before or after is accepted too, for clock drift and transmission delay. */
function isCurrentTotp(secret: string, code: string, nowMs: number): boolean {
  return [-1, 0, 1].some((step) => totpCode(secret, nowMs + step * 30_000) === code);
}
