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
export { ServerIpv4 } from "./serverIpv4";
export type { ServerIpv4Args, ServerIpv4State } from "../gigahost/serverIpv4";
export { getServers, getServer, getOperatingSystems, getUpgradePackages, getIsos, getTrafficGraphs, openIpmiSession } from "./lookups";
export type { IpmiSession, Iso, OperatingSystem, TrafficGraphs, UpgradePackage } from "./lookups";
export { getMyAccount, getMyInvoices } from "./lookups";
export type { Invoice, MyAccount } from "./lookups";
