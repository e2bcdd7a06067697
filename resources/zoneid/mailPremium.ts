import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { ArgsMatchSchema, Assert } from "../types";
import { commonShape } from "./hostingCollection";
import { emailAddress } from "./hostingFields";
import { importByNamedParts, inputPart, isImportRead, servicePart } from "./importIds";

/**
 * The premium package of a mail account (`GET/PUT
 * /vserver/{service}/mail/account/{address}/premium`, schema
 * MailAccountPremium). A resource of its own, like MailAutoreply: it is a
 * paid add-on bought for a mailbox that may be managed elsewhere. The status
 * exists with the account: create and update `PUT` the package; delete
 * turns premium off (`package: "none"`, the document's "Turn on/off"), which
 * stops its billing and gives the mailbox back its basic size.
 */
const premiumShape = {
  service: commonShape.service,
  address: emailAddress,
  package: z
    .string({ error: "is required: a package handle from getMailPremium's `available`" })
    .trim()
    .min(1, "must not be empty: a package handle from getMailPremium's `available`")
    .refine((handle) => handle !== "none", "cannot be \"none\": delete the resource to turn premium off"),
};
export const mailPremiumArgs = z.object(premiumShape).strict();
type MailPremiumInputs = z.output<typeof mailPremiumArgs>;

/** The arguments of a `MailPremium`; see docs/zoneid.md. */
export interface MailPremiumArgs {
  /** The web hosting service the mail account belongs to, e.g. `"example.com"`. Changing it replaces the resource. */
  service: pulumi.Input<string>;
  /** The mail account's address, e.g. `"info@example.com"` (lower-cased). Changing it replaces the resource. */
  address: pulumi.Input<string>;
  /**
   * The premium package's handle, one of `getMailPremium({ service, address }).available`
   * (`OPTIONS …/premium`); ZoneID refuses others, naming `package`. Changes in place.
   */
  package: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<MailPremiumArgs, typeof mailPremiumArgs>>;

export const mailPremiumState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The mail account's address. */
  address: z.string(),
  /** The package the account has (`"none"` when premium was turned off elsewhere). */
  package: z.string(),
  /** The mailbox size the package allows, in bytes; null when ZoneID's answer omits it. */
  diskSize: z.number().nullable(),
  /** Price per month, excluding VAT; null when ZoneID's answer omits it. */
  priceMonth: z.number().nullable(),
  /** Price per year, excluding VAT; null when ZoneID's answer omits it. */
  priceYear: z.number().nullable(),
});
type MailPremiumState = z.output<typeof mailPremiumState>;
type PremiumWire = NonNullable<Awaited<ReturnType<ReturnType<typeof zoneidClient>["getMailPremium"]>>>;

const stateOf = (inputs: { service: string; address: string }, wire: PremiumWire): MailPremiumState => ({
  service: inputs.service,
  address: inputs.address,
  package: wire.package,
  diskSize: wire.disk_size,
  priceMonth: wire.price_month,
  priceYear: wire.price_year,
});

async function apply(inputs: MailPremiumInputs, context: OperationContext): Promise<MailPremiumState> {
  const client = zoneidClient(context.settings, context);
  const current = await client.getMailPremium(inputs.service, inputs.address);
  if (!current) throw new Error(`zoneid:MailPremium: web hosting ${inputs.service} has no mail account ${inputs.address} (create the account first)`);
  if (current.package === inputs.package) return stateOf(inputs, current);
  // The PUT may answer 204 without the status: it is read again.
  await client.setMailPremium(inputs.service, inputs.address, inputs.package);
  const after = await client.getMailPremium(inputs.service, inputs.address);
  if (!after) throw new Error(`zoneid:MailPremium: mail account ${inputs.address} of web hosting ${inputs.service} disappeared while its package was set`);
  return stateOf(inputs, after);
}

export const mailPremiumDefinition: ResourceDefinition<MailPremiumInputs, typeof mailPremiumState> = {
  kind: "zoneid:MailPremium",
  inputs: mailPremiumArgs,
  state: mailPremiumState,
  // The status exists with the account: create is a PUT, safe to repeat after a crash.
  createsObjects: false,
  replaceOnChanges: ["service", "address"],
  /**
   * `service/address`, e.g. `example.com/info@example.com`: the web hosting
   * service and the mail account's address (the resource's id). An account
   * without a premium package (`"none"`) has nothing to import: it reads as gone.
   */
  importId: importByNamedParts([servicePart, inputPart("address", premiumShape.address)], "example.com/info@example.com", ([service, address]) => ({
    id: `${service}/${address}`,
    state: { service, address },
  })),

  async create(inputs, context) {
    return { id: `${inputs.service}/${inputs.address}`, state: await apply(inputs, context) };
  },

  async read(_id, state, context) {
    const wire = await zoneidClient(context.settings, context).getMailPremium(state.service, state.address);
    if (!wire) return undefined;
    // "none" is no package: nothing to import (`package` cannot be "none"). A refresh reports it, and the next `up` sets the package again.
    if (wire.package === "none" && isImportRead(state, "package")) return undefined;
    return stateOf(state, wire);
  },

  async update(_id, _olds, news, context) {
    return apply(news, context);
  },

  async delete(_id, state, context) {
    const client = zoneidClient(context.settings, context);
    const current = await client.getMailPremium(state.service, state.address);
    // An account already gone, or premium already off, leaves nothing to turn off.
    if (!current || current.package === "none") return;
    await client.setMailPremium(state.service, state.address, "none");
  },
};

/**
 * The premium package of a ZoneID mail account (`…/mail/account/{address}/premium`);
 * delete turns premium off.
 */
export class MailPremium extends resourceClass<MailPremiumArgs>()(mailPremiumDefinition) {}
