import { z } from "zod";
import { flag, idString, numberish, optionalText } from "../lenient";
import { envelope } from "./envelope";

// ---- domains (Gigahost's API documentation, "dns/domains", "dns/lookup") ----

export const domainCheck = envelope(
  z.object({
    domain: z.string(),
    available: flag,
    reason: optionalText,
  }),
);
export type DomainCheckWire = z.infer<typeof domainCheck>["data"];

export const organizationLookup = envelope(
  z.object({
    company_name: z.string(),
    address: optionalText,
    zip_code: optionalText,
    city: optionalText,
  }),
);
export type OrganizationWire = z.infer<typeof organizationLookup>["data"];


// ---- settings of registered zones (docs/gigahost.md, "DomainSettings (Gigahost)") ----

export const registrantResponse = envelope(
  z
    .object({
      contact_id: optionalText,
      name: optionalText,
      organization: optionalText,
      email: optionalText,
      city: optionalText,
      postal_code: optionalText,
      type: optionalText,
      identity: z.union([z.string(), z.number()]).transform(String).nullish(),
      identity_type: optionalText,
    })
    .passthrough(),
);
export type RegistrantWire = z.infer<typeof registrantResponse>["data"];

/**
 * A DS record. The docs spell the POST fields keyTag/alg/digestType/digest;
 * listings are accepted in that spelling or snake_case.
 */
export const dsRecordWire = z
  .object({
    keyTag: numberish.optional(),
    key_tag: numberish.optional(),
    alg: numberish.optional(),
    algorithm: numberish.optional(),
    digestType: numberish.optional(),
    digest_type: numberish.optional(),
    digest: z.string(),
  })
  .passthrough()
  .transform((record) => ({
    keyTag: record.keyTag ?? record.key_tag ?? null,
    algorithm: record.alg ?? record.algorithm ?? null,
    digestType: record.digestType ?? record.digest_type ?? null,
    digest: record.digest.toUpperCase(),
  }));
export type DsRecordWire = z.infer<typeof dsRecordWire>;
/**
 * The documents do not show the GET answers: a list in `data` is our guess,
 * and `data.ds_records` (the wrapper our POST sends) is accepted as well.
 */
export const dsRecordList = envelope(
  z
    .union([z.array(dsRecordWire), z.object({ ds_records: z.array(dsRecordWire).nullish() }).passthrough()])
    .nullish()
    .transform((data) => (Array.isArray(data) ? data : (data?.ds_records ?? []))),
);

export interface DsRecordBody {
  keyTag: number;
  alg: number;
  digestType: number;
  digest: string;
}

export const redirectWire = z.object({ source: z.string(), target_url: z.string() }).passthrough();
export type RedirectWire = z.infer<typeof redirectWire>;
export const redirectList = envelope(z.array(redirectWire).nullish().transform((list) => list ?? []));

/** `POST /dns/zones/ptr` answers `data.zone_id` (docs/gigahost.md, "PtrZone (Gigahost)"). */
export const ptrZoneCreated = envelope(z.object({ zone_id: idString }).passthrough());

/** `POST /dns/domains/register` answers the new zone. */
export const domainRegistered = envelope(
  z
    .object({
      zone_id: idString,
      domain_name: optionalText,
      expires_at: optionalText,
      status: optionalText,
    })
    .passthrough(),
);

export type RegistrantBody =
  | { registrant_type: "organization"; org_number: string; company_name: string }
  | { registrant_type: "person"; pid: string; first_name: string; last_name: string };

/** PUT /dns/zones/{id}/registrant: a new holder, with Norid's declaration accepted (`agree_to_terms: true`). Persons are named by `pid` only. */
export type RegistrantChangeBody = (
  | { registrant_type: "organization"; org_number: string; company_name: string }
  | { registrant_type: "person"; pid: string }
) & { email: string; applicant_name: string; zip_code: string; city: string; agree_to_terms: true };

export type RegisterBody = RegistrantBody & {
  domain_name: string;
  email: string;
  applicant_name: string;
  zip_code: string;
  city: string;
  use_gigahost_ns: boolean;
  nameservers?: string[];
};
