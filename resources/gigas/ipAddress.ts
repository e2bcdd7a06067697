import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { NotFoundError } from "../../provider/errors";
import { GigasClient, IpAddressWire, gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { IpAddressBody } from "../../provider/gigas/wire";
import { claimObject } from "../../provider/identity";
import { KeyedMutex } from "../../provider/limit";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { vendorId } from "../vendorId";
import { claimOwner, findCreated, gigasObjectKey, heldByAnother } from "./operation";
import { ipAddressImportId } from "./importIds";

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

const ipv4 = (example: string) =>
  z
    .string({ error: `must be an IPv4 address such as ${example}` })
    .trim()
    .regex(IPV4, `must be an IPv4 address such as ${example}`);

export const ipAddressArgs = z
  .object({
    networkId: vendorId("a Gigas network id, e.g. a NetworkInterface's networkId"),
    networkInterfaceId: vendorId("a Gigas network interface id, e.g. a NetworkInterface's networkInterfaceId"),
    address: ipv4("10.0.0.10"),
    netmask: ipv4("255.255.255.0").optional(),
    gateway: ipv4("10.0.0.1").optional(),
    broadcast: ipv4("10.0.0.255").optional(),
    networkAddress: ipv4("10.0.0.0").optional(),
    disallowedPrimary: z.boolean({ error: "must be true or false" }).default(false),
    timeouts: timeoutsInput,
  })
  .strict();

/** The arguments of an `IpAddress`; see docs/gigas.md. */
export interface IpAddressArgs {
  /**
   * The network the address is added to (the networks page's "Add IP to a network"), e.g. a
   * `NetworkInterface`'s `networkId`; the interface must be on it. Changing it replaces the address.
   */
  networkId: pulumi.Input<string | number>;
  /**
   * The interface the address is assigned to, e.g. a `NetworkInterface`'s
   * `networkInterfaceId` or a `VirtualMachine`'s `primaryNetworkInterfaceId`. Changing it
   * replaces the address.
   */
  networkInterfaceId: pulumi.Input<string | number>;
  /** The IPv4 address, e.g. `"10.0.0.10"`; once per network. Changing it replaces the address. */
  address: pulumi.Input<string>;
  /** The netmask, e.g. `"255.255.255.0"`. Set at create only (Gigas documents no edit of an IP); never causes a diff. */
  netmask?: pulumi.Input<string>;
  /** The gateway, e.g. `"10.0.0.1"`. Set at create only; never causes a diff. */
  gateway?: pulumi.Input<string>;
  /** The broadcast address, e.g. `"10.0.0.255"`. Set at create only; never causes a diff. */
  broadcast?: pulumi.Input<string>;
  /** The network address, e.g. `"10.0.0.0"`. Set at create only; never causes a diff. */
  networkAddress?: pulumi.Input<string>;
  /**
   * `true`: Gigas never uses this address as a primary IP when it builds a VM (default
   * false). Set at create only; never causes a diff.
   */
  disallowedPrimary?: pulumi.Input<boolean>;
  /** Deadlines for create and delete (default 10m each). Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<IpAddressArgs, typeof ipAddressArgs>>;
type IpAddressInputs = z.output<typeof ipAddressArgs>;

export const ipAddressState = stateSchema({
  /** The IP's Gigas id. */
  ipAddressId: z.string(),
  /** The address as Gigas shows it. */
  address: z.string(),
  /** The network the address is on. */
  networkId: z.string(),
  /** The interface the address is assigned to; null once it is unassigned outside Pulumi. */
  networkInterfaceId: z.string().nullable(),
  /** The netmask; null if Gigas reports none. */
  netmask: z.string().nullable(),
  /** The gateway; null if Gigas reports none. */
  gateway: z.string().nullable(),
  /** The broadcast address; null if Gigas reports none. */
  broadcast: z.string().nullable(),
  /** The network address; null if Gigas reports none. */
  networkAddress: z.string().nullable(),
  /** Whether Gigas keeps the address from being a VM's primary IP. */
  disallowedPrimary: z.boolean(),
});
export type IpAddressState = z.infer<typeof ipAddressState>;

export function ipAddressFromWire(wire: IpAddressWire, networkId: string): IpAddressState {
  return {
    ipAddressId: wire.id,
    address: wire.address,
    networkId: wire.network_id ?? networkId,
    networkInterfaceId: wire.network_interface_id ?? null,
    netmask: wire.netmask || null,
    gateway: wire.gateway || null,
    broadcast: wire.broadcast || null,
    networkAddress: wire.network_address || null,
    disallowedPrimary: wire.disallowed_primary ?? false,
  };
}

/** The networks page's Add-IP fields, plus `network_interface_id` (a guess, docs/gigas.md). */
export function ipAddressToWire(inputs: IpAddressInputs): IpAddressBody {
  return {
    address: inputs.address,
    network_interface_id: inputs.networkInterfaceId,
    disallowed_primary: inputs.disallowedPrimary,
    ...(inputs.netmask !== undefined ? { netmask: inputs.netmask } : {}),
    ...(inputs.broadcast !== undefined ? { broadcast: inputs.broadcast } : {}),
    ...(inputs.networkAddress !== undefined ? { network_address: inputs.networkAddress } : {}),
    ...(inputs.gateway !== undefined ? { gateway: inputs.gateway } : {}),
  };
}

const KIND = "gigas:IpAddress";

/** Creates on one network, one at a time in this process. */
const createLocks = new KeyedMutex();

/** The network's IPs; none when the network is gone. */
async function networkIps(client: GigasClient, networkId: string): Promise<IpAddressWire[] | undefined> {
  try {
    return await client.listNetworkIpAddresses(networkId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** This resource's address: this address on this interface. */
function isThisAddress(wire: IpAddressWire, inputs: IpAddressInputs): boolean {
  return wire.address === inputs.address && wire.network_interface_id === inputs.networkInterfaceId;
}

/**
 * The IP an interrupted create of this resource left, if any. An IP has
 * nothing to carry the creation tag, but an address is on a network once:
 * the IP with this address on this interface, unless another resource of
 * this command holds it, is this one.
 */
async function interruptedCreate(client: GigasClient, ips: IpAddressWire[], inputs: IpAddressInputs, owner: string, description: string): Promise<IpAddressWire | undefined> {
  const free: IpAddressWire[] = [];
  for (const ip of ips) {
    if (isThisAddress(ip, inputs) && !heldByAnother(await gigasObjectKey(client, "ip_address", ip.id), owner)) free.push(ip);
  }
  return onlyCandidate(free, (ip) => ip.id, description);
}

/** No stored page gets one IP: it is looked up among its network's ("IPs on a network"). */
async function readIp(client: GigasClient, id: string, networkId: string): Promise<IpAddressState | undefined> {
  const ip = (await networkIps(client, networkId))?.find((wire) => wire.id === id);
  return ip && ipAddressFromWire(ip, networkId);
}

export const ipAddressDefinition: ResourceDefinition<IpAddressInputs, typeof ipAddressState> = {
  kind: KIND,
  inputs: ipAddressArgs,
  state: ipAddressState,
  replaceOnChanges: ["networkId", "networkInterfaceId", "address"],
  // Gigas documents no edit of an IP: these are sent at create only.
  ignoreChanges: ["netmask", "gateway", "broadcast", "networkAddress", "disallowedPrimary", "timeouts"],
  // An address is on a network once: the old one must go before its replacement is added.
  deleteBeforeReplace: true,
  defaultTimeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  /**
   * `networkId/ipAddressId`, e.g. `22666100000/2266610460` (the network is how
   * read finds the IP). Read gives back every input.
   */
  importId: ipAddressImportId,

  async create(inputs, context) {
    const client = gigasClient(context.settings, context);
    const owner = claimOwner(context);
    const description = `${KIND}: adding ${inputs.address} to interface ${inputs.networkInterfaceId} on network ${inputs.networkId}`;
    const { object: ip } = await createLocks.run(`${client.http.baseUrl}|${inputs.networkId}`, async () => {
      const found = await createOnce<IpAddressWire>({
        attempt: () => client.addNetworkIpAddress(inputs.networkId, ipAddressToWire(inputs)),
        find: findCreated(
          async () => (await networkIps(client, inputs.networkId)) ?? [],
          (ips) => interruptedCreate(client, ips, inputs, owner, description),
          (wire) => isThisAddress(wire, inputs),
          description,
        ),
        description,
        clock: context.clock,
        logger: context.logger,
      });
      claimObject(await gigasObjectKey(client, "ip_address", found.object.id), owner, `Gigas IP address ${found.object.id} (${found.object.address})`);
      return found;
    });
    return { id: ip.id, state: ipAddressFromWire(ip, inputs.networkId) };
  },

  async read(id, state, context) {
    return readIp(gigasClient(context.settings, context), id, state.networkId);
  },

  async update(id, _olds, news, context) {
    // Only create-only inputs and timeouts change without a replacement: nothing to send.
    const live = await readIp(gigasClient(context.settings, context), id, news.networkId);
    if (!live) throw new Error(`${KIND} ${id} no longer exists; run \`pulumi refresh\``);
    return live;
  },

  async delete(id, state, context) {
    const client = gigasClient(context.settings, context);
    // An address unassigned elsewhere is gone from its interface; Gigas documents no other way to remove an IP.
    if (!state.networkInterfaceId) return;
    const answer = await client.unassignIpAddress(state.networkInterfaceId, id);
    if (answer !== "gone" && answer.token) await waitForTransaction(client, answer.token, `unassigning ${state.address ?? id}`, context);
  },
};

/**
 * An IP address added to a Gigas network and assigned to one of its
 * interfaces. Nothing changes in place (Gigas documents no edit of an IP);
 * network, interface and address replace it, the old address first.
 * Deleting it unassigns it; if it was its interface's only address, Gigas
 * removes the interface too.
 */
export class IpAddress extends resourceClass<IpAddressArgs>()(ipAddressDefinition) {}
