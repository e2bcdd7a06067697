import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { OperationContext, ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { DomainWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { zoneNameProblem } from "./names";
import { importByServiceName } from "./serviceImportIds";

/**
 * The settings of a domain registered at ZoneID (`GET/PUT /domain/{name}`).
 * Domains are registered and renewed through orders, not here: this resource
 * only takes over an existing domain (`adopt: true` is required) and manages
 * its settings; deleting it stops managing them and leaves them as they are.
 * `renewalNotifications` is required, so adopting never changes it by
 * default; it is written through the domain's preferences
 * (`PUT /domain/{name}/preferences`). `signingRequired` and
 * `nameserversCustom` are managed only when set.
 *
 * `autorenew` and `dnssec` are outputs only: schema `Domain` in
 * ZoneID's OpenAPI spec marks them `readOnly`, and no documented operation
 * changes them (renewal is an order, `POST /order/domain/renew`).
 */
const settingsShape = {
  domain: z
    .string({ error: "is required, e.g. example.com" })
    .superRefine((name, context) => {
      const problem = zoneNameProblem(name);
      if (problem) context.addIssue({ code: "custom", message: problem.replace(/zone/g, "domain") });
    })
    .transform(normalizeHostname),
  adopt: z.literal(true, { error: "must be true: the API cannot register domains, this resource takes over an existing one" }),
  renewalNotifications: z.boolean({ error: "must be true or false" }),
  signingRequired: z.boolean({ error: "must be true or false" }).optional(),
  nameserversCustom: z.literal(false, { error: "can only be false: ZoneID's API only turns custom name servers off" }).optional(),
};

/** Inputs of earlier versions that the API cannot set: check names them rather than calling them unknown. */
const READ_ONLY_INPUTS = ["autorenew", "dnssec"] as const;

export const domainSettingsArgs = z
  .object(settingsShape)
  .catchall(z.unknown())
  .superRefine((args, context) => {
    for (const key of Object.keys(args)) {
      if (key in settingsShape) continue;
      if ((READ_ONLY_INPUTS as readonly string[]).includes(key)) {
        context.addIssue({ code: "custom", path: [key], message: `${key} cannot be set through the API (read-only in ZoneID's spec); remove it` });
      } else {
        context.addIssue({ code: "unrecognized_keys", keys: [key], path: [], input: args });
      }
    }
  })
  .transform((args) => Object.fromEntries(Object.keys(settingsShape).filter((key) => key in args).map((key) => [key, args[key]])) as z.output<z.ZodObject<typeof settingsShape>>);

/**
 * The arguments of a `DomainSettings` (an existing domain's writable settings at
 * `/domain/{name}`); see docs/zoneid.md. Only the writable settings: the
 * schema's catch-all exists to name the read-only inputs of earlier versions
 * (`autorenew`, `dnssec`) in its refusal, not to accept them.
 */
export interface DomainSettingsArgs {
  /**
   * The domain, e.g. `"example.ee"` (lower-cased, trailing dot removed); the account
   * must already have it. Changing it replaces the resource (manages another domain;
   * neither is changed by the switch).
   */
  domain: pulumi.Input<string>;
  /**
   * Must be `true`: the API cannot register domains, so this resource only takes
   * over an existing one. Never causes a diff.
   */
  adopt: pulumi.Input<true>;
  /**
   * E-mail reminders before expiry. Required, so taking over never changes it by
   * default. Changes in place.
   */
  renewalNotifications: pulumi.Input<boolean>;
  /**
   * The registry requires DNSSEC signing for the domain (schema Domain
   * `signing_required`). Unset (default): not managed, left as it is. Changes in place.
   */
  signingRequired?: pulumi.Input<boolean>;
  /**
   * Only `false`, which moves the domain back from custom name servers to ZoneID's
   * ("If domain uses custom nameservers, only false allowed"). Unset (default): not
   * managed, left as it is. Changes in place.
   */
  nameserversCustom?: pulumi.Input<false>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DomainSettingsArgs, z.ZodObject<typeof settingsShape>>>;
type DomainSettingsInputs = z.output<z.ZodObject<typeof settingsShape>>;

export const domainSettingsState = stateSchema({
  /** The domain, lower-cased. */
  domain: z.string(),
  /** Whether the domain renews itself. Read-only: renewal is ordered (`POST /order/domain/renew`), not set. */
  autorenew: z.boolean(),
  /** Whether renewal reminders are mailed. */
  renewalNotifications: z.boolean(),
  /** Whether the domain is DNSSEC-signed. Read-only in ZoneID's API. */
  dnssec: z.boolean(),
  /** Reported only when the program sets it (undefined otherwise). */
  signingRequired: z.boolean().optional(),
  /** Reported only when the program sets it (undefined otherwise). */
  nameserversCustom: z.boolean().optional(),
  /** When the registration expires, as ZoneID reports it; null when ZoneID's answer omits it. */
  expires: z.string().nullable(),
  /** Whether a DNSSEC change is still being applied by the registry (asynchronously). */
  dnssecPending: z.boolean(),
});
export type DomainSettingsState = z.infer<typeof domainSettingsState>;

export function domainSettingsFromWire(wire: DomainWire): Required<DomainSettingsState> {
  return {
    domain: normalizeHostname(wire.name),
    autorenew: wire.autorenew,
    renewalNotifications: wire.renewal_notifications,
    dnssec: wire.dnssec,
    signingRequired: wire.signing_required,
    nameserversCustom: wire.nameservers_custom,
    expires: wire.expires,
    dnssecPending: wire.has_pending_dnssec,
  };
}

/**
 * The resource's state: the optional settings only where the program manages
 * them (an unmanaged one in state would differ from the absent input on every preview).
 */
function stateOf(wire: DomainWire, managed: Partial<Record<"signingRequired" | "nameserversCustom", unknown>>): DomainSettingsState {
  const { signingRequired, nameserversCustom, ...state } = domainSettingsFromWire(wire);
  return {
    ...state,
    ...(managed.signingRequired !== undefined && managed.signingRequired !== null ? { signingRequired } : {}),
    ...(managed.nameserversCustom !== undefined && managed.nameserversCustom !== null ? { nameserversCustom } : {}),
  };
}

async function apply(inputs: DomainSettingsInputs, context: OperationContext): Promise<DomainSettingsState> {
  const client = zoneidClient(context.settings, context);
  const current = await client.getDomain(inputs.domain);
  if (!current) throw new Error(`zoneid:DomainSettings: the ZoneID account has no domain ${inputs.domain} (register or transfer it at Zone.eu first)`);
  // Only the fields schema Domain leaves writable; autorenew and dnssec are readOnly there.
  const changes: Record<string, boolean> = {};
  if (inputs.signingRequired !== undefined && current.signing_required !== inputs.signingRequired) changes.signing_required = inputs.signingRequired;
  if (inputs.nameserversCustom !== undefined && current.nameservers_custom !== inputs.nameserversCustom) changes.nameservers_custom = inputs.nameserversCustom;
  // "Don't update resources that are not modified" (ZoneID API v2 documentation): PUT only the differences.
  let domain = Object.keys(changes).length === 0 ? current : await client.updateDomain(inputs.domain, changes);
  // Renewal reminders are a domain preference: "Update domain preferences" (`PUT /domain/{name}/preferences`) is the operation for them.
  if (domain.renewal_notifications !== inputs.renewalNotifications) {
    const preferences = await client.updateDomainPreferences(inputs.domain, { renewal_notifications: inputs.renewalNotifications });
    domain = { ...domain, renewal_notifications: preferences.renewal_notifications };
  }
  return stateOf(domain, inputs);
}

export const domainSettingsDefinition: ResourceDefinition<DomainSettingsInputs, typeof domainSettingsState> = {
  kind: "zoneid:DomainSettings",
  inputs: domainSettingsArgs,
  state: domainSettingsState,
  // The domain exists already: this kind only changes its settings.
  createsObjects: false,
  replaceOnChanges: ["domain"],
  ignoreChanges: ["adopt"],
  /**
   * `domain`: the domain's name, e.g. `example.ee` (the resource's id). An
   * import takes the domain over as `adopt: true` does; `signingRequired` is
   * imported when the registry requires signing, `nameserversCustom` (an
   * action: back to ZoneID's name servers) never.
   */
  importId: importByServiceName("domain", "domain", "example.ee", { adopt: true }),

  async create(inputs, context) {
    return { id: inputs.domain, state: await apply(inputs, context) };
  },

  async read(id, state, context) {
    const domain = await zoneidClient(context.settings, context).getDomain(id);
    if (!domain) return undefined;
    // Every stored state has renewalNotifications but an import's.
    const imported = state.renewalNotifications === undefined;
    return stateOf(domain, imported ? { signingRequired: domain.signing_required || undefined } : state);
  },

  async update(_id, _olds, news, context) {
    return apply(news, context);
  },

  async delete() {
    // The domain stays registered with its settings: deleting the resource only stops managing them.
  },
};

/** Renewal reminders, DNSSEC signing requirement and custom name servers of an existing ZoneID domain; autorenew and DNSSEC are reported. */
export class DomainSettings extends resourceClass<DomainSettingsArgs>()(domainSettingsDefinition) {}
