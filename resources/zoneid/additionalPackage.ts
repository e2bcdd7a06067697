import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { additionalPackageWire } from "../../provider/zoneid/extrasWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { importByServiceItem, textIdentificator } from "./serviceImportIds";

/** What an `AdditionalPackage` adds to its inputs in state; each property is an output. */
export const additionalPackageState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The package's uname, e.g. "disk_10gb". */
  package: z.string(),
  /** How many of the package the service has. */
  quantity: z.number(),
  /** The package's name as ZoneID shows it, e.g. "Additional disk space 10 GB". */
  name: z.string(),
  /** ZoneID's identificator of the package on this service (also the resource's id). */
  packageId: z.string(),
});

const additionalPackage = hostingCollection({
  kind: "zoneid:AdditionalPackage",
  state: additionalPackageState,
  noun: "additional package",
  collection: "billing/resources",
  wire: additionalPackageWire,
  fields: {
    package: z
      .string({ error: "is required: the package's uname, as getBillingPackages lists it (e.g. disk_10gb)" })
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be a package uname as getBillingPackages lists it: letters, digits, _ . -, at most 64 characters"),
    quantity: z
      .number({ error: "must be a whole number of at least 1" })
      .int("must be a whole number of at least 1")
      .min(1, "must be at least 1 (delete the resource to remove the package)")
      .default(1),
  },
  idOf: (wire) => wire.identificator,
  // "Package already exists" (400): a service has each package at most once, so the uname identifies it.
  key: { input: "package", ofWire: (wire) => wire.package },
  // No free-text field: an interrupted create's package is recognised by uname and quantity.
  replaceOnChanges: ["package"],
  secrets: [],
  updatable: true,
  // The document marks `package` read-only: the body carries only the quantity, the uname goes in the query (a guess, docs/zoneid.md).
  toWire: (args) => ({ quantity: args.quantity }),
  createQuery: (args) => ({ package: args.package }),
  // "Delete an additional package" answers a missing package 400 "Not found" as well as 404.
  deleteItem: (client, service, id) => client.deleteAdditionalPackage(service, id),
  fromWire: (wire, previous) => ({
    package: wire.package,
    quantity: wire.quantity ?? (previous.quantity as number),
    name: wire.name,
    packageId: wire.identificator,
  }),
});

export const additionalPackageArgs = additionalPackage.args;

/**
 * The arguments of an `AdditionalPackage` (`/vserver/{service}/billing/resources`);
 * see docs/zoneid.md. The package is billed: it is added once, and only its
 * quantity changes in place.
 */
export interface AdditionalPackageArgs extends HostingServiceArgs {
  /**
   * The package's uname, as `getBillingPackages` lists it, e.g. `"disk_10gb"`.
   * A service has each package at most once, so it identifies the package.
   * Changing it replaces the package (the old one is removed first).
   */
  package: pulumi.Input<string>;
  /** How many of the package, a whole number of at least 1 (default 1). Changes in place. */
  quantity?: pulumi.Input<number>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<AdditionalPackageArgs, typeof additionalPackageArgs>>;
export const additionalPackageDefinition: typeof additionalPackage.definition = {
  ...additionalPackage.definition,
  /**
   * `service/identificator`: the web hosting service and the package's
   * `identificator` as `GET /vserver/{service}/billing/resources` lists it (the
   * `packageId` output), e.g. `example.com/501`.
   */
  importId: importByServiceItem("service", "identificator", "example.com/501", textIdentificator),
};

/**
 * A billed additional package of a ZoneID web hosting service ("Additional
 * package", `/vserver/{service}/billing/resources`): added once, its quantity
 * changed in place, removed on delete.
 */
export class AdditionalPackage extends resourceClass<AdditionalPackageArgs>()(additionalPackageDefinition) {}
