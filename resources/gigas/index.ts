/** Gigas (gigas.com cloud): `import * as gigas from "pulumi-euro-hosting/gigas"`. */
export { VirtualMachine, VirtualMachineState } from "./virtualMachine";
export { VirtualMachineArgs, CPU_TYPES, FIREWALL_POLICIES } from "./virtualMachineArgs";
export { FirewallRule, FirewallRuleArgs, FirewallRuleState, FIREWALL_COMMANDS, FIREWALL_PROTOCOLS } from "./firewallRule";
export { Disk, DiskArgs, DiskState } from "./disk";
export { BackupRestore, BackupRestoreArgs, BackupRestoreState } from "./backupRestore";
export { Template, TemplateArgs, TemplateState } from "./template";
export {
  getAccounts,
  getLocations,
  getTemplates,
  getVirtualMachines,
  getNetworks,
  getBackups,
  getBackup,
  deleteBackup,
  GigasBackup,
  GigasAccount,
  GigasLocation,
  GigasTemplate,
  GigasVirtualMachineSummary,
  GigasNetwork,
} from "./lookups";
