import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { OperationContext, ResourceDefinition, serializableProvider } from "../../provider/dynamic";
import { zoneidClient } from "../../provider/zoneid/client";
import { DomainWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { zoneNameProblem } from "./names";

/**
 * The settings of a domain registered at ZoneID (`GET/PUT /domain/{name}`).
 * Domains are registered and renewed through orders, not here: this resource
 * only takes over an existing domain (`adopt: true` is required) and manages
 * its settings; deleting it stops managing them and leaves them as they are.
 * Every setting is required, so adopting never changes one by default.
 */
export const domainSettingsArgs = z
  .object({
    domain: z
      .string({ error: "is required, e.g. example.com" })
      .superRefine((name, context) => {
        const problem = zoneNameProblem(name);
        if (problem) context.addIssue({ code: "custom", message: problem.replace(/zone/g, "domain") });
      })
      .transform(normalizeHostname),
    adopt: z.literal(true, { error: "must be true: the API cannot register domains, this resource takes over an existing one" }),
    /** Renew automatically before expiry. */
    autorenew: z.boolean({ error: "must be true or false" }),
    /** E-mail reminders before expiry. */
    renewalNotifications: z.boolean({ error: "must be true or false" }),
    /** Sign the domain with DNSSEC (the registry applies a change asynchronously: see `dnssecPending`). */
    dnssec: z.boolean({ error: "must be true or false" }),
  })
  .strict();

export type DomainSettingsArgs = Inputs<z.input<typeof domainSettingsArgs>>;
type DomainSettingsInputs = z.output<typeof domainSettingsArgs>;

export interface DomainSettingsState extends Record<string, unknown> {
  domain: string;
  autorenew: boolean;
  renewalNotifications: boolean;
  dnssec: boolean;
  expires: string | null;
  dnssecPending: boolean;
}

export function domainSettingsFromWire(wire: DomainWire): DomainSettingsState {
  return {
    domain: normalizeHostname(wire.name),
    autorenew: wire.autorenew,
    renewalNotifications: wire.renewal_notifications,
    dnssec: wire.dnssec,
    expires: wire.expires,
    dnssecPending: wire.has_pending_dnssec,
  };
}

async function apply(inputs: DomainSettingsInputs, context: OperationContext): Promise<DomainSettingsState> {
  const client = zoneidClient(context.settings, context);
  const current = await client.getDomain(inputs.domain);
  if (!current) throw new Error(`zoneid:DomainSettings: the ZoneID account has no domain ${inputs.domain} (register or transfer it at Zone.eu first)`);
  const changes: Record<string, boolean> = {};
  if (current.autorenew !== inputs.autorenew) changes.autorenew = inputs.autorenew;
  if (current.renewal_notifications !== inputs.renewalNotifications) changes.renewal_notifications = inputs.renewalNotifications;
  if (current.dnssec !== inputs.dnssec) changes.dnssec = inputs.dnssec;
  // "Don't update resources that are not modified" (zoneid-api-v2.txt): PUT only the differences.
  if (Object.keys(changes).length === 0) return domainSettingsFromWire(current);
  return domainSettingsFromWire(await client.updateDomain(inputs.domain, changes));
}

export const domainSettingsDefinition: ResourceDefinition<DomainSettingsInputs, DomainSettingsState> = {
  kind: "zoneid:DomainSettings",
  inputs: domainSettingsArgs,
  replaceOnChanges: ["domain"],
  ignoreChanges: ["adopt"],

  async create(inputs, context) {
    return { id: inputs.domain, state: await apply(inputs, context) };
  },

  async read(id, _state, context) {
    const domain = await zoneidClient(context.settings, context).getDomain(id);
    return domain ? domainSettingsFromWire(domain) : undefined;
  },

  async update(_id, _olds, news, context) {
    return apply(news, context);
  },

  async delete() {
    // The domain stays registered with its settings: deleting the resource only stops managing them.
  },
};

/** Autorenew, renewal reminders and DNSSEC of an existing ZoneID domain. */
export class DomainSettings extends pulumi.dynamic.Resource {
  declare readonly domain: pulumi.Output<string>;
  declare readonly autorenew: pulumi.Output<boolean>;
  declare readonly renewalNotifications: pulumi.Output<boolean>;
  declare readonly dnssec: pulumi.Output<boolean>;
  declare readonly expires: pulumi.Output<string | null>;
  declare readonly dnssecPending: pulumi.Output<boolean>;

  constructor(name: string, args: DomainSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(serializableProvider(domainSettingsDefinition.kind), name, { expires: undefined, dnssecPending: undefined, ...args }, opts, "zoneid", "DomainSettings");
  }
}
