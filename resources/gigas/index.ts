/** Gigas (gigas.com cloud): `import * as gigas from "pulumi-euro-hosting/gigas"`. */
export { VirtualMachine, VirtualMachineState } from "./virtualMachine";
export { VirtualMachineArgs, CPU_TYPES, FIREWALL_POLICIES } from "./virtualMachineArgs";
export { FirewallRule, FirewallRuleArgs, FirewallRuleState, FIREWALL_COMMANDS, FIREWALL_PROTOCOLS } from "./firewallRule";
export { Disk, DiskArgs, DiskState } from "./disk";
export { NetworkInterface, NetworkInterfaceArgs, NetworkInterfaceState } from "./networkInterface";
export { IpAddress, IpAddressArgs, IpAddressState } from "./ipAddress";
export {
  getAccounts,
  getLocations,
  getTemplates,
  getVirtualMachines,
  getNetworks,
  getNetwork,
  getNetworkIpAddresses,
  getIpAddresses,
  GigasAccount,
  GigasLocation,
  GigasTemplate,
  GigasVirtualMachineSummary,
  GigasNetwork,
  GigasNetworkIpAddress,
} from "./lookups";
