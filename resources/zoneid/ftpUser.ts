import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ftpUserWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { countryCodes, password, sortedSet, sortedUnique, whenManaged, withoutUnset } from "./hostingFields";
import { importByServiceItem, readingOptionalInputsOnImport } from "./serviceImportIds";

const ACCESS_PROFILES = ["whitelist", "whitelist_or_tls", "unsafe"] as const;

/** What a `FtpUser` adds to its inputs in state; each property is an output. */
export const ftpUserState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The custom user name. */
  username: z.string(),
  /** The password as last set by the program (secret; the API never returns it). */
  password: z.string(),
  /** The home directory. */
  directory: z.string(),
  /** Whether logins must use TLS. */
  requireTls: z.boolean(),
  /** Who may log in. */
  accessProfile: z.string(),
  /** Reported only when the program sets it (undefined otherwise). */
  allowedOperations: z.array(z.string()).optional(),
  /** Reported only when the program sets it (undefined otherwise). */
  accessCountries: z.array(z.string()).optional(),
  /** The login name ZoneID generates; the custom `username` is an alias of it. Null when ZoneID's answer omits it. */
  systemUsername: z.string().nullable(),
});

const ftpUser = hostingCollection({
  kind: "zoneid:FtpUser",
  state: ftpUserState,
  noun: "FTP user",
  collection: "ftp/user",
  wire: ftpUserWire,
  fields: {
    username: z
      .string({ error: "is required" })
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,32}$/, "must be 1-32 letters, digits, dots, dashes or underscores"),
    password,
    directory: z
      .string()
      .trim()
      .refine((path) => path.startsWith("/") && !path.split("/").includes(".."), 'must be an absolute path without "..", e.g. /htdocs')
      .default("/"),
    requireTls: z.boolean({ error: "must be true or false" }).default(true),
    accessProfile: z.enum(ACCESS_PROFILES, { error: `must be one of ${ACCESS_PROFILES.join(", ")}` }).default("whitelist_or_tls"),
    allowedOperations: sortedSet(
      z
        .string({ error: "must be text" })
        .transform((value) => value.trim().toLowerCase())
        .refine((value) => /^[a-z_]+$/.test(value), { error: (issue) => `"${issue.input}" is not an operation name, e.g. read or write` }),
    ).optional(),
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

/** The arguments of an `FtpUser` (`/vserver/{service}/ftp/user`); see docs/zoneid.md. Every field changes in place. */
export interface FtpUserArgs extends HostingServiceArgs {
  /**
   * The custom user name, 1-32 letters, digits, dots, dashes or underscores, e.g.
   * `"deploy"`: an alias of the system name ZoneID generates. It is how an existing
   * user is found for adoption. Changes in place.
   */
  username: pulumi.Input<string>;
  /**
   * The password, 10-64 characters. Secret, and write-only at the API: a change
   * made elsewhere cannot be seen. Changes in place.
   */
  password: pulumi.Input<string>;
  /**
   * The home directory, relative to the service's root, absolute and without `..`,
   * e.g. `"/htdocs"`; default `"/"`. Changes in place.
   */
  directory?: pulumi.Input<string>;
  /** Whether logins must use TLS (default true). Changes in place. */
  requireTls?: pulumi.Input<boolean>;
  /**
   * Who may log in: `"whitelist"` (listed IPs only), `"whitelist_or_tls"` (default)
   * or `"unsafe"` (anyone). Changes in place.
   */
  accessProfile?: pulumi.Input<(typeof ACCESS_PROFILES)[number]>;
  /**
   * "FTP account allowed operations" (`allowed_operations`), e.g. `["read", "write"]`;
   * ZoneID's spec lists no values, so they are sent as written (lower-cased) and
   * compared as a set. Unset (default): not managed. Changes in place.
   */
  allowedOperations?: pulumi.Input<string[]>;
  /**
   * "Ftp account accessible countries" (`access_countries`): ISO 3166 two-letter
   * codes, e.g. `["EE", "FI"]`, compared as a set. Unset (default): not managed.
   * Changes in place.
   */
  accessCountries?: pulumi.Input<string[]>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<FtpUserArgs, typeof ftpUserArgs>>;
export const ftpUserDefinition: typeof ftpUser.definition = {
  ...ftpUser.definition,
  /**
   * `service/identificator`: the web hosting service and the user's
   * `identificator` as `GET /vserver/{service}/ftp/user` lists it, e.g.
   * `example.com/1234`. The password is write-only: an imported user has none
   * until the next `pulumi up` sets the program's. `allowedOperations` and
   * `accessCountries` are imported where ZoneID lists any.
   */
  importId: importByServiceItem("service", "identificator", "example.com/1234"),
  read: readingOptionalInputsOnImport(ftpUser.definition, "username", ["allowedOperations", "accessCountries"]),
};

/** An FTP account of a ZoneID web hosting service (`/vserver/{service}/ftp/user`); every field updates in place. */
export class FtpUser extends resourceClass<FtpUserArgs>()(ftpUserDefinition) {}
