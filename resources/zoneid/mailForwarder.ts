import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { mailForwarderWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";
import { comment, emailAddress, sortedSet, sortedUnique } from "./hostingFields";

const mailForwarder = hostingCollection({
  kind: "zoneid:MailForwarder",
  noun: "e-mail forwarder",
  collection: "mail/forwarder",
  wire: mailForwarderWire,
  fields: {
    /** The address that forwards (it has no mailbox). */
    address: emailAddress,
    /** Where messages go: at least one address. */
    forwardAddresses: sortedSet(emailAddress).refine((list) => list.length > 0, "needs at least one address to forward to"),
    comment,
  },
  // The spec does not mark the forwarder's identificator; the address is assumed, as for mail accounts.
  idOf: (wire) => wire.address.toLowerCase(),
  key: { input: "address", ofWire: (wire) => wire.address.toLowerCase() },
  // The comment carries the creation tag on its last line (stripped on read, kept on update).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: ["address"],
  secrets: [],
  updatable: true,
  inputForField: { fwd_addresses: "forwardAddresses" },
  toWire: (args) => ({ address: args.address, fwd_addresses: args.forwardAddresses, comment: args.comment }),
  fromWire: (wire) => ({
    address: wire.address.toLowerCase(),
    forwardAddresses: sortedUnique(wire.fwd_addresses.map((address) => address.toLowerCase())),
    comment: wire.comment,
  }),
});

export const mailForwarderArgs = mailForwarder.args;
export type MailForwarderArgs = Inputs<z.input<typeof mailForwarderArgs>>;
export const mailForwarderDefinition = mailForwarder.definition;

/**
 * An address of a ZoneID web hosting service that forwards to other
 * addresses (`/vserver/{service}/mail/forwarder`). Changing `address`
 * replaces it; the forward list and comment update in place.
 */
export class MailForwarder extends pulumi.dynamic.Resource {
  declare readonly service: pulumi.Output<string>;
  declare readonly address: pulumi.Output<string>;
  declare readonly forwardAddresses: pulumi.Output<string[]>;
  declare readonly comment: pulumi.Output<string>;

  constructor(name: string, args: MailForwarderArgs, opts?: pulumi.CustomResourceOptions) {
    super(serializableProvider(mailForwarderDefinition.kind), name, withCreationTag(mailForwarderDefinition.kind, name, { ...args }, opts), opts, "zoneid", "MailForwarder");
  }
}
