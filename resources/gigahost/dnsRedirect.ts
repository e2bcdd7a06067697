import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { unlessGone } from "../../provider/errors";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { claimObject } from "../../provider/identity";
import { createOnce } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert } from "../types";
import { asciiName } from "../../provider/dns";
import { refuseFullNameInZone } from "./relativeName";
import { vendorId } from "../vendorId";
import { redirectImportId } from "./importIds";

const LABEL = "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?";
const SOURCE = new RegExp(`^(@|${LABEL}(\\.${LABEL})*)$`);

export const dnsRedirectArgs = z
  .object({
    zoneId: vendorId("the zone id", "123 (see getZone)"),
    source: z
      .string()
      .trim()
      // Internationalized labels in their xn-- form, as DNS holds them.
      .transform((value) => {
        const name = value.toLowerCase().replace(/\.$/, "");
        return (asciiName(name) ?? name) || "@";
      })
      .pipe(z.string().regex(SOURCE, 'must be "@" or a name inside the zone such as "www"')),
    targetUrl: z
      .string()
      .trim()
      .refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
        } catch {
          return false;
        }
      }, "must be an http:// or https:// URL such as https://www.example.no/"),
  })
  .strict();

/** The arguments of a `DnsRedirect`; see docs/gigahost.md, "DnsRedirect (Gigahost)". */
export interface DnsRedirectArgs {
  /**
   * The zone of the name redirected: a `DnsZone`'s (or `getZone()`'s) `zoneId`,
   * digits, e.g. `zone.zoneId` or `"123"`. Changing it replaces the redirect.
   */
  zoneId: pulumi.Input<string | number>;
  /**
   * The name redirected: `"@"` for the zone apex, or a name inside the zone,
   * e.g. `"www"` or `"shop.eu"`; lower-cased, Unicode labels in their xn--
   * form. The zone's own full name (`"shop.example.no"` in zone example.no)
   * is refused, naming the relative form. Changing it replaces the redirect
   * (the old one is removed first: one redirect per source).
   */
  source: pulumi.Input<string>;
  /** Where visitors are sent: an `http://` or `https://` URL, e.g. `"https://www.example.no/"`. Changes in place. */
  targetUrl: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DnsRedirectArgs, typeof dnsRedirectArgs>>;
type RedirectInputs = z.output<typeof dnsRedirectArgs>;

export const dnsRedirectState = stateSchema({
  /** The zone the redirect belongs to. */
  zoneId: z.string(),
  /** The name redirected, relative to the zone. */
  source: z.string(),
  /** The URL it redirects to. */
  targetUrl: z.string(),
});
export type DnsRedirectState = z.infer<typeof dnsRedirectState>;

const KIND = "gigahost:DnsRedirect";

async function findRedirect(client: GigahostClient, zoneId: string, source: string): Promise<DnsRedirectState | undefined> {
  const redirects = await unlessGone(client.listRedirects(zoneId));
  const found = redirects?.find((redirect) => redirect.source.toLowerCase() === source);
  return found && { zoneId, source, targetUrl: found.target_url };
}

export const dnsRedirectDefinition: ResourceDefinition<RedirectInputs, typeof dnsRedirectState> = {
  kind: KIND,
  inputs: dnsRedirectArgs,
  state: dnsRedirectState,
  replaceOnChanges: ["zoneId", "source"],
  // The vendor allows one redirect per source.
  deleteBeforeReplace: true,
  /** `zoneId/source`, e.g. `123/www` (the resource's id; `@` for the apex): read gives back `targetUrl`. */
  importId: redirectImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    await refuseFullNameInZone(client, { kind: KIND, property: "source", zoneId: inputs.zoneId, name: inputs.source });
    const id = `${inputs.zoneId}/${inputs.source}`;
    if (context.creationTag) claimObject(`gigahost:redirect:${id}`, context.creationTag, `${KIND} "${inputs.source}" in zone ${inputs.zoneId}`);
    const existing = await findRedirect(client, inputs.zoneId, inputs.source);
    // Redirects carry nothing of ours; one per source, and a replacement deletes first: one with our
    // target is the one an interrupted create made. Another target is somebody else's.
    if (existing && existing.targetUrl !== inputs.targetUrl) {
      throw new Error(`${KIND}: zone ${inputs.zoneId} already has a redirect for "${inputs.source}" (to ${existing.targetUrl}); remove it or pick another source`);
    }
    // Creating it also adds the A records; Gigahost refuses when the source has address records already (the message says so).
    const { object: created } = await createOnce({
      attempt: () => client.createRedirect(inputs.zoneId, inputs.source, inputs.targetUrl),
      find: () => findRedirect(client, inputs.zoneId, inputs.source),
      description: `${KIND} ${id}`,
      clock: context.clock,
      logger: context.logger,
    });
    return { id, state: created };
  },

  async read(_id, state, context) {
    return findRedirect(gigahostClient("gigahost", context.settings, context), state.zoneId, state.source);
  },

  async update(id, _olds, news, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    await client.updateRedirect(news.zoneId, news.source, news.targetUrl);
    const updated = await findRedirect(client, news.zoneId, news.source);
    if (!updated) throw new Error(`${KIND} ${id} no longer exists; run \`pulumi refresh\``);
    return updated;
  },

  async delete(_id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    // An already-gone redirect (or zone) is deleted.
    await unlessGone(client.deleteRedirect(state.zoneId, state.source));
  },
};

/**
 * A web redirect from a name in a Gigahost zone to a URL. Gigahost adds the
 * A records the redirect needs, and refuses when the name already has address
 * records. Delete removes the redirect and its A records.
 */
export class DnsRedirect extends resourceClass<DnsRedirectArgs>()(dnsRedirectDefinition) {}
