import type { ResourceDefinition } from "../../provider/dynamic";
export { SETTINGS_KEYS as settingsKeys } from "../../provider/gigas/client";

/**
 * Gigas resource kinds, for the provider dispatcher. Each loads lazily.
 * Kinds are never renamed or removed: state written by older versions names them.
 */
export const definitions: Record<string, () => ResourceDefinition<any, any>> = {
  "gigas:VirtualMachine": () => require("./virtualMachine").virtualMachineDefinition,
  "gigas:FirewallRule": () => require("./firewallRule").firewallRuleDefinition,
  "gigas:Disk": () => require("./disk").diskDefinition,
  "gigas:NetworkInterface": () => require("./networkInterface").networkInterfaceDefinition,
  "gigas:IpAddress": () => require("./ipAddress").ipAddressDefinition,
  "gigas:BackupRestore": () => require("./backupRestore").backupRestoreDefinition,
  "gigas:Template": () => require("./template").templateDefinition,
};
