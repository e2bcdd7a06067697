import { Brand, gigahostClient } from "../../provider/gigahost/client";
import { programConfigSource } from "../../provider/programSettings";
import { ServerFacts, serverFactsFromWire } from "./server";

/**
 * The server lookups both brands share, with the brand as a parameter. Not
 * exported from the package: each brand's lookups module binds them
 * (resources/gigahost/lookups.ts, resources/terrahost/lookups.ts), so a
 * program's `gigahost.getServers()` and `terrahost.getServers()` take no brand.
 */

const client = (brand: Brand) => gigahostClient(brand, programConfigSource);

function requireServerId(lookup: string, serverId: unknown): string {
  const id = typeof serverId === "number" ? String(serverId) : typeof serverId === "string" ? serverId.trim() : "";
  if (!/^\d+$/.test(id)) throw new Error(`${lookup}: serverId must be the server id (digits), e.g. "3523"; got ${JSON.stringify(serverId)}`);
  return id;
}

/** The account's servers, as the listing shows them (no disks or IPv6 subnets). */
export async function listServers(brand: Brand): Promise<ServerFacts[]> {
  return (await client(brand).servers.list()).map(serverFactsFromWire);
}

/**
 * One server with its disks and IPv6 subnets. The API omits live servers
 * transiently, so a server is only reported missing after it stayed absent
 * for 90 seconds (docs/gigahost.md, "Vendor quirks handled").
 */
export async function findServer(brand: Brand, args: { serverId: string | number }): Promise<ServerFacts> {
  const serverId = requireServerId("getServer", args.serverId);
  const server = await client(brand).servers.find(serverId);
  if (!server) throw new Error(`getServer: the ${brand === "gigahost" ? "Gigahost" : "Terrahost"} account has no server ${serverId}`);
  return serverFactsFromWire(server);
}

export interface OperatingSystem {
  /** The `osId` Server's and DeployedServer's `os` blocks take. */
  osId: string;
  name: string;
  /** e.g. "24.04". */
  version: string | null;
  architecture: string | null;
  distributionId: string;
  distribution: string;
  dedicatedOnly: boolean;
  minRamMb: number | null;
}

/**
 * Installable operating systems: every distribution's, or only those of
 * `distribution` (its name or value, case-insensitive: "Ubuntu", "debian").
 */
export async function listOperatingSystems(brand: Brand, args: { distribution?: string }): Promise<OperatingSystem[]> {
  const servers = client(brand).servers;
  const distributions = (await servers.distributions()).filter((dist) => dist.dist_active !== false);
  let chosen = distributions;
  if (args.distribution !== undefined) {
    const wanted = args.distribution.trim().toLowerCase();
    chosen = distributions.filter((dist) => dist.dist_name.toLowerCase() === wanted || dist.dist_value?.toLowerCase() === wanted);
    if (chosen.length === 0) {
      throw new Error(
        `getOperatingSystems: no distribution "${args.distribution}"; available: ${distributions.map((dist) => dist.dist_name).join(", ")}`,
      );
    }
  }
  const lists = await Promise.all(
    chosen.map(async (dist) =>
      (await servers.operatingSystems(dist.dist_id)).map((os) => ({
        osId: os.os_id,
        name: os.os_name,
        version: os.os_dist,
        architecture: os.os_arch,
        distributionId: dist.dist_id,
        distribution: dist.dist_name,
        dedicatedOnly: os.os_dedicated_only ?? false,
        minRamMb: os.os_minram,
      })),
    ),
  );
  return lists.flat();
}

export interface UpgradePackage {
  packageId: string;
  productId: string | null;
  name: string | null;
  productName: string | null;
  cores: number | null;
  ramMb: number | null;
  diskGb: number | null;
  price: string | null;
}

/** The packages a server can be upgraded to (empty for dedicated servers). */
export async function listUpgradePackages(brand: Brand, args: { serverId: string | number }): Promise<UpgradePackage[]> {
  const serverId = requireServerId("getUpgradePackages", args.serverId);
  return (await client(brand).servers.upgradePackages(serverId)).map((pkg) => ({
    packageId: pkg.pkg_id,
    productId: pkg.product_id ?? null,
    name: pkg.pkg_name,
    productName: pkg.product_name,
    cores: pkg.pkg_cores,
    ramMb: pkg.pkg_ram,
    diskGb: pkg.pkg_disk,
    price: pkg.product_price ?? null,
  }));
}
