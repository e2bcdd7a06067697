import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { domainContactWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";
import { emailAddress, whenManaged, withoutUnset } from "./hostingFields";

const ROLES = ["registrant", "tech", "admin"] as const;
const IDENT_TYPES = ["private_number", "company_number", "birthday"] as const;
const text = (max: number) => z.string({ error: "must be text" }).trim().max(max, `may be at most ${max} characters`);

const domainContact = hostingCollection({
  kind: "zoneid:DomainContact",
  noun: "contact",
  collection: "contact",
  serviceType: "domain",
  wire: domainContactWire,
  fields: {
    /**
     * registrant, tech or admin. Identifies the contact (how an existing one is found for adoption),
     * so one managed contact per role; registries may allow more (OPTIONS /domain/{name} min/max).
     */
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
    /** Full name. */
    name: text(255).min(1, "is required"),
    email: emailAddress,
    /** Phone in the registries' format, e.g. +372.5551234. */
    phone: z
      .string({ error: "is required, e.g. +372.5551234" })
      .transform((value) => value.replace(/[\s()-]/g, ""))
      .refine((value) => /^\+\d{1,3}\.\d{4,14}$/.test(value), "must be like +372.5551234 (country code, a dot, the number)"),
    organization: text(255).default(""),
    street: text(255).min(1, "is required"),
    city: text(100).min(1, "is required"),
    postalCode: text(20).min(1, "is required"),
    /** ISO 3166 two-letter code, e.g. EE. */
    country: z
      .string({ error: "is required, e.g. EE" })
      .transform((value) => value.trim().toUpperCase())
      .refine((value) => /^[A-Z]{2}$/.test(value), "must be a two-letter country code, e.g. EE"),
    /** Identification (required by some registries, e.g. .ee). */
    identNumber: text(50).default(""),
    identType: z.enum(IDENT_TYPES, { error: `must be one of ${IDENT_TYPES.join(", ")}` }).nullish().transform((value) => value ?? null),
    identCountry: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .refine((value) => value === "" || /^[A-Z]{2}$/.test(value), "must be a two-letter country code or empty")
      .default(""),
    // The fields below are managed only when set (left as they are otherwise).
    // "fillable and required fields depend on TLD and on data sent (eg. person/company)" (Create domain contact).
    /** The contact's type, e.g. "person" or "company" (schema DomainContact `type`; the values are not listed). */
    type: text(50).min(1, "must not be empty, e.g. person or company").optional(),
    /** Given name (`first_name`), where the registry wants it apart from `name`. */
    firstName: text(255).optional(),
    /** Family name (`last_name`). */
    lastName: text(255).optional(),
    /** Fax number (`fax`), in the phone format, or "" for none. */
    fax: z
      .string({ error: "must be a number like +372.5551234, or empty" })
      .transform((value) => value.replace(/[\s()-]/g, ""))
      .refine((value) => value === "" || /^\+\d{1,3}\.\d{4,14}$/.test(value), "must be like +372.5551234 (country code, a dot, the number), or empty")
      .optional(),
    /** State or province (`state`). */
    state: text(100).optional(),
    /** Language of the registry's correspondence (`ext_language`), e.g. "et" or "en". */
    language: text(10).optional(),
    /** VAT number (`ext_vatnr`). */
    vatNumber: text(50).optional(),
    /** Department (`ext_department`). */
    department: text(255).optional(),
    /** Passport number (`ext_passport`). */
    passport: text(50).optional(),
    /** Legal form (`ext_legal_form`), e.g. "OÜ". */
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
export type DomainContactArgs = Inputs<z.input<typeof domainContactArgs>>;
export const domainContactDefinition = domainContact.definition;

/**
 * A contact of a ZoneID domain (`/domain/{name}/contact`); `service` is the
 * domain name. Changing `role` replaces it; every other field updates in place.
 * A domain always has a registrant: manage it with `adopt: true`.
 */
export class DomainContact extends pulumi.dynamic.Resource {
  declare readonly service: pulumi.Output<string>;
  declare readonly role: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly email: pulumi.Output<string>;
  declare readonly registryHandle: pulumi.Output<string | null>;
  /** The optional contact fields (type, firstName, lastName, fax, state, language, vatNumber, department, passport, legalForm) are reported only when the program sets them. */
  declare readonly type: pulumi.Output<string | undefined>;

  constructor(name: string, args: DomainContactArgs, opts?: pulumi.CustomResourceOptions) {
    super(serializableProvider(domainContactDefinition.kind), name, withCreationTag(domainContactDefinition.kind, name, { registryHandle: undefined, ...args }, opts), opts, "zoneid", "DomainContact");
  }
}
