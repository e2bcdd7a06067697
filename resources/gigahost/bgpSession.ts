import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ApiError } from "../../provider/errors";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { SessionWire } from "../../provider/gigahost/wire";
import { waitFor } from "../../provider/poll";
import { claimObject } from "../../provider/identity";
import { createOnce } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { vendorId } from "../vendorId";
import { bgpSessionImportId, readsForImport } from "./importIds";

export const bgpSessionArgs = z
  .object({
    asnId: vendorId("the ASN database id (BgpAsn's asnId, not the AS number)", "1"),
    ipIdV4: vendorId("the IPv4 address id", "7795").optional(),
    ipIdV6: vendorId("the IPv6 address id", "7796").optional(),
    redundant: z.boolean().default(false),
    defaultRoute: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    if (args.ipIdV4 === undefined && args.ipIdV6 === undefined) {
      context.addIssue({ code: "custom", path: ["ipIdV4"], message: "set `ipIdV4`, `ipIdV6` or both: a session needs an address to peer from" });
    }
  });

/**
 * The arguments of a `BgpSession`; see docs/gigahost.md, "BgpSession (Gigahost)".
 * Set `ipIdV4`, `ipIdV6` or both. Every change replaces the sessions (the old
 * ones are deleted first: Gigahost refuses a second session on an address).
 */
export interface BgpSessionArgs {
  /**
   * The ASN's database id (a `BgpAsn`'s `asnId`, or `getBgp()`'s), not the AS
   * number: digits, e.g. `asn.asnId` or `"1"`. The ASN must be verified
   * (active). Changing it replaces the sessions.
   */
  asnId: pulumi.Input<string | number>;
  /**
   * The IPv4 address of a server to peer from, by its address id (a
   * `Server`'s `ipv4[].ipId`), e.g. `"7795"`. Changing it replaces the sessions.
   */
  ipIdV4?: pulumi.Input<string | number>;
  /**
   * The IPv6 address of a server to peer from, by its address id, e.g.
   * `"7796"`. Changing it replaces the sessions.
   */
  ipIdV6?: pulumi.Input<string | number>;
  /**
   * Sessions with two routers instead of one; default false. Needs two
   * available routers in the server's datacenter. Changing it replaces the sessions.
   */
  redundant?: pulumi.Input<boolean>;
  /** Receive a default route from the routers; default false. Changing it replaces the sessions. */
  defaultRoute?: pulumi.Input<boolean>;
  /** Deadlines for create (default 5m) and delete (default 15m), e.g. `{ delete: "30m" }`. Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<BgpSessionArgs, typeof bgpSessionArgs>>;
type SessionInputs = z.output<typeof bgpSessionArgs>;

export const sessionView = z.object({
  sessionId: z.string(),
  ipType: z.string(),
  ipId: z.string(),
  ipAddress: z.string().nullable(),
  serverId: z.string().nullable(),
  routerId: z.string().nullable(),
  routerAsn: z.number().nullable(),
  neighborIpv4: z.string().nullable(),
  neighborIpv6: z.string().nullable(),
  status: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

export const bgpSessionState = stateSchema({
  /** The ids of the sessions Gigahost made, one per router and IP version. */
  sessionIds: z.array(z.string()),
  /** Each session with its neighbor addresses and Gigahost's router ASN. */
  sessions: z.array(sessionView),
  /** The `BgpAsn` the sessions announce. */
  asnId: z.string(),
  /** The IPv4 address id the IPv4 session runs from; undefined when not set. */
  ipIdV4: z.string().optional(),
  /** The IPv6 address id the IPv6 session runs from; undefined when not set. */
  ipIdV6: z.string().optional(),
  /** Whether sessions run to both of Gigahost's routers. */
  redundant: z.boolean(),
  /** Whether Gigahost sends a default route. */
  defaultRoute: z.boolean(),
});
export type BgpSessionState = z.infer<typeof bgpSessionState>;

export function sessionFromWire(wire: SessionWire): SessionView {
  return {
    sessionId: wire.id,
    ipType: wire.ip_type,
    ipId: wire.ip_id,
    ipAddress: wire.ip_address,
    serverId: wire.srv_id ?? null,
    routerId: wire.router_id ?? null,
    routerAsn: wire.router_asn ? Number(wire.router_asn) : null,
    neighborIpv4: wire.neighbor_ipv4,
    neighborIpv6: wire.neighbor_ipv6,
    status: wire.status,
  };
}

const stateOf = (sessions: SessionWire[]): Pick<BgpSessionState, "sessionIds" | "sessions"> => {
  const views = sessions.map(sessionFromWire).sort((a, b) => Number(a.sessionId) - Number(b.sessionId));
  return { sessionIds: views.map((view) => view.sessionId), sessions: views };
};

/** What a create of these sessions was asked for, read back (an import): one address per IP version, two routers when redundant. */
function inputsOf(sessions: SessionWire[]): Pick<BgpSessionState, "asnId" | "ipIdV4" | "ipIdV6" | "redundant" | "defaultRoute"> {
  const ipOf = (type: string) => sessions.find((session) => session.ip_type === type)?.ip_id;
  return {
    asnId: sessions[0].asn_id,
    ipIdV4: ipOf("ipv4"),
    ipIdV6: ipOf("ipv6"),
    redundant: sessions.some((session) => sessions.filter((other) => other.ip_id === session.ip_id).length > 1),
    defaultRoute: sessions.some((session) => Boolean(session.defaultroute)),
  };
}

/** Deletion is asynchronous: sessions marked for deletion still list, with another status. */
/**
 * Gigahost creates sessions "on available routers in the server's datacenter"
 * and refuses with "Unable to find available BGP routers." when there are
 * none (docs/gigahost.md, "BgpSession (Gigahost)"): say what it means for the inputs.
 */
function noRouterExplained(error: unknown, redundant: boolean): unknown {
  if (!(error instanceof ApiError) || error.status !== 400 || !/Unable to find available BGP routers/i.test(error.vendorMessage ?? "")) return error;
  return new Error(
    `gigahost:BgpSession: Gigahost has no BGP router available in the datacenter of the server these addresses belong to ` +
      `("${error.vendorMessage}")` +
      (redundant ? "; a redundant session set needs two. Set `redundant: false` to peer with one router, or ask" : "; ask") +
      " Gigahost support for a router there, or peer from a server in another datacenter. Nothing was created.",
  );
}

const isLive = (session: SessionWire) => session.status === "active" || session.status === "pending";

async function sessionsWithIds(client: GigahostClient, ids: readonly string[]): Promise<SessionWire[]> {
  return (await client.bgp.overview()).sessions.filter((session) => ids.includes(session.id));
}

export const bgpSessionDefinition: ResourceDefinition<SessionInputs, typeof bgpSessionState> = {
  kind: "gigahost:BgpSession",
  inputs: bgpSessionArgs,
  state: bgpSessionState,
  replaceOnChanges: ["asnId", "ipIdV4", "ipIdV6", "redundant", "defaultRoute"],
  ignoreChanges: ["timeouts"],
  // Gigahost refuses a second session on the same address ("IPv4 session exists already").
  deleteBeforeReplace: true,
  defaultTimeouts: { create: 5 * 60_000, delete: 15 * 60_000 },
  /**
   * `sessionId,sessionId,…`, e.g. `41,42`: every session of the set (GET /bgp's `sessions`), in any
   * order. Read gives back every input from the sessions: `asnId`, `ipIdV4`/`ipIdV6` (by their
   * `ip_type`), `defaultRoute`, and `redundant` (two sessions per address).
   */
  importId: bgpSessionImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const before = await client.bgp.overview();
    const asn = before.asn.find((candidate) => candidate.id === inputs.asnId);
    if (!asn) throw new Error(`gigahost:BgpSession: the account has no ASN with id ${inputs.asnId} (use BgpAsn's asnId, not the AS number)`);
    if (asn.status !== "active") {
      throw new Error(
        `gigahost:BgpSession: AS${asn.asn} (id ${asn.id}) is ${asn.status}` +
          (asn.rejected_reason ? ` (${asn.rejected_reason})` : "") +
          "; Gigahost only creates sessions for an active ASN. Complete the verification, run `pulumi refresh`, then `pulumi up`.",
      );
    }
    const ipIds = [inputs.ipIdV4, inputs.ipIdV6].filter((id): id is string => id !== undefined);
    for (const ipId of ipIds) {
      claimObject(`gigahost:bgp-session:${ipId}`, context.creationTag ?? ipIds.join(","), `gigahost:BgpSession on address id ${ipId}`);
    }
    // The answer carries no ids, and sessions carry nothing of ours. Gigahost allows one session set per
    // address and a replacement deletes first, so live sessions on our addresses that match every input
    // are the ones an interrupted create of this resource made; any other session there is refused.
    const find = async () => {
      const onAddresses = (await client.bgp.overview()).sessions.filter((session) => isLive(session) && ipIds.includes(session.ip_id));
      if (onAddresses.length === 0) return undefined;
      const routers = inputs.redundant ? 2 : 1;
      const matches =
        onAddresses.every((session) => session.asn_id === inputs.asnId && Boolean(session.defaultroute) === inputs.defaultRoute) &&
        ipIds.every((ipId) => onAddresses.filter((session) => session.ip_id === ipId).length === routers);
      if (!matches) {
        throw new Error(
          `gigahost:BgpSession: address id(s) ${ipIds.join(", ")} already have BGP session(s) ` +
            `${onAddresses.map((session) => `${session.id} (ASN id ${session.asn_id}, default route ${session.defaultroute ? "on" : "off"})`).join(", ")} ` +
            "that differ from this resource's inputs; Gigahost allows one session set per address. Delete them at Gigahost, or declare them as they are.",
        );
      }
      return onAddresses;
    };
    const { object: created } = await createOnce({
      attempt: async () => {
        try {
          await client.bgp.createSessions(inputs.asnId, {
            redundant: inputs.redundant ? 1 : 0,
            defaultroute: inputs.defaultRoute ? 1 : 0,
            ...(inputs.ipIdV4 !== undefined ? { ip_id_v4: Number(inputs.ipIdV4) } : {}),
            ...(inputs.ipIdV6 !== undefined ? { ip_id_v6: Number(inputs.ipIdV6) } : {}),
          });
        } catch (error) {
          throw noRouterExplained(error, inputs.redundant);
        }
      },
      find,
      description: `creating BGP sessions for ASN id ${inputs.asnId}`,
      clock: context.clock,
      logger: context.logger,
    });
    const state = stateOf(created);
    return { id: state.sessionIds.join(","), state };
  },

  async read(_id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const live = (await sessionsWithIds(client, state.sessionIds)).filter(isLive);
    // Gone when every session is gone (or being deleted); otherwise the remaining ones.
    if (live.length === 0) return undefined;
    return readsForImport(state, "asnId") ? { ...stateOf(live), ...inputsOf(live) } : stateOf(live);
  },

  async update(_id, olds, _news, context) {
    // Every input replaces; only `timeouts` can change in place.
    const client = gigahostClient("gigahost", context.settings, context);
    return stateOf(await sessionsWithIds(client, olds.sessionIds));
  },

  async delete(_id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    for (const session of await sessionsWithIds(client, state.sessionIds)) {
      if (session.status !== "active") continue;
      await client.bgp.deleteSession(session.id);
    }
    await waitForDeletion(client, state.sessionIds, context);
  },
};

async function waitForDeletion(client: GigahostClient, ids: readonly string[], context: OperationContext): Promise<void> {
  await waitFor(() => sessionsWithIds(client, ids), (remaining) => remaining.length === 0, {
    description: `BGP session(s) ${ids.join(", ")} to be deleted`,
    deadline: context,
    describe: (remaining) => remaining.map((session) => `${session.id} ${session.status}`).join(", "),
    initialDelayMs: 5_000,
    maxDelayMs: 30_000,
    clock: context.clock,
    logger: context.logger,
  });
}

/**
 * BGP sessions from one server address (IPv4 and/or IPv6) with Gigahost's
 * routers, for an active BgpAsn. Any input change replaces the sessions;
 * delete marks them for deletion and waits until they are gone.
 */
export class BgpSession extends resourceClass<BgpSessionArgs>()(bgpSessionDefinition) {}
