import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { OperationContext, ResourceDefinition } from "../../provider/dynamic";
import { writeReconciled } from "../../provider/reconcile";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { DomainRenewalWire } from "../../provider/zoneid/extrasWire";
import { ArgsMatchSchema, Assert } from "../types";
import { zoneNameProblem } from "./names";

/**
 * One renewal of a domain's registration ("Renew or reactivate a domain",
 * `POST /order/domain/renew`). The renewal is named by the expiry date it
 * renews (`expires`): it is ordered only while the domain still expires on
 * that date, so it happens once, whatever happens to the provider process:
 * an interrupted create's order is found as the domain's pending
 * `renew_order`, and once the registry has applied it the expiry has moved
 * and nothing is ordered again. An order names no domain (schema Order), so
 * the expiry is what tells a renewal apart. The next renewal is a new
 * `expires` (or a new resource).
 */
const renewalShape = {
  domain: z
    .string({ error: "is required, e.g. example.ee" })
    .superRefine((name, context) => {
      const problem = zoneNameProblem(name);
      if (problem) context.addIssue({ code: "custom", message: problem.replace(/zone/g, "domain") });
    })
    .transform(normalizeHostname),
  period: z
    .number({ error: "must be a whole number of years, as getDomainOptions lists them" })
    .int("must be a whole number of years, as getDomainOptions lists them")
    .min(1, "must be at least 1 year")
    .max(10, "must be at most 10 years"),
  expires: z
    .string({ error: "is required: the expiry date this renewal renews, YYYY-MM-DD (getDomains reports it)" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD: the expiry date this renewal renews")
    .refine((date) => !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), "is not a calendar date"),
};

export const domainRenewalArgs = z.object(renewalShape).strict();
type DomainRenewalInputs = z.output<typeof domainRenewalArgs>;

/** The arguments of a `DomainRenewal`; see docs/zoneid.md. Every input replaces: each change is another renewal. */
export interface DomainRenewalArgs {
  /** The domain to renew, e.g. `"example.ee"` (lower-cased, trailing dot removed); the account must have it. Changing it replaces the renewal. */
  domain: pulumi.Input<string>;
  /** How many years to renew for, a period `getDomainOptions` lists (1–10). Changing it replaces the renewal. */
  period: pulumi.Input<number>;
  /**
   * The expiry date this renewal renews, `YYYY-MM-DD` (e.g. `"2027-06-30"`, as
   * `getDomains` reports `expires`). Nothing is ordered once the domain expires
   * later (it was renewed already); a date after the domain's expiry is refused.
   * Changing it (to the new expiry) orders the next renewal.
   */
  expires: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DomainRenewalArgs, typeof domainRenewalArgs>>;

export const domainRenewalState = stateSchema({
  /** The domain, lower-cased. */
  domain: z.string(),
  /** The renewal period in years. */
  period: z.number(),
  /** The expiry date this renewal renews. */
  expires: z.string(),
  /** The renewal order's identificator; null when the domain was found already renewed past `expires` (nothing ordered). */
  orderId: z.string().nullable(),
  /** Whether the order is still pending (the domain's `renew_order` names it). */
  pending: z.boolean(),
  /** When the registration expires now, as ZoneID reports it. */
  expiresNow: z.string().nullable(),
});
type DomainRenewalState = z.infer<typeof domainRenewalState>;

const dateOf = (expires: string | null) => expires?.slice(0, 10) ?? null;

/** Whether an order's `errors` counts failed rows: null (none), "" and "0" do not. */
const failedRows = (errors: string | null) => errors !== null && errors.trim() !== "" && Number(errors) !== 0;

function stateOf(inputs: DomainRenewalInputs, orderId: string | null, domain: DomainRenewalWire): DomainRenewalState {
  return { ...inputs, orderId, pending: orderId !== null && domain.renew_order === orderId, expiresNow: domain.expires };
}

async function renew(inputs: DomainRenewalInputs, context: OperationContext): Promise<DomainRenewalState> {
  const client = zoneidClient(context.settings, context);
  const look = async () => {
    const domain = await client.getDomainRenewal(inputs.domain);
    if (!domain) throw new Error(`zoneid:DomainRenewal: the ZoneID account has no domain ${inputs.domain}`);
    return domain;
  };
  const domain = await look();
  // A pending order: an interrupted create's, or one placed elsewhere; a second would renew twice.
  if (domain.renew_order) {
    context.logger.info(`zoneid:DomainRenewal ${inputs.domain}: renewal order ${domain.renew_order} is pending; continuing with it`);
    return stateOf(inputs, domain.renew_order, domain);
  }
  const current = dateOf(domain.expires);
  if (current !== inputs.expires) {
    if (current !== null && current > inputs.expires) {
      context.logger.info(`zoneid:DomainRenewal ${inputs.domain}: the domain expires ${current}, after ${inputs.expires}: already renewed, nothing ordered`);
      return stateOf(inputs, null, domain);
    }
    throw new Error(`zoneid:DomainRenewal: expires: the domain ${inputs.domain} expires ${current ?? "(ZoneID gives no date)"}, not ${inputs.expires}; set \`expires\` to the date it expires`);
  }
  const order = await writeReconciled<{ identificator: string | null }>({
    attempt: async () => {
      const placed = await client.renewDomain(inputs.domain, inputs.period);
      // Schema Order: `errors` is the "Number of failed rows. null when none"; the one row is this renewal.
      if (failedRows(placed.errors)) {
        throw new Error(
          `zoneid:DomainRenewal: ZoneID did not renew domain ${inputs.domain} for period ${inputs.period} year(s): order ${placed.identificator} reports ${placed.errors} failed row(s); ` +
            "check that `period` is one getDomainOptions lists and that the domain is renewable",
        );
      }
      return placed;
    },
    // A write without an answer was applied when the domain has a pending order or its expiry moved.
    find: async () => {
      const found = await look();
      if (found.renew_order) return { identificator: found.renew_order };
      return dateOf(found.expires) !== inputs.expires ? { identificator: null } : undefined;
    },
    description: `renewing domain ${inputs.domain} for ${inputs.period} year(s)`,
    clock: context.clock,
    logger: context.logger,
  });
  const after = await look();
  return stateOf(inputs, order.identificator, after);
}

export const domainRenewalDefinition: ResourceDefinition<DomainRenewalInputs, typeof domainRenewalState> = {
  kind: "zoneid:DomainRenewal",
  inputs: domainRenewalArgs,
  state: domainRenewalState,
  // Each change is another renewal.
  replaceOnChanges: ["domain", "period", "expires"],
  // A domain has one pending renewal order: a replacement created first would
  // take the old resource's pending order as its own, and the old one's delete
  // would then cancel it. The old order is cancelled first, then the new one placed.
  deleteBeforeReplace: true,
  // Schema Order has no domain, period or expiry: nothing at ZoneID says which renewal an order was.
  notImportable:
    "it orders a one-off renewal of a domain (POST /order/domain/renew): ZoneID keeps no renewal object to import, and an order " +
    "names neither the domain, the period nor the expiry it renewed. Declare a DomainRenewal with the domain's current `expires` to order the next renewal.",

  async create(inputs, context) {
    return { id: `${inputs.domain}/${inputs.expires}`, state: await renew(inputs, context) };
  },

  async read(_id, state, context) {
    const client = zoneidClient(context.settings, context);
    const domain = await client.getDomainRenewal(state.domain);
    if (!domain) return undefined;
    // A cancelled order is gone: the renewal did not happen.
    if (state.orderId !== null && !(await client.getDomainOrder(state.orderId))) return undefined;
    return stateOf({ domain: state.domain, period: state.period, expires: state.expires }, state.orderId, domain);
  },

  async update() {
    throw new Error("zoneid:DomainRenewal has no in-place changes: every input replaces it");
  },

  async delete(_id, state, context) {
    // A pending order is cancelled; an applied renewal cannot be undone, so it is left.
    if (state.orderId === null) return;
    const client = zoneidClient(context.settings, context);
    const domain = await client.getDomainRenewal(state.domain);
    if (domain?.renew_order === state.orderId) await client.cancelDomainOrder(state.orderId);
  },
};

/**
 * One renewal of a ZoneID domain (`POST /order/domain/renew`), ordered once
 * while the domain still expires on `expires`; deleting it cancels the order
 * while it is pending.
 */
export class DomainRenewal extends resourceClass<DomainRenewalArgs>()(domainRenewalDefinition) {}
