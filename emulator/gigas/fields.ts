// What each Gigas write request may carry.
/**
 * The request fields each write takes. A strict API refuses any other field
 * (400, naming it), so a client sending something undocumented fails here.
 * Documented: the quickstart's token and VM create bodies, the firewall
 * page's rule edit and the disk page's disk edit (docs/vendor-documents.md,
 * "Gigas: quickstart", "Gigas: firewall rules", "Gigas: disks"). The rest are the guesses listed in docs/gigas.md.
 */
export const FIELDS = {
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
  /** Guess: disk create is not visible; the disk edit parameters that make sense for a new disk. */
  createDisk: ["virtual_machine_id", "disk_size", "autobackup", "mount_point", "add_to_linux_fstab"],
  editDisk: ["disk_size", "virtual_machine_id", "autobackup", "mount_point", "add_to_linux_fstab", "force_reboot"],
  /** The disk page's Build and the backup page's Restore show no body. */
  buildDisk: [],
  restoreBackup: [],
  /** The backup page: "Template from backup requires `label`". */
  templateFromBackup: ["label"],
  /** The template page: Clone requires `user_id`, `location_id`; Edit takes `label`, `clone_id`. */
  cloneTemplate: ["user_id", "location_id"],
  editTemplate: ["label", "clone_id"],
  /** Guess: rule create is not visible; the firewall page's rule fields, `order` included (set at create only). */
  createFirewallRule: ["command", "protocol", "address", "port", "order"],
  editFirewallRule: ["network_interface_id", "command", "protocol", "address", "port"],
  /** Guess: interface create is not documented; the interface fields a new one needs. */
  createNetworkInterface: ["virtual_machine_id", "network_id", "label", "default_firewall_policy"],
  /** The network interfaces page's Edit lists `label` and `network_id` before its cut-off. */
  editNetworkInterface: ["label", "network_id"],
  /** Guess: "Set default policy" (the firewall page) takes the interface field. */
  setDefaultFirewallPolicy: ["default_firewall_policy"],
  /** The networks page's "Add IP to a network", plus `network_interface_id` (a guess). */
  addIpAddress: ["address", "disallowed_primary", "netmask", "broadcast", "network_address", "gateway", "network_interface_id"],
} as const;

/** Only "intel" appears in the documents (docs/vendor-documents.md, "Gigas: quickstart"). */
export const CPU_TYPES = ["intel"];
export const FIREWALL_POLICIES = ["ACCEPT", "DROP"];
