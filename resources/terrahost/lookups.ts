import * as gigahost from "../gigahost/lookups";

/**
 * Lookups for Pulumi programs with the stack's `terrahost:*` config (or
 * TERRAHOST_* variables): the Gigahost server lookups, bound to Terrahost.
 */

export type { OperatingSystem, UpgradePackage } from "../gigahost/lookups";

export const getServers = () => gigahost.getServers("terrahost");
export const getServer = (args: { serverId: string | number }) => gigahost.getServer(args, "terrahost");
export const getOperatingSystems = (args: { distribution?: string } = {}) => gigahost.getOperatingSystems(args, "terrahost");
export const getUpgradePackages = (args: { serverId: string | number }) => gigahost.getUpgradePackages(args, "terrahost");
