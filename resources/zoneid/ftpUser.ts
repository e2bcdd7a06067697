import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider, withSecretOutputs } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { ftpUserWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";
import { countryCodes, password, sortedSet, sortedUnique, whenManaged, withoutUnset } from "./hostingFields";

const ACCESS_PROFILES = ["whitelist", "whitelist_or_tls", "unsafe"] as const;

const ftpUser = hostingCollection({
  kind: "zoneid:FtpUser",
  noun: "FTP user",
  collection: "ftp/user",
  wire: ftpUserWire,
  fields: {
    /** The custom user name (an alias of the system name ZoneID generates). */
    username: z
      .string({ error: "is required" })
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,32}$/, "must be 1-32 letters, digits, dots, dashes or underscores"),
    /** Secret. Write-only at the API: a change made elsewhere cannot be seen. */
    password,
    /** The home directory, relative to the service's root, e.g. "/htdocs". */
    directory: z
      .string()
      .trim()
      .refine((path) => path.startsWith("/") && !path.split("/").includes(".."), 'must be an absolute path without "..", e.g. /htdocs')
      .default("/"),
    requireTls: z.boolean({ error: "must be true or false" }).default(true),
    /** "whitelist" (listed IPs only), "whitelist_or_tls", or "unsafe" (anyone). */
    accessProfile: z.enum(ACCESS_PROFILES, { error: `must be one of ${ACCESS_PROFILES.join(", ")}` }).default("whitelist_or_tls"),
    /**
     * "FTP account allowed operations" (`allowed_operations`), e.g. ["read", "write"]; the spec
     * lists no values, so they are passed as written (lower-cased). Managed only when set.
     */
    allowedOperations: sortedSet(
      z
        .string({ error: "must be text" })
        .transform((value) => value.trim().toLowerCase())
        .refine((value) => /^[a-z_]+$/.test(value), { error: (issue) => `"${issue.input}" is not an operation name, e.g. read or write` }),
    ).optional(),
    /** "Ftp account accessible countries" (`access_countries`): ISO codes, e.g. ["EE", "FI"]. Managed only when set. */
    accessCountries: countryCodes.optional(),
  },
  idOf: (wire) => wire.identificator,
  key: { input: "username", ofWire: (wire) => wire.username },
  replaceOnChanges: [],
  secrets: [{ input: "password", wire: "password" }],
  updatable: true,
  toWire: (args) =>
    withoutUnset({
      username: args.username,
      password: args.password,
      directory: args.directory,
      require_tls: args.requireTls,
      access_profile: args.accessProfile,
      allowed_operations: args.allowedOperations,
      access_countries: args.accessCountries,
    }),
  fromWire: (wire, previous) => ({
    username: wire.username,
    directory: wire.directory || "/",
    requireTls: wire.require_tls,
    accessProfile: wire.access_profile ?? "whitelist_or_tls",
    systemUsername: wire.username_system,
    ...whenManaged(previous, {
      allowedOperations: sortedUnique(wire.allowed_operations.map((operation) => operation.toLowerCase())),
      accessCountries: sortedUnique(wire.access_countries.map((country) => country.toUpperCase())),
    }),
  }),
});

export const ftpUserArgs = ftpUser.args;
export type FtpUserArgs = Inputs<z.input<typeof ftpUserArgs>>;
export const ftpUserDefinition = ftpUser.definition;

/** An FTP account of a ZoneID web hosting service (`/vserver/{service}/ftp/user`); every field updates in place. */
export class FtpUser extends pulumi.dynamic.Resource {
  declare readonly service: pulumi.Output<string>;
  declare readonly username: pulumi.Output<string>;
  declare readonly password: pulumi.Output<string>;
  declare readonly directory: pulumi.Output<string>;
  declare readonly requireTls: pulumi.Output<boolean>;
  declare readonly accessProfile: pulumi.Output<string>;
  /** Reported only when the program sets it. */
  declare readonly allowedOperations: pulumi.Output<string[] | undefined>;
  /** Reported only when the program sets it. */
  declare readonly accessCountries: pulumi.Output<string[] | undefined>;
  /** The login name ZoneID generates; the custom `username` is an alias of it. */
  declare readonly systemUsername: pulumi.Output<string | null>;

  constructor(name: string, args: FtpUserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serializableProvider(ftpUserDefinition.kind),
      name,
      withCreationTag(ftpUserDefinition.kind, name, { systemUsername: undefined, ...args }, opts),
      withSecretOutputs(ftpUserDefinition, opts),
      "zoneid",
      "FtpUser",
    );
  }
}
