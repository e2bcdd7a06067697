import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { zoneidClient } from "../../provider/zoneid/client";
import { ArgsMatchSchema, Assert } from "../types";
import { commonShape } from "./hostingCollection";
import { importByNamedParts, servicePart } from "./importIds";

const ACCESS = ["whitelist", "public"] as const;

/**
 * The SSH settings of a web hosting service (`GET/PUT /vserver/{service}/ssh`,
 * schema VServerSSHUser). They exist with the service: this resource takes
 * them over and sets `access`, the one writable field; deleting it stops
 * managing them and leaves `access` as it is (the value before is not
 * restored: a later `pulumi up` of another program may have changed it since).
 */
const sshSettingsShape = {
  service: commonShape.service,
  access: z.enum(ACCESS, { error: `must be one of ${ACCESS.join(", ")}` }),
};
export const sshSettingsArgs = z.object(sshSettingsShape).strict();
type SshSettingsInputs = z.output<typeof sshSettingsArgs>;

/** The arguments of an `SshSettings` (`/vserver/{service}/ssh`); see docs/zoneid.md. */
export interface SshSettingsArgs {
  /**
   * The web hosting service: its name (the `service_name` of `/vserver/{service_name}`),
   * e.g. `"example.com"`. Lower-cased, trailing dot removed. Changing it replaces the
   * resource (manages another service's settings; neither is changed by the switch).
   */
  service: pulumi.Input<string>;
  /**
   * Who may reach the service's SSH: `"whitelist"` (only the addresses of its
   * `SshAllowlistEntry`s) or `"public"` (anyone with a key). Changes in place.
   */
  access: pulumi.Input<(typeof ACCESS)[number]>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SshSettingsArgs, typeof sshSettingsArgs>>;

export const sshSettingsState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** `"whitelist"` or `"public"`. */
  access: z.string(),
  /** The SSH login name of the service. */
  username: z.string(),
  /** The web hosts served by the service. */
  webhosts: z.array(z.string()),
  /** The SSH server's host key fingerprints, to pin in `known_hosts`. */
  serverFingerprints: z.array(z.string()),
  /** The server's IPv4 address; null when ZoneID's answer omits it. */
  ipv4: z.string().nullable(),
  /** The server's IPv6 address; null when ZoneID's answer omits it. */
  ipv6: z.string().nullable(),
});
type SshSettingsState = z.output<typeof sshSettingsState>;

type SshSettingsWire = NonNullable<Awaited<ReturnType<ReturnType<typeof zoneidClient>["getSshSettings"]>>>;

function stateOf(service: string, wire: SshSettingsWire): SshSettingsState {
  return { service, access: wire.access, username: wire.username, webhosts: wire.webhosts, serverFingerprints: wire.server_fingerprints, ipv4: wire.ipv4, ipv6: wire.ipv6 };
}

async function apply(inputs: SshSettingsInputs, context: OperationContext): Promise<SshSettingsState> {
  const client = zoneidClient(context.settings, context);
  const current = await client.getSshSettings(inputs.service);
  if (!current) throw new Error(`zoneid:SshSettings: the ZoneID account has no web hosting service ${inputs.service} (GET /vserver/${inputs.service}/ssh answered 404)`);
  // "Don't update resources that are not modified" (ZoneID API v2 documentation): PUT only a change.
  if (current.access === inputs.access) return stateOf(inputs.service, current);
  return stateOf(inputs.service, await client.updateSshSettings(inputs.service, { access: inputs.access }));
}

export const sshSettingsDefinition: ResourceDefinition<SshSettingsInputs, typeof sshSettingsState> = {
  kind: "zoneid:SshSettings",
  inputs: sshSettingsArgs,
  state: sshSettingsState,
  // The settings exist with the service: this kind only changes them (a PUT, safe to repeat after a crash).
  createsObjects: false,
  replaceOnChanges: ["service"],
  /** `service`, e.g. `example.com`: the web hosting service whose SSH settings these are (the resource's id). */
  importId: importByNamedParts([servicePart], "example.com", ([service]) => ({ id: service, state: { service } })),

  async create(inputs, context) {
    return { id: inputs.service, state: await apply(inputs, context) };
  },

  async read(id, state, context) {
    const settings = await zoneidClient(context.settings, context).getSshSettings(state.service ?? id);
    return settings ? stateOf(state.service ?? id, settings) : undefined;
  },

  async update(_id, _olds, news, context) {
    return apply(news, context);
  },

  async delete() {
    // The settings belong to the service: deleting the resource only stops managing them.
  },
};

/**
 * The SSH settings of a ZoneID web hosting service (`/vserver/{service}/ssh`): who may
 * connect (`access`), with the login name and host key fingerprints as outputs.
 * Delete stops managing and leaves `access` as it is.
 */
export class SshSettings extends resourceClass<SshSettingsArgs>()(sshSettingsDefinition) {}
