import { z } from "zod";
import { flag, idString, optionalNumber, optionalText } from "../lenient";

/**
 * Payloads of ZoneID's billing, option, order and server-information
 * endpoints (zoneid-openapi.json schemas AdditionalPackage, Order,
 * DomainPreferences, ServerInfo, Turbo, zonecloud, and the OPTIONS answers).
 */

const text = optionalText.transform((value) => value ?? "");

/** `/vserver/{s}/billing/resources` (schema AdditionalPackage): an additional package of a web hosting service. */
export const additionalPackageWire = z.object({
  identificator: idString,
  package: z.string(),
  name: text,
  quantity: optionalNumber,
});
export type AdditionalPackageWire = z.infer<typeof additionalPackageWire>;

/**
 * `OPTIONS /vserver/{s}/billing/resources`: "available additional package
 * options". The document gives no schema for the answer. Taken as a list
 * whose items are a package's uname as text, or an object naming it
 * (`package`, or `uname`/`identificator`) with an optional `name` and price;
 * anything else is kept as text in `raw`.
 */
export const billingPackagesWire = z.array(z.unknown()).transform((items) =>
  items.map((item) => {
    if (typeof item === "string") return { package: item, name: null, price: null, raw: item };
    const object = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
    const uname = [object.package, object.uname, object.identificator].find((value) => typeof value === "string") as string | undefined;
    const price = optionalNumber.safeParse(object.price);
    return {
      package: uname ?? null,
      name: typeof object.name === "string" ? object.name : null,
      price: price.success ? price.data : null,
      raw: JSON.stringify(item),
    };
  }),
);
export type BillingPackage = z.output<typeof billingPackagesWire>[number];

/** An OPTIONS answer the document gives as an array of strings (crontab, MySQL collations, MySQL privileges). */
export const optionStringsWire = z.array(z.union([z.string(), z.number()]).transform(String));

/**
 * `OPTIONS /vserver/{s}/ftp/user`: "available country options". No schema in
 * the document: a list of country codes as text, or of objects with a
 * `code`/`country`/`identificator` (and maybe a `name`).
 */
export const countryOptionsWire = z.array(z.unknown()).transform((items) =>
  items.flatMap((item) => {
    if (typeof item === "string") return [{ code: item, name: null as string | null }];
    const object = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
    const code = [object.code, object.country, object.identificator].find((value) => typeof value === "string") as string | undefined;
    return code ? [{ code, name: typeof object.name === "string" ? object.name : null }] : [];
  }),
);

const minMax = z.object({ min: optionalNumber, max: optionalNumber });
const limits = z
  .array(minMax)
  .nullish()
  .transform((value) => value?.[0] ?? { min: null, max: null });

/** `OPTIONS /domain/{s}` ("Get domain options"): renewal options, name server and per-role contact limits. */
export const domainOptionsWire = z.object({
  renewal_options: z
    .array(
      z.object({
        action: z.string(),
        action_periods: z
          .array(
            z.object({
              period: optionalNumber,
              expire_new: optionalText,
              price_per_year: optionalNumber,
              total_price: optionalNumber,
              total_price_with_tax: optionalNumber,
            }),
          )
          .nullish()
          .transform((value) => value ?? []),
      }),
    )
    .nullish()
    .transform((value) => value ?? []),
  nameserver: limits,
  contact: z
    .array(z.object({ registrant: limits, admin: limits, tech: limits }))
    .nullish()
    .transform((value) => value?.[0] ?? { registrant: { min: null, max: null }, admin: { min: null, max: null }, tech: { min: null, max: null } }),
});
export type DomainOptionsWire = z.output<typeof domainOptionsWire>;

/** `/domain/{s}/preferences` (schema DomainPreferences). */
export const domainPreferencesWire = z.object({ renewal_notifications: flag });

/** `/order/domain/…` (schema Order). */
export const domainOrderWire = z.object({
  identificator: idString,
  errors: optionalText,
  datetime_ordered: optionalText,
  vat_rate: optionalText,
});
export type DomainOrderWire = z.infer<typeof domainOrderWire>;

/**
 * What a renewal needs of `/domain/{name}` (schema Domain): the expiry and
 * `renew_order`, "False if not renewable domain, null if no pending order or
 * order_id" (an id as text or number → the id; false/null/absent → null).
 */
export const domainRenewalWire = z.object({
  name: z.string(),
  expires: optionalText,
  renew_order: z
    .union([z.string(), z.number(), z.boolean()])
    .nullish()
    .transform((value) => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null)),
});
export type DomainRenewalWire = z.infer<typeof domainRenewalWire>;

/** `GET /vserver/{s}/serverinfo` (schema ServerInfo). */
export const serverInfoWire = z.object({
  domain_name: optionalText,
  domain_name_temporary: optionalText,
  ipv4: optionalText,
  ipv6: optionalText,
  homedir: optionalText,
  homedir_http: optionalText,
  homedir_https: optionalText,
  mysql_hostname: optionalText,
  loopback_hostname: optionalText,
  loopback_ipv4: optionalText,
  system_username: optionalText,
  bin_path_sendmail: optionalText,
  bin_path_convert: optionalText,
  pma_url: optionalText,
});
export type ServerInfoWire = z.infer<typeof serverInfoWire>;

/** `/vserver/{s}/turbo` (schema Turbo). */
export const turboWire = z.object({
  identificator: idString,
  start: optionalText,
  end: optionalText,
  active: flag.nullish().transform((value) => value ?? false),
  ttl: optionalNumber,
});
export type TurboWire = z.infer<typeof turboWire>;

/** `/vserver/{s}/zonecloud` (schema zonecloud): a ZoneCloud account, identified by its e-mail address. */
export const zoneCloudWire = z.object({
  identificator: z.string(),
  premium: flag.nullish().transform((value) => value ?? false),
  disk_size: optionalText,
  disk_size_human: optionalText,
  disk_usage_percent_human: optionalText,
});
export type ZoneCloudWire = z.infer<typeof zoneCloudWire>;
