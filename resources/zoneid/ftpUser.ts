import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider, withSecretOutputs } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { ftpUserWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";
import { password } from "./hostingFields";

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
  },
  idOf: (wire) => wire.identificator,
  key: { input: "username", ofWire: (wire) => wire.username },
  replaceOnChanges: [],
  secrets: [{ input: "password", wire: "password" }],
  updatable: true,
  toWire: (args) => ({ username: args.username, password: args.password, directory: args.directory, require_tls: args.requireTls, access_profile: args.accessProfile }),
  fromWire: (wire) => ({
    username: wire.username,
    directory: wire.directory || "/",
    requireTls: wire.require_tls,
    accessProfile: wire.access_profile ?? "whitelist_or_tls",
    systemUsername: wire.username_system,
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
