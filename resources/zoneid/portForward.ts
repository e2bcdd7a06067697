import { isIP } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { PortForwardWire, parseAclEntry, portForwardAclWire, portForwardWire } from "../../provider/zoneid/runtimeWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingExtra, HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { comment, sortedSet, sortedUnique } from "./hostingFields";
import { importByServiceItem } from "./serviceImportIds";

const COLLECTION = "portforward";

const ipAddress = z
  .string({ error: "must be an IP address" })
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => isIP(value) !== 0, { error: (issue) => `"${issue.input}" is not an IPv4 or IPv6 address` });

/**
 * The access list lives at `…/portforward/{id}/acl[/{acl_ip_identificator}]`:
 * add the addresses missing from the forward's `acls`, delete the ones no
 * longer listed (by the id `acls` carries with each address).
 */
const accessList: HostingExtra = {
  async apply(client, service, id, news) {
    const live = await client.getServiceItem("vserver", service, COLLECTION, id, portForwardWire);
    if (!live) return;
    const wanted = new Set(news.acl as string[]);
    const current = live.acls.map(parseAclEntry);
    for (const entry of current) {
      if (wanted.has(entry.ip.toLowerCase())) continue;
      if (entry.id === undefined) throw new Error(`acl: ZoneID lists ${entry.ip} on port forward ${id} without the id needed to remove it; remove it in the ZoneID web UI`);
      await client.deletePortForwardAclEntry(service, id, entry.id);
    }
    const listed = new Set(current.map((entry) => entry.ip.toLowerCase()));
    for (const ip of wanted) if (!listed.has(ip)) await client.addPortForwardAclEntry(service, id, ip, portForwardAclWire);
  },
  async read(client, service, id) {
    const live = await client.getServiceItem("vserver", service, COLLECTION, id, portForwardWire);
    return live && { acl: aclOf(live) };
  },
};

const aclOf = (wire: PortForwardWire) => sortedUnique(wire.acls.map((entry) => parseAclEntry(entry).ip.toLowerCase()));

/** What a `PortForward` adds to its inputs in state; each property is an output. */
export const portForwardState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The dedicated IPv4 address the port is forwarded on. */
  dedicatedIp: z.string(),
  /** The port forwarded (the API's `fport`). */
  port: z.number(),
  /** Where connections arrive on the server (the API's `dport`, the same as `port`); null when not reported. */
  destinationPort: z.number().nullable(),
  /** The comment, without the creation tag ZoneID keeps on its last line. */
  comment: z.string(),
  /** The addresses allowed to connect, sorted; `[]` is everyone. */
  acl: z.array(z.string()),
  /** Whether ZoneID enforces the access list. */
  aclEnabled: z.boolean(),
});

const portForward = hostingCollection({
  kind: "zoneid:PortForward",
  state: portForwardState,
  noun: "port forward",
  collection: COLLECTION,
  wire: portForwardWire,
  fields: {
    dedicatedIp: z
      .string({ error: "is required: a dedicated IPv4 address of the service (a DedicatedIp's ipv4)" })
      .trim()
      .refine((value) => isIP(value) === 4, { error: (issue) => `"${issue.input}" is not an IPv4 address (a DedicatedIp's ipv4)` }),
    port: z.number({ error: "must be a port number, 1-65535" }).int("must be a whole number").min(1, "must be 1-65535").max(65535, "must be 1-65535"),
    comment,
    acl: sortedSet(ipAddress).default([]),
  },
  idOf: (wire) => wire.identificator,
  key: { input: "port", ofWire: (wire) => String(wire.fport) },
  // The comment carries the creation tag on its last line (stripped on read, kept on update).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: [],
  secrets: [],
  updatable: true,
  // "Save port forward" is a POST on the item (ZoneID's OpenAPI spec): there is no PUT.
  updateMethod: "POST",
  // The access list is enforced when it lists anyone; an empty list leaves the port open to all.
  toWire: (args) => ({ comment: args.comment, ip: { ipv4: args.dedicatedIp }, fport: args.port, acl_enabled: args.acl.length > 0 }),
  fromWire: (wire) => ({
    dedicatedIp: wire.ip.ipv4,
    port: wire.fport,
    destinationPort: wire.dport,
    comment: wire.comment,
    aclEnabled: wire.acl_enabled,
  }),
  extra: accessList,
  inputForField: { ip: "dedicatedIp", fport: "port", acl_enabled: "acl" },
});

export const portForwardArgs = portForward.args;

/** The arguments of a `PortForward` (`/vserver/{service}/portforward`); see docs/zoneid.md. */
export interface PortForwardArgs extends HostingServiceArgs {
  /**
   * The dedicated IPv4 address of the service the port is opened on, e.g. a
   * `DedicatedIp`'s `ipv4`. Changes in place.
   */
  dedicatedIp: pulumi.Input<string>;
  /**
   * The port forwarded, 1-65535, e.g. 2222 (the API's `fport`; connections
   * arrive on the same port on the server). It is how an existing forward is
   * found for adoption. Changes in place.
   */
  port: pulumi.Input<number>;
  /** Free text, at most 255 characters (default `""`); the API calls it "Name of host". Changes in place. */
  comment?: pulumi.Input<string>;
  /**
   * The IPv4/IPv6 addresses allowed to connect, compared as a set, e.g.
   * `["203.0.113.7"]`; `[]` (default) leaves the port open to everyone. Each
   * address is an access list entry at ZoneID, added or removed in place.
   */
  acl?: pulumi.Input<string[]>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<PortForwardArgs, typeof portForwardArgs>>;
export const portForwardDefinition: typeof portForward.definition = {
  ...portForward.definition,
  /**
   * `service/identificator`: the web hosting service and the forward's
   * `identificator` as `GET /vserver/{service}/portforward` lists it, e.g.
   * `example.com/1234`.
   */
  importId: importByServiceItem("service", "identificator", "example.com/1234"),
};

/**
 * A port forwarded on a dedicated IP of a ZoneID web hosting service
 * (`/vserver/{service}/portforward`), with its access list: the addresses
 * allowed to connect, as the `acl` input. Every input changes in place.
 */
export class PortForward extends resourceClass<PortForwardArgs>()(portForwardDefinition) {}
