/** Gigas (gigas.com cloud): `import * as gigas from "pulumi-euro-hosting/gigas"`. */
export { VirtualMachine, VirtualMachineState } from "./virtualMachine";
export { VirtualMachineArgs, CPU_TYPES, FIREWALL_POLICIES } from "./virtualMachineArgs";
export { FirewallRule, FirewallRuleArgs, FirewallRuleState, FIREWALL_COMMANDS, FIREWALL_PROTOCOLS } from "./firewallRule";
export { Disk, DiskArgs, DiskState } from "./disk";
export { NetworkInterface, NetworkInterfaceArgs, NetworkInterfaceState } from "./networkInterface";
export { IpAddress, IpAddressArgs, IpAddressState } from "./ipAddress";
export { BackupRestore, BackupRestoreArgs, BackupRestoreState } from "./backupRestore";
export { Template, TemplateArgs, TemplateState } from "./template";
export {
  getAccounts,
  getLocations,
  getTemplates,
  getVirtualMachines,
  getNetworks,
  getNetwork,
  getNetworkIpAddresses,
  getIpAddresses,
  getBackups,
  getBackup,
  deleteBackup,
  GigasBackup,
  GigasAccount,
  GigasLocation,
  GigasTemplate,
  GigasVirtualMachineSummary,
  GigasNetwork,
  GigasNetworkIpAddress,
} from "./lookups";
