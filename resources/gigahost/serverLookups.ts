import * as pulumi from "@pulumi/pulumi";
import { registerSecret } from "../../provider/redact";
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

export interface Iso {
  /** The `mountedIsoId` a `Server` takes. */
  isoId: string;
  name: string | null;
  url: string | null;
  /** e.g. "uploading"; the vendor documents no other value. */
  state: string | null;
  sizeBytes: number | null;
  /** Whether this ISO is mounted on the server asked about. */
  mounted: boolean;
}

/** The ISOs uploaded to the account, and which one is mounted on `serverId` (`GET /servers/{id}/isos`). */
export async function listIsos(brand: Brand, args: { serverId: string | number }): Promise<Iso[]> {
  const serverId = requireServerId("getIsos", args.serverId);
  return (await client(brand).servers.isos(serverId)).map((iso) => ({
    isoId: iso.iso_id,
    name: iso.iso_name,
    url: iso.iso_url,
    state: iso.iso_state,
    sizeBytes: iso.iso_size,
    mounted: iso.iso_mounted ?? false,
  }));
}

export interface TrafficGraphs {
  /** Which counter: `"bits"` (bandwidth, `port_bits`) or `"packets"` (`port_upkts`). */
  counter: "bits" | "packets";
  /** Base64 image data per period, null where the vendor sends none. */
  day: string | null;
  week: string | null;
  month: string | null;
  year: string | null;
}

/** A server's traffic graphs (`GET /servers/{id}/port_bits` or `/port_upkts`): base64 images of the last day, week, month and year. */
export async function readTrafficGraphs(brand: Brand, args: { serverId: string | number; counter?: "bits" | "packets" }): Promise<TrafficGraphs> {
  const serverId = requireServerId("getTrafficGraphs", args.serverId);
  const counter = args.counter ?? "bits";
  if (counter !== "bits" && counter !== "packets") throw new Error(`getTrafficGraphs: counter must be "bits" or "packets"; got ${JSON.stringify(args.counter)}`);
  const graphs = await client(brand).servers.trafficGraphs(serverId, counter === "bits" ? "port_bits" : "port_upkts");
  return { counter, day: graphs.graph_day, week: graphs.graph_week, month: graphs.graph_month, year: graphs.graph_year };
}

export interface IpmiSession {
  /** The KVM/IPMI address to connect to; unknown during a preview. */
  address: pulumi.Output<string>;
  /** Unknown during a preview. */
  username: pulumi.Output<string>;
  /** A secret Output: it never appears in plain text in the stack's outputs. Unknown during a preview. */
  password: pulumi.Output<string>;
}

/**
 * Opens a KVM/IPMI console session on the server (`POST /servers/{id}/ipmi`;
 * valid 3 hours). Every call opens a new session with new credentials: call it
 * only where a console is wanted (e.g. behind a config flag), not on every
 * `pulumi up`. The password is returned as a secret Output.
 *
 * A preview opens none: a new session replaces the credentials of the last
 * one, so a `pulumi preview` would cut off whoever uses the console. The
 * three fields are then unknown Outputs, as a resource's outputs are before
 * it exists; `pulumi up` opens the session and fills them.
 */
export async function openIpmiSession(brand: Brand, args: { serverId: string | number }): Promise<IpmiSession> {
  const serverId = requireServerId("openIpmiSession", args.serverId);
  if (pulumi.runtime.isDryRun()) {
    // Pulumi's own "not known yet" value (what a preview gives for a resource's outputs); its type says nothing of T.
    const notYetKnown = () => pulumi.output(pulumi.unknown as unknown as string);
    return { address: notYetKnown(), username: notYetKnown(), password: pulumi.secret(notYetKnown()) };
  }
  const session = await client(brand).servers.openIpmiSession(serverId);
  registerSecret(session.password);
  return { address: pulumi.output(session.kvm_ip_address), username: pulumi.output(session.username), password: pulumi.secret(session.password) };
}
