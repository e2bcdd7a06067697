import * as pulumi from "@pulumi/pulumi";
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { gigahostClient } from "../../provider/gigahost/client";
import { claimObject } from "../../provider/identity";
import { isEmptyZone } from "./dnsZone";
import { ArgsMatchSchema, Assert } from "../types";
import { readsForImport, zoneImportId } from "./importIds";

/** The reverse zone name of a prefix: whole octets (IPv4 /8, /16, /24) or whole nibbles (IPv6, a multiple of 4). */
export function reverseZoneName(prefix: string): { ipVersion: "ipv4" | "ipv6"; zoneName: string } | string {
  const [address, lengthText] = prefix.split("/");
  const length = Number(lengthText);
  if (lengthText === undefined || !/^\d+$/.test(lengthText)) return 'must be a prefix in CIDR notation such as "192.0.2.0/24" or "2a03:94e0:190e::/48"';
  if (isIPv4(address)) {
    if (![8, 16, 24].includes(length)) return "an IPv4 prefix needs a length of 8, 16 or 24 (reverse zones follow whole octets)";
    const octets = address.split(".").slice(0, length / 8);
    return { ipVersion: "ipv4", zoneName: `${octets.reverse().join(".")}.in-addr.arpa` };
  }
  if (isIPv6(address)) {
    if (length < 4 || length > 124 || length % 4 !== 0) return "an IPv6 prefix needs a length that is a multiple of 4 (reverse zones follow whole nibbles), e.g. /48";
    const nibbles = expandIPv6(address).slice(0, length / 4).split("");
    return { ipVersion: "ipv6", zoneName: `${nibbles.reverse().join(".")}.ip6.arpa` };
  }
  return 'must be an IPv4 or IPv6 prefix such as "192.0.2.0/24"';
}

/**
 * The prefix a reverse zone covers, the inverse of `reverseZoneName`: "63.181.185.in-addr.arpa" is
 * "185.181.63.0/24", "e.0.9.1.0.e.4.9.3.0.a.2.ip6.arpa" is "2a03:94e0:190e::/48" (IPv6 in its
 * shortest form, RFC 5952). Undefined for a zone name that is not a reverse zone's.
 */
export function prefixOfReverseZone(zoneName: string): { ipVersion: "ipv4" | "ipv6"; prefix: string } | undefined {
  const name = zoneName.toLowerCase().replace(/\.$/, "");
  const ipv4 = /^((?:\d{1,3}\.){1,3})in-addr\.arpa$/.exec(name);
  if (ipv4) {
    const octets = ipv4[1].slice(0, -1).split(".").reverse();
    if (octets.some((octet) => Number(octet) > 255 || String(Number(octet)) !== octet)) return undefined;
    return { ipVersion: "ipv4", prefix: `${[...octets, "0", "0", "0"].slice(0, 4).join(".")}/${octets.length * 8}` };
  }
  const ipv6 = /^((?:[0-9a-f]\.){1,31})ip6\.arpa$/.exec(name);
  if (ipv6) {
    const nibbles = ipv6[1].slice(0, -1).split(".").reverse();
    const groups = (nibbles.join("") + "0".repeat(32 - nibbles.length)).match(/.{4}/g)!.map((group) => group.replace(/^0+(?=.)/, ""));
    return { ipVersion: "ipv6", prefix: `${shortestIPv6(groups)}/${nibbles.length * 4}` };
  }
  return undefined;
}

/** Eight groups without leading zeros, the longest run of two or more zero groups (the first, on a tie) written "::". */
function shortestIPv6(groups: string[]): string {
  let best = { start: -1, length: 1 };
  for (let start = 0; start < groups.length; start++) {
    let length = 0;
    while (groups[start + length] === "0") length++;
    if (length > best.length) best = { start, length };
  }
  if (best.start < 0) return groups.join(":");
  return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.length).join(":")}`;
}

/** The 32 hex digits of an IPv6 address. */
function expandIPv6(address: string): string {
  const [head, tail = ""] = address.toLowerCase().split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = address.includes("::") ? [...groups(head), ...Array(missing).fill("0"), ...groups(tail)] : groups(head);
  return all.map((group) => group.padStart(4, "0")).join("");
}

export const ptrZoneArgs = z
  .object({
    prefix: z
      .string()
      .trim()
      .toLowerCase()
      .superRefine((prefix, context) => {
        const result = reverseZoneName(prefix);
        if (typeof result === "string") context.addIssue({ code: "custom", message: result });
      }),
  })
  .strict();

/** The arguments of a `PtrZone`; see docs/gigahost.md, "PtrZone (Gigahost)". */
export interface PtrZoneArgs {
  /**
   * The network in CIDR notation, e.g. `"185.181.63.0/24"` or
   * `"2a03:94e0:190e::/48"`: IPv4 with a length of 8, 16 or 24, IPv6 with a
   * length that is a multiple of 4. Changing it replaces the zone (the old
   * zone, with its records, is deleted first).
   */
  prefix: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<PtrZoneArgs, typeof ptrZoneArgs>>;
type PtrInputs = z.output<typeof ptrZoneArgs>;

export const ptrZoneState = stateSchema({
  /** The zone's Gigahost id, e.g. for a `DnsRecord`'s `zoneId`. */
  zoneId: z.string(),
  /** The reverse zone's name, e.g. `"2.0.192.in-addr.arpa"`. */
  zoneName: z.string(),
  /** `"ipv4"` or `"ipv6"`. */
  ipVersion: z.enum(["ipv4", "ipv6"]),
  /** The network the reverse zone covers. */
  prefix: z.string(),
});
export type PtrZoneState = z.infer<typeof ptrZoneState>;

const KIND = "gigahost:PtrZone";

export const ptrZoneDefinition: ResourceDefinition<PtrInputs, typeof ptrZoneState> = {
  kind: KIND,
  inputs: ptrZoneArgs,
  state: ptrZoneState,
  replaceOnChanges: ["prefix"],
  // Zone names are unique at Gigahost: a replacement with the same name (a forced one) must delete first.
  deleteBeforeReplace: true,
  /**
   * `zoneId`, e.g. `123` (GET /dns/zones' `zone_id`): read gives back `prefix` from the zone's name,
   * with the network address's host part zero and IPv6 in its shortest form (`"185.181.63.0/24"`,
   * `"2a03:94e0:190e::/48"`): write it so in the program, or it shows as a change (a replacement).
   */
  importId: zoneImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const { ipVersion, zoneName } = reverseZoneName(inputs.prefix) as { ipVersion: "ipv4" | "ipv6"; zoneName: string };
    if (context.creationTag) claimObject(`gigahost:zone:${zoneName}`, context.creationTag, `${KIND} ${zoneName}`);
    const existing = await client.findZoneByName(zoneName, { fresh: true });
    if (existing) {
      // No field carries our tag: an empty zone of the name is taken as the one an interrupted create made (see isEmptyZone).
      if (await isEmptyZone(client, existing)) {
        context.logger.info(`${KIND} ${zoneName}: zone ${existing.zone_id} exists and holds no records; taking it as the one an interrupted create made`);
        return { id: existing.zone_id, state: { zoneId: existing.zone_id, zoneName, ipVersion } };
      }
      throw new Error(`${KIND}: the Gigahost account already has the zone ${zoneName} (id ${existing.zone_id}), with records; delete it at Gigahost or pick another prefix`);
    }
    let zoneId: string;
    try {
      // The answer carries the new zone's id (`data.zone_id`; docs/gigahost.md, "PtrZone (Gigahost)").
      zoneId = await client.createPtrZone({ prefix: inputs.prefix, ip_version: ipVersion, zone_name: zoneName });
    } catch (error) {
      // An ambiguous failure may still have created it: look before reporting.
      const found = (await client.findZoneByName(zoneName, { fresh: true }))?.zone_id;
      if (!found) throw error;
      zoneId = found;
    }
    return { id: zoneId, state: { zoneId, zoneName, ipVersion } };
  },

  async read(id, state, context) {
    const zone = await gigahostClient("gigahost", context.settings, context).findZoneById(id, { fresh: true });
    if (!zone) return undefined;
    if (readsForImport(state, "prefix")) {
      const covered = prefixOfReverseZone(zone.zone_name);
      if (!covered) throw new Error(`${KIND}: zone ${id} (${zone.zone_name}) is not a reverse zone (*.in-addr.arpa or *.ip6.arpa); import it as gigahost:DnsZone`);
      return { zoneId: zone.zone_id, zoneName: zone.zone_name, ...covered };
    }
    return { zoneId: zone.zone_id, zoneName: zone.zone_name, ipVersion: state.ipVersion };
  },

  async update(_id, olds) {
    // Only `prefix` is an input, and it replaces.
    return { zoneId: olds.zoneId, zoneName: olds.zoneName, ipVersion: olds.ipVersion };
  },

  async delete(id, _state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    await client.deleteZone(id);
  },
};

/**
 * A reverse DNS zone for a network (`POST /dns/zones/ptr`): its name is
 * derived from the prefix. Add PTR records to it with DnsRecord. Delete
 * removes the zone and its records.
 */
export class PtrZone extends resourceClass<PtrZoneArgs>()(ptrZoneDefinition) {}
