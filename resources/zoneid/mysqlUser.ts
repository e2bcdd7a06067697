import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { mysqlAccountWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingExtra, HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { comment, mysqlHost, password, sortedSet, sortedUnique } from "./hostingFields";
import { importByServiceItem, inputPart } from "./importIds";

/** MySQL privileges a grant may hold (the spec lists them only in an OPTIONS answer; this is MySQL's per-database set). */
export const MYSQL_PRIVILEGES = [
  "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "INDEX", "ALTER", "CREATE TEMPORARY TABLES", "LOCK TABLES",
  "EXECUTE", "CREATE VIEW", "SHOW VIEW", "CREATE ROUTINE", "ALTER ROUTINE", "EVENT", "TRIGGER", "REFERENCES",
] as const;

const privilege = z
  .string()
  .transform((value) => value.trim().toUpperCase().replace(/\s+/g, " "))
  .refine((value) => (MYSQL_PRIVILEGES as readonly string[]).includes(value), { error: (issue) => `"${issue.input}" is not a MySQL privilege (${MYSQL_PRIVILEGES.join(", ")})` });

type Grants = Record<string, string[]>;

/**
 * Grants live at `/database/mysql/account/{user}/permission/{database}`:
 * PUT the databases whose privileges differ, DELETE the ones no longer listed.
 */
const permissions: HostingExtra = {
  async apply(client, service, username, news) {
    const wanted = news.permissions as Grants;
    const current = await grantsOf(client, service, username);
    for (const [database, privileges] of Object.entries(wanted)) {
      if (JSON.stringify(current[database]) !== JSON.stringify(privileges)) await client.setMysqlPermissions(service, username, database, privileges);
    }
    for (const database of Object.keys(current)) if (!(database in wanted)) await client.deleteMysqlPermissions(service, username, database);
  },
  async read(client, service, username) {
    return { permissions: await grantsOf(client, service, username) };
  },
};

async function grantsOf(client: Parameters<HostingExtra["read"]>[0], service: string, username: string): Promise<Grants> {
  const listed = (await client.listMysqlPermissions(service, username)) ?? [];
  return Object.fromEntries(
    listed.filter((grant) => grant.permissions.length > 0).map((grant) => [grant.database, sortedUnique(grant.permissions.map((p) => p.toUpperCase()))]),
  );
}

/** What a `MysqlUser` adds to its inputs in state; each property is an output. */
export const mysqlUserState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The account name. */
  username: z.string(),
  /** The password as last set by the program (secret; the API never returns it). */
  password: z.string(),
  /** The comment, without the creation tag ZoneID keeps on its last line. */
  comment: z.string(),
  /** Whether connections must use TLS. */
  requireSsl: z.boolean(),
  /** Where the user may connect from, sorted. */
  hosts: z.array(z.string()),
  /** The privileges per database as ZoneID lists them. */
  permissions: z.record(z.string(), z.array(z.string())),
});

const mysqlUser = hostingCollection({
  kind: "zoneid:MysqlUser",
  state: mysqlUserState,
  noun: "MySQL user",
  collection: "database/mysql/account",
  wire: mysqlAccountWire,
  fields: {
    username: z
      .string({ error: "is required" })
      .trim()
      .regex(/^[A-Za-z0-9_]{1,32}$/, "must be 1-32 letters, digits or underscores"),
    password,
    comment,
    requireSsl: z.boolean({ error: "must be true or false" }).default(false),
    hosts: sortedSet(mysqlHost).default(["pma", "ws"]),
    permissions: z
      .record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "database names are letters, digits or underscores"), sortedSet(privilege).refine((list) => list.length > 0, "list at least one privilege, or leave the database out"))
      .default({}),
  },
  idOf: (wire) => wire.username,
  key: { input: "username", ofWire: (wire) => wire.username },
  // The comment carries the creation tag on its last line (stripped on read, kept on update).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: ["username", "requireSsl"],
  secrets: [{ input: "password", wire: "password" }],
  updatable: true,
  // "Update MySQL account: only comment, password and hosts can be updated" (ZoneID API v2 documentation).
  updatableWire: ["comment", "password", "hosts"],
  toWire: (args) => ({ username: args.username, password: args.password, comment: args.comment, require_ssl: args.requireSsl, hosts: args.hosts }),
  fromWire: (wire) => ({ username: wire.username, comment: wire.comment, requireSsl: wire.require_ssl, hosts: sortedUnique(wire.hosts.map((host) => host.toLowerCase())) }),
  extra: permissions,
});

export const mysqlUserArgs = mysqlUser.args;

/** The arguments of a `MysqlUser` (`/vserver/{service}/database/mysql/account`); see docs/zoneid.md. */
export interface MysqlUserArgs extends HostingServiceArgs {
  /**
   * The account name, 1-32 letters, digits or underscores, e.g. `"d12345_app"`.
   * It identifies the user and is "readonly in update mode": changing it replaces
   * the user (the old one is deleted first).
   */
  username: pulumi.Input<string>;
  /**
   * The password, 10-64 characters. Secret, and write-only at the API: a change
   * made elsewhere cannot be seen. Changes in place.
   */
  password: pulumi.Input<string>;
  /** Free text, at most 255 characters (default `""`). Changes in place. */
  comment?: pulumi.Input<string>;
  /**
   * Connections must use TLS (default false). Changing it replaces the user:
   * "only comment, password and hosts can be updated" (Update MySQL account).
   */
  requireSsl?: pulumi.Input<boolean>;
  /**
   * Where the user may connect from: `"ws"` (the web server), `"pma"` (phpMyAdmin),
   * `"vpn"`, or IPv4/IPv6 addresses, e.g. `["ws", "192.0.2.10"]`; default
   * `["pma", "ws"]`, compared as a set. Changes in place.
   */
  hosts?: pulumi.Input<string[]>;
  /**
   * Privileges per database, from `MYSQL_PRIVILEGES`, e.g.
   * `{ d12345_shop: ["SELECT", "INSERT"] }`; databases not listed get no grant
   * (default `{}`). Changes in place.
   */
  permissions?: pulumi.Input<Record<string, string[]>>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<MysqlUserArgs, typeof mysqlUserArgs>>;
export const mysqlUserDefinition: typeof mysqlUser.definition = {
  ...mysqlUser.definition,
  /**
   * `service/username`, e.g. `example.com/d12345_app`: the web hosting service
   * and the MySQL account's name (its identificator at ZoneID, and the
   * resource's id); its grants are read too. The password is write-only at
   * ZoneID: an imported user has it once the next `pulumi up` sets the program's.
   */
  importId: importByServiceItem(inputPart("username", mysqlUser.spec.fields.username), "example.com/d12345_app"),
};

/**
 * A MySQL user of a ZoneID web hosting service
 * (`/vserver/{service}/database/mysql/account`) with its per-database
 * privileges. Changing `username` or `requireSsl` replaces it (the API
 * updates only comment, password and hosts); the password, hosts, comment
 * and grants update in place.
 */
export class MysqlUser extends resourceClass<MysqlUserArgs>()(mysqlUserDefinition) {}
