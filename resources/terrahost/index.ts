/**
 * Terrahost (terrahost.no): `import * as terrahost from "pulumi-euro-hosting/terrahost"`.
 * The Gigahost platform under another brand: the same resources, with
 * `terrahost:*` credentials and https://api.terrahost.no/api/v3.
 */
export { Server } from "./server";
export type { ServerArgs, ServerOsArgs, ServerState } from "../gigahost/server";
export { ServerSnapshot } from "./serverSnapshot";
export type { ServerSnapshotArgs, SnapshotState } from "../gigahost/serverSnapshot";
export { ReverseDns } from "./reverseDns";
export type { ReverseDnsArgs, ReverseDnsState } from "../gigahost/reverseDns";
export { getServers, getServer, getOperatingSystems, getUpgradePackages } from "./lookups";
export type { OperatingSystem, UpgradePackage } from "./lookups";
export { getMyAccount, getMyInvoices } from "./lookups";
export type { Invoice, MyAccount } from "./lookups";
