import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { ArgsMatchSchema, Assert } from "../types";
import { commonShape } from "./hostingCollection";
import { emailAddress, withoutUnset } from "./hostingFields";
import { importByNamedParts, inputPart, isImportRead, servicePart } from "./importIds";

const MAILBOX_TYPES = ["account", "forwarder"] as const;
type MailboxType = (typeof MAILBOX_TYPES)[number];

/** "yyyy-mm-dd" (schema MailAccountAutoreply, format date), a real calendar date. */
const calendarDate = z
  .string({ error: "must be a date, yyyy-mm-dd" })
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    error: (issue) => `"${issue.input}" is not a date of the form yyyy-mm-dd`,
  });

/**
 * The autoreply (vacation message) of a mail account or forwarder
 * (`GET/PUT /vserver/{service}/mail/{account|forwarder}/{address}/autoreply`,
 * schema MailAccountAutoreply). A resource of its own rather than inputs of
 * MailAccount/MailForwarder: it is set and cleared on its own schedule
 * (holidays), often by someone other than who owns the mailbox, and a mailbox
 * created outside Pulumi can have one. The autoreply exists with its mailbox:
 * create and update `PUT` the inputs; delete turns it off (`is_enabled:
 * false`), leaving the texts.
 */
const autoreplyShape = {
  service: commonShape.service,
  address: emailAddress,
  mailboxType: z.enum(MAILBOX_TYPES, { error: `must be one of ${MAILBOX_TYPES.join(", ")}` }).default("account"),
  enabled: z.boolean({ error: "must be true or false" }).default(true),
  fromName: z.string({ error: "must be text" }).default(""),
  subject: z.string({ error: "must be text" }).default(""),
  body: z.string({ error: "must be text" }).default(""),
  startDate: calendarDate.optional(),
  endDate: calendarDate.optional(),
};
export const mailAutoreplyArgs = z
  .object(autoreplyShape)
  .strict()
  .superRefine((args, context) => {
    if (args.startDate && args.endDate && args.endDate < args.startDate) {
      context.addIssue({ code: "custom", path: ["endDate"], message: `${args.endDate} is before startDate ${args.startDate}` });
    }
  });
type MailAutoreplyInputs = z.output<typeof mailAutoreplyArgs>;

/** The arguments of a `MailAutoreply`; see docs/zoneid.md. */
export interface MailAutoreplyArgs {
  /** The web hosting service the mailbox belongs to, e.g. `"example.com"`. Changing it replaces the resource. */
  service: pulumi.Input<string>;
  /** The mailbox's address, e.g. `"info@example.com"` (lower-cased). Changing it replaces the resource. */
  address: pulumi.Input<string>;
  /** `"account"` (a `MailAccount`, default) or `"forwarder"` (a `MailForwarder`). Changing it replaces the resource. */
  mailboxType?: pulumi.Input<MailboxType>;
  /** Whether the autoreply is sent (default true). Changes in place. */
  enabled?: pulumi.Input<boolean>;
  /** The sender name of the reply (default `""`). Changes in place. */
  fromName?: pulumi.Input<string>;
  /** The reply's subject (default `""`). Changes in place. */
  subject?: pulumi.Input<string>;
  /** The reply's text (default `""`). Changes in place. */
  body?: pulumi.Input<string>;
  /** First day replies are sent, `yyyy-mm-dd`. Unset (default): not managed. Changes in place. */
  startDate?: pulumi.Input<string>;
  /** Last day replies are sent, `yyyy-mm-dd`, not before `startDate`. Unset (default): not managed. Changes in place. */
  endDate?: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<MailAutoreplyArgs, z.ZodObject<typeof autoreplyShape>>>;

export const mailAutoreplyState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The mailbox's address. */
  address: z.string(),
  /** `"account"` or `"forwarder"`. */
  mailboxType: z.string(),
  /** Whether the autoreply is sent. */
  enabled: z.boolean(),
  /** The sender name of the reply. */
  fromName: z.string(),
  /** The reply's subject. */
  subject: z.string(),
  /** The reply's text. */
  body: z.string(),
  /** Reported only when the program sets it (undefined otherwise). */
  startDate: z.string().nullable().optional(),
  /** Reported only when the program sets it (undefined otherwise). */
  endDate: z.string().nullable().optional(),
});
type MailAutoreplyState = z.output<typeof mailAutoreplyState>;

type AutoreplyWire = NonNullable<Awaited<ReturnType<ReturnType<typeof zoneidClient>["getAutoreply"]>>>;

function stateOf(target: { service: string; address: string; mailboxType: string }, wire: AutoreplyWire, managed: Partial<MailAutoreplyState>): MailAutoreplyState {
  return {
    service: target.service,
    address: target.address,
    mailboxType: target.mailboxType,
    enabled: wire.is_enabled,
    fromName: wire.fromname,
    subject: wire.subject,
    body: wire.body,
    // Dates are managed only when set: the schema's date fields take no null, so an unset one is left as it is.
    ...(managed.startDate ? { startDate: wire.datestart } : {}),
    ...(managed.endDate ? { endDate: wire.dateend } : {}),
  };
}

const mailboxGone = (inputs: { service: string; address: string; mailboxType: string }) =>
  new Error(`zoneid:MailAutoreply: web hosting ${inputs.service} has no mail ${inputs.mailboxType} ${inputs.address} (create the mailbox first)`);

async function apply(inputs: MailAutoreplyInputs, context: OperationContext): Promise<MailAutoreplyState> {
  const client = zoneidClient(context.settings, context);
  const body = withoutUnset({
    is_enabled: inputs.enabled,
    fromname: inputs.fromName,
    subject: inputs.subject,
    body: inputs.body,
    datestart: inputs.startDate,
    dateend: inputs.endDate,
  });
  const current = await client.getAutoreply(inputs.service, inputs.mailboxType, inputs.address);
  if (!current) throw mailboxGone(inputs);
  return stateOf(inputs, await client.updateAutoreply(inputs.service, inputs.mailboxType, inputs.address, body), inputs);
}

export const mailAutoreplyDefinition: ResourceDefinition<MailAutoreplyInputs, typeof mailAutoreplyState> = {
  kind: "zoneid:MailAutoreply",
  inputs: mailAutoreplyArgs,
  state: mailAutoreplyState,
  // The autoreply exists with its mailbox: create is a PUT, safe to repeat after a crash.
  createsObjects: false,
  replaceOnChanges: ["service", "address", "mailboxType"],
  inputForField: (field) => ({ is_enabled: "enabled", fromname: "fromName", datestart: "startDate", dateend: "endDate" })[field] ?? field,
  /**
   * `service/mailboxType/address`, e.g. `example.com/account/info@example.com`:
   * the web hosting service, `account` or `forwarder`, and the mailbox's
   * address (the autoreply's path at ZoneID, and the resource's id). Every
   * input is read back; the dates where ZoneID has them.
   */
  importId: importByNamedParts(
    [servicePart, inputPart("mailboxType", autoreplyShape.mailboxType), inputPart("address", autoreplyShape.address)],
    "example.com/account/info@example.com",
    ([service, mailboxType, address]) => ({ id: `${service}/${mailboxType}/${address}`, state: { service, mailboxType, address } }),
  ),

  async create(inputs, context) {
    return { id: `${inputs.service}/${inputs.mailboxType}/${inputs.address}`, state: await apply(inputs, context) };
  },

  async read(_id, state, context) {
    const wire = await zoneidClient(context.settings, context).getAutoreply(state.service, state.mailboxType as MailboxType, state.address);
    if (!wire) return undefined;
    // An import manages the dates ZoneID has, as a program that set them would; any other read, the dates its inputs set.
    const managed = isImportRead(state, "enabled") ? { startDate: wire.datestart, endDate: wire.dateend } : state;
    return stateOf(state, wire, managed);
  },

  async update(_id, _olds, news, context) {
    return apply(news, context);
  },

  async delete(_id, state, context) {
    const client = zoneidClient(context.settings, context);
    const target = state.mailboxType as MailboxType;
    // Turned off, texts kept; a mailbox already gone has no autoreply left to turn off.
    if (!(await client.getAutoreply(state.service, target, state.address))) return;
    await client.updateAutoreply(state.service, target, state.address, { is_enabled: false });
  },
};

/**
 * The autoreply (vacation message) of a ZoneID mail account or forwarder
 * (`/vserver/{service}/mail/{account|forwarder}/{address}/autoreply`); delete turns it off.
 */
export class MailAutoreply extends resourceClass<MailAutoreplyArgs>()(mailAutoreplyDefinition) {}
