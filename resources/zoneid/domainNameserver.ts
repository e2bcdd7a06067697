import { isIP } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { canonicalIPv6, isHostname, normalizeHostname } from "../../provider/dns";
import { domainNameserverWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { sortedUnique } from "./hostingFields";
import { importByServiceItem, nameserverHostname } from "./serviceImportIds";

const address = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => isIP(value) !== 0, { error: (issue) => `"${issue.input}" is not an IPv4 or IPv6 address` })
  .transform((value) => (isIP(value) === 6 ? canonicalIPv6(value) : value));

/** What a `DomainNameserver` adds to its inputs in state; each property is an output. */
export const domainNameserverState = stateSchema({
  /** The domain. */
  service: z.string(),
  /** The name server's host name. */
  hostname: z.string(),
  /** The glue addresses, sorted (IPv6 in RFC 5952 form). */
  ips: z.array(z.string()),
});

const domainNameserver = hostingCollection({
  kind: "zoneid:DomainNameserver",
  state: domainNameserverState,
  noun: "name server",
  collection: "nameserver",
  serviceType: "domain",
  wire: domainNameserverWire,
  fields: {
    hostname: z
      .string({ error: "is required, e.g. ns1.example.net" })
      .refine((value) => isHostname(value.trim()), { error: (issue) => `"${issue.input}" is not a host name` })
      .transform(normalizeHostname),
    ips: z
      .array(address, { error: "must be a list of IP addresses" })
      .transform(sortedUnique)
      .default([]),
  },
  refine: (args, context) => {
    const domain = String((args as unknown as { service: string }).service ?? "").trim().toLowerCase().replace(/\.$/, "");
    const inside = args.hostname === domain || args.hostname.endsWith(`.${domain}`);
    if (inside && args.ips.length === 0) {
      context.addIssue({ code: "custom", path: ["ips"], message: `${args.hostname} is inside ${domain}: the registry needs its glue IP addresses` });
    }
    if (!inside && args.ips.length > 0) {
      context.addIssue({ code: "custom", path: ["ips"], message: `glue addresses apply only to name servers inside ${domain}` });
    }
  },
  idOf: (wire) => normalizeHostname(wire.hostname),
  key: { input: "hostname", ofWire: (wire) => normalizeHostname(wire.hostname) },
  replaceOnChanges: ["hostname"],
  secrets: [],
  updatable: true,
  createsFromList: true,
  inputForField: { ip: "ips" },
  toWire: (args) => ({ hostname: args.hostname, ip: args.ips }),
  fromWire: (wire) => ({ hostname: normalizeHostname(wire.hostname), ips: sortedUnique(wire.ip.map((ip) => (isIP(ip) === 6 ? canonicalIPv6(ip) : ip))) }),
});

export const domainNameserverArgs = domainNameserver.args;

/** The arguments of a `DomainNameserver` (`/domain/{name}/nameserver`; `service` is the domain); see docs/zoneid.md. */
export interface DomainNameserverArgs extends HostingServiceArgs {
  /**
   * The name server's host name, e.g. `"ns1.example.net"` (lower-cased, trailing dot
   * removed). It identifies the entry. Changing it replaces the entry (the old one is
   * deleted first).
   */
  hostname: pulumi.Input<string>;
  /**
   * Glue IPv4/IPv6 addresses, e.g. `["192.0.2.53"]`: required when the name server is
   * inside the domain itself (`ns1.example.ee` for `example.ee`), refused otherwise;
   * default none, compared as a set. Changes in place.
   */
  ips?: pulumi.Input<string[]>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DomainNameserverArgs, typeof domainNameserverArgs>>;
export const domainNameserverDefinition: typeof domainNameserver.definition = {
  ...domainNameserver.definition,
  /** `domain/hostname`: the domain and the name server's host name, e.g. `example.ee/ns1.example.net`. */
  importId: importByServiceItem("domain", "hostname", "example.ee/ns1.example.net", nameserverHostname),
};

/**
 * One name server delegated for a ZoneID domain (`/domain/{name}/nameserver`).
 * `service` is the domain name. Changing `hostname` replaces it; glue
 * addresses (`ips`, only for name servers inside the domain) update in place.
 */
export class DomainNameserver extends resourceClass<DomainNameserverArgs>()(domainNameserverDefinition) {}
