import { z } from "zod";
import { Clock, realClock } from "../clock";
import { HttpCore } from "../http";
import { Logger, stderrLogger } from "../log";
import { Page, collectPages } from "../paginate";
import { OperationDeadline } from "../deadline";
import { registerSecret } from "../redact";
import { RetryPolicy } from "../retry";
import { SettingsSource, VendorSettings, apiUrlSetting, vendorSettings, clientRegistry } from "../settings";
import { bearerAuth, credentialsFrom } from "../session";
import {
  AccountWire,
  BackupWire,
  DiskBody,
  DiskWire,
  FirewallRuleBody,
  FirewallRuleEdit,
  FirewallRuleWire,
  IpAddressBody,
  IpAddressWire,
  LocationWire,
  NetworkInterfaceBody,
  NetworkInterfaceEdit,
  NetworkInterfaceWire,
  NetworkWire,
  TemplateWire,
  TransactionStatusWire,
  VirtualMachineBody,
  VirtualMachineEdit,
  VirtualMachineWire,
  accountWire,
  backupWire,
  diskWire,
  firewallRuleWire,
  gigasFieldErrors,
  gigasMessage,
  ipAddressWire,
  locationWire,
  maybeQueuedAnswer,
  networkInterfaceWire,
  networkWire,
  queuedAnswer,
  templateWire,
  transactionStatusWire,
  virtualMachineWire,
} from "./wire";
import { PATHS } from "./paths";
import { gigasTokenCalls } from "./login";
import { resolveAccount } from "./account";

export const DEFAULT_API_URL = "https://api.gigas.com";

/** Settings keys, read from `gigas:<key>` config or `GIGAS_<KEY>` variables. */
export const SETTINGS_KEYS = ["apiKey", "username", "password", "totpSecret", "totp", "accountId", "apiUrl"] as const;

export interface ClientOptions {
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

/** What a wait needs: the operation's deadline (an OperationContext is one) and where to log. */
export type WaitContext = OperationDeadline & { logger: Logger };

/** Items per page when listing (pagination: `limit`). */
const PAGE_SIZE = 100;

export class GigasClient {
  readonly http: HttpCore;
  private readonly settings: VendorSettings;
  private readonly clock: Clock;
  private readonly logger: Logger;
  /** Jitter for backoff (tests fix it). */
  readonly random: () => number;
  private accountPromise: Promise<string> | undefined;

  constructor(settings: VendorSettings, options: ClientOptions = {}) {
    this.settings = settings;
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? stderrLogger;
    this.random = options.random ?? Math.random;
    const credentials = credentialsFrom(
      settings,
      {
        apiKey: settings.get("apiKey"),
        username: settings.get("username"),
        password: settings.get("password"),
        totpSecret: settings.get("totpSecret"),
        totp: settings.get("totp"),
      },
      "Gigas",
    );
    this.http = new HttpCore({
      vendor: "Gigas",
      settings,
      credentialKeys: ["apiKey", "username", "password", "totpSecret", "totp"],
      baseUrl: apiUrlSetting(settings, DEFAULT_API_URL),
      auth: bearerAuth(
        credentials,
        gigasTokenCalls(() => this.http),
        { vendor: "Gigas", settings, clock: this.clock, logger: this.logger },
      ),
      vendorMessage: gigasMessage,
      fieldErrors: gigasFieldErrors,
      concurrency: 8,
      clock: this.clock,
      logger: this.logger,
      random: options.random,
      retry: options.retry,
    });
  }

  // ---- accounts -----------------------------------------------------------

  /**
   * The account every path is scoped to: `gigas:accountId`, else the only
   * account the credentials reach. Several accounts and no setting is an error
   * that lists them.
   */
  account(): Promise<string> {
    if (!this.accountPromise) {
      this.accountPromise = resolveAccount(this.settings, () => this.listAccounts());
      this.accountPromise.catch(() => (this.accountPromise = undefined));
    }
    return this.accountPromise;
  }

  listAccounts(): Promise<AccountWire[]> {
    return this.listAll(PATHS.accounts, accountWire);
  }

  // ---- catalogue ----------------------------------------------------------

  async listLocations(): Promise<LocationWire[]> {
    return this.listAll(PATHS.locations(await this.account()), locationWire);
  }

  /** The templates page's filters, e.g. `{ label, operating_system }`. */
  async listTemplates(filters: Record<string, string | undefined> = {}): Promise<TemplateWire[]> {
    return this.listAll(PATHS.templates(await this.account()), templateWire, filters);
  }

  async getTemplate(templateId: string): Promise<TemplateWire | undefined> {
    return this.http.getOptional(PATHS.template(await this.account(), templateId), templateWire);
  }

  async listNetworks(): Promise<NetworkWire[]> {
    return this.listAll(PATHS.networks(await this.account()), networkWire);
  }

  /** The networks page's "Get network"; undefined when there is no such network. */
  async getNetwork(networkId: string): Promise<NetworkWire | undefined> {
    return this.http.getOptional(PATHS.network(await this.account(), networkId), networkWire);
  }

  // ---- virtual machines ---------------------------------------------------

  async listVirtualMachines(): Promise<VirtualMachineWire[]> {
    return (await this.listAll(PATHS.virtualMachines(await this.account()), virtualMachineWire)).map(withSecretsRegistered);
  }

  async getVirtualMachine(vmId: string): Promise<VirtualMachineWire | undefined> {
    const vm = await this.http.getOptional(PATHS.virtualMachine(await this.account(), vmId), virtualMachineWire);
    return vm && withSecretsRegistered(vm);
  }

  /** Quickstart: 202 with the VM (`status` "unbuilt", `locked` true) and its `queue_token`. Never retried blindly. */
  async createVirtualMachine(body: VirtualMachineBody): Promise<VirtualMachineWire> {
    const vm = await this.write("POST", PATHS.createVirtualMachine(await this.account()), body, virtualMachineWire);
    return withSecretsRegistered(vm);
  }

  /** Label and note apply at once (200); memory and CPUs queue (202 + token). Returns the token, if any. */
  async editVirtualMachine(vmId: string, edit: VirtualMachineEdit): Promise<string | undefined> {
    const body = await this.write("PUT", PATHS.virtualMachine(await this.account(), vmId), edit, virtualMachineWire);
    return withSecretsRegistered(body).queue_token ?? undefined;
  }

  /** Builds (provisions) an unbuilt VM again, e.g. after a failed build. Queued. */
  async buildVirtualMachine(vmId: string, body: { template_id: string; initial_root_password?: string }): Promise<string> {
    const answer = await this.write("POST", PATHS.buildVirtualMachine(await this.account(), vmId), body, queuedAnswer);
    return answer.queue_token;
  }

  /** Queues the deletion; undefined when the VM is already gone. */
  async deleteVirtualMachine(vmId: string): Promise<string | undefined> {
    return this.deleteQueued(PATHS.virtualMachine(await this.account(), vmId));
  }

  async listVirtualMachineInterfaces(vmId: string): Promise<NetworkInterfaceWire[]> {
    return this.listAll(PATHS.virtualMachineInterfaces(await this.account(), vmId), networkInterfaceWire);
  }

  async getNetworkInterface(interfaceId: string): Promise<NetworkInterfaceWire | undefined> {
    return this.http.getOptional(PATHS.networkInterface(await this.account(), interfaceId), networkInterfaceWire);
  }

  /**
   * Attaches a VM to a network. Not documented (docs/gigas.md, guesses): 202 with the
   * interface and its `queue_token`, like the disk create guess. Never retried blindly.
   */
  async createNetworkInterface(body: NetworkInterfaceBody): Promise<NetworkInterfaceWire> {
    return this.write("POST", PATHS.createNetworkInterface(await this.account()), body, networkInterfaceWire);
  }

  /** The network interfaces page's Edit: 200, or 202 + token (a move to another network, a guess). Returns the token, if any. */
  async editNetworkInterface(interfaceId: string, edit: NetworkInterfaceEdit): Promise<string | undefined> {
    const answer = await this.write("PUT", PATHS.networkInterface(await this.account(), interfaceId), edit, networkInterfaceWire);
    return answer.queue_token ?? undefined;
  }

  /**
   * The firewall page's "Set default policy" (path cut off; a guess, docs/gigas.md). Like a rule
   * change, it takes effect once the interface's rules are applied.
   */
  async setDefaultFirewallPolicy(interfaceId: string, policy: string): Promise<NetworkInterfaceWire> {
    return this.write("PUT", PATHS.defaultFirewallPolicy(await this.account(), interfaceId), { default_firewall_policy: policy }, networkInterfaceWire);
  }

  /**
   * The network interfaces page's Delete (204/202, Has Token): also removes what depends on
   * the interface. Resolves the token (undefined for a 204), or `gone` when it was already gone.
   */
  async deleteNetworkInterface(interfaceId: string): Promise<{ token: string | undefined } | "gone"> {
    const answer = await this.http.deleteOptional(PATHS.networkInterface(await this.account(), interfaceId), maybeQueuedAnswer);
    return answer ? { token: answer.body } : "gone";
  }

  /** The networks page's "Add IP to a network": 201 with the IP. Never retried blindly. */
  async addNetworkIpAddress(networkId: string, body: IpAddressBody): Promise<IpAddressWire> {
    return this.write("POST", PATHS.addNetworkIpAddress(await this.account(), networkId), body, ipAddressWire);
  }

  /**
   * The network interfaces page: unassigns an IP from an interface; if it was the
   * interface's only IP, the interface is removed too. Status code not documented:
   * any success, with a queue token if one comes. `gone` when the IP was not there.
   */
  async unassignIpAddress(interfaceId: string, ipId: string): Promise<{ token: string | undefined } | "gone"> {
    const answer = await this.http.deleteOptional(PATHS.interfaceIpAddress(await this.account(), interfaceId, ipId), maybeQueuedAnswer);
    return answer ? { token: answer.body } : "gone";
  }

  /** The IP records with this address (`GET /account/{a}/ip_addresses?ip=`; `ip` is the only documented filter). */
  async findIpAddresses(ip: string): Promise<IpAddressWire[]> {
    return this.listAll(PATHS.ipAddresses(await this.account()), ipAddressWire, { ip });
  }

  /** The networks page's "IPs on a network". */
  async listNetworkIpAddresses(networkId: string): Promise<IpAddressWire[]> {
    return this.listAll(PATHS.networkIpAddresses(await this.account(), networkId), ipAddressWire);
  }

  /**
   * The addresses on these interfaces (a VM's). The documents offer no
   * per-VM or per-interface IP list (the networks page filters `ip_addresses` by `ip` only),
   * so the IPs of each interface's network are read and kept when their
   * `network_interface_id` is one of these interfaces; that field is a guess
   * (no IP schema is stored, see docs/gigas.md).
   */
  async listInterfaceIpAddresses(interfaces: NetworkInterfaceWire[]): Promise<IpAddressWire[]> {
    const ids = new Set(interfaces.map((i) => i.id));
    const networks = [...new Set(interfaces.map((i) => i.network_id).filter((id): id is string => !!id))];
    const lists = await Promise.all(networks.map((network) => this.listNetworkIpAddresses(network)));
    return lists.flat().filter((ip) => ip.network_interface_id != null && ids.has(ip.network_interface_id));
  }

  // ---- disks ----------------------------------------------------------------

  async listDisks(filters: { virtual_machine_id?: string } = {}): Promise<DiskWire[]> {
    return this.listAll(PATHS.disks(await this.account()), diskWire, filters);
  }

  async getDisk(diskId: string): Promise<DiskWire | undefined> {
    return this.http.getOptional(PATHS.disk(await this.account(), diskId), diskWire);
  }

  /** Queued: 202 with the disk and its token. Never retried blindly. */
  async createDisk(body: DiskBody): Promise<DiskWire> {
    return this.write("POST", PATHS.createDisk(await this.account()), body, diskWire);
  }

  /** The disk page: 200 or 202 + token (202 for size and attachment changes, a guess). Returns the token, if any. */
  async editDisk(diskId: string, body: DiskBody): Promise<string | undefined> {
    const disk = await this.write("PUT", PATHS.disk(await this.account(), diskId), body, diskWire);
    return disk.queue_token ?? undefined;
  }

  /** Queued; undefined when the disk is already gone. */
  async deleteDisk(diskId: string): Promise<string | undefined> {
    return this.deleteQueued(PATHS.disk(await this.account(), diskId));
  }

  /** The disk page's "Build (format)": 202 + token; erases what the disk holds. Never retried blindly. */
  async buildDisk(diskId: string): Promise<string> {
    return (await this.write("POST", PATHS.buildDisk(await this.account(), diskId), {}, queuedAnswer)).queue_token;
  }

  // ---- templates (the template page) ------------------------------------------

  /** Edit: 200 with the template; `label` renames it. */
  async editTemplate(templateId: string, body: { label?: string; clone_id?: string }): Promise<TemplateWire> {
    return this.write("PUT", PATHS.template(await this.account(), templateId), body, templateWire);
  }

  /** Clone: 202 with the new template and its token. Never retried blindly. */
  async cloneTemplate(templateId: string, body: { user_id: string; location_id: string }): Promise<TemplateWire> {
    return this.write("POST", PATHS.cloneTemplate(await this.account(), templateId), body, templateWire);
  }

  /** Queued; undefined when the template is already gone. */
  async deleteTemplate(templateId: string): Promise<string | undefined> {
    return this.deleteQueued(PATHS.template(await this.account(), templateId));
  }

  // ---- backups (the backup page) ----------------------------------------------

  /** The backup page's list filters: `min_disk_size`, `disk_id`, `operating_system`, `operating_system_distro`, `locked`. */
  async listBackups(filters: Record<string, string | undefined> = {}): Promise<BackupWire[]> {
    return this.listAll(PATHS.backups(await this.account()), backupWire, filters);
  }

  async getBackup(backupId: string): Promise<BackupWire | undefined> {
    return this.http.getOptional(PATHS.backup(await this.account(), backupId), backupWire);
  }

  /** Queued; undefined when the backup is already gone. */
  async deleteBackup(backupId: string): Promise<string | undefined> {
    return this.deleteQueued(PATHS.backup(await this.account(), backupId));
  }

  /** Restore: 202 with the backup and its token; overwrites the disk the backup came from. Never retried blindly. */
  async restoreBackup(backupId: string): Promise<BackupWire> {
    return this.write("POST", PATHS.restoreBackup(await this.account(), backupId), {}, backupWire);
  }

  /** Template from backup: 202 with the template and its token. Never retried blindly. */
  async createTemplateFromBackup(backupId: string, body: { label: string }): Promise<TemplateWire> {
    return this.write("POST", PATHS.backupTemplate(await this.account(), backupId), body, templateWire);
  }

  // ---- firewall rules ---------------------------------------------------------

  async listFirewallRules(interfaceId: string): Promise<FirewallRuleWire[]> {
    return this.listAll(PATHS.interfaceFirewallRules(await this.account(), interfaceId), firewallRuleWire);
  }

  async getFirewallRule(ruleId: string): Promise<FirewallRuleWire | undefined> {
    return this.http.getOptional(PATHS.firewallRule(await this.account(), ruleId), firewallRuleWire);
  }

  /** Never retried blindly: callers reconcile by listing the interface's rules. */
  async createFirewallRule(interfaceId: string, body: FirewallRuleBody): Promise<FirewallRuleWire> {
    return this.write("POST", PATHS.createFirewallRule(await this.account(), interfaceId), body, firewallRuleWire);
  }

  /** The firewall page's Edit rule: only its documented fields; a rule's `order` cannot be edited. */
  async editFirewallRule(ruleId: string, body: FirewallRuleEdit): Promise<FirewallRuleWire> {
    return this.write("PUT", PATHS.firewallRule(await this.account(), ruleId), body, firewallRuleWire);
  }

  /** The firewall page: 204. Resolves false when the rule was already gone. */
  async deleteFirewallRule(ruleId: string): Promise<boolean> {
    return (await this.http.deleteOptional(PATHS.firewallRule(await this.account(), ruleId), z.unknown())) !== undefined;
  }

  /** The firewall page's "Apply firewall rules": rule changes take effect only after this queued call. */
  async applyFirewallRules(interfaceId: string): Promise<string> {
    const { body } = await this.http.request({
      method: "POST",
      path: PATHS.applyFirewallRules(await this.account(), interfaceId),
      schema: queuedAnswer,
      // Applying the same rules twice is harmless.
      retry: true,
    });
    return body.queue_token;
  }

  // ---- transactions -----------------------------------------------------------

  async transactionStatus(token: string): Promise<TransactionStatusWire> {
    const { body } = await this.http.request({
      method: "GET",
      path: PATHS.transactionStatus(await this.account(), token),
      schema: transactionStatusWire,
    });
    return body;
  }

  // ---- plumbing ---------------------------------------------------------------

  /** A POST or PUT with a JSON body, its answer parsed with `schema`; the HTTP core decides by method whether a failed attempt is repeated. */
  private async write<T>(method: "POST" | "PUT", path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    return (await this.http.request({ method, path, body, schema })).body;
  }

  /** A queued delete: its queue token, or undefined when the object was already gone (404). */
  private async deleteQueued(path: string): Promise<string | undefined> {
    return (await this.http.deleteOptional(path, queuedAnswer))?.body.queue_token;
  }

  /** Every item of a list, page by page (pagination: offset/limit, X-Total header). */
  private listAll<T>(path: string, item: z.ZodType<T>, filters: Record<string, string | undefined> = {}): Promise<T[]> {
    return collectPages(0, async (offset): Promise<Page<T, number>> => {
      const { body, headers } = await this.http.request({
        method: "GET",
        path,
        query: { ...filters, offset, limit: PAGE_SIZE },
        schema: z.array(item),
      });
      const total = Number(headers["x-total"]);
      const seen = offset + body.length;
      const more = Number.isFinite(total) && headers["x-total"] !== undefined ? seen < total : body.length >= PAGE_SIZE;
      return { items: body, next: more ? seen : undefined };
    });
  }
}

/** Passwords a VM answer carries are secrets wherever they might show up later (logs, errors). */
function withSecretsRegistered(vm: VirtualMachineWire): VirtualMachineWire {
  if (vm.initial_password) registerSecret(vm.initial_password);
  if (vm.remote_access_password) registerSecret(vm.remote_access_password);
  return vm;
}

const clients = clientRegistry<GigasClient>(SETTINGS_KEYS);

/**
 * The client for the credentials currently configured, one per endpoint,
 * credentials and account, so the session and the account lookup are shared
 * by every resource in the process.
 */
export function gigasClient(source: SettingsSource, options: ClientOptions = {}): GigasClient {
  const settings = vendorSettings("gigas", source);
  return clients(settings, () => new GigasClient(settings, options));
}

export type {
  AccountWire,
  BackupWire,
  DiskWire,
  FirewallRuleWire,
  IpAddressWire,
  LocationWire,
  NetworkInterfaceWire,
  NetworkWire,
  TemplateWire,
  VirtualMachineWire,
};
