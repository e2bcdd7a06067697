import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { domainContactWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { emailAddress, whenManaged, withoutUnset } from "./hostingFields";
import { importByServiceItem, readingOptionalInputsOnImport } from "./serviceImportIds";

const ROLES = ["registrant", "tech", "admin"] as const;
const IDENT_TYPES = ["private_number", "company_number", "birthday"] as const;
/** The inputs managed only when set (see `fields` below). */
const OPTIONAL_INPUTS = ["type", "firstName", "lastName", "fax", "state", "language", "vatNumber", "department", "passport", "legalForm"];
const text = (max: number) => z.string({ error: "must be text" }).trim().max(max, `may be at most ${max} characters`);

/** What a `DomainContact` adds to its inputs in state; each property is an output. */
export const domainContactState = stateSchema({
  /** The domain. */
  service: z.string(),
  /** `"registrant"`, `"tech"` or `"admin"`. */
  role: z.string(),
  /** Full name. */
  name: z.string(),
  /** E-mail address, lower-cased. */
  email: z.string(),
  /** Phone, `+CC.NUMBER`. */
  phone: z.string(),
  /** Organization, or `""`. */
  organization: z.string(),
  /** Street address. */
  street: z.string(),
  /** City. */
  city: z.string(),
  /** Postal code. */
  postalCode: z.string(),
  /** ISO 3166 two-letter country code. */
  country: z.string(),
  /** Identification number, or `""`. */
  identNumber: z.string(),
  /** What `identNumber` is; null when none is set. */
  identType: z.string().nullable(),
  /** The country that issued `identNumber`, or `""`. */
  identCountry: z.string(),
  /** The registry's handle for the contact; null when ZoneID's answer omits it. */
  registryHandle: z.string().nullable(),
  /** The optional contact fields (type, firstName, lastName, fax, state, language, vatNumber, department, passport, legalForm) are reported only when the program sets them. */
  type: z.string().optional(),
});

const domainContact = hostingCollection({
  kind: "zoneid:DomainContact",
  state: domainContactState,
  noun: "contact",
  collection: "contact",
  serviceType: "domain",
  wire: domainContactWire,
  fields: {
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
    name: text(255).min(1, "is required"),
    email: emailAddress,
    phone: z
      .string({ error: "is required, e.g. +372.5551234" })
      .transform((value) => value.replace(/[\s()-]/g, ""))
      .refine((value) => /^\+\d{1,3}\.\d{4,14}$/.test(value), "must be like +372.5551234 (country code, a dot, the number)"),
    organization: text(255).default(""),
    street: text(255).min(1, "is required"),
    city: text(100).min(1, "is required"),
    postalCode: text(20).min(1, "is required"),
    country: z
      .string({ error: "is required, e.g. EE" })
      .transform((value) => value.trim().toUpperCase())
      .refine((value) => /^[A-Z]{2}$/.test(value), "must be a two-letter country code, e.g. EE"),
    identNumber: text(50).default(""),
    identType: z.enum(IDENT_TYPES, { error: `must be one of ${IDENT_TYPES.join(", ")}` }).nullish().transform((value) => value ?? null),
    identCountry: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .refine((value) => value === "" || /^[A-Z]{2}$/.test(value), "must be a two-letter country code or empty")
      .default(""),
    // The fields below are managed only when set (left as they are otherwise).
    // "fillable and required fields depend on TLD and on data sent (eg. person/company)" (Create domain contact).
    type: text(50).min(1, "must not be empty, e.g. person or company").optional(),
    firstName: text(255).optional(),
    lastName: text(255).optional(),
    fax: z
      .string({ error: "must be a number like +372.5551234, or empty" })
      .transform((value) => value.replace(/[\s()-]/g, ""))
      .refine((value) => value === "" || /^\+\d{1,3}\.\d{4,14}$/.test(value), "must be like +372.5551234 (country code, a dot, the number), or empty")
      .optional(),
    state: text(100).optional(),
    language: text(10).optional(),
    vatNumber: text(50).optional(),
    department: text(255).optional(),
    passport: text(50).optional(),
    legalForm: text(100).optional(),
  },
  refine: (args, context) => {
    if (args.identNumber !== "" && args.identType === null) context.addIssue({ code: "custom", path: ["identType"], message: "is required with identNumber" });
  },
  idOf: (wire) => wire.identificator,
  key: { input: "role", ofWire: (wire) => wire.role },
  replaceOnChanges: ["role"],
  secrets: [],
  updatable: true,
  inputForField: {
    voice: "phone",
    postalcode: "postalCode",
    ext_ident: "identNumber",
    ext_ident_type: "identType",
    ext_ident_cc: "identCountry",
    ext_language: "language",
    ext_vatnr: "vatNumber",
    ext_department: "department",
    ext_passport: "passport",
    ext_legal_form: "legalForm",
  },
  toWire: (args) => withoutUnset({
    role: args.role,
    name: args.name,
    email: args.email,
    voice: args.phone,
    organization: args.organization,
    street: args.street,
    city: args.city,
    postalcode: args.postalCode,
    country: args.country,
    ext_ident: args.identNumber,
    // A string from an enum in the spec, not nullable: left out when there is none.
    ...(args.identType === null ? {} : { ext_ident_type: args.identType }),
    ext_ident_cc: args.identCountry,
    type: args.type,
    first_name: args.firstName,
    last_name: args.lastName,
    fax: args.fax,
    state: args.state,
    ext_language: args.language,
    ext_vatnr: args.vatNumber,
    ext_department: args.department,
    ext_passport: args.passport,
    ext_legal_form: args.legalForm,
  }),
  fromWire: (wire, previous) => ({
    role: wire.role,
    name: wire.name,
    email: wire.email.toLowerCase(),
    phone: wire.voice.replace(/[\s()-]/g, ""),
    organization: wire.organization,
    street: wire.street,
    city: wire.city,
    postalCode: wire.postalcode,
    country: wire.country.toUpperCase(),
    identNumber: wire.ext_ident,
    identType: wire.ext_ident_type || null,
    identCountry: wire.ext_ident_cc.toUpperCase(),
    registryHandle: wire.registry_handle,
    ...whenManaged(previous, {
      type: wire.type ?? "",
      firstName: wire.first_name,
      lastName: wire.last_name,
      fax: wire.fax.replace(/[\s()-]/g, ""),
      state: wire.state,
      language: wire.ext_language,
      vatNumber: wire.ext_vatnr,
      department: wire.ext_department,
      passport: wire.ext_passport,
      legalForm: wire.ext_legal_form,
    }),
  }),
});

export const domainContactArgs = domainContact.args;

/**
 * The arguments of a `DomainContact` (`/domain/{name}/contact`; `service` is the
 * domain); see docs/zoneid.md. Changing `role` replaces the contact; every other
 * field changes in place. "Fillable and required fields depend on TLD and on data
 * sent (eg. person/company)": the registry's refusal names the input at fault.
 * The fields marked "not managed" are neither sent nor kept in state while unset.
 */
export interface DomainContactArgs extends HostingServiceArgs {
  /**
   * `"registrant"`, `"tech"` or `"admin"`. It identifies the contact (how an existing
   * one is found for adoption), so one managed contact per role; registries may allow
   * more (`OPTIONS /domain/{name}` min/max). Changing it replaces the contact.
   */
  role: pulumi.Input<(typeof ROLES)[number]>;
  /** Full name, at most 255 characters, e.g. `"Mari Maasikas"`. Changes in place. */
  name: pulumi.Input<string>;
  /** E-mail address (lower-cased), e.g. `"mari@example.ee"`. Changes in place. */
  email: pulumi.Input<string>;
  /**
   * Phone in the registries' format, country code, a dot, the number, e.g.
   * `"+372.5551234"` (spaces, dashes and brackets removed). Changes in place.
   */
  phone: pulumi.Input<string>;
  /** Organization, at most 255 characters (default `""`). Changes in place. */
  organization?: pulumi.Input<string>;
  /** Street address, at most 255 characters, e.g. `"Tartu mnt 1"`. Changes in place. */
  street: pulumi.Input<string>;
  /** City, at most 100 characters, e.g. `"Tallinn"`. Changes in place. */
  city: pulumi.Input<string>;
  /** Postal code, at most 20 characters, e.g. `"10115"`. Changes in place. */
  postalCode: pulumi.Input<string>;
  /** ISO 3166 two-letter country code (upper-cased), e.g. `"EE"`. Changes in place. */
  country: pulumi.Input<string>;
  /**
   * Identification number, required by some registries (e.g. .ee), at most 50
   * characters (default `""`); needs `identType`. Changes in place.
   */
  identNumber?: pulumi.Input<string>;
  /**
   * What `identNumber` is: `"private_number"`, `"company_number"` or `"birthday"`;
   * required with `identNumber`. Default null: not sent (unsetting it leaves the
   * live value). Changes in place.
   */
  identType?: pulumi.Input<(typeof IDENT_TYPES)[number] | null>;
  /** The country that issued `identNumber`, ISO code, e.g. `"EE"`, or `""` (default). Changes in place. */
  identCountry?: pulumi.Input<string>;
  /**
   * The contact's type (schema DomainContact `type`), e.g. `"person"` or `"company"`;
   * ZoneID's spec lists no values. Unset (default): not managed. Changes in place.
   */
  type?: pulumi.Input<string>;
  /** Given name (`first_name`), where the registry wants it apart from `name`. Unset: not managed. Changes in place. */
  firstName?: pulumi.Input<string>;
  /** Family name (`last_name`). Unset: not managed. Changes in place. */
  lastName?: pulumi.Input<string>;
  /** Fax number (`fax`) in the phone format, e.g. `"+372.5551235"`, or `""` for none. Unset: not managed. Changes in place. */
  fax?: pulumi.Input<string>;
  /** State or province (`state`), at most 100 characters. Unset: not managed. Changes in place. */
  state?: pulumi.Input<string>;
  /** Language of the registry's correspondence (`ext_language`), e.g. `"et"` or `"en"`. Unset: not managed. Changes in place. */
  language?: pulumi.Input<string>;
  /** VAT number (`ext_vatnr`), e.g. `"EE100000000"`. Unset: not managed. Changes in place. */
  vatNumber?: pulumi.Input<string>;
  /** Department (`ext_department`). Unset: not managed. Changes in place. */
  department?: pulumi.Input<string>;
  /** Passport number (`ext_passport`). Unset: not managed. Changes in place. */
  passport?: pulumi.Input<string>;
  /** Legal form (`ext_legal_form`), e.g. `"OÜ"`. Unset: not managed. Changes in place. */
  legalForm?: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DomainContactArgs, typeof domainContactArgs>>;
export const domainContactDefinition: typeof domainContact.definition = {
  ...domainContact.definition,
  /**
   * `domain/identificator`: the domain and the contact's `identificator` as
   * `GET /domain/{domain}/contact` lists it, e.g. `example.ee/1234`. The
   * optional fields (type, firstName, ... legalForm) are imported where
   * ZoneID has a value for them.
   */
  importId: importByServiceItem("domain", "identificator", "example.ee/1234"),
  read: readingOptionalInputsOnImport(domainContact.definition, "role", OPTIONAL_INPUTS),
};

/**
 * A contact of a ZoneID domain (`/domain/{name}/contact`); `service` is the
 * domain name. Changing `role` replaces it; every other field updates in place.
 * A domain always has a registrant: manage it with `adopt: true`.
 */
export class DomainContact extends resourceClass<DomainContactArgs>()(domainContactDefinition) {}
