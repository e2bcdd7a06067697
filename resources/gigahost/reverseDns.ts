import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { unlessGone } from "../../provider/errors";
import { BRAND_LABELS, GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { ServerWire } from "../../provider/gigahost/wire";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { Brand } from "./brand";
import { vendorId } from "../vendorId";
import { reverseDnsImportId } from "./importIds";

export const reverseDnsArgs = z
  .object({
    serverId: vendorId("the server id", "3523"),
    ipId: vendorId("the IPv4 address id", "7795 (a Server's ipv4[].ipId)").optional(),
    subnetId: vendorId("the IPv6 subnet id", "2236 (a Server's ipv6Subnets[].subnetId)").optional(),
    hostname: z
      .string()
      .transform(normalizeHostname)
      .refine((name) => isHostname(name) && name.includes("."), "must be a fully qualified host name such as mail.example.no"),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    if ((args.ipId === undefined) === (args.subnetId === undefined)) {
      context.addIssue({
        code: "custom",
        path: [args.ipId === undefined ? "ipId" : "subnetId"],
        message: "set exactly one of `ipId` (an IPv4 PTR record) and `subnetId` (IPv6 reverse delegation)",
      });
    }
  });

/**
 * The arguments of a `ReverseDns`, at Gigahost and at Terrahost; see
 * docs/gigahost.md, "ReverseDns (Gigahost and Terrahost)". Set exactly one of
 * `ipId` (an IPv4 PTR record) and `subnetId` (IPv6 reverse delegation).
 */
export interface ReverseDnsArgs {
  /**
   * The server that holds the address, by its id (a `Server`'s `serverId`),
   * digits, e.g. `"3523"`. Changing it replaces the resource.
   */
  serverId: pulumi.Input<string | number>;
  /**
   * An IPv4 address of the server, by its address id (a `Server`'s
   * `ipv4[].ipId`), e.g. `"7795"`: its PTR record is set to `hostname`.
   * Changing it replaces the resource (the old address's name is put back first).
   */
  ipId?: pulumi.Input<string | number>;
  /**
   * An IPv6 subnet of the server, by its subnet id (a `Server`'s
   * `ipv6Subnets[].subnetId`), e.g. `"2236"`: its reverse zone is delegated to
   * the name server `hostname`. Changing it replaces the resource.
   */
  subnetId?: pulumi.Input<string | number>;
  /**
   * The PTR name (for `ipId`), or the name server the IPv6 reverse zone is
   * delegated to (for `subnetId`): a fully qualified host name, e.g.
   * `"mail.example.no"`; lower-cased, without a trailing dot. Changes in place.
   */
  hostname: pulumi.Input<string>;
  /** Deadlines for create, update and delete (default 5m each), e.g. `{ create: "10m" }`. Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<ReverseDnsArgs, typeof reverseDnsArgs>>;
type ReverseInputs = z.output<typeof reverseDnsArgs>;

export const reverseDnsState = stateSchema({
  /** The server whose address this is. */
  serverId: z.string(),
  /** The reverse host name set. */
  hostname: z.string(),
  /** The IPv4 address, or the IPv6 subnet in CIDR notation. */
  address: z.string(),
  /** What was set before this resource took over (delete puts it back); null when nothing was set. */
  previousHostname: z.string().nullable(),
  /** The IPv4 address id; undefined for an IPv6 subnet. */
  ipId: z.string().optional(),
  /** The IPv6 subnet id; undefined for an IPv4 address. */
  subnetId: z.string().optional(),
});
export type ReverseDnsState = z.infer<typeof reverseDnsState>;

/** The current reverse name of the target on the server, or undefined when the server does not have it. */
export function currentReverse(server: ServerWire, target: { ipId?: string; subnetId?: string }): { address: string; hostname: string } | undefined {
  if (target.ipId !== undefined) {
    const ip = (server.ips ?? []).find((candidate) => candidate.ip_id === target.ipId);
    return ip && { address: ip.ip_address, hostname: normalizeHostname(ip.ip_reverse ?? "") };
  }
  const subnet = (server.subnets ?? []).find((candidate) => candidate.sub_id === target.subnetId);
  return subnet && { address: subnet.sub_cidr ?? subnet.sub_network ?? "", hostname: normalizeHostname(subnet.sub_ns ?? "") };
}

export function reverseDnsDefinition(brand: Brand): ResourceDefinition<ReverseInputs, typeof reverseDnsState> {
  const kind = `${brand}:ReverseDns`;
  const clientFor = (context: OperationContext) => gigahostClient(brand, context.settings, context);
  const describeTarget = (inputs: { serverId: string; ipId?: string; subnetId?: string }) =>
    inputs.ipId !== undefined ? `IPv4 address ${inputs.ipId} of server ${inputs.serverId}` : `IPv6 subnet ${inputs.subnetId} of server ${inputs.serverId}`;

  async function write(client: GigahostClient, inputs: { serverId: string; ipId?: string; subnetId?: string }, dns: string): Promise<void> {
    await client.servers.setReverse(
      inputs.serverId,
      inputs.ipId !== undefined ? { ip_id: Number(inputs.ipId), dns } : { sub_id: Number(inputs.subnetId), dns },
    );
  }

  async function target(client: GigahostClient, inputs: ReverseInputs): Promise<{ address: string; hostname: string }> {
    const server = await client.servers.find(inputs.serverId);
    if (!server) throw new Error(`${kind}: the ${BRAND_LABELS[brand]} account has no server ${inputs.serverId}`);
    const found = currentReverse(server, inputs);
    if (!found) {
      const known =
        inputs.ipId !== undefined
          ? (server.ips ?? []).map((ip) => `${ip.ip_id} (${ip.ip_address})`)
          : (server.subnets ?? []).map((subnet) => `${subnet.sub_id} (${subnet.sub_cidr})`);
      throw new Error(`${kind}: server ${inputs.serverId} has no ${inputs.ipId !== undefined ? `IPv4 address with ipId ${inputs.ipId}` : `IPv6 subnet with subnetId ${inputs.subnetId}`}; it has: ${known.join(", ") || "none"}`);
    }
    return found;
  }

  /** Writes the name and reads it back: the PUT answers without the result. */
  async function apply(client: GigahostClient, inputs: ReverseInputs, previousHostname: string | null): Promise<ReverseDnsState> {
    await write(client, inputs, inputs.hostname);
    const after = await target(client, inputs);
    if (after.hostname !== inputs.hostname) {
      throw new Error(`${kind}: ${BRAND_LABELS[brand]} accepted ${inputs.hostname} for ${describeTarget(inputs)} but lists "${after.hostname}"`);
    }
    return { serverId: inputs.serverId, hostname: after.hostname, address: after.address, previousHostname };
  }

  return {
    kind,
    inputs: reverseDnsArgs,
    state: reverseDnsState,
    // The address exists already: this kind only sets its reverse name.
    createsObjects: false,
    replaceOnChanges: ["serverId", "ipId", "subnetId"],
    ignoreChanges: ["timeouts"],
    // Two resources for one address would fight over it.
    deleteBeforeReplace: true,
    defaultTimeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
    /**
     * `serverId/ipv4/ipId` or `serverId/ipv6/subnetId`, e.g. `3523/ipv4/7795` (the resource's id; the
     * ids of GET /servers/{id}): read gives back `hostname`. An imported resource knows no earlier
     * name (`previousHostname` null): its delete clears the name.
     */
    importId: reverseDnsImportId,

    async create(inputs, context) {
      const client = clientFor(context);
      const before = await target(client, inputs);
      const id = inputs.ipId !== undefined ? `${inputs.serverId}/ipv4/${inputs.ipId}` : `${inputs.serverId}/ipv6/${inputs.subnetId}`;
      return { id, state: await apply(client, inputs, before.hostname || null) };
    },

    async read(_id, state, context) {
      const server = await clientFor(context).servers.find(state.serverId);
      const found = server && currentReverse(server, state);
      if (!found) return undefined;
      return { serverId: state.serverId, hostname: found.hostname, address: found.address, previousHostname: state.previousHostname ?? null };
    },

    async update(_id, olds, news, context) {
      return apply(clientFor(context), news, olds.previousHostname ?? null);
    },

    async delete(_id, state, context) {
      const client = clientFor(context);
      const server = await client.servers.find(state.serverId);
      if (!server || !currentReverse(server, state)) return;
      // Put back what was there before; "" clears a delegation that did not exist. A server gone meanwhile has nothing to put back.
      await unlessGone(write(client, state, state.previousHostname ?? ""));
    },
  };
}

/**
 * The reverse DNS of one Gigahost IPv4 address (a PTR record), or the name
 * server an IPv6 subnet's reverse zone is delegated to. Delete restores the
 * value that was there before.
 */
export class ReverseDns extends resourceClass<ReverseDnsArgs>()(reverseDnsDefinition("gigahost")) {}
