import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { ApiError } from "../../provider/errors";
import { isObjectInState } from "../../provider/identity";
import { KeyedMutex } from "../../provider/limit";
import { onlyCandidate, writeReconciled } from "../../provider/reconcile";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ZoneidClient, zoneidClient } from "../../provider/zoneid/client";
import { DedicatedIpWire, dedicatedIpWire } from "../../provider/zoneid/runtimeWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, commonShape } from "./hostingCollection";
import { dedicatedIpv4, importByServiceItem } from "./serviceImportIds";

const COLLECTION = "dedicatedip";

export const dedicatedIpArgs = z.object({ ...commonShape }).strict();

/** The arguments of a `DedicatedIp` (`/vserver/{service}/dedicatedip`); see docs/zoneid.md. */
export interface DedicatedIpArgs extends HostingServiceArgs {}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DedicatedIpArgs, typeof dedicatedIpArgs>>;
type DedicatedIpInputs = z.output<typeof dedicatedIpArgs>;

/** What a `DedicatedIp` adds to its inputs in state; each property is an output. */
export const dedicatedIpState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The IPv4 address (also the resource's id): what a `PortForward`'s `dedicatedIp` takes. */
  ipv4: z.string(),
  /** The IPv6 address that comes with it, or `""`. */
  ipv6: z.string(),
  /** The service's virtual hosts that use the address, sorted. */
  vhosts: z.array(z.string()),
});

const stateOf = (service: string, wire: DedicatedIpWire) => ({ service, ipv4: wire.ipv4, ipv6: wire.ipv6, vhosts: [...wire.vhosts].sort() });

/** Creates of one service run one at a time in a process: an order is recognised as "the address that was not there before". */
const orders = new KeyedMutex();

async function listIps(client: ZoneidClient, service: string): Promise<DedicatedIpWire[]> {
  const items = await client.listServiceItems("vserver", service, COLLECTION, dedicatedIpWire);
  if (items === undefined) throw new Error(`zoneid:DedicatedIp: the ZoneID account has no web hosting service ${service} (GET /vserver/${service}/dedicatedip answered 404)`);
  return items;
}

/**
 * The POST takes no body (ZoneID's OpenAPI spec, "Create dedicated IP"), so
 * nothing written at ZoneID can carry a creation tag: an order is recognised
 * by what it leaves. Before ordering, the service's addresses that no
 * resource of the stack holds are looked at:
 * - none: order, exactly once (an order whose answer is lost is found as the
 *   one address that was not there before, and never re-sent blindly);
 * - one used by nothing (no virtual host): it is what an interrupted order
 *   leaves, and a second order would be billed, so it is taken (logged);
 * - one in use, or `adopt` not set while several are free: refused, naming
 *   them; `adopt: true` takes the one free address.
 */
async function create(inputs: DedicatedIpInputs, context: Parameters<ResourceDefinition<DedicatedIpInputs, typeof dedicatedIpState>["create"]>[1]) {
  const client = zoneidClient(context.settings, context);
  const { service } = inputs;
  const description = `ordering a dedicated IP for web hosting ${service}`;
  return orders.run(service, async () => {
    const before = await listIps(client, service);
    const free = before.filter((ip) => !isObjectInState(ip.ipv4));
    if (free.length > 0) {
      const unused = free.filter((ip) => ip.vhosts.length === 0);
      if (!inputs.adopt && (unused.length !== 1 || free.length !== 1)) {
        throw new Error(
          `zoneid:DedicatedIp: web hosting ${service} has dedicated IP(s) ${free.map((ip) => ip.ipv4).join(", ")} that no resource of this stack holds ` +
            "(left by an interrupted `pulumi up`, or ordered outside Pulumi). Nothing was ordered: a dedicated IP is billed. " +
            "Set `adopt: true` to manage the one that is free, or delete the extra ones at ZoneID.",
        );
      }
      const taken = onlyCandidate(inputs.adopt ? free : unused, (ip) => ip.ipv4, `zoneid:DedicatedIp for web hosting ${service}`)!;
      context.logger.info(`${description}: taking dedicated IP ${taken.ipv4}, which no resource holds (an earlier, interrupted order, or adopt), instead of ordering another`);
      return { id: taken.ipv4, state: stateOf(service, taken) };
    }
    const known = new Set(before.map((ip) => ip.ipv4));
    const made = await writeReconciled<DedicatedIpWire>({
      attempt: () => client.createServiceItem("vserver", service, COLLECTION, dedicatedIpWire, undefined),
      find: async () => onlyCandidate((await listIps(client, service)).filter((ip) => !known.has(ip.ipv4)), (ip) => ip.ipv4, `zoneid:DedicatedIp for web hosting ${service}`),
      description,
      clock: context.clock,
      logger: context.logger,
    });
    return { id: made.ipv4, state: stateOf(service, made) };
  });
}

export const dedicatedIpDefinition: ResourceDefinition<DedicatedIpInputs, typeof dedicatedIpState> = {
  kind: "zoneid:DedicatedIp",
  inputs: dedicatedIpArgs,
  state: dedicatedIpState,
  // Nothing of an address can change: another service is another order.
  replaceOnChanges: ["service"],
  ignoreChanges: ["adopt"],
  /**
   * `service/ipv4`: the web hosting service and the address (its identificator
   * at ZoneID, and the resource's id), e.g. `example.com/192.0.2.10`.
   */
  importId: importByServiceItem("service", "ipv4", "example.com/192.0.2.10", dedicatedIpv4),

  create,

  async read(id, state, context) {
    const item = await zoneidClient(context.settings, context).getServiceItem("vserver", state.service, COLLECTION, id, dedicatedIpWire);
    return item ? stateOf(state.service, item) : undefined;
  },

  async update(id, _olds, news, context) {
    // Only `adopt` can differ, and it is ignored: the address as it is.
    const item = await zoneidClient(context.settings, context).getServiceItem("vserver", news.service, COLLECTION, id, dedicatedIpWire);
    if (!item) throw new Error(`zoneid:DedicatedIp: dedicated IP ${id} of web hosting ${news.service} no longer exists; run \`pulumi refresh\` and then \`pulumi up\` to order one again`);
    return stateOf(news.service, item);
  },

  async delete(id, state, context) {
    try {
      await zoneidClient(context.settings, context).deleteServiceItem("vserver", state.service, COLLECTION, id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        throw new Error(
          `zoneid:DedicatedIp: ZoneID refuses to delete dedicated IP ${id} of web hosting ${state.service} while it is in use (${error.vendorMessage ?? error.message}); ` +
            "delete the port forwards on it and move its virtual hosts to the shared IP first",
        );
      }
      throw error;
    }
  },
};

/**
 * A dedicated IP address of a ZoneID web hosting service
 * (`/vserver/{service}/dedicatedip`), ordered on create (billed by Zone.eu)
 * and deleted on destroy. Nothing changes in place; another `service`
 * orders a new address. See docs/zoneid.md for how an interrupted order is
 * recognised, since ZoneID's order carries nothing of ours.
 */
export class DedicatedIp extends resourceClass<DedicatedIpArgs>()(dedicatedIpDefinition) {}
