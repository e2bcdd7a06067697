// The Gigas cloud as data: accounts, catalogue, VMs with their disks,
// interfaces, IPs and firewall rules, and the transaction queue that every
// "Has Token: Yes" call goes through (gigas-api.md §0, §11). Transactions
// complete on the emulator clock; their effects are applied lazily, whenever
// the state is next looked at, so no timer runs.
import { randomUUID } from "node:crypto";
import type { EmulatorClock } from "../core";
import { GigasApiError, invalidField, locked, notFound } from "./errors";

export interface AccountRecord {
  id: number;
  client_id: number;
  order_id: number;
  product_id: number;
  category_slug: string;
  date_created: string;
  domain: string;
  status: string;
  billingcycle: string;
  next_due: string;
  location_id: string;
  is_trial: boolean;
  ppu_activated: boolean;
}

export interface LocationRecord {
  id: string;
  label: string;
  account_id: number;
  created_at: string;
  updated_at: string | null;
}

export interface TemplateRecord {
  id: string;
  label: string;
  status: string;
  operating_system: string;
  operating_system_arch: string;
  operating_system_distro: string;
  min_disk_size: number;
  min_memory_size: number;
  allowed_swap: number;
  public: boolean;
  account_id: number;
}

export interface NetworkRecord {
  id: string;
  label: string;
  vlan: number;
  network_group_id: string;
  status: string;
  multidatacenter: boolean;
  public: boolean;
  account_id: number;
  location_id: string;
}

export interface VirtualMachineRecord {
  id: string;
  account_id: number;
  label: string;
  hostname: string;
  status: "unbuilt" | "recovery" | "offline" | "online";
  locked: boolean;
  memory: number;
  cpus: number;
  cpu_type: string;
  disk_type: string;
  /** Quickstart sample: "vd". */
  disk_prefix: string;
  boot_type: string;
  /** Quickstart sample: "hd". */
  booted_from: string;
  location_id: string;
  hypervisor_id: string;
  template_id: string;
  initial_password: string;
  /** Quickstart sample: null until remote (console) access is set up; a secret when set. */
  remote_access_password: string | null;
  local_remote_access_port: number | null;
  /** Quickstart sample: "4uxj2anxy5ddxp". */
  identifier: string;
  /** Quickstart sample: "226661014577" (a string, unlike account_id). */
  user_id: string;
  /** §4: anti-affinity with another VM; no documented request sets it. */
  strict_virtual_machine_id: string | null;
  cdrom: boolean;
  vip: boolean;
  note: string;
  operating_system: string | null;
  operating_system_distro: string | null;
  type: string;
  cpu_shares: number;
  suspended: boolean;
  created_at: string;
  updated_at: string;
  error: number;
}

export interface DiskRecord {
  id: string;
  account_id: number;
  virtual_machine_id: string | null;
  disk_size: number;
  status: string;
  locked: boolean;
  error: number;
  is_swap: boolean;
  primary: boolean;
  autobackup: number;
  mount_point: string;
  add_to_linux_fstab: boolean;
  data_store_id: string;
  created_at: string;
  updated_at: string;
}

export interface InterfaceRecord {
  id: string;
  account_id: number;
  label: string;
  network_id: string;
  vlan: number;
  primary: boolean;
  rate_limit: number;
  status: string;
  virtual_machine_id: string;
  default_firewall_policy: string;
  mac_address: string;
}

export interface IpAddressRecord {
  id: string;
  account_id: number;
  address: string;
  network_id: string;
  network_interface_id: string;
  virtual_machine_id: string;
}

export interface FirewallRuleRecord {
  id: string;
  account_id: number;
  network_interface_id: string;
  command: string;
  protocol: string;
  address: string;
  port: string;
  order: number;
  /** "pending" until the interface's rules are applied, then "active". */
  status: string;
}

export type TransactionKind =
  | "vm.build"
  | "vm.edit"
  | "vm.delete"
  | "vm.operation"
  | "disk.create"
  | "disk.edit"
  | "disk.delete"
  | "firewall.apply";

export interface TransactionRecord {
  token: string;
  account_id: number;
  kind: TransactionKind;
  target: string;
  /** The VM the transaction holds locked, if any. */
  vm_id: string | null;
  due_at: number;
  status: string;
  updated_at: string | null;
  payload: Record<string, unknown>;
  /** Set by a failure plan: the status it will end with. */
  failure: { status: string } | null;
}

/**
 * The next transaction ends in failure. The quickstart shows a transaction
 * answer as `status` (+ `updated_at`) only, so a failure carries no words
 * beyond its status.
 */
export interface FailurePlan {
  kind?: TransactionKind;
  /** Default "Failed" (the docs name no failure status; see docs/gigas.md). */
  status?: string;
}

export interface GigasData {
  accounts: AccountRecord[];
  locations: LocationRecord[];
  templates: TemplateRecord[];
  networks: NetworkRecord[];
  vms: VirtualMachineRecord[];
  disks: DiskRecord[];
  interfaces: InterfaceRecord[];
  ips: IpAddressRecord[];
  rules: FirewallRuleRecord[];
  transactions: TransactionRecord[];
  failurePlans: FailurePlan[];
  nextId: number;
  nextIp: number;
}

/** How long each kind of transaction runs, in emulated milliseconds. */
export const TRANSACTION_DURATIONS: Record<TransactionKind, number> = {
  "vm.build": 90_000,
  "vm.edit": 30_000,
  "vm.delete": 20_000,
  "vm.operation": 60_000,
  "disk.create": 20_000,
  "disk.edit": 20_000,
  "disk.delete": 15_000,
  "firewall.apply": 10_000,
};

export const DEFAULT_ACCOUNT_ID = 22666;

export function emptyData(): GigasData {
  return {
    accounts: [],
    locations: [],
    templates: [],
    networks: [],
    vms: [],
    disks: [],
    interfaces: [],
    ips: [],
    rules: [],
    transactions: [],
    failurePlans: [],
    nextId: 100_000,
    nextIp: 10,
  };
}

export interface NewVirtualMachine {
  label: string;
  note: string;
  memory: number;
  cpus: number;
  cpu_type: string;
  template_id: string;
  hostname: string;
  location_id: string;
  primary_disk_size: number;
  swap_disk_size: number;
  default_firewall_policy: string;
  initial_root_password?: string;
}

export const HOSTNAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,24}$/;

export class GigasState {
  data: GigasData = emptyData();

  constructor(private readonly clock: EmulatorClock) {}

  // ---- seeding ------------------------------------------------------------

  /** An account with the quickstart's locations, templates and networks. */
  addAccount(id: number, fields: Partial<AccountRecord> = {}): AccountRecord {
    if (this.data.accounts.some((a) => a.id === id)) throw new GigasApiError(409, `Account ${id} exists`);
    const account: AccountRecord = {
      id,
      client_id: 7741,
      order_id: 125879 + this.data.accounts.length,
      product_id: 193,
      category_slug: "cloud-datacenter",
      date_created: "2025-11-06",
      domain: `account${id}.dc`,
      status: "Active",
      billingcycle: "Monthly",
      next_due: "2025-12-06",
      location_id: "Global",
      is_trial: false,
      ppu_activated: true,
      ...fields,
    };
    this.data.accounts.push(account);
    const spain = { id: `${id}1012`, label: "Spain", account_id: id, created_at: "2017-01-16T12:03:49", updated_at: "2017-01-16T12:03:49" };
    const miami = { id: `${id}1013`, label: "Miami", account_id: id, created_at: "2017-01-16T12:03:53", updated_at: null };
    this.data.locations.push(spain, miami);
    const template = (suffix: string, label: string, distro: string, minDisk: number, minMemory: number, allowedSwap = 1): TemplateRecord => ({
      id: `${id}${suffix}`,
      label,
      status: "active",
      operating_system: label.includes("Windows") ? "windows" : "linux",
      operating_system_arch: "x64",
      operating_system_distro: distro,
      min_disk_size: minDisk,
      min_memory_size: minMemory,
      allowed_swap: allowedSwap,
      public: true,
      account_id: id,
    });
    this.data.templates.push(
      template("1012", "CentOS 6.0 x64 (Linux)", "rhel", 0, 0),
      template("1014", "CentOS 6.9 + cPanel 11 x64 (Linux) (NL)", "rhel", 5, 0),
      template("10116", "Debian 7 x64 (Linux)", "ubuntu", 5, 0),
      template("10120", "Ubuntu 24.04 x64 (Linux)", "ubuntu", 10, 1024),
      template("10130", "Windows Server 2022 x64 (Windows)", "windows", 40, 2048, 0),
    );
    for (const location of [spain, miami]) {
      this.data.networks.push({
        id: `${location.id}7`,
        label: `Public ${location.label}`,
        vlan: 100 + this.data.networks.length,
        network_group_id: `${location.id}5`,
        status: "active",
        multidatacenter: false,
        public: true,
        account_id: id,
        location_id: location.id,
      });
    }
    return account;
  }

  addTemplate(accountId: number, fields: Partial<TemplateRecord> & { label: string }): TemplateRecord {
    this.account(accountId);
    const template: TemplateRecord = {
      id: this.newId(accountId),
      status: "active",
      operating_system: "linux",
      operating_system_arch: "x64",
      operating_system_distro: "ubuntu",
      min_disk_size: 0,
      min_memory_size: 0,
      allowed_swap: 1,
      public: true,
      account_id: accountId,
      ...fields,
    };
    this.data.templates.push(template);
    return template;
  }

  // ---- lookups ------------------------------------------------------------

  account(accountId: number): AccountRecord {
    const account = this.data.accounts.find((a) => a.id === accountId);
    if (!account) throw notFound(`Account ${accountId}`);
    return account;
  }

  vm(accountId: number, vmId: string): VirtualMachineRecord {
    this.settle();
    const vm = this.data.vms.find((v) => v.id === vmId && v.account_id === accountId);
    if (!vm) throw notFound(`Virtual machine ${vmId}`);
    return vm;
  }

  disk(accountId: number, diskId: string): DiskRecord {
    this.settle();
    const disk = this.data.disks.find((d) => d.id === diskId && d.account_id === accountId);
    if (!disk) throw notFound(`Disk ${diskId}`);
    return disk;
  }

  networkInterface(accountId: number, interfaceId: string): InterfaceRecord {
    this.settle();
    const found = this.data.interfaces.find((i) => i.id === interfaceId && i.account_id === accountId);
    if (!found) throw notFound(`Network interface ${interfaceId}`);
    return found;
  }

  network(accountId: number, networkId: string): NetworkRecord {
    const network = this.data.networks.find((n) => n.id === networkId && n.account_id === accountId);
    if (!network) throw notFound(`Network ${networkId}`);
    return network;
  }

  rule(accountId: number, ruleId: string): FirewallRuleRecord {
    this.settle();
    const rule = this.data.rules.find((r) => r.id === ruleId && r.account_id === accountId);
    if (!rule) throw notFound(`Firewall rule ${ruleId}`);
    return rule;
  }

  template(accountId: number, templateId: string): TemplateRecord {
    const template = this.data.templates.find((t) => t.id === templateId && t.account_id === accountId);
    if (!template) throw notFound(`Template ${templateId}`);
    return template;
  }

  transaction(accountId: number, token: string): TransactionRecord {
    this.settle();
    const transaction = this.data.transactions.find((t) => t.token === token && t.account_id === accountId);
    if (!transaction) throw notFound(`Transaction ${token}`);
    return transaction;
  }

  // ---- virtual machines -----------------------------------------------------

  createVirtualMachine(accountId: number, input: NewVirtualMachine): { vm: VirtualMachineRecord; token: string } {
    this.settle();
    this.account(accountId);
    const template = this.data.templates.find((t) => t.id === String(input.template_id) && t.account_id === accountId);
    if (!template || template.status !== "active") throw invalidField("template_id", `${input.template_id} does not exist or is not active`);
    const location = this.data.locations.find((l) => l.id === String(input.location_id) && l.account_id === accountId);
    if (!location) throw invalidField("location_id", `${input.location_id} does not exist`);
    if (input.memory < template.min_memory_size) {
      throw invalidField("memory", `must be at least ${template.min_memory_size} MB for template ${template.label}`);
    }
    if (input.primary_disk_size < Math.max(1, template.min_disk_size)) {
      throw invalidField("primary_disk_size", `must be at least ${Math.max(1, template.min_disk_size)} GB for template ${template.label}`);
    }
    if (input.swap_disk_size > 0 && !template.allowed_swap) {
      throw invalidField("swap_disk_size", `must be 0: template ${template.label} does not allow a swap disk`);
    }
    const now = this.timestamp();
    const vm: VirtualMachineRecord = {
      id: this.newId(accountId),
      account_id: accountId,
      label: input.label,
      hostname: input.hostname,
      status: "unbuilt",
      locked: true,
      memory: input.memory,
      cpus: input.cpus,
      cpu_type: input.cpu_type,
      disk_type: "virtio",
      disk_prefix: "vd",
      boot_type: "default",
      booted_from: "hd",
      location_id: location.id,
      hypervisor_id: `${location.id}3`,
      template_id: template.id,
      initial_password: input.initial_root_password ?? randomUUID().replace(/-/g, "").slice(0, 16),
      remote_access_password: null,
      local_remote_access_port: null,
      identifier: randomUUID().replace(/-/g, "").slice(0, 14),
      user_id: `${accountId}1014577`,
      strict_virtual_machine_id: null,
      cdrom: false,
      vip: false,
      note: input.note,
      operating_system: null,
      operating_system_distro: null,
      type: "standard",
      cpu_shares: 1,
      suspended: false,
      created_at: now,
      updated_at: now,
      error: 0,
    };
    this.data.vms.push(vm);
    this.addDisk(accountId, vm.id, input.primary_disk_size, { primary: true, locked: true, status: "pending" });
    if (input.swap_disk_size > 0) this.addDisk(accountId, vm.id, input.swap_disk_size, { is_swap: true, locked: true, status: "pending" });
    const network = this.data.networks.find((n) => n.account_id === accountId && n.location_id === location.id && n.public)!;
    const networkInterface: InterfaceRecord = {
      id: this.newId(accountId),
      account_id: accountId,
      label: "eth0",
      network_id: network.id,
      vlan: network.vlan,
      primary: true,
      rate_limit: 0,
      status: "active",
      virtual_machine_id: vm.id,
      default_firewall_policy: input.default_firewall_policy,
      mac_address: `52:54:00:00:${(this.data.nextIp % 256).toString(16).padStart(2, "0")}:01`,
    };
    this.data.interfaces.push(networkInterface);
    this.data.ips.push({
      id: this.newId(accountId),
      account_id: accountId,
      address: `203.0.113.${this.data.nextIp++ % 250}`,
      network_id: network.id,
      network_interface_id: networkInterface.id,
      virtual_machine_id: vm.id,
    });
    const token = this.queue(accountId, "vm.build", vm.id, vm.id, {});
    return { vm, token };
  }

  /** Label and note apply at once; memory and CPUs go through the queue. Returns the token when queued. */
  editVirtualMachine(accountId: number, vmId: string, changes: { label?: string; note?: string; memory?: number; cpus?: number }): string | undefined {
    const vm = this.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    if (changes.memory !== undefined || changes.cpus !== undefined) {
      const template = this.data.templates.find((t) => t.id === vm.template_id);
      if (changes.memory !== undefined && template && changes.memory < template.min_memory_size) {
        throw invalidField("memory", `must be at least ${template.min_memory_size} MB for template ${template.label}`);
      }
    }
    if (changes.label !== undefined) vm.label = changes.label;
    if (changes.note !== undefined) vm.note = changes.note;
    vm.updated_at = this.timestamp();
    const resize: Record<string, unknown> = {};
    if (changes.memory !== undefined && changes.memory !== vm.memory) resize.memory = changes.memory;
    if (changes.cpus !== undefined && changes.cpus !== vm.cpus) resize.cpus = changes.cpus;
    if (Object.keys(resize).length === 0) return undefined;
    vm.locked = true;
    return this.queue(accountId, "vm.edit", vm.id, vm.id, resize);
  }

  buildVirtualMachine(accountId: number, vmId: string, input: { template_id?: string; initial_root_password?: string }): string {
    const vm = this.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    if (input.template_id !== undefined) vm.template_id = this.template(accountId, String(input.template_id)).id;
    if (input.initial_root_password) vm.initial_password = input.initial_root_password;
    vm.locked = true;
    vm.status = "unbuilt";
    vm.error = 0;
    return this.queue(accountId, "vm.build", vm.id, vm.id, {});
  }

  deleteVirtualMachine(accountId: number, vmId: string): string {
    const vm = this.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    vm.locked = true;
    return this.queue(accountId, "vm.delete", vm.id, vm.id, {});
  }

  /** Out of band: another operation (a console reboot, a backup) holds the VM for `ms` of emulated time. */
  lockVirtualMachine(accountId: number, vmId: string, ms: number): string {
    const vm = this.vm(accountId, vmId);
    if (vm.locked) throw locked(vmId);
    vm.locked = true;
    return this.queue(accountId, "vm.operation", vm.id, vm.id, {}, ms);
  }

  // ---- disks ------------------------------------------------------------------

  createDisk(accountId: number, input: { virtual_machine_id?: string; disk_size: number; autobackup?: number; mount_point?: string; add_to_linux_fstab?: boolean }): { disk: DiskRecord; token: string } {
    this.settle();
    const vmId = input.virtual_machine_id ? String(input.virtual_machine_id) : null;
    if (vmId) {
      const vm = this.vm(accountId, vmId);
      if (vm.locked) throw locked(vmId);
      vm.locked = true;
    }
    const disk = this.addDisk(accountId, vmId, input.disk_size, {
      locked: true,
      status: "pending",
      autobackup: input.autobackup ?? 0,
      mount_point: input.mount_point ?? "",
      add_to_linux_fstab: input.add_to_linux_fstab ?? false,
    });
    const token = this.queue(accountId, "disk.create", disk.id, vmId, {});
    return { disk, token };
  }

  /** Metadata applies at once; size and attachment changes are queued. */
  editDisk(
    accountId: number,
    diskId: string,
    changes: {
      disk_size?: number;
      virtual_machine_id?: string | null;
      autobackup?: number;
      mount_point?: string;
      add_to_linux_fstab?: boolean;
      force_reboot?: boolean;
    },
  ): string | undefined {
    const disk = this.disk(accountId, diskId);
    if (disk.locked) throw new GigasApiError(409, `Disk ${diskId} is locked by another operation`);
    if (changes.disk_size !== undefined && changes.disk_size < disk.disk_size) {
      throw invalidField("disk_size", `cannot be reduced (from ${disk.disk_size} GB to ${changes.disk_size} GB)`);
    }
    const targetVm = changes.virtual_machine_id === undefined ? disk.virtual_machine_id : changes.virtual_machine_id === null ? null : String(changes.virtual_machine_id);
    const involved = [...new Set([disk.virtual_machine_id, targetVm].filter((id): id is string => id !== null))];
    const vms = involved.map((id) => this.vm(accountId, id));
    if (changes.autobackup !== undefined) disk.autobackup = changes.autobackup ? 1 : 0;
    if (changes.mount_point !== undefined) disk.mount_point = changes.mount_point;
    if (changes.add_to_linux_fstab !== undefined) disk.add_to_linux_fstab = changes.add_to_linux_fstab;
    disk.updated_at = this.timestamp();
    const queued: Record<string, unknown> = {};
    if (changes.disk_size !== undefined && changes.disk_size !== disk.disk_size) queued.disk_size = changes.disk_size;
    if (targetVm !== disk.virtual_machine_id) queued.virtual_machine_id = targetVm;
    if (Object.keys(queued).length === 0) return undefined;
    if (disk.primary && "virtual_machine_id" in queued) throw invalidField("virtual_machine_id", "cannot change: the primary disk stays with its virtual machine");
    for (const vm of vms) if (vm.locked) throw locked(vm.id);
    // §9: "some changes need the attached VM to reboot". Which ones is not stored; the fake's guess (docs/gigas.md):
    // resizing a disk attached to a running VM, refused unless the request allows the reboot with `force_reboot`.
    const running = vms.find((vm) => vm.id === disk.virtual_machine_id && vm.status === "online");
    if ("disk_size" in queued && running && changes.force_reboot !== true) {
      throw invalidField("force_reboot", `must be true to resize a disk of running virtual machine ${running.id}: the resize reboots it`);
    }
    for (const vm of vms) vm.locked = true;
    disk.locked = true;
    const reboots = "disk_size" in queued && running ? [running.id] : [];
    return this.queue(accountId, "disk.edit", disk.id, involved[0] ?? null, { ...queued, vms: involved, rebooted: reboots });
  }

  deleteDisk(accountId: number, diskId: string): string {
    const disk = this.disk(accountId, diskId);
    if (disk.primary) throw new GigasApiError(400, "The primary disk is deleted with its virtual machine", { disk_id: ["is the primary disk"] });
    if (disk.locked) throw new GigasApiError(409, `Disk ${diskId} is locked by another operation`);
    if (disk.virtual_machine_id) {
      const vm = this.vm(accountId, disk.virtual_machine_id);
      if (vm.locked) throw locked(vm.id);
      vm.locked = true;
    }
    disk.locked = true;
    return this.queue(accountId, "disk.delete", disk.id, disk.virtual_machine_id, {});
  }

  // ---- firewall ---------------------------------------------------------------

  createRule(accountId: number, interfaceId: string, input: RuleFields & { order: number }): FirewallRuleRecord {
    this.networkInterface(accountId, interfaceId);
    if (!Number.isInteger(input.order) || input.order < 0) throw invalidField("order", "must be a non-negative integer");
    const rule: FirewallRuleRecord = {
      id: this.newId(accountId),
      account_id: accountId,
      network_interface_id: interfaceId,
      ...validateRule(input),
      order: input.order,
      status: "pending",
    };
    this.data.rules.push(rule);
    return rule;
  }

  /** §8 "Edit rule": network_interface_id, command, protocol, address, port (no `order`). */
  editRule(accountId: number, ruleId: string, input: Partial<RuleFields> & { network_interface_id?: string }): FirewallRuleRecord {
    const rule = this.rule(accountId, ruleId);
    const merged = validateRule({ ...rule, ...definedFields(input) } as RuleFields);
    if (input.network_interface_id !== undefined) rule.network_interface_id = this.networkInterface(accountId, String(input.network_interface_id)).id;
    Object.assign(rule, merged, { status: "pending" });
    return rule;
  }

  deleteRule(accountId: number, ruleId: string): void {
    const rule = this.rule(accountId, ruleId);
    this.data.rules = this.data.rules.filter((r) => r !== rule);
  }

  applyRules(accountId: number, interfaceId: string): string {
    const networkInterface = this.networkInterface(accountId, interfaceId);
    const vm = this.vm(accountId, networkInterface.virtual_machine_id);
    if (vm.locked) throw locked(vm.id);
    vm.locked = true;
    return this.queue(accountId, "firewall.apply", interfaceId, vm.id, {});
  }

  // ---- transactions -------------------------------------------------------------

  /** The next transaction (of `kind`, if given) ends in failure with these words. */
  failNextTransaction(plan: FailurePlan): void {
    this.data.failurePlans.push(plan);
  }

  /** Applies every transaction whose time has come, in queue order. */
  settle(): void {
    const now = this.clock.now();
    for (const transaction of this.data.transactions) {
      if (transaction.status !== "pending" || transaction.due_at > now) continue;
      const failure = transaction.failure;
      transaction.status = failure ? failure.status : "Completed";
      transaction.updated_at = this.timestamp(transaction.due_at).replace("T", " ");
      this.complete(transaction, failure === null);
    }
  }

  private queue(accountId: number, kind: TransactionKind, target: string, vmId: string | null, payload: Record<string, unknown>, durationMs?: number): string {
    const planIndex = this.data.failurePlans.findIndex((plan) => plan.kind === undefined || plan.kind === kind);
    const plan = planIndex >= 0 ? this.data.failurePlans.splice(planIndex, 1)[0] : undefined;
    const transaction: TransactionRecord = {
      token: randomUUID(),
      account_id: accountId,
      kind,
      target,
      vm_id: vmId,
      due_at: this.clock.now() + (durationMs ?? TRANSACTION_DURATIONS[kind]),
      status: "pending",
      updated_at: null,
      payload,
      failure: plan ? { status: plan.status ?? "Failed" } : null,
    };
    this.data.transactions.push(transaction);
    return transaction.token;
  }

  private complete(transaction: TransactionRecord, succeeded: boolean): void {
    const vm = this.data.vms.find((v) => v.id === transaction.vm_id);
    const unlockVm = () => {
      if (vm) vm.locked = false;
    };
    switch (transaction.kind) {
      case "vm.build": {
        if (!vm) return;
        vm.locked = false;
        const disks = this.data.disks.filter((d) => d.virtual_machine_id === vm.id);
        for (const disk of disks) disk.locked = false;
        if (succeeded) {
          const template = this.data.templates.find((t) => t.id === vm.template_id);
          vm.status = "online";
          vm.error = 0;
          vm.operating_system = template?.operating_system ?? null;
          vm.operating_system_distro = template?.operating_system_distro ?? null;
          for (const disk of disks) disk.status = "active";
        } else {
          vm.status = "unbuilt";
          vm.error = 1;
          for (const disk of disks) disk.status = "unbuilt";
        }
        return;
      }
      case "vm.edit":
        if (vm && succeeded) Object.assign(vm, transaction.payload, { updated_at: this.timestamp() });
        unlockVm();
        return;
      case "vm.operation":
        unlockVm();
        return;
      case "vm.delete":
        if (vm && succeeded) this.removeVirtualMachine(vm.id);
        else unlockVm();
        return;
      case "disk.create": {
        const disk = this.data.disks.find((d) => d.id === transaction.target);
        unlockVm();
        if (!disk) return;
        disk.locked = false;
        if (succeeded) disk.status = "active";
        else this.data.disks = this.data.disks.filter((d) => d !== disk);
        return;
      }
      case "disk.edit": {
        const disk = this.data.disks.find((d) => d.id === transaction.target);
        for (const id of (transaction.payload.vms as string[]) ?? []) {
          const held = this.data.vms.find((v) => v.id === id);
          if (held) held.locked = false;
        }
        if (!disk) return;
        disk.locked = false;
        if (succeeded) {
          if (transaction.payload.disk_size !== undefined) disk.disk_size = transaction.payload.disk_size as number;
          if (transaction.payload.virtual_machine_id !== undefined) disk.virtual_machine_id = transaction.payload.virtual_machine_id as string | null;
          disk.updated_at = this.timestamp();
        }
        return;
      }
      case "disk.delete": {
        unlockVm();
        if (succeeded) this.data.disks = this.data.disks.filter((d) => d.id !== transaction.target);
        else {
          const disk = this.data.disks.find((d) => d.id === transaction.target);
          if (disk) disk.locked = false;
        }
        return;
      }
      case "firewall.apply":
        if (succeeded) for (const rule of this.data.rules) if (rule.network_interface_id === transaction.target) rule.status = "active";
        unlockVm();
        return;
    }
  }

  /** Removes a VM with everything that hangs off it (out-of-band deletes use this too). */
  removeVirtualMachine(vmId: string): void {
    const interfaces = new Set(this.data.interfaces.filter((i) => i.virtual_machine_id === vmId).map((i) => i.id));
    this.data.vms = this.data.vms.filter((v) => v.id !== vmId);
    this.data.disks = this.data.disks.filter((d) => d.virtual_machine_id !== vmId || !(d.primary || d.is_swap));
    for (const disk of this.data.disks) if (disk.virtual_machine_id === vmId) disk.virtual_machine_id = null;
    this.data.interfaces = this.data.interfaces.filter((i) => !interfaces.has(i.id));
    this.data.ips = this.data.ips.filter((ip) => ip.virtual_machine_id !== vmId);
    this.data.rules = this.data.rules.filter((r) => !interfaces.has(r.network_interface_id));
  }

  // ---- plumbing -----------------------------------------------------------------

  private addDisk(accountId: number, vmId: string | null, size: number, fields: Partial<DiskRecord>): DiskRecord {
    const now = this.timestamp();
    const disk: DiskRecord = {
      id: this.newId(accountId),
      account_id: accountId,
      virtual_machine_id: vmId,
      disk_size: size,
      status: "active",
      locked: false,
      error: 0,
      is_swap: false,
      primary: false,
      autobackup: 0,
      mount_point: "",
      add_to_linux_fstab: false,
      data_store_id: `${accountId}88`,
      created_at: now,
      updated_at: now,
      ...fields,
    };
    this.data.disks.push(disk);
    return disk;
  }

  private newId(accountId: number): string {
    return `${accountId}${this.data.nextId++}`;
  }

  private timestamp(ms: number = this.clock.now()): string {
    return new Date(ms).toISOString().slice(0, 19);
  }
}

export interface RuleFields {
  command: string;
  protocol: string;
  address: string;
  port: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** §8 "Edit rule": ACCEPT | DROP, TCP | UDP, an IP, IP/mask or range ("" = any), ports with "," lists and ":" ranges. */
function validateRule(input: RuleFields): RuleFields {
  const command = String(input.command ?? "");
  if (command !== "ACCEPT" && command !== "DROP") throw invalidField("command", "must be ACCEPT or DROP");
  const protocol = String(input.protocol ?? "");
  if (protocol !== "TCP" && protocol !== "UDP") throw invalidField("protocol", "must be TCP or UDP");
  const address = String(input.address ?? "").trim();
  const addressOk =
    address === "" ||
    IPV4.test(address) ||
    (/^[^/]+\/\d{1,2}$/.test(address) && IPV4.test(address.split("/")[0]) && Number(address.split("/")[1]) <= 32) ||
    (/^[^-]+-[^-]+$/.test(address) && address.split("-").every((part) => IPV4.test(part)));
  if (!addressOk) throw invalidField("address", `"${address}" is not an IP, IP/mask or IP range`);
  const port = String(input.port ?? "").trim();
  const portOk =
    port === "" ||
    port.split(",").every((part) => {
      const bounds = part.split(":").map(Number);
      return bounds.length <= 2 && bounds.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535);
    });
  if (!portOk) throw invalidField("port", `"${port}" is not a port, list or range`);
  return { command, protocol, address, port };
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
