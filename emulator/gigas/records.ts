// The Gigas cloud's records as the fake stores them (the quickstart's samples
// and the pages docs/vendor-documents.md lists under "Gigas"), and the
// transaction queue's entries. Snapshots hold these shapes as they are: change
// them only with a conversion in GigasEmulator.restore.
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
  /** The template page: the backup it was made from (null for the catalogue's). */
  backup_id?: string | null;
  /** The template page: a UUIDv4 shared by one set of clones (null until cloned: a guess). */
  clone_id?: string | null;
  template_size?: number;
  operating_system_edition?: string | null;
}

/** The backup page (complete): every field it lists. */
export interface BackupRecord {
  id: string;
  account_id: number;
  disk_id: string;
  date_created: string;
  /** "active"; while a queued operation runs, what it does ("restoring", "templating", "deleting": guesses). */
  status: string;
  operating_system: string | null;
  operating_system_distro: string | null;
  template_id: string | null;
  backup_size: number;
  locked: boolean;
  backup_type: "gigas" | "gigas-automatic";
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
  /** Anti-affinity with another VM (docs/vendor-documents.md, "Gigas: virtual machines"); no documented request sets it. */
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
  /** null for an address added to a network without an interface. */
  network_interface_id: string | null;
  virtual_machine_id: string | null;
  /** "Add IP to a network"'s optional fields; absent from snapshots older than them. */
  netmask?: string | null;
  broadcast?: string | null;
  network_address?: string | null;
  gateway?: string | null;
  disallowed_primary?: boolean;
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
  | "disk.build"
  | "backup.restore"
  | "backup.delete"
  | "template.create"
  | "template.delete"
  | "firewall.apply"
  | "interface.create"
  | "interface.edit"
  | "interface.delete";

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
  /** Absent from snapshots saved before backups were emulated: restore adds it. */
  backups: BackupRecord[];
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
  "disk.build": 20_000,
  "backup.restore": 60_000,
  "backup.delete": 15_000,
  "template.create": 60_000,
  "template.delete": 15_000,
  "firewall.apply": 10_000,
  "interface.create": 15_000,
  "interface.edit": 15_000,
  "interface.delete": 10_000,
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
    backups: [],
    transactions: [],
    failurePlans: [],
    nextId: 100_000,
    nextIp: 10,
  };
}
