// Every Gigas kind, as a user declares a shop's back-end VM: its firewall, a data disk, an
// interface and address on the private network, a restore of a backup and a template made from
// another. The network, the backups and their disk are what `seedDemoData` seeds at Gigas (no
// documented call makes a backup); the template and location are the account's catalogue.
import { GIGAS_DEMO_IDS } from "../../../emulator/all";
import type { PluginProgram } from "./types";

/** `seedDemoData`'s private network in Spain, and the two backups of its detached data disk. */
const [OLDER_BACKUP, NEWER_BACKUP] = GIGAS_DEMO_IDS.backupIds;

/** Ubuntu 24.04 and Spain, from the account's catalogue (getTemplates, getLocations). */
const UBUNTU = "2266610120";
const SPAIN = "226661012";

export const program: PluginProgram = {
  vendor: "gigas",
  resources: [
    {
      name: "backend",
      kind: "gigas:VirtualMachine",
      properties: {
        label: "shop backend",
        hostname: "shop-backend",
        templateId: UBUNTU,
        locationId: SPAIN,
        memory: 2048,
        cpus: 2,
        primaryDiskSize: 20,
        swapDiskSize: 2,
        defaultFirewallPolicy: "DROP",
        initialRootPassword: "Backend-Root-Password-2026",
        note: "managed by Pulumi",
      },
      // initialRootPassword is create-only (it never causes a diff), so it is not writeOnly.
      importId: (id) => id,
    },
    {
      name: "sshFromOffice",
      kind: "gigas:FirewallRule",
      properties: { networkInterfaceId: "${backend.primaryNetworkInterfaceId}", command: "ACCEPT", protocol: "TCP", address: "198.51.100.0/24", port: 22, order: 1 },
      importId: (id) => id,
    },
    {
      name: "https",
      kind: "gigas:FirewallRule",
      properties: { networkInterfaceId: "${backend.primaryNetworkInterfaceId}", command: "ACCEPT", protocol: "TCP", port: "80,443", order: 2 },
      importId: (id) => id,
    },
    {
      name: "dataDisk",
      kind: "gigas:Disk",
      properties: { virtualMachineId: "${backend.virtualMachineId}", size: 50, autobackup: true, mountPoint: "/srv/data", addToLinuxFstab: true },
      importId: (id) => id,
    },
    {
      name: "backendNic",
      kind: "gigas:NetworkInterface",
      properties: { virtualMachineId: "${backend.virtualMachineId}", networkId: GIGAS_DEMO_IDS.networkId, label: "backend", defaultFirewallPolicy: "ACCEPT" },
      importId: (id) => id,
    },
    {
      name: "backendIp",
      kind: "gigas:IpAddress",
      properties: {
        networkId: "${backendNic.networkId}",
        networkInterfaceId: "${backendNic.networkInterfaceId}",
        address: "10.20.0.10",
        netmask: "255.255.255.0",
        gateway: "10.20.0.1",
      },
      importId: (id, outputs) => `${outputs.networkId}/${id}`,
    },
    { name: "restoreData", kind: "gigas:BackupRestore", properties: { backupId: OLDER_BACKUP } },
    {
      name: "dataImage",
      kind: "gigas:Template",
      properties: { label: "shop data 2026-01-05", backupId: NEWER_BACKUP },
      importId: (id) => id,
    },
  ],
};
