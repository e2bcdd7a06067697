import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { gigahostClient } from "../../provider/gigahost/client";
import { AsnWire } from "../../provider/gigahost/wire";
import { claimObject } from "../../provider/identity";
import { writeReconciled } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert } from "../types";
import { asnImportId } from "./importIds";

/** Private, documentation and reserved ranges (RFC 6996, RFC 5398, RFC 7300, RFC 6793): never announced publicly. */
export function asnProblem(asn: number): string | undefined {
  if (!Number.isInteger(asn) || asn < 1 || asn > 4_294_967_294) return "must be an AS number between 1 and 4294967294";
  if (asn === 23456) return "AS23456 is AS_TRANS (RFC 6793), not a real AS number";
  if ((asn >= 64496 && asn <= 64511) || (asn >= 65536 && asn <= 65551)) return `AS${asn} is reserved for documentation (RFC 5398)`;
  if ((asn >= 64512 && asn <= 65534) || asn >= 4_200_000_000) return `AS${asn} is a private AS number (RFC 6996); Gigahost peers with public ones`;
  if (asn === 65535) return "AS65535 is reserved (RFC 7300)";
  return undefined;
}

export const bgpAsnArgs = z
  .object({
    asn: z
      .union([z.number(), z.string()], { error: 'must be an AS number such as "AS212345" or 212345' })
      .transform((value, context) => {
        const match = /^(?:AS)?(\d{1,10})$/i.exec(String(value).trim());
        if (!match) {
          context.addIssue({ code: "custom", message: `"${value}" is not an AS number; write it like "AS212345" or 212345` });
          return z.NEVER;
        }
        const asn = Number(match[1]);
        const problem = asnProblem(asn);
        if (problem) {
          context.addIssue({ code: "custom", message: problem });
          return z.NEVER;
        }
        return asn;
      }),
    adopt: z.boolean().default(false),
  })
  .strict();

/** The arguments of a `BgpAsn`; see docs/gigahost.md, "BgpAsn (Gigahost)". */
export interface BgpAsnArgs {
  /**
   * The AS number to submit for verification: `"AS212345"`, `"212345"` or
   * `212345`, normalized to the number. Private, reserved and documentation
   * ASNs are refused. Changing it replaces the resource (a new ASN is
   * submitted; the old one stays at Gigahost, which has no API to delete one).
   */
  asn: pulumi.Input<number | string>;
  /**
   * Take over this ASN when the account already has it, instead of failing;
   * default false. Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<BgpAsnArgs, typeof bgpAsnArgs>>;
type AsnInputs = z.output<typeof bgpAsnArgs>;

export const asnState = stateSchema({
  /** The database id a `BgpSession` needs (not the AS number). */
  asnId: z.string(),
  /** The AS number, e.g. `64500`. */
  asn: z.number(),
  /** `"pending"` (awaiting verification), `"active"` or `"rejected"`. */
  status: z.string(),
  /** Why Gigahost rejected the ASN; null unless `status` is `"rejected"`. */
  rejectedReason: z.string().nullable(),
  /** The AS name Gigahost found for the number; null until it reports one. */
  asnName: z.string().nullable(),
  /** The AS's country; null until Gigahost reports one. */
  country: z.string().nullable(),
});
export type AsnState = z.infer<typeof asnState>;

export function asnFromWire(wire: AsnWire): AsnState {
  return {
    asnId: wire.id,
    asn: Number(wire.asn.replace(/^AS/i, "")),
    status: wire.status,
    rejectedReason: wire.rejected_reason || null,
    asnName: wire.asn_name,
    country: wire.asn_country,
  };
}

export const bgpAsnDefinition: ResourceDefinition<AsnInputs, typeof asnState> = {
  kind: "gigahost:BgpAsn",
  inputs: bgpAsnArgs,
  state: asnState,
  replaceOnChanges: ["asn"],
  ignoreChanges: ["adopt"],
  /** `asnId`, e.g. `1`: the database id GET /bgp lists (not the AS number). Read gives back `asn`. */
  importId: asnImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const find = async () => (await client.bgp.overview()).asn.find((asn) => asnFromWire(asn).asn === inputs.asn);
    if (context.creationTag) claimObject(`gigahost:asn:${inputs.asn}`, context.creationTag, `gigahost:BgpAsn AS${inputs.asn}`);
    const existing = await find();
    if (existing) {
      // An ASN carries nothing of ours, and one pending verification may be somebody's submission by hand.
      if (!inputs.adopt) {
        throw new Error(
          `gigahost:BgpAsn AS${inputs.asn} is already in the account (id ${existing.id}). Set \`adopt: true\` to manage it ` +
            "(e.g. when an earlier `pulumi up` was interrupted after submitting it).",
        );
      }
      return { id: existing.id, state: asnFromWire(existing) };
    }
    // The vendor's refusals (invalid, three-ASN limit, already exists elsewhere) surface verbatim.
    const created = await writeReconciled({
      attempt: () => client.bgp.submitAsn(inputs.asn),
      find,
      description: `submitting AS${inputs.asn}`,
      clock: context.clock,
      logger: context.logger,
    });
    context.logger.info(`gigahost:BgpAsn AS${inputs.asn} submitted; Gigahost emails verification instructions and activates it after review`);
    return { id: created.id, state: asnFromWire(created) };
  },

  async read(id, _state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const asn = (await client.bgp.overview()).asn.find((candidate) => candidate.id === id);
    return asn && asnFromWire(asn);
  },

  async update(id, olds, _news, context) {
    // `asn` replaces and `adopt` is ignored: nothing to send.
    return (await bgpAsnDefinition.read(id, olds, context)) ?? olds;
  },

  async delete(id, state, context) {
    // Gigahost has no API to remove an ASN (docs/gigahost.md, "BgpAsn (Gigahost)").
    context.logger.warn(
      `gigahost:BgpAsn AS${state.asn} (id ${id}) was removed from the stack only: Gigahost has no API to delete an ASN. ` +
        "Ask Gigahost support to remove it (it counts towards the limit of three ASNs).",
    );
  },
};

/**
 * An AS number submitted to Gigahost for BGP. Verification is manual: the
 * `status` output moves from pending to active (or rejected, with
 * `rejectedReason`) on a later refresh. Delete only removes it from the stack.
 */
export class BgpAsn extends resourceClass<BgpAsnArgs>()(bgpAsnDefinition) {}
