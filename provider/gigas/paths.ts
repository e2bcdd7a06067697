import { urlPath } from "../urlPath";

/**
 * Every path of the API in one place. Only the quickstart's calls are
 * documented in full (docs/gigas.md, "What Gigas's documents say"); the rest follow the API's
 * evident pattern and are listed as guesses in docs/gigas.md, so they are
 * easy to correct here.
 */
export const PATHS = {
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
  /** The network interfaces page's Edit (PUT) and Delete; GET of one interface is a guess. */
  networkInterface: (a: string, id: string) => urlPath`/account/${a}/network_interface/${id}`,
  /** Guess: interface create is not documented; like the disk create guess, one account-level POST naming the VM. */
  createNetworkInterface: (a: string) => urlPath`/account/${a}/network_interface`,
  /** Guess: the firewall page names "Set default policy", its path cut off. */
  defaultFirewallPolicy: (a: string, iface: string) => urlPath`/account/${a}/network_interface/${iface}/default_firewall_policy`,
  /** The networks page's "Get network". */
  network: (a: string, id: string) => urlPath`/account/${a}/network/${id}`,
  /** The networks page's "Add IP to a network" (201). */
  addNetworkIpAddress: (a: string, network: string) => urlPath`/account/${a}/network/${network}/ip_address`,
  /** The network interfaces page: unassigns an IP from an interface (the interface goes too if it was its only IP). */
  interfaceIpAddress: (a: string, iface: string, ip: string) => urlPath`/account/${a}/network_interface/${iface}/ip_address/${ip}`,
  /** The network interfaces page: "finds an IP address record and its id" by `ip`, the only documented filter. */
  ipAddresses: (a: string) => urlPath`/account/${a}/ip_addresses`,
  /** The networks page's "IPs on a network". */
  networkIpAddresses: (a: string, network: string) => urlPath`/account/${a}/network/${network}/ip_addresses`,
  disks: (a: string) => urlPath`/account/${a}/disks`,
  createDisk: (a: string) => urlPath`/account/${a}/disk`,
  disk: (a: string, id: string) => urlPath`/account/${a}/disk/${id}`,
  interfaceFirewallRules: (a: string, iface: string) => urlPath`/account/${a}/network_interface/${iface}/firewall_rules`,
  createFirewallRule: (a: string, iface: string) => urlPath`/account/${a}/network_interface/${iface}/firewall_rule`,
  applyFirewallRules: (a: string, iface: string) => urlPath`/account/${a}/network_interface/${iface}/firewall_rules/apply`,
  firewallRule: (a: string, id: string) => urlPath`/account/${a}/firewall_rule/${id}`,
  /** The template page's Clone. */
  cloneTemplate: (a: string, id: string) => urlPath`/account/${a}/template/${id}/clone`,
  /** The disk page's "Build (format)". */
  buildDisk: (a: string, id: string) => urlPath`/account/${a}/disk/${id}/build`,
  /** The backup page (complete): list, get/delete, restore, template from backup. */
  backups: (a: string) => urlPath`/account/${a}/backups`,
  backup: (a: string, id: string) => urlPath`/account/${a}/backup/${id}`,
  restoreBackup: (a: string, id: string) => urlPath`/account/${a}/backup/${id}/restore`,
  backupTemplate: (a: string, id: string) => urlPath`/account/${a}/backup/${id}/template`,
  transactionStatus: (a: string, token: string) => urlPath`/account/${a}/transaction/${token}/status`,
};
