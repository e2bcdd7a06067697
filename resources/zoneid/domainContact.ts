import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { domainContactWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";
import { emailAddress } from "./hostingFields";

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
    /** registrant, tech or admin; one contact per role (it is how an existing one is found for adoption). */
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
  },
  refine: (args, context) => {
    if (args.identNumber !== "" && args.identType === null) context.addIssue({ code: "custom", path: ["identType"], message: "is required with identNumber" });
  },
  idOf: (wire) => wire.identificator,
  key: { input: "role", ofWire: (wire) => wire.role },
  replaceOnChanges: ["role"],
  secrets: [],
  updatable: true,
  toWire: (args) => ({
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
  }),
  fromWire: (wire) => ({
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

  constructor(name: string, args: DomainContactArgs, opts?: pulumi.CustomResourceOptions) {
    super(serializableProvider(domainContactDefinition.kind), name, withCreationTag(domainContactDefinition.kind, name, { registryHandle: undefined, ...args }, opts), opts, "zoneid", "DomainContact");
  }
}
