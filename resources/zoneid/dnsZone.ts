import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { ZoneWire } from "../../provider/zoneid/wire";
import { ArgsMatchSchema, Assert } from "../types";
import { importByNamedParts, zonePart } from "./importIds";
import { zoneNameProblem } from "./names";

/**
 * The settings of a ZoneID DNS zone (`GET/PUT /dns/{zone}`). The API has no
 * endpoint to create or delete a zone: zones come with a domain or hosting
 * service. This resource takes over an existing zone and manages its
 * settings; deleting it only stops managing them.
 */
export const dnsZoneArgs = z
  .object({
    name: z
      .string()
      .superRefine((zone, context) => {
        const problem = zoneNameProblem(zone);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .transform(normalizeHostname),
    active: z.boolean({ error: "must be true or false" }).default(true),
    ipv6: z.boolean({ error: "must be true or false" }).default(true),
  })
  .strict();


/** The arguments of a `DnsZone` (an existing zone's settings at `/dns/{zone}`); see docs/zoneid.md. */
export interface DnsZoneArgs {
  /**
   * The zone, e.g. `"example.com"` (lower-cased, trailing dot removed). The account
   * must already have it: zones come with a domain or hosting service. Changing it
   * replaces the resource (manages another zone; neither zone is deleted).
   */
  name: pulumi.Input<string>;
  /** Whether Zone.eu serves the zone (default true). Changes in place. */
  active?: pulumi.Input<boolean>;
  /** Whether AAAA (IPv6) records are allowed in the zone (default true). Changes in place. */
  ipv6?: pulumi.Input<boolean>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DnsZoneArgs, typeof dnsZoneArgs>>;
type ZoneInputs = z.output<typeof dnsZoneArgs>;

export const zoneState = stateSchema({
  /** The zone's name, lower-cased: what a `DnsRecord`'s `zone` takes. */
  name: z.string(),
  /** Whether Zone.eu serves the zone. */
  active: z.boolean(),
  /** Whether AAAA (IPv6) records are allowed in the zone. */
  ipv6: z.boolean(),
});
export type ZoneState = z.infer<typeof zoneState>;

export function zoneFromWire(name: string, wire: ZoneWire): ZoneState {
  return { name: normalizeHostname(wire.identificator ?? name), active: wire.active, ipv6: wire.ipv6 };
}

async function apply(inputs: ZoneInputs, context: Parameters<ResourceDefinition<ZoneInputs, typeof zoneState>["create"]>[1]): Promise<ZoneState> {
  const client = zoneidClient(context.settings, context);
  const current = await client.getZone(inputs.name);
  if (!current) {
    throw new Error(
      `zoneid:DnsZone: the ZoneID account has no DNS zone ${inputs.name}. ZoneID cannot create zones through its API; ` +
        "a zone comes with a domain or web hosting service ordered from Zone.eu.",
    );
  }
  // "Don't update resources that are not modified" (ZoneID API v2 documentation): PUT only on a difference.
  if (current.active === inputs.active && current.ipv6 === inputs.ipv6) return zoneFromWire(inputs.name, current);
  return zoneFromWire(inputs.name, await client.updateZone(inputs.name, { active: inputs.active, ipv6: inputs.ipv6 }));
}

export const dnsZoneDefinition: ResourceDefinition<ZoneInputs, typeof zoneState> = {
  kind: "zoneid:DnsZone",
  inputs: dnsZoneArgs,
  state: zoneState,
  // Zones come with a domain or hosting service: this kind only takes one over.
  createsObjects: false,
  replaceOnChanges: ["name"],
  /** `zone`, e.g. `example.com`: the zone's name, which is also the resource's id. */
  importId: importByNamedParts([zonePart], "example.com", ([zone]) => ({ id: zone, state: {} })),

  async create(inputs, context) {
    return { id: inputs.name, state: await apply(inputs, context) };
  },

  async read(id, _state, context) {
    const zone = await zoneidClient(context.settings, context).getZone(id);
    return zone ? zoneFromWire(id, zone) : undefined;
  },

  async update(_id, _olds, news, context) {
    return apply(news, context);
  },

  async delete() {
    // The API cannot delete zones: deleting the resource stops managing the settings and leaves them as they are.
  },
};

/**
 * An existing ZoneID DNS zone, taken over to manage its `active` and `ipv6`
 * settings. Create fails clearly when the account has no such zone;
 * delete leaves the zone and its settings in place.
 */
export class DnsZone extends resourceClass<DnsZoneArgs>()(dnsZoneDefinition) {}
