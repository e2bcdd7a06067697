// The Gigas Cloud API fake (docs/vendor-documents.md, "Gigas"): API keys and
// session tokens, accounts and their catalogue, VMs built through the
// transaction queue, disks, network interfaces, firewall rules, and
// offset/limit pagination with X-Total headers on every list. Routes are
// declared per area (*-routes.ts), over the state in state.ts.
import { type EmulatorClock, type EmulatorError, type EmulatorResponse, type Middleware, type Route, type VendorEmulator, JobClock, createEmulatorClock, notFound } from "../core";
import { accountRoutes } from "./account-routes";
import { gigasAdminRoutes } from "./admin-routes";
import { backupRoutes } from "./backup-routes";
import { diskRoutes } from "./disk-routes";
import { errorAnswer } from "./errors";
import { firewallRoutes } from "./firewall-routes";
import { networkRoutes } from "./network-routes";
import { DEFAULT_ACCOUNT_ID, type BackupRecord, type DiskRecord, type FailurePlan, type FirewallRuleRecord, type GigasData, type InterfaceRecord, type IpAddressRecord, type NetworkRecord, type TemplateRecord, type TransactionKind, type TransactionRecord, type VirtualMachineRecord } from "./records";
import { type GigasRouteContext, page } from "./requests";
import { GigasSessions, type GigasUser, type Session } from "./sessions";
import { GigasState } from "./state";
import { virtualMachineRoutes } from "./virtual-machine-routes";

export type { GigasUser } from "./sessions";

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

/** The routes that take no credentials: they hand them out. */
const SESSION_ROUTES = ["/token", "/token/refresh"];

interface GigasSnapshot {
  data: GigasData;
  sessions: Session[];
}

export class GigasEmulator implements VendorEmulator {
  readonly vendor = "gigas";
  readonly basePath: string;
  readonly clock: EmulatorClock;
  /** Transactions end here; the core runs due jobs before every request, the in-process helpers below too. */
  readonly jobs: JobClock;
  readonly state: GigasState;
  private readonly sessions: GigasSessions;
  private readonly defaultPageSize: number;

  constructor(options: GigasEmulatorOptions = {}) {
    this.basePath = options.basePath ?? "/gigas";
    this.clock = options.clock ?? createEmulatorClock();
    this.jobs = new JobClock(this.clock);
    this.state = new GigasState(this.jobs);
    this.sessions = new GigasSessions(this.clock, {
      apiKeys: options.apiKeys ?? [DEFAULT_GIGAS_API_KEY],
      users: options.users ?? [{ login: DEFAULT_GIGAS_USERNAME, password: DEFAULT_GIGAS_PASSWORD }],
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 1800,
      refreshExtraSeconds: options.refreshExtraSeconds ?? 1500,
    });
    this.defaultPageSize = options.defaultPageSize ?? 50;
    for (const id of options.accountIds ?? [DEFAULT_ACCOUNT_ID]) this.state.catalogue.addAccount(id);
  }

  routes(): Route[] {
    const context: GigasRouteContext = {
      state: this.state,
      page: (req, items) => page(req, items, this.defaultPageSize),
      account: (req) => {
        const id = Number(req.params.account);
        this.state.account(id);
        return id;
      },
    };
    return [
      { method: "POST", pattern: "/token", handler: (req) => this.sessions.login(req.body) },
      { method: "POST", pattern: "/token/refresh", handler: (req) => this.sessions.refresh(req.body) },
      ...accountRoutes(context),
      ...networkRoutes(context),
      ...virtualMachineRoutes(context),
      ...diskRoutes(context),
      ...firewallRoutes(context),
      ...backupRoutes(context),
    ];
  }

  /** Every route but the token ones needs an API key or a session token (quickstart). */
  middleware(): Middleware[] {
    return [
      (req, next) => {
        if (!(req.method === "POST" && SESSION_ROUTES.includes(req.pattern))) this.sessions.requireAuthorization(req.headers.authorization);
        return next();
      },
    ];
  }

  adminRoutes(): Route[] {
    return gigasAdminRoutes(this);
  }

  errorAnswer(error: EmulatorError): EmulatorResponse {
    return errorAnswer(error);
  }

  snapshot(): GigasSnapshot {
    return structuredClone({ data: this.state.data, sessions: this.sessions.list });
  }

  restore(saved: unknown): void {
    const snapshot = saved as Partial<GigasSnapshot> | null;
    if (!snapshot || typeof snapshot !== "object" || !snapshot.data) throw new Error("gigas: saved state has no data section");
    this.jobs.clear();
    this.state.restore(structuredClone(snapshot.data));
    this.sessions.list = structuredClone(snapshot.sessions ?? []);
  }

  // ---- in-process helpers for tests: seeding and out-of-band changes -------------
  // They skip authentication and the lock rules unless stated.


  get defaultAccountId(): number {
    return this.state.data.accounts[0].id;
  }

  addAccount(id: number): void {
    this.state.catalogue.addAccount(id);
  }

  addTemplate(fields: Partial<TemplateRecord> & { label: string }, accountId = this.defaultAccountId): TemplateRecord {
    return this.state.catalogue.addTemplate(accountId, fields);
  }

  virtualMachines(): VirtualMachineRecord[] {
    this.jobs.runDue();
    return this.state.data.vms;
  }

  virtualMachine(id: string): VirtualMachineRecord | undefined {
    return this.virtualMachines().find((vm) => vm.id === id);
  }

  changeVirtualMachine(id: string, changes: Partial<VirtualMachineRecord>): VirtualMachineRecord {
    const vm = this.virtualMachine(id);
    if (!vm) throw notFound(`Virtual machine ${id}`);
    return Object.assign(vm, changes);
  }

  removeVirtualMachine(id: string): void {
    if (!this.virtualMachine(id)) throw notFound(`Virtual machine ${id}`);
    this.state.virtualMachines.remove(id);
  }

  /** Another operation holds the VM for `ms` of emulated time (as a console reboot would). */
  lockVirtualMachine(id: string, ms: number): string {
    const vm = this.virtualMachine(id);
    if (!vm) throw notFound(`Virtual machine ${id}`);
    return this.state.virtualMachines.lock(vm.account_id, id, ms);
  }

  disks(): DiskRecord[] {
    this.jobs.runDue();
    return this.state.data.disks;
  }

  changeDisk(id: string, changes: Partial<DiskRecord>): DiskRecord {
    const disk = this.disks().find((d) => d.id === id);
    if (!disk) throw notFound(`Disk ${id}`);
    return Object.assign(disk, changes);
  }

  removeDisk(id: string): void {
    if (!this.disks().some((d) => d.id === id)) throw notFound(`Disk ${id}`);
    this.state.data.disks = this.state.data.disks.filter((d) => d.id !== id);
  }

  /** A backup of the disk, as Gigas makes them (no documented call does). */
  addBackup(diskId: string, fields: Partial<BackupRecord> = {}): BackupRecord {
    const disk = this.disks().find((d) => d.id === diskId);
    if (!disk) throw notFound(`Disk ${diskId}`);
    return this.state.backups.add(disk.account_id, diskId, fields);
  }

  backups(): BackupRecord[] {
    this.jobs.runDue();
    return this.state.data.backups;
  }

  removeBackup(id: string): void {
    if (!this.backups().some((b) => b.id === id)) throw notFound(`Backup ${id}`);
    this.state.data.backups = this.state.data.backups.filter((b) => b.id !== id);
  }

  templates(): TemplateRecord[] {
    this.jobs.runDue();
    return this.state.data.templates;
  }

  changeTemplate(id: string, changes: Partial<TemplateRecord>): TemplateRecord {
    const template = this.templates().find((t) => t.id === id);
    if (!template) throw notFound(`Template ${id}`);
    return Object.assign(template, changes);
  }

  removeTemplate(id: string): void {
    if (!this.templates().some((t) => t.id === id)) throw notFound(`Template ${id}`);
    this.state.data.templates = this.state.data.templates.filter((t) => t.id !== id);
  }

  interfaces(): InterfaceRecord[] {
    this.jobs.runDue();
    return this.state.data.interfaces;
  }

  changeInterface(id: string, changes: Partial<InterfaceRecord>): InterfaceRecord {
    const networkInterface = this.interfaces().find((i) => i.id === id);
    if (!networkInterface) throw notFound(`Network interface ${id}`);
    return Object.assign(networkInterface, changes);
  }

  /** Out of band: the interface goes with its IPs and rules, at once. */
  removeInterface(id: string): void {
    if (!this.interfaces().some((i) => i.id === id)) throw notFound(`Network interface ${id}`);
    this.state.networkInterfaces.remove(id);
  }

  ipAddresses(): IpAddressRecord[] {
    this.jobs.runDue();
    return this.state.data.ips;
  }

  removeIpAddress(id: string): void {
    if (!this.ipAddresses().some((ip) => ip.id === id)) throw notFound(`IP address ${id}`);
    this.state.data.ips = this.state.data.ips.filter((ip) => ip.id !== id);
  }

  /** A network (the API only reads them; the catalogue seeds one public network per location). */
  addNetwork(fields: Partial<NetworkRecord> & { label: string; location_id: string }, accountId = this.defaultAccountId): NetworkRecord {
    return this.state.catalogue.addNetwork(accountId, fields);
  }

  firewallRules(): FirewallRuleRecord[] {
    this.jobs.runDue();
    return this.state.data.rules;
  }

  changeRule(id: string, changes: Partial<FirewallRuleRecord>): FirewallRuleRecord {
    const rule = this.firewallRules().find((r) => r.id === id);
    if (!rule) throw notFound(`Firewall rule ${id}`);
    return Object.assign(rule, changes);
  }

  removeRule(id: string): void {
    if (!this.firewallRules().some((r) => r.id === id)) throw notFound(`Firewall rule ${id}`);
    this.state.data.rules = this.state.data.rules.filter((r) => r.id !== id);
  }

  transactions(): TransactionRecord[] {
    this.jobs.runDue();
    return this.state.data.transactions;
  }

  /** Transactions of `kind` stay pending until `releaseHeldTransactions` (a crash in the middle of one, whatever the machine's speed). */
  holdTransactions(kind: TransactionKind): void {
    this.state.hold(kind);
  }

  releaseHeldTransactions(): void {
    this.state.releaseHeld();
  }

  changeBackup(id: string, changes: Partial<BackupRecord>): BackupRecord {
    const backup = this.backups().find((b) => b.id === id);
    if (!backup) throw notFound(`Backup ${id}`);
    return Object.assign(backup, changes);
  }

  /** The next queued transaction (of `kind`, if given) ends with `status` (default "Failed"). */
  failNextTransaction(plan: FailurePlan): void {
    this.state.failNextTransaction(plan);
  }
  /** Session tokens stop working at once; with `refreshTokens`, refresh tokens too. API keys are unaffected. */
  expireSessions(options: { refreshTokens?: boolean } = {}): void {
    this.sessions.expire(options);
  }
}
