import { z } from "zod";
import { urlPath } from "../urlPath";
import { Clock, realClock } from "../clock";
import { ApiError, ConfigurationError } from "../errors";
import { HttpCore } from "../http";
import { Logger, stderrLogger } from "../log";
import { Page, collectPages } from "../paginate";
import { waitFor } from "../poll";
import { retryWhileBusy } from "../busy";
import { OperationDeadline } from "../deadline";
import { registerSecret } from "../redact";
import { RetryPolicy } from "../retry";
import { SettingsSource, VendorSettings, apiUrlSetting, vendorSettings, clientRegistry } from "../settings";
import { SessionToken, bearerAuth, credentialsFrom } from "../session";
import {
  AccountWire,
  DiskBody,
  DiskWire,
  FirewallRuleBody,
  FirewallRuleEdit,
  FirewallRuleWire,
  IpAddressWire,
  LocationWire,
  NetworkInterfaceWire,
  NetworkWire,
  TemplateWire,
  TokenWire,
  TransactionStatusWire,
  VirtualMachineBody,
  VirtualMachineEdit,
  VirtualMachineWire,
  accountWire,
  diskWire,
  firewallRuleWire,
  gigasFieldErrors,
  gigasMessage,
  ipAddressWire,
  locationWire,
  networkInterfaceWire,
  networkWire,
  queuedAnswer,
  templateWire,
  tokenResponse,
  transactionStatusWire,
  virtualMachineWire,
} from "./wire";

export const DEFAULT_API_URL = "https://api.gigas.com";

/** Settings keys, read from `gigas:<key>` config or `GIGAS_<KEY>` variables. */
export const SETTINGS_KEYS = ["apiKey", "username", "password", "totpSecret", "totp", "accountId", "apiUrl"] as const;

/**
 * Every path of the API in one place. Only the quickstart's calls are
 * documented in full (docs/gigas.md, "What Gigas's documents say"); the rest follow the API's
 * evident pattern and are listed as guesses in docs/gigas.md, so they are
 * easy to correct here.
 */
const PATHS = {
  token: "/token",
  /** Guess: the quickstart returns a refresh token but no page shows where to send it (docs/gigas.md). */
  tokenRefresh: "/token/refresh",
  accounts: "/accounts",
  locations: (a: string) => urlPath`/account/${a}/locations`,
  templates: (a: string) => urlPath`/account/${a}/templates`,
  template: (a: string, id: string) => urlPath`/account/${a}/template/${id}`,
  networks: (a: string) => urlPath`/account/${a}/networks`,
  virtualMachines: (a: string) => urlPath`/account/${a}/virtual_machines`,
  createVirtualMachine: (a: string) => urlPath`/account/${a}/virtual_machine`,
  virtualMachine: (a: string, id: string) => urlPath`/account/${a}/virtual_machine/${id}`,
  buildVirtualMachine: (a: string, id: string) => urlPath`/account/${a}/virtual_machine/${id}/build`,
  virtualMachineInterfaces: (a: string, id: string) => urlPath`/account/${a}/virtual_machine/${id}/network_interfaces`,
  networkInterface: (a: string, id: string) => urlPath`/account/${a}/network_interface/${id}`,
  /** The networks page's "IPs on a network". */
  networkIpAddresses: (a: string, network: string) => urlPath`/account/${a}/network/${network}/ip_addresses`,
  disks: (a: string) => urlPath`/account/${a}/disks`,
  createDisk: (a: string) => urlPath`/account/${a}/disk`,
  disk: (a: string, id: string) => urlPath`/account/${a}/disk/${id}`,
  interfaceFirewallRules: (a: string, iface: string) => urlPath`/account/${a}/network_interface/${iface}/firewall_rules`,
  createFirewallRule: (a: string, iface: string) => urlPath`/account/${a}/network_interface/${iface}/firewall_rule`,
  applyFirewallRules: (a: string, iface: string) => urlPath`/account/${a}/network_interface/${iface}/firewall_rules/apply`,
  firewallRule: (a: string, id: string) => urlPath`/account/${a}/firewall_rule/${id}`,
  transactionStatus: (a: string, token: string) => urlPath`/account/${a}/transaction/${token}/status`,
};

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

/**
 * A queued transaction ended in a status other than Completed. The
 * quickstart's answer has only `status` (+ `updated_at`), so the status and
 * the token are what is said; words the vendor adds are shown too.
 */
export class TransactionFailedError extends Error {
  constructor(
    readonly description: string,
    readonly vendorStatus: string,
    readonly vendorMessage: string | undefined,
    readonly token: string,
  ) {
    super(`Gigas ${description} ended with status "${vendorStatus}"${vendorMessage ? `: ${vendorMessage}` : ""} (transaction ${token})`);
    this.name = "TransactionFailedError";
  }
}

export class GigasClient {
  readonly http: HttpCore;
  private readonly settings: VendorSettings;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
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
        { login: (login) => this.login(login), refresh: (token) => this.refresh(token) },
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

  // ---- authentication ---------------------------------------------------

  /** `POST /token` {login, password, readonly, totp?} (quickstart; 2FA accounts add `totp`). */
  private login(credentials: { username: string; password: string; code?: string }): Promise<SessionToken> {
    const body: Record<string, unknown> = { login: credentials.username, password: credentials.password, readonly: false };
    if (credentials.code !== undefined) body.totp = credentials.code;
    return this.tokenRequest(PATHS.token, body);
  }

  private refresh(refreshToken: string): Promise<SessionToken> {
    return this.tokenRequest(PATHS.tokenRefresh, { refresh_token: refreshToken });
  }

  private async tokenRequest(path: string, body: Record<string, unknown>): Promise<SessionToken> {
    const { body: answer } = await this.http.request({
      method: "POST",
      path,
      body,
      schema: tokenResponse,
      authenticated: false,
      // Asking for a token twice is harmless.
      retry: true,
    });
    return sessionFrom(answer);
  }

  // ---- accounts -----------------------------------------------------------

  /**
   * The account every path is scoped to: `gigas:accountId`, else the only
   * account the credentials reach. Several accounts and no setting is an error
   * that lists them.
   */
  account(): Promise<string> {
    if (!this.accountPromise) {
      this.accountPromise = this.resolveAccount();
      this.accountPromise.catch(() => (this.accountPromise = undefined));
    }
    return this.accountPromise;
  }

  private async resolveAccount(): Promise<string> {
    const configured = this.settings.get("accountId");
    if (configured) {
      if (!/^\d+$/.test(configured)) {
        throw new ConfigurationError(`${this.settings.describe("accountId")} must be a numeric Gigas account id, got "${configured}"`);
      }
      return configured;
    }
    const accounts = await this.listAccounts();
    if (accounts.length === 1) return accounts[0].id;
    if (accounts.length === 0) throw new ConfigurationError("The Gigas credentials reach no account (GET /accounts is empty).");
    const listed = accounts
      .map((account) => `${account.id} (${[account.category_slug, account.domain, account.status].filter(Boolean).join(", ")})`)
      .join("; ");
    throw new ConfigurationError(
      `The Gigas credentials reach ${accounts.length} accounts: ${listed}. ` +
        `Pick one with ${this.settings.describe("accountId")}.`,
    );
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
    const { body: vm } = await this.http.request({
      method: "POST",
      path: PATHS.createVirtualMachine(await this.account()),
      body,
      schema: virtualMachineWire,
    });
    return withSecretsRegistered(vm);
  }

  /** Label and note apply at once (200); memory and CPUs queue (202 + token). Returns the token, if any. */
  async editVirtualMachine(vmId: string, edit: VirtualMachineEdit): Promise<string | undefined> {
    const { body } = await this.http.request({
      method: "PUT",
      path: PATHS.virtualMachine(await this.account(), vmId),
      body: edit,
      schema: virtualMachineWire,
    });
    return withSecretsRegistered(body).queue_token ?? undefined;
  }

  /** Builds (provisions) an unbuilt VM again, e.g. after a failed build. Queued. */
  async buildVirtualMachine(vmId: string, body: { template_id: string; initial_root_password?: string }): Promise<string> {
    const { body: answer } = await this.http.request({
      method: "POST",
      path: PATHS.buildVirtualMachine(await this.account(), vmId),
      body,
      schema: queuedAnswer,
    });
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
    const { body: disk } = await this.http.request({
      method: "POST",
      path: PATHS.createDisk(await this.account()),
      body,
      schema: diskWire,
    });
    return disk;
  }

  /** The disk page: 200 or 202 + token (202 for size and attachment changes, a guess). Returns the token, if any. */
  async editDisk(diskId: string, body: DiskBody): Promise<string | undefined> {
    const { body: disk } = await this.http.request({
      method: "PUT",
      path: PATHS.disk(await this.account(), diskId),
      body,
      schema: diskWire,
    });
    return disk.queue_token ?? undefined;
  }

  /** Queued; undefined when the disk is already gone. */
  async deleteDisk(diskId: string): Promise<string | undefined> {
    return this.deleteQueued(PATHS.disk(await this.account(), diskId));
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
    const { body: rule } = await this.http.request({
      method: "POST",
      path: PATHS.createFirewallRule(await this.account(), interfaceId),
      body,
      schema: firewallRuleWire,
    });
    return rule;
  }

  /** The firewall page's Edit rule: only its documented fields; a rule's `order` cannot be edited. */
  async editFirewallRule(ruleId: string, body: FirewallRuleEdit): Promise<FirewallRuleWire> {
    const { body: rule } = await this.http.request({
      method: "PUT",
      path: PATHS.firewallRule(await this.account(), ruleId),
      body,
      schema: firewallRuleWire,
    });
    return rule;
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

  /**
   * Follows a queued transaction from "pending" to "Completed". Any other
   * status is terminal and fails with the vendor's words (the quickstart
   * names only these two; statuses are compared case-insensitively).
   */
  async waitForTransaction(token: string, description: string, context: WaitContext): Promise<TransactionStatusWire> {
    return waitFor(
      () => this.transactionStatus(token),
      (answer) => {
        const status = answer.status.trim().toLowerCase();
        if (status === "completed") return true;
        if (PENDING_STATUSES.has(status)) return false;
        const words = answer.message ?? (typeof answer.error === "string" ? answer.error : undefined);
        throw new TransactionFailedError(description, answer.status, words ?? undefined, token);
      },
      {
        description: `${description} (transaction ${token})`,
        deadline: context,
        describe: (answer) => answer.status,
        initialDelayMs: 2000,
        maxDelayMs: 15_000,
        clock: context.clock,
        logger: context.logger,
      },
    );
  }

  /**
   * Waits until no operation holds the VM (`locked` false, the VM page). Resolves
   * undefined when the VM is gone. Operations must never start on a locked VM.
   */
  async waitForVirtualMachineUnlocked(vmId: string, description: string, context: WaitContext): Promise<VirtualMachineWire | undefined> {
    return waitFor(
      () => this.getVirtualMachine(vmId),
      (vm) => vm === undefined || !vm.locked,
      {
        description: `virtual machine ${vmId} to be free of other operations before ${description}`,
        deadline: context,
        describe: (vm) => (vm ? `${vm.status}, locked` : "gone"),
        initialDelayMs: 2000,
        maxDelayMs: 15_000,
        clock: context.clock,
        logger: context.logger,
      },
    );
  }

  /**
   * Runs an operation on a VM the way Gigas requires: only while no other
   * operation holds it. A refusal because the VM is locked applied nothing
   * (for a POST too): it is answered by waiting until the VM is free and
   * trying again, within the operation's deadline (provider/busy.ts), not by
   * retrying into the lock. Resolves undefined when the VM is gone (a lost
   * delete that went through ends this way). Transport failures are the HTTP
   * core's: a PUT or DELETE whose answer was lost is repeated there, and finds
   * the VM locked by its own first copy, which brings it back here.
   */
  async whenUnlocked<T>(vmId: string, description: string, context: WaitContext, operation: () => Promise<T>): Promise<T | undefined> {
    return retryWhileBusy(operation, {
      description: `Gigas: ${description} (virtual machine ${vmId})`,
      isBusy: isLockedRefusal,
      untilFree: async () => (await this.waitForVirtualMachineUnlocked(vmId, description, context)) !== undefined,
      deadline: context,
      clock: context.clock,
      logger: context.logger,
      random: this.random,
    });
  }

  // ---- plumbing ---------------------------------------------------------------

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

/** Statuses of a transaction still queued or running (quickstart: "pending"). */
const PENDING_STATUSES = new Set(["pending", "queued", "running", "processing", "in progress"]);

function sessionFrom(answer: TokenWire): SessionToken {
  return {
    token: answer.token,
    expiresAt: answer.expires * 1000,
    refreshToken: answer.refresh_token ?? undefined,
    refreshExpiresAt: answer.refresh_expires === null ? undefined : answer.refresh_expires * 1000,
  };
}

/**
 * An operation on a VM that another operation holds (the VM page's `locked`) is refused.
 * How is not documented (docs/gigas.md): the emulator answers 409 with "locked" in the
 * text; 423 Locked, the other plausible answer, is read the same way.
 */
export function isLockedRefusal(error: ApiError): boolean {
  return error.status === 423 || (error.status === 409 && /locked/i.test(error.vendorMessage ?? ""));
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
  DiskWire,
  FirewallRuleWire,
  IpAddressWire,
  LocationWire,
  NetworkInterfaceWire,
  NetworkWire,
  TemplateWire,
  VirtualMachineWire,
};
