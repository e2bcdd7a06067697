// The inputs of a gandi.SimpleHostingInstance: what a program writes, checked at `check`.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { timeoutsInput } from "../../provider/dynamic";
import { registerSecret } from "../../provider/redact";
import { BOOSTER_SIZES, CURRENT_SIZES, HTTPS_STRATEGIES, LEGACY_SIZES } from "../../provider/gandi/wire";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { fqdnInput } from "./fqdn";

export const LOCATIONS = ["FR", "LU"] as const;
export const DATABASES = ["mysql", "pgsql"] as const;
export const LANGUAGES = ["php", "python", "nodejs", "ruby"] as const;
export const SIZES = [...CURRENT_SIZES, ...LEGACY_SIZES] as const;

const version = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)*$/, 'must be a version number such as "8.2" or "20"');

const initialVhost = z
  .object({
    fqdn: fqdnInput,
    application: z.object({ name: z.string().min(1), parameters: z.record(z.string(), z.unknown()).optional() }).strict().optional(),
    httpsStrategy: z.enum(HTTPS_STRATEGIES, { error: `must be one of ${HTTPS_STRATEGIES.join(", ")}` }).optional(),
    linkedDnsZone: z.object({ allowAlteration: z.boolean().default(false), allowAlterationOverride: z.boolean().default(false) }).strict().optional(),
    withFreeSsl: z.boolean().optional(),
  })
  .strict();

export const CONTACT_TYPES = ["individual", "company", "association", "publicbody"] as const;
export const CONTACT_LANGS = ["en", "es", "fr", "ja", "zh-hans", "zh-hant"] as const;
const contactText = z.string().trim().min(1, "must not be empty");

const domainContact = z
  .object({
    country: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as "FR"')),
    email: z.string().trim().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "must be an email address"),
    family: contactText,
    given: contactText,
    streetaddr: contactText,
    type: z.enum(CONTACT_TYPES, { error: `must be one of ${CONTACT_TYPES.join(", ")}` }),
    city: contactText.optional(),
    zip: contactText.optional(),
    state: contactText.optional(),
    phone: contactText.optional(),
    mobile: contactText.optional(),
    fax: contactText.optional(),
    orgname: contactText.optional(),
    brandNumber: contactText.optional(),
    siren: contactText.optional(),
    joAnnounceNumber: contactText.optional(),
    joAnnouncePage: contactText.optional(),
    joDeclarationDate: contactText.optional(),
    joPublicationDate: contactText.optional(),
    lang: z.enum(CONTACT_LANGS, { error: `must be one of ${CONTACT_LANGS.join(", ")}` }).optional(),
    dataObfuscated: z.boolean().optional(),
    mailObfuscated: z.boolean().optional(),
    extraParameters: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const freeDomain = z
  .object({
    fqdn: fqdnInput,
    owner: domainContact,
    admin: domainContact.optional(),
    bill: domainContact.optional(),
    tech: domainContact.optional(),
    lang: z.string().trim().min(1, "must not be empty").optional(),
    extraParameters: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type FreeDomainInputs = z.output<typeof freeDomain>;

export const simpleHostingInstanceArgs = z
  .object({
    /**
     * The instance's name. Gandi would generate one, but a name lets a create
     * whose answer was lost be found instead of ordering (and paying for) a
     * second instance.
     */
    name: z.string().trim().min(1, "must not be empty"),
    location: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.enum(LOCATIONS, { error: `must be one of ${LOCATIONS.join(", ")}` })),
    size: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .pipe(z.enum(SIZES, { error: `must be one of ${CURRENT_SIZES.join(", ")} (or a legacy size ${LEGACY_SIZES.join(", ")} of an adopted instance)` })),
    database: z.enum(DATABASES, { error: `must be one of ${DATABASES.join(", ")}` }),
    /** Omit for Gandi's recommended version. Changing it replaces the instance (there is no database upgrade in the API). */
    databaseVersion: version.optional(),
    language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` }),
    /** Omit for Gandi's recommended version. Raising it upgrades in place (one of the instance's `upgradeTo` versions). */
    languageVersion: version.optional(),
    snapshotEnabled: z.boolean().default(false),
    /** Extra storage in GB, 0–1004. Gandi only supports increases. */
    storageAdditionalSize: z
      .number({ error: "must be a number of GB" })
      .int("must be a whole number of GB")
      .min(0, "must be at least 0")
      .max(1004, "must be at most 1004 GB (the vendor's limit)")
      .default(0),
    /**
     * SFTP, git and control-panel password: clear text, or unix crypt (MD5, SHA-256, SHA-512).
     * The reference sets no length rule; Gandi's own refusal comes back from the dry run.
     */
    password: z.string().min(1, "must not be empty").optional(),
    /** Create-time only: SSH public keys (OpenSSH format) for SFTP and git. */
    sshKeys: z.array(z.string().regex(/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-\S+) \S+/, "must be an OpenSSH public key")).optional(),
    /** Create-time only: ids of keys registered through Gandi's SSH keys API. */
    sshKeyIds: z.array(z.string().uuid("must be a UUID")).optional(),
    /** Create-time only: renew automatically at expiry. */
    autorenew: z.boolean().default(false),
    /** Create-time only: months the instance is bought for (reference: minimum 1, no maximum given). */
    duration: z.number().int("must be a whole number of months").min(1, "must be at least 1 month").default(1),
    /** Create-time only: vhosts created with the instance. Manage later vhosts with SimpleHostingVhost. */
    vhosts: z.array(initialVhost).optional(),
    /** Create-time only: the free domain registered with the order (POST `domain`). */
    freeDomain: freeDomain.optional(),
    /** A temporary performance boost; omit to leave it unmanaged. */
    booster: z.boolean().optional(),
    boosterSize: z.enum(BOOSTER_SIZES, { error: `must be one of ${BOOSTER_SIZES.join(", ")}` }).optional(),
    /** Send the create request with `Dry-Run: 1` first, so a bad specification fails before anything is ordered. */
    validateBeforeCreate: z.boolean().default(true),
    /** Take over an existing instance of this name instead of failing. */
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    if (args.password !== undefined) registerSecret(args.password);
    if (args.boosterSize !== undefined && args.booster !== true) {
      context.addIssue({ code: "custom", path: ["boosterSize"], message: "has no effect unless booster is true" });
    }
    if (args.password === undefined && (args.sshKeys?.length || args.sshKeyIds?.length)) {
      context.addIssue({ code: "custom", path: ["password"], message: "is required when SSH keys are given (Gandi sets keys together with a password)" });
    }
    const fqdns = (args.vhosts ?? []).map((vhost) => vhost.fqdn);
    const duplicate = fqdns.find((fqdn, index) => fqdns.indexOf(fqdn) !== index);
    if (duplicate) context.addIssue({ code: "custom", path: ["vhosts"], message: `lists ${duplicate} twice` });
  });

/** A vhost created together with its instance (create-time only). */
export interface InitialVhostArgs {
  /** The domain name served, e.g. `"www.example.com"`. */
  fqdn: string;
  /** An application to install, from `getApplications()`, e.g. `{ name: "wordpress" }`. */
  application?: { name: string; parameters?: Record<string, unknown> };
  /** `"HTTP_only"`, `"allow_HTTP_and_HTTPS"` (Gandi's default) or `"redirect_HTTP_to_HTTPS"`. */
  httpsStrategy?: (typeof HTTPS_STRATEGIES)[number];
  /** Let Gandi write the vhost's records in its LiveDNS zone; both default to false. */
  linkedDnsZone?: { allowAlteration?: boolean; allowAlterationOverride?: boolean };
  /** Ask for a free certificate. */
  withFreeSsl?: boolean;
}

/** A contact of the free domain (Gandi's domain contact); required fields first. */
export interface DomainContactArgs {
  /** Two-letter country code, e.g. `"FR"`. */
  country: string;
  /** The contact's email address. */
  email: string;
  /** Family name (usually the last name). */
  family: string;
  /** Given name (usually the first name). */
  given: string;
  /** Street address. */
  streetaddr: string;
  /** `"individual"`, `"company"`, `"association"` or `"publicbody"`. */
  type: (typeof CONTACT_TYPES)[number];
  /** City. */
  city?: string;
  /** Postal code. */
  zip?: string;
  /** State or province code. */
  state?: string;
  /** Phone number, e.g. `"+33.123456789"`. */
  phone?: string;
  /** Mobile number. */
  mobile?: string;
  /** Fax number. */
  fax?: string;
  /** Legal name of the company, association or public body (when `type` is not `"individual"`). */
  orgname?: string;
  /** Brand number. */
  brandNumber?: string;
  /** SIREN number (French companies). */
  siren?: string;
  /** Journal Officiel announce number (French associations). */
  joAnnounceNumber?: string;
  /** Journal Officiel announce page. */
  joAnnouncePage?: string;
  /** Journal Officiel declaration date. */
  joDeclarationDate?: string;
  /** Journal Officiel publication date. */
  joPublicationDate?: string;
  /** The contact's language: `"en"`, `"es"`, `"fr"`, `"ja"`, `"zh-hans"` or `"zh-hant"`. */
  lang?: (typeof CONTACT_LANGS)[number];
  /** Hide the contact's data in WHOIS (Gandi's default: true). */
  dataObfuscated?: boolean;
  /** Hide the contact's email address in WHOIS. */
  mailObfuscated?: boolean;
  /** Extra parameters some extensions need (see Gandi's list). */
  extraParameters?: Record<string, unknown>;
}

/** The free domain registered together with an instance order (Gandi's POST /instances `domain`). */
export interface FreeDomainArgs {
  /** The domain name to register, e.g. `"example.com"`. */
  fqdn: string;
  /** The domain's owner (registrant). */
  owner: DomainContactArgs;
  /** The administrative contact; omit for Gandi's default. */
  admin?: DomainContactArgs;
  /** The billing contact; omit for Gandi's default. */
  bill?: DomainContactArgs;
  /** The technical contact; omit for Gandi's default. */
  tech?: DomainContactArgs;
  /** ISO-639-2 language code of the domain, required for some IDN domains. */
  lang?: string;
  /** Extra parameters some extensions need. */
  extraParameters?: Record<string, unknown>;
}

/** The arguments of a `SimpleHostingInstance`; see docs/gandi.md. */
export interface SimpleHostingInstanceArgs {
  /**
   * The instance's name, e.g. `"shop"`. A name lets a create whose answer was lost
   * be found instead of ordering (and paying for) a second instance. Changes in place.
   */
  name: pulumi.Input<string>;
  /** The datacenter: `"FR"` or `"LU"`. Changing it replaces the instance. */
  location: pulumi.Input<string>;
  /**
   * The plan: `"starter"`, `"advanced"`, `"pro"` or `"business"`. Gandi's API cannot
   * change these plans, so a change is refused at check. An adopted legacy instance
   * (`"s"`, `"s+"`, `"m"`, `"l"`, `"xl"`, `"xxl"`) resizes in place to `"s+"`, `"m"`,
   * `"l"` or `"xxl"`.
   */
  size: pulumi.Input<string>;
  /** `"mysql"` or `"pgsql"`. Changing it replaces the instance. */
  database: pulumi.Input<(typeof DATABASES)[number]>;
  /**
   * The database version, e.g. `"8.0"`; omit for Gandi's recommended one. Changing it
   * replaces the instance (the API has no database upgrade).
   */
  databaseVersion?: pulumi.Input<string>;
  /** `"php"`, `"python"`, `"nodejs"` or `"ruby"`. Changing it replaces the instance. */
  language: pulumi.Input<(typeof LANGUAGES)[number]>;
  /**
   * The language version, e.g. `"8.2"`; omit for Gandi's recommended one. Raising it
   * upgrades in place, to one of the instance's `upgradeTo` versions.
   */
  languageVersion?: pulumi.Input<string>;
  /** Gandi's automatic snapshots (default false). Changes in place. */
  snapshotEnabled?: pulumi.Input<boolean>;
  /** Extra storage in GB, 0–1004 (default 0). Grows in place; Gandi cannot shrink it. */
  storageAdditionalSize?: pulumi.Input<number>;
  /**
   * The SFTP, git and control-panel password: clear text, or unix crypt (MD5,
   * SHA-256, SHA-512). Kept secret in state. Changes in place.
   */
  password?: pulumi.Input<string>;
  /** SSH public keys (OpenSSH format) for SFTP and git; needs `password`. Create-time only: never causes a diff. */
  sshKeys?: pulumi.Input<string[]>;
  /** Ids (UUIDs) of keys registered through Gandi's SSH keys API; needs `password`. Create-time only. */
  sshKeyIds?: pulumi.Input<string[]>;
  /** Renew automatically at expiry (default false). Create-time only. */
  autorenew?: pulumi.Input<boolean>;
  /** Months the instance is bought for, at least 1 (default 1). Create-time only. */
  duration?: pulumi.Input<number>;
  /** Vhosts created with the instance. Create-time only: manage later vhosts with `SimpleHostingVhost`. */
  vhosts?: pulumi.Input<InitialVhostArgs[]>;
  /**
   * The free domain that comes with the order (Gandi's `domain`), registered with
   * the instance. Create-time only: it is then a Gandi domain of its own (renewed,
   * transferred and kept through Gandi's domain API), so adding or changing it on an
   * existing instance is refused at check, and removing it from the program leaves
   * the domain registered.
   */
  freeDomain?: pulumi.Input<FreeDomainArgs>;
  /** A temporary performance boost; omit to leave it unmanaged. Changes in place. */
  booster?: pulumi.Input<boolean>;
  /**
   * The size the booster lends the instance while active (Gandi's `booster_options.size`),
   * e.g. `"business"`; omit for Gandi's choice. Needs `booster: true`. Changes in place.
   */
  boosterSize?: pulumi.Input<(typeof BOOSTER_SIZES)[number]>;
  /**
   * Send the order with `Dry-Run: 1` first (default true), so a bad specification fails
   * before anything is ordered. Never causes a diff.
   */
  validateBeforeCreate?: pulumi.Input<boolean>;
  /** Take over an existing instance of this name instead of failing (default false). Never causes a diff. */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create (default 30m: payment, then provisioning), update (20m) and delete (15m). */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SimpleHostingInstanceArgs, typeof simpleHostingInstanceArgs>>;
export type InstanceInputs = z.output<typeof simpleHostingInstanceArgs>;
