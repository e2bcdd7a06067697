import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { claimObject, releaseObject } from "../../provider/identity";
import { createOnce } from "../../provider/reconcile";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { ArgsMatchSchema, Assert } from "../types";
import { commonShape } from "./hostingCollection";
import { importByServiceName } from "./serviceImportIds";

/**
 * DKIM signing of a web hosting service's mail (`GET/POST/DELETE
 * /vserver/{service}/mail/dkim`). One per service: the POST takes no body,
 * so there is nothing to choose and nothing to carry a creation tag. An
 * active key found at create is taken as this resource's (an interrupted
 * create's key is indistinguishable from one activated by hand); destroying
 * the resource deletes the key, which stops the signing.
 */
const dkimShape = { service: commonShape.service };
export const dkimArgs = z.object(dkimShape).strict();
type DkimInputs = z.output<typeof dkimArgs>;

/** The arguments of a `Dkim` (`/vserver/{service}/mail/dkim`); see docs/zoneid.md. */
export interface DkimArgs {
  /**
   * The web hosting service whose mail is signed: its name (the `service_name` of
   * `/vserver/{service_name}`, usually its main domain), e.g. `"example.com"`.
   * Lower-cased, trailing dot removed. Changing it replaces the resource.
   */
  service: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DkimArgs, typeof dkimArgs>>;

export const dkimState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The DKIM public key ZoneID signs with, as its API answers it; publish it in DNS where ZoneID does not host the zone. */
  publicKey: z.string(),
});

const objectKey = (service: string) => `zoneid:/vserver/${service}/mail/dkim`;

export const dkimDefinition: ResourceDefinition<DkimInputs, typeof dkimState> = {
  kind: "zoneid:Dkim",
  inputs: dkimArgs,
  state: dkimState,
  replaceOnChanges: ["service"],
  /** The web hosting service's name, e.g. `example.com`: a service has one DKIM key, and it is the resource's id. */
  importId: importByServiceName("service", "service", "example.com"),

  async create(inputs, context) {
    const client = zoneidClient(context.settings, context);
    const description = `zoneid:Dkim: DKIM of web hosting ${inputs.service}`;
    const owner = context.creationTag ?? "untagged";
    claimObject(objectKey(inputs.service), owner, description);
    const { object } = await createOnce({
      attempt: () => client.activateDkim(inputs.service),
      find: () => client.getDkim(inputs.service),
      description: `activating DKIM of web hosting ${inputs.service}`,
      clock: context.clock,
      logger: context.logger,
    }).catch((error: unknown) => {
      releaseObject(objectKey(inputs.service), owner);
      throw error;
    });
    return { id: inputs.service, state: { service: inputs.service, publicKey: object.public_key } };
  },

  async read(id, state, context) {
    const dkim = await zoneidClient(context.settings, context).getDkim(state.service ?? id);
    return dkim ? { service: state.service ?? id, publicKey: dkim.public_key } : undefined;
  },

  async update(_id, olds, news) {
    // `service` is the only input and it replaces: nothing changes in place.
    return { ...news, publicKey: olds.publicKey };
  },

  async delete(id, state, context) {
    await zoneidClient(context.settings, context).deleteDkim(state.service ?? id);
  },
};

/**
 * DKIM signing for a ZoneID web hosting service's mail (`/vserver/{service}/mail/dkim`):
 * activated on create, its public key an output, deleted (signing stops) on destroy.
 */
export class Dkim extends resourceClass<DkimArgs>()(dkimDefinition) {}
