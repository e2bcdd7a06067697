import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { mailAccountWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { comment, emailAddress, password, sortedSet, sortedUnique, whenManaged, withoutUnset } from "./hostingFields";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { importByServiceItem, inputPart } from "./importIds";

const SPAM_LEVELS = ["none", "low", "medium", "high"] as const;

/** What a `MailAccount` adds to its inputs in state; each property is an output. */
export const mailAccountState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The mailbox address, lower-cased. */
  address: z.string(),
  /** The password as last set by the program (secret; the API never returns it). */
  password: z.string(),
  /** The comment, without the creation tag ZoneID keeps on its last line. */
  comment: z.string(),
  /** Where messages are also forwarded, sorted. */
  forwardAddresses: z.array(z.string()),
  /** The spam filtering level. */
  spamLevel: z.string(),
  /** Reported only when the program sets it (undefined otherwise). */
  twoFactorAuth: z.boolean().optional(),
  /** The mailbox quota in bytes; null when ZoneID's answer omits it (its wire schema reads it leniently). */
  diskSize: z.number().nullable(),
  /** The space used in bytes; null when ZoneID's answer omits it (its wire schema reads it leniently). */
  diskUsage: z.number().nullable(),
  /** Every address delivered to this mailbox. */
  addresses: z.array(z.string()),
});

const mailAccount = hostingCollection({
  kind: "zoneid:MailAccount",
  state: mailAccountState,
  noun: "e-mail account",
  collection: "mail/account",
  wire: mailAccountWire,
  fields: {
    address: emailAddress,
    password,
    comment,
    forwardAddresses: sortedSet(emailAddress).default([]),
    spamLevel: z.enum(SPAM_LEVELS, { error: `must be one of ${SPAM_LEVELS.join(", ")}` }).default("medium"),
    twoFactorAuth: z.literal(false, { error: "can only be false: ZoneID's API only turns two-factor authentication off" }).optional(),
  },
  idOf: (wire) => wire.address.toLowerCase(),
  key: { input: "address", ofWire: (wire) => wire.address.toLowerCase() },
  // The comment carries the creation tag on its last line (stripped on read, kept on update).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: ["address"],
  secrets: [{ input: "password", wire: "password" }],
  inputForField: { fwd_addresses: "forwardAddresses", spamlevel: "spamLevel" },
  updatable: true,
  toWire: (args) =>
    withoutUnset({
      address: args.address,
      password: args.password,
      comment: args.comment,
      fwd_addresses: args.forwardAddresses,
      spamlevel: args.spamLevel,
      two_factor_auth: args.twoFactorAuth,
    }),
  fromWire: (wire, previous) => ({
    address: wire.address.toLowerCase(),
    comment: wire.comment,
    forwardAddresses: sortedUnique(wire.fwd_addresses.map((address) => address.toLowerCase())),
    spamLevel: wire.spamlevel ?? "medium",
    diskSize: wire.disk_size,
    diskUsage: wire.disk_usage,
    addresses: wire.addresses,
    ...whenManaged(previous, { twoFactorAuth: wire.two_factor_auth }),
  }),
});

export const mailAccountArgs = mailAccount.args;

/** The arguments of a `MailAccount` (`/vserver/{service}/mail/account`); see docs/zoneid.md. */
export interface MailAccountArgs extends HostingServiceArgs {
  /**
   * The mailbox address, e.g. `"info@example.com"` (lower-cased); its domain must be
   * one the hosting service serves. It identifies the mailbox: changing it replaces
   * the mailbox (the old one is deleted first).
   */
  address: pulumi.Input<string>;
  /**
   * The mailbox password, 10-64 characters. Secret, and write-only at the API: a
   * change made elsewhere cannot be seen. Changes in place.
   */
  password: pulumi.Input<string>;
  /** Free text, at most 255 characters (default `""`). Changes in place. */
  comment?: pulumi.Input<string>;
  /**
   * Addresses every message is also forwarded to, e.g. `["me@example.net"]`
   * (default none), compared as a set. Changes in place.
   */
  forwardAddresses?: pulumi.Input<string[]>;
  /** Spam filtering: `"none"`, `"low"`, `"medium"` (default) or `"high"`. Changes in place. */
  spamLevel?: pulumi.Input<(typeof SPAM_LEVELS)[number]>;
  /**
   * Only `false`, which turns two-factor authentication off ("Can only be set to
   * false from API"; the mailbox's owner turns it on). Unset (default): not managed.
   * Changes in place.
   */
  twoFactorAuth?: pulumi.Input<false>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<MailAccountArgs, typeof mailAccountArgs>>;
export const mailAccountDefinition: typeof mailAccount.definition = {
  ...mailAccount.definition,
  /**
   * `service/address`, e.g. `example.com/info@example.com`: the web hosting
   * service and the mailbox's address (its identificator at ZoneID, and the
   * resource's id). The password is write-only at ZoneID: an imported mailbox
   * has it once the next `pulumi up` sets the program's. `twoFactorAuth` is
   * not imported: it is managed only where a program sets it.
   */
  importId: importByServiceItem(inputPart("address", mailAccount.spec.fields.address), "example.com/info@example.com"),
};

/**
 * A mailbox of a ZoneID web hosting service (`/vserver/{service}/mail/account`).
 * Changing `address` or `service` replaces it (the old mailbox is deleted
 * first); everything else, the password included, updates in place.
 */
export class MailAccount extends resourceClass<MailAccountArgs>()(mailAccountDefinition) {}
