import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { mailForwarderWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { comment, emailAddress, sortedSet, sortedUnique } from "./hostingFields";
import { importByServiceItem, inputPart } from "./importIds";

/** What a `MailForwarder` adds to its inputs in state; each property is an output. */
export const mailForwarderState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The forwarding address, lower-cased. */
  address: z.string(),
  /** Where messages go, sorted. */
  forwardAddresses: z.array(z.string()),
  /** The comment, without the creation tag ZoneID keeps on its last line. */
  comment: z.string(),
});

const mailForwarder = hostingCollection({
  kind: "zoneid:MailForwarder",
  state: mailForwarderState,
  noun: "e-mail forwarder",
  collection: "mail/forwarder",
  wire: mailForwarderWire,
  fields: {
    address: emailAddress,
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

/** The arguments of a `MailForwarder` (`/vserver/{service}/mail/forwarder`); see docs/zoneid.md. */
export interface MailForwarderArgs extends HostingServiceArgs {
  /**
   * The address that forwards (it has no mailbox), e.g. `"sales@example.com"`
   * (lower-cased). It identifies the forwarder: changing it replaces it (the old
   * one is deleted first).
   */
  address: pulumi.Input<string>;
  /**
   * Where messages go: at least one address, e.g. `["anna@example.net"]`,
   * compared as a set. Changes in place.
   */
  forwardAddresses: pulumi.Input<string[]>;
  /** Free text, at most 255 characters (default `""`). Changes in place. */
  comment?: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<MailForwarderArgs, typeof mailForwarderArgs>>;
export const mailForwarderDefinition: typeof mailForwarder.definition = {
  ...mailForwarder.definition,
  /**
   * `service/address`, e.g. `example.com/sales@example.com`: the web hosting
   * service and the forwarding address (the resource's id).
   */
  importId: importByServiceItem(inputPart("address", mailForwarder.spec.fields.address), "example.com/sales@example.com"),
};

/**
 * An address of a ZoneID web hosting service that forwards to other
 * addresses (`/vserver/{service}/mail/forwarder`). Changing `address`
 * replaces it; the forward list and comment update in place.
 */
export class MailForwarder extends resourceClass<MailForwarderArgs>()(mailForwarderDefinition) {}
