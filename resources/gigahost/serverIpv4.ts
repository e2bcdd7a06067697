import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { CheckFailure } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { BRAND_LABELS, GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { ServerIpWire, ServerWire } from "../../provider/gigahost/wire";
import { CREATION_TAG_PATTERN, claimObject, isObjectInState } from "../../provider/identity";
import { AmbiguousObjectError, onlyCandidate, writeReconciled } from "../../provider/reconcile";
import { waitFor } from "../../provider/poll";
import { KeyedMutex } from "../../provider/limit";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { Brand } from "./brand";
import { vendorId } from "../vendorId";
import { readsForImport, serverIpv4ImportId } from "./importIds";

export const serverIpv4Args = z
  .object({
    serverId: vendorId("the server id", "3523"),
    type: z.enum(["l2", "l3"], { error: 'must be "l2" (layer 2, not routed) or "l3" (routed)' }),
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict();

/** The arguments of a `ServerIpv4`, at Gigahost and at Terrahost; see docs/gigahost.md, "ServerIpv4 (Gigahost and Terrahost)". */
export interface ServerIpv4Args {
  /**
   * The server the address is ordered for, by its id (a `Server`'s
   * `serverId`), digits, e.g. `"3523"`. At Gigahost, changing it moves a
   * routed (`"l3"`) address to the other server in place; an `"l2"` address,
   * and any address at Terrahost (whose document has no move), cannot move:
   * the change is refused at preview.
   */
  serverId: pulumi.Input<string | number>;
  /**
   * `"l2"`: a layer 2 address, not routed; `"l3"`: a routed layer 3 address
   * (routed to the server's primary address). Changing it replaces the
   * resource: a new address is ordered, and the old one stays in the
   * account, billed (there is no release endpoint).
   */
  type: pulumi.Input<"l2" | "l3">;
  /**
   * Take over the one extra address of the server that no resource manages
   * and that still has the vendor's reverse DNS name (e.g. one an interrupted
   * `pulumi up` ordered), instead of refusing to order; default false. Never
   * causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create, update (a move is waited for) and delete, e.g. `{ create: "10m" }`. Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<ServerIpv4Args, typeof serverIpv4Args>>;
type Ipv4Inputs = z.output<typeof serverIpv4Args>;

export const serverIpv4State = stateSchema({
  /** The server the address is on now (a move elsewhere shows here). */
  serverId: z.string(),
  /** `"l2"` or `"l3"`, as ordered. */
  type: z.enum(["l2", "l3"]),
  /** The address id (the resource's id), e.g. for a `ReverseDns`'s `ipId` or a `BgpSession`. */
  ipId: z.string(),
  /** The IPv4 address, e.g. `"185.181.62.21"`. */
  address: z.string(),
  /** The address's reverse DNS name as the vendor lists it; null if none. */
  reverse: z.string().nullable(),
  /** The netmask, e.g. `"255.255.255.0"`; null if not reported. */
  netmask: z.string().nullable(),
  /** The gateway; null if not reported. */
  gateway: z.string().nullable(),
  /** For a routed address: the id of the address it is routed to (the server's primary); null when not routed. */
  routedTo: z.string().nullable(),
});
export type ServerIpv4State = z.infer<typeof serverIpv4State>;

/** The name a new address gets from the vendor ("static.185.181.62.21.customers.gigahost.no" in the documents): nobody has set one. */
const VENDOR_REVERSE = /^static\./i;
const TAGGED_REVERSE = new RegExp(`^(${CREATION_TAG_PATTERN.source})\\.`);

/**
 * Creates for one server run one at a time in a process (key: brand and server): the new address is
 * recognised as "the one more than before the order", and the untagged addresses another create has
 * just ordered would otherwise block or confuse this one. Two in one `pulumi up` would each see two
 * new addresses, claim neither and leave both billed and unowned.
 */
const ordersPerServer = new KeyedMutex();

const extraIpv4 = (server: ServerWire): ServerIpWire[] =>
  (server.ips ?? []).filter((ip) => (ip.ip_v4v6 ?? "ipv4") === "ipv4" && ip.ip_type !== "primary");

function stateFromWire(serverId: string, type: ServerIpv4State["type"], ip: ServerIpWire): ServerIpv4State {
  return {
    serverId,
    type,
    ipId: ip.ip_id,
    address: ip.ip_address,
    reverse: ip.ip_reverse,
    netmask: ip.ip_netmask,
    gateway: ip.ip_gateway,
    routedTo: ip.ip_routed_to && ip.ip_routed_to !== "0" ? ip.ip_routed_to : null,
  };
}

export function serverIpv4Definition(brand: Brand): ResourceDefinition<Ipv4Inputs, typeof serverIpv4State> {
  const kind = `${brand}:ServerIpv4`;
  const label = BRAND_LABELS[brand];
  const clientFor = (context: OperationContext) => gigahostClient(brand, context.settings, context);
  /** Only Gigahost's documentation has `PUT /servers/{id}/ipv4/{ip_id}`, for routed addresses. */
  const movable = (type: Ipv4Inputs["type"]) => brand === "gigahost" && type === "l3";

  async function serverOf(client: GigahostClient, serverId: string): Promise<ServerWire> {
    const server = await client.servers.find(serverId);
    if (!server) throw new Error(`${kind}: the ${label} account has no server ${serverId}`);
    return server;
  }

  /** The address and the server it is on now: its own server first, then every server (it may have been moved). */
  async function locate(client: GigahostClient, ipId: string, serverId: string): Promise<{ ip: ServerIpWire; serverId: string } | undefined> {
    const home = await client.servers.find(serverId);
    const onHome = home && extraIpv4(home).find((ip) => ip.ip_id === ipId);
    if (onHome) return { ip: onHome, serverId };
    for (const server of await client.servers.list()) {
      const ip = extraIpv4(server).find((candidate) => candidate.ip_id === ipId);
      if (ip) return { ip, serverId: server.srv_id };
    }
    return undefined;
  }

  /**
   * Writes the creation tag as the first label of the new address's reverse name, so a create
   * interrupted later recognises it. Best effort: without it, the next create refuses to order
   * while an unmanaged address with the vendor's name exists (see `create`).
   */
  async function tagAddress(client: GigahostClient, serverId: string, ip: ServerIpWire, tag: string | undefined, context: OperationContext): Promise<ServerIpWire> {
    if (!tag || !ip.ip_reverse || !VENDOR_REVERSE.test(ip.ip_reverse)) return ip;
    const reverse = `${tag}.${ip.ip_reverse}`;
    try {
      await client.servers.setReverse(serverId, { ip_id: Number(ip.ip_id), dns: reverse });
      return { ...ip, ip_reverse: reverse };
    } catch (error) {
      context.logger.info(`${kind}: could not write the creation tag into the reverse name of address ${ip.ip_address} (${error instanceof Error ? error.message : String(error)}); continuing`);
      return ip;
    }
  }

  /** Create under the per-server lock (`ordersPerServer`). */
  async function createOne(inputs: Ipv4Inputs, context: OperationContext): Promise<{ id: string; state: ServerIpv4State }> {
    const client = clientFor(context);
    const tag = context.creationTag;
    const description = `${kind} (${inputs.type}) on server ${inputs.serverId}`;
    const server = await serverOf(client, inputs.serverId);
    const extras = extraIpv4(server).filter((ip) => !isObjectInState(ip.ip_id));

    // An earlier create of this resource that was interrupted after tagging its address.
    const ours = onlyCandidate(
      extras.filter((ip) => tag !== undefined && TAGGED_REVERSE.exec(ip.ip_reverse ?? "")?.[1] === tag),
      (ip) => ip.ip_id,
      description,
    );
    const claim = (ip: ServerIpWire) => claimObject(`${brand}:ipv4:${ip.ip_id}`, tag ?? ip.ip_id, `${kind} address ${ip.ip_address}`);
    if (ours) {
      claim(ours);
      context.logger.info(`${description}: found address ${ours.ip_address}, which an earlier, interrupted create ordered; continuing with it`);
      return { id: ours.ip_id, state: stateFromWire(inputs.serverId, inputs.type, ours) };
    }
    // One interrupted between the order and the tag: its address is indistinguishable from an
    // unmanaged one that still has the vendor's name. Never order while one exists.
    const untouched = extras.filter((ip) => VENDOR_REVERSE.test(ip.ip_reverse ?? ""));
    if (untouched.length > 0) {
      const listed = untouched.map((ip) => `${ip.ip_address} (id ${ip.ip_id})`);
      if (!inputs.adopt) {
        throw new Error(
          `${description}: the server has extra IPv4 addresses that no resource of this stack manages and that keep the vendor's reverse name: ` +
            `${listed.join(", ")}. One may be the address an interrupted \`pulumi up\` ordered, so nothing was ordered. ` +
            "Set `adopt: true` to take it over (only with exactly one), or give the others a reverse name (ReverseDns) to mark them as not this resource's.",
        );
      }
      if (untouched.length > 1) throw new AmbiguousObjectError(description, untouched.map((ip) => ip.ip_id));
      claim(untouched[0]);
      const adopted = await tagAddress(client, inputs.serverId, untouched[0], tag, context);
      context.logger.info(`${description}: took over address ${adopted.ip_address} (adopt)`);
      return { id: adopted.ip_id, state: stateFromWire(inputs.serverId, inputs.type, adopted) };
    }

    const before = new Set((server.ips ?? []).map((ip) => ip.ip_id));
    // Every address the server had before this order is excluded: the new one is the one more.
    const findNew = async () => {
      const now = await client.servers.find(inputs.serverId);
      return onlyCandidate(now ? extraIpv4(now).filter((ip) => !before.has(ip.ip_id)) : [], (ip) => ip.ip_id, description);
    };
    // Billed: sent once; a lost answer is reconciled against the server's addresses before any second order.
    const made = await writeReconciled({
      attempt: () => client.servers.orderIpv4(inputs.serverId, inputs.type),
      find: findNew,
      description: `${description}: ordering`,
      clock: context.clock,
      logger: context.logger,
    });
    const tagged = await tagAddress(client, inputs.serverId, made, tag, context);
    context.logger.info(`${description}: ordered address ${tagged.ip_address} (billed; the API has no way to release it)`);
    return { id: tagged.ip_id, state: stateFromWire(inputs.serverId, inputs.type, tagged) };
  }

  const definition: ResourceDefinition<Ipv4Inputs, typeof serverIpv4State> = {
    kind,
    inputs: serverIpv4Args,
    state: serverIpv4State,
    replaceOnChanges: ["type"],
    ignoreChanges: ["adopt", "timeouts"],
    defaultTimeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 60_000 },
    /**
     * `serverId/ipId`, e.g. `3523/7795` (an extra address's `ip_id` in GET /servers/{id}): read gives
     * back `serverId`, and `type` from the address: `"l3"` when it is routed (`ip_routed_to` names
     * the primary address), else `"l2"`.
     */
    importId: serverIpv4ImportId,

    checkChange(olds, news): CheckFailure[] {
      if (olds.serverId === news.serverId || olds.type !== news.type || movable(news.type)) return [];
      const why =
        brand === "terrahost"
          ? "Terrahost's API documents no way to move an address"
          : 'only a routed ("l3") address can be moved between servers';
      return [
        {
          property: "serverId",
          reason:
            `the ${news.type} address cannot move from server ${olds.serverId} to ${news.serverId}: ${why}. ` +
            "A new resource would order a second, billed address; declare a new ServerIpv4 for the other server instead",
        },
      ];
    },

    create(inputs, context) {
      return ordersPerServer.run(`${brand}:${inputs.serverId}`, () => createOne(inputs, context));
    },

    async read(id, state, context) {
      const found = await locate(clientFor(context), id, state.serverId);
      if (!found) return undefined;
      const live = stateFromWire(found.serverId, state.type, found.ip);
      // `type` is kept as ordered; an import reads it from the routing.
      return readsForImport(state, "type") ? { ...live, type: live.routedTo === null ? "l2" : "l3" } : live;
    },

    async update(id, olds, news, context) {
      const client = clientFor(context);
      const found = await locate(client, id, olds.serverId);
      if (!found) throw new Error(`${kind} ${id} no longer exists in the ${label} account; run \`pulumi refresh\``);
      if (found.serverId === news.serverId) return stateFromWire(found.serverId, news.type, found.ip);
      await serverOf(client, news.serverId);
      await client.servers.moveIpv4(found.serverId, id, news.serverId);
      const moved = await waitFor(
        () => client.servers.find(news.serverId),
        (server) => server !== undefined && extraIpv4(server).some((ip) => ip.ip_id === id),
        {
          description: `address ${found.ip.ip_address} to show on server ${news.serverId}`,
          deadline: context,
          initialDelayMs: 2_000,
          maxDelayMs: 15_000,
          clock: context.clock,
          logger: context.logger,
        },
      );
      return stateFromWire(news.serverId, news.type, extraIpv4(moved!).find((ip) => ip.ip_id === id)!);
    },

    async delete(id, state, context) {
      // Neither document has an endpoint that releases an address (docs/gigahost.md, "ServerIpv4 (Gigahost and Terrahost)").
      context.logger.warn(
        `${kind} ${state.address ?? id} (id ${id}) was removed from the stack only: the ${label} API has no way to release an address. ` +
          `It stays on server ${state.serverId} and is still billed; release it in the ${label} control panel or through support.`,
      );
    },
  };
  return definition;
}

/**
 * One more IPv4 address for a Gigahost server, ordered through `POST
 * /servers/{id}/ipv4` (billed). A routed (`"l3"`) address moves in place when
 * `serverId` changes. Deleting the resource only removes it from the stack:
 * the API cannot release an address.
 */
export class ServerIpv4 extends resourceClass<ServerIpv4Args>()(serverIpv4Definition("gigahost")) {}
