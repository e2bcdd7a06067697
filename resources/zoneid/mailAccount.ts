import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider, withSecretOutputs } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { mailAccountWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { comment, emailAddress, password, sortedSet, sortedUnique, whenManaged, withoutUnset } from "./hostingFields";
import { hostingCollection } from "./hostingCollection";

const SPAM_LEVELS = ["none", "low", "medium", "high"] as const;

const mailAccount = hostingCollection({
  kind: "zoneid:MailAccount",
  noun: "e-mail account",
  collection: "mail/account",
  wire: mailAccountWire,
  fields: {
    /** The mailbox address; its domain must be one the hosting service serves. */
    address: emailAddress,
    /** Secret. Write-only at the API: a change made elsewhere cannot be seen. */
    password,
    comment,
    /** Addresses every message is also forwarded to. */
    forwardAddresses: sortedSet(emailAddress).default([]),
    spamLevel: z.enum(SPAM_LEVELS, { error: `must be one of ${SPAM_LEVELS.join(", ")}` }).default("medium"),
    /**
     * `false` turns two-factor authentication off ("2-factor authentication state. Can only be
     * set to false from API"): it is turned on by the mailbox's owner. Managed only when set.
     */
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
export type MailAccountArgs = Inputs<z.input<typeof mailAccountArgs>>;
export const mailAccountDefinition = mailAccount.definition;

/**
 * A mailbox of a ZoneID web hosting service (`/vserver/{service}/mail/account`).
 * Changing `address` or `service` replaces it (the old mailbox is deleted
 * first); everything else, the password included, updates in place.
 */
export class MailAccount extends pulumi.dynamic.Resource {
  declare readonly service: pulumi.Output<string>;
  declare readonly address: pulumi.Output<string>;
  declare readonly password: pulumi.Output<string>;
  declare readonly comment: pulumi.Output<string>;
  declare readonly forwardAddresses: pulumi.Output<string[]>;
  declare readonly spamLevel: pulumi.Output<string>;
  /** Reported only when the program sets it. */
  declare readonly twoFactorAuth: pulumi.Output<boolean | undefined>;
  /** Mailbox size and usage in bytes. */
  declare readonly diskSize: pulumi.Output<number | null>;
  declare readonly diskUsage: pulumi.Output<number | null>;
  /** Every address delivered to this mailbox. */
  declare readonly addresses: pulumi.Output<string[]>;

  constructor(name: string, args: MailAccountArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serializableProvider(mailAccountDefinition.kind),
      name,
      withCreationTag(mailAccountDefinition.kind, name, { diskSize: undefined, diskUsage: undefined, addresses: undefined, ...args }, opts),
      withSecretOutputs(mailAccountDefinition, opts),
      "zoneid",
      "MailAccount",
    );
  }
}
