import * as pulumi from "@pulumi/pulumi";
import { isIP } from "node:net";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { sshAllowlistWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { comment } from "./hostingFields";
import { importByServiceItem, numberedPart } from "./importIds";

/**
 * An address or prefix as one spelling: IPv6 lower-cased, a prefix length
 * without leading zeros. "IPv4 or IPv6, supports prefix i.e. '217.128.0.0/24'"
 * (schema VServerSSHWhitelistIP); undefined when it is neither.
 */
export function normalizeAddressOrPrefix(value: string): string | undefined {
  const [address, prefix, ...rest] = value.trim().toLowerCase().split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return undefined;
  if (prefix === undefined) return address;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return undefined;
  return `${address}/${Number(prefix)}`;
}

/** What an `SshAllowlistEntry` adds to its inputs in state; each property is an output. */
export const sshAllowlistEntryState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The allowed address or prefix, e.g. "192.0.2.10" or "217.128.0.0/24". */
  ip: z.string(),
  /** The comment, without the creation tag ZoneID keeps on its last line. */
  comment: z.string(),
});

const sshAllowlistEntry = hostingCollection({
  kind: "zoneid:SshAllowlistEntry",
  state: sshAllowlistEntryState,
  noun: "SSH allow-list entry",
  collection: "ssh/whitelist",
  wire: sshAllowlistWire,
  fields: {
    ip: z
      .string({ error: "is required: an IPv4 or IPv6 address, optionally with a prefix, e.g. 217.128.0.0/24" })
      .transform((value, context) => {
        const normalized = normalizeAddressOrPrefix(value);
        if (normalized === undefined) context.addIssue({ code: "custom", message: `"${value}" is not an IPv4 or IPv6 address or prefix (e.g. 192.0.2.10, 217.128.0.0/24)` });
        return normalized ?? value;
      }),
    comment,
  },
  idOf: (wire) => wire.identificator,
  key: { input: "ip", ofWire: (wire) => normalizeAddressOrPrefix(wire.ip) ?? wire.ip },
  // The API has no PUT for an entry: a change is a new entry.
  // The comment carries the creation tag on its last line (stripped on read).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: ["ip", "comment"],
  secrets: [],
  updatable: false,
  toWire: (args) => ({ ip: args.ip, comment: args.comment }),
  fromWire: (wire) => ({ ip: normalizeAddressOrPrefix(wire.ip) ?? wire.ip, comment: wire.comment }),
});

export const sshAllowlistEntryArgs = sshAllowlistEntry.args;

/**
 * The arguments of an `SshAllowlistEntry` (`/vserver/{service}/ssh/whitelist`);
 * see docs/zoneid.md. The API has no PUT for an entry: changing any input replaces it.
 */
export interface SshAllowlistEntryArgs extends HostingServiceArgs {
  /**
   * The IPv4 or IPv6 address, or a prefix, allowed to reach the service's SSH, e.g.
   * `"192.0.2.10"` or `"217.128.0.0/24"`. It identifies the entry. Changing it replaces the entry.
   */
  ip: pulumi.Input<string>;
  /** Free text, at most 255 characters (default `""`). Changing it replaces the entry. */
  comment?: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SshAllowlistEntryArgs, typeof sshAllowlistEntryArgs>>;
export const sshAllowlistEntryDefinition: typeof sshAllowlistEntry.definition = {
  ...sshAllowlistEntry.definition,
  /**
   * `service/identificator`, e.g. `example.com/1234`: the web hosting service
   * and the number `GET /vserver/{service}/ssh/whitelist` lists for the
   * entry (the resource's id).
   */
  importId: importByServiceItem(numberedPart("identificator"), "example.com/1234"),
};

/**
 * An address or prefix allowed to log in to a ZoneID web hosting service's SSH
 * (`/vserver/{service}/ssh/whitelist`), effective while `SshSettings.access` is
 * `"whitelist"`; any change replaces it.
 */
export class SshAllowlistEntry extends resourceClass<SshAllowlistEntryArgs>()(sshAllowlistEntryDefinition) {}
