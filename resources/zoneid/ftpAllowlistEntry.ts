import * as pulumi from "@pulumi/pulumi";
import { isIP } from "node:net";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { claimObject, releaseObject } from "../../provider/identity";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { ftpAllowlistWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { commonShape } from "./hostingCollection";
import { importByServiceItem } from "./serviceImportIds";

const COLLECTION = "ftp/ipwhitelist";

/** One spelling of an address (IPv6 lower-cased); undefined when it is none. */
function normalizeAddress(value: string): string | undefined {
  const address = value.trim().toLowerCase();
  return isIP(address) === 0 ? undefined : address;
}

/**
 * An address allowed to use a web hosting service's FTP
 * (`/vserver/{service}/ftp/ipwhitelist`). ZoneID's document marks every
 * field of the POST's body (schema FtpIpWhitelist) read-only, so a create
 * cannot name the address: it is taken to allow the address the request
 * comes from, i.e. the machine running `pulumi up` (a guess, listed in
 * docs/zoneid.md). `ip` declares that address; a create whose entry has
 * another one deletes it again and fails naming both. An entry is
 * recognised by its address (after an interrupted create, or one made by
 * hand: there is no field for a creation tag).
 */
const ftpAllowlistShape = {
  service: commonShape.service,
  ip: z.string({ error: "is required: the IPv4 or IPv6 address `pulumi up` reaches ZoneID from" }).transform((value, context) => {
    const normalized = normalizeAddress(value);
    if (normalized === undefined) context.addIssue({ code: "custom", message: `"${value}" is not an IPv4 or IPv6 address (a single address: ZoneID allows the caller's)` });
    return normalized ?? value;
  }),
};
export const ftpAllowlistEntryArgs = z.object(ftpAllowlistShape).strict();
type FtpAllowlistInputs = z.output<typeof ftpAllowlistEntryArgs>;

/** The arguments of an `FtpAllowlistEntry` (`/vserver/{service}/ftp/ipwhitelist`); see docs/zoneid.md. */
export interface FtpAllowlistEntryArgs {
  /** The web hosting service, e.g. `"example.com"`. Lower-cased, trailing dot removed. Changing it replaces the entry. */
  service: pulumi.Input<string>;
  /**
   * The public IPv4 or IPv6 address the machine running `pulumi up` reaches ZoneID
   * from (ZoneID allows the caller's address; the create fails if it is another).
   * It identifies the entry. Changing it replaces the entry.
   */
  ip: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<FtpAllowlistEntryArgs, typeof ftpAllowlistEntryArgs>>;

export const ftpAllowlistEntryState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The allowed address. */
  ip: z.string(),
  /** The address's country code as ZoneID reports it; null when its answer omits it. */
  country: z.string().nullable(),
  /** When the entry was made; null when ZoneID's answer omits it. */
  created: z.string().nullable(),
});
type FtpAllowlistState = z.output<typeof ftpAllowlistEntryState>;
type FtpAllowlistWire = z.output<typeof ftpAllowlistWire>;

const stateOf = (service: string, wire: FtpAllowlistWire): FtpAllowlistState => ({ service, ip: normalizeAddress(wire.ip) ?? wire.ip, country: wire.country, created: wire.created });
const objectKey = (inputs: FtpAllowlistInputs) => `zoneid:/vserver/${inputs.service}/${COLLECTION}/${inputs.ip}`;

export const ftpAllowlistEntryDefinition: ResourceDefinition<FtpAllowlistInputs, typeof ftpAllowlistEntryState> = {
  kind: "zoneid:FtpAllowlistEntry",
  inputs: ftpAllowlistEntryArgs,
  state: ftpAllowlistEntryState,
  // No PUT: a change is a new entry; the address is unique in the list.
  replaceOnChanges: ["service", "ip"],
  deleteBeforeReplace: true,
  /**
   * `service/identificator`: the web hosting service and the entry's
   * `identificator` as `GET /vserver/{service}/ftp/ipwhitelist` lists it, e.g.
   * `example.com/1234`.
   */
  importId: importByServiceItem("service", "identificator", "example.com/1234"),

  async create(inputs, context) {
    const client = zoneidClient(context.settings, context);
    const description = `zoneid:FtpAllowlistEntry: FTP allow-list entry ${inputs.ip} of web hosting ${inputs.service}`;
    const owner = context.creationTag ?? "untagged";
    claimObject(objectKey(inputs), owner, description);
    const find = async () => {
      const items = await client.listServiceItems("vserver", inputs.service, COLLECTION, ftpAllowlistWire);
      if (items === undefined) throw new Error(`zoneid:FtpAllowlistEntry: the ZoneID account has no web hosting service ${inputs.service}`);
      return onlyCandidate(items.filter((item) => normalizeAddress(item.ip) === inputs.ip), (item) => item.identificator, description);
    };
    const { object } = await createOnce<FtpAllowlistWire>({
      attempt: () => client.allowFtpFromCaller(inputs.service),
      find,
      description: `allowing ${inputs.ip} to use the FTP of web hosting ${inputs.service}`,
      clock: context.clock,
      logger: context.logger,
    }).catch((error: unknown) => {
      releaseObject(objectKey(inputs), owner);
      throw error;
    });
    if (normalizeAddress(object.ip) !== inputs.ip) {
      // Not what the program declares: take it back rather than leave an entry no resource owns.
      await client.deleteServiceItem("vserver", inputs.service, COLLECTION, object.identificator);
      releaseObject(objectKey(inputs), owner);
      throw new Error(
        `${description}: ZoneID allowed ${object.ip}, the address this request came from, not ${inputs.ip}; ` +
          `the entry was removed again. Set \`ip\` to the address \`pulumi up\` runs from.`,
      );
    }
    return { id: object.identificator, state: stateOf(inputs.service, object) };
  },

  async read(id, state, context) {
    const item = await zoneidClient(context.settings, context).getServiceItem("vserver", state.service, COLLECTION, id, ftpAllowlistWire);
    return item ? stateOf(state.service, item) : undefined;
  },

  async update(_id, olds, news) {
    // Every input replaces: nothing changes in place.
    return { ...olds, ...news };
  },

  async delete(id, state, context) {
    await zoneidClient(context.settings, context).deleteServiceItem("vserver", state.service, COLLECTION, id);
  },
};

/**
 * Allows the address `pulumi up` runs from to use a ZoneID web hosting service's FTP
 * (`/vserver/{service}/ftp/ipwhitelist`); any change replaces it.
 */
export class FtpAllowlistEntry extends resourceClass<FtpAllowlistEntryArgs>()(ftpAllowlistEntryDefinition) {}
