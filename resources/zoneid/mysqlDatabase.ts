import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { mysqlDatabaseWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { comment } from "./hostingFields";
import { importByServiceItem, inputPart } from "./importIds";

export const DEFAULT_COLLATION = "utf8mb4_unicode_ci";

/** What a `MysqlDatabase` adds to its inputs in state; each property is an output. */
export const mysqlDatabaseState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The database name. */
  name: z.string(),
  /** The collation (as created; kept from the inputs when ZoneID's answer omits it). */
  collation: z.string(),
  /** The comment, without the creation tag ZoneID keeps on its last line. */
  comment: z.string(),
  /** Disk usage in bytes, as the API last measured it; null when ZoneID's answer omits it. */
  diskUsage: z.number().nullable(),
});

const mysqlDatabase = hostingCollection({
  kind: "zoneid:MysqlDatabase",
  state: mysqlDatabaseState,
  noun: "MySQL database",
  collection: "database/mysql",
  wire: mysqlDatabaseWire,
  fields: {
    name: z
      .string({ error: "is required" })
      .trim()
      .regex(/^[A-Za-z0-9_]{1,64}$/, "must be 1-64 letters, digits or underscores"),
    collation: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+_[a-z0-9_]+$/, "must be a MySQL collation such as utf8mb4_unicode_ci")
      .default(DEFAULT_COLLATION),
    comment,
  },
  idOf: (wire) => wire.name,
  key: { input: "name", ofWire: (wire) => wire.name },
  // The API has no PUT for a database: every change is a new database.
  // The comment carries the creation tag on its last line (stripped on read, kept on update).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: ["name", "collation", "comment"],
  secrets: [],
  updatable: false,
  toWire: (args) => ({ name: args.name, collation: args.collation, comment: args.comment }),
  fromWire: (wire, previous) => ({
    name: wire.name,
    // Not every answer carries the collation; it cannot change after creation.
    collation: wire.collation ?? (previous.collation as string | undefined) ?? DEFAULT_COLLATION,
    comment: wire.comment,
    diskUsage: wire.disk_usage,
  }),
});

export const mysqlDatabaseArgs = mysqlDatabase.args;

/**
 * The arguments of a `MysqlDatabase` (`/vserver/{service}/database/mysql`); see
 * docs/zoneid.md. The API has no PUT for a database: changing any input
 * replaces it, and the old database, with its data, is deleted first.
 */
export interface MysqlDatabaseArgs extends HostingServiceArgs {
  /**
   * The database name, 1-64 letters, digits or underscores, e.g. `"d12345_shop"`.
   * It identifies the database. Changing it replaces the database.
   */
  name: pulumi.Input<string>;
  /**
   * The MySQL collation, e.g. `"utf8mb4_estonian_ci"`; default `"utf8mb4_unicode_ci"`.
   * "Available only during creation" (ZoneID's OpenAPI spec): changing it replaces the database.
   */
  collation?: pulumi.Input<string>;
  /** Free text, at most 255 characters (default `""`). Changing it replaces the database. */
  comment?: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<MysqlDatabaseArgs, typeof mysqlDatabaseArgs>>;
export const mysqlDatabaseDefinition: typeof mysqlDatabase.definition = {
  ...mysqlDatabase.definition,
  /**
   * `service/name`, e.g. `example.com/d12345_shop`: the web hosting service
   * and the database's name (its identificator at ZoneID, and the resource's id).
   */
  importId: importByServiceItem(inputPart("name", mysqlDatabase.spec.fields.name), "example.com/d12345_shop"),
};

/**
 * A MySQL database of a ZoneID web hosting service
 * (`/vserver/{service}/database/mysql`). The API cannot change a database,
 * so any change of its inputs replaces it (the old one, with its data, is
 * deleted first). Protect it with `protect: true` where data matters.
 */
export class MysqlDatabase extends resourceClass<MysqlDatabaseArgs>()(mysqlDatabaseDefinition) {}
