import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { SshKeyWire } from "../../provider/gigahost/accountWire";
import { claimObject } from "../../provider/identity";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert } from "../types";
import { SSH_PUBLIC_KEY } from "./deployedServerArgs";
import { sshKeyImportId } from "./importIds";

export const sshKeyArgs = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
    publicKey: z
      .string()
      .transform((value) => value.trim().replace(/\s+/g, " "))
      .pipe(z.string().regex(SSH_PUBLIC_KEY, 'must be an OpenSSH public key such as "ssh-ed25519 AAAA… ops@example.no"')),
  })
  .strict();

/** The arguments of an `SshKey`; see docs/gigahost.md, "SshKey (Gigahost)". */
export interface SshKeyArgs {
  /** The key's label in the account, e.g. `"ci-deploy"`; 1–255 characters. Changing it replaces the key (Gigahost has no key update). */
  name: pulumi.Input<string>;
  /**
   * The OpenSSH public key, e.g. `"ssh-ed25519 AAAA… ops@example.no"`. The account holds a key
   * once: a key already there under another name is refused. Changing it replaces the key.
   */
  publicKey: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SshKeyArgs, typeof sshKeyArgs>>;
type SshKeyInputs = z.output<typeof sshKeyArgs>;

export const sshKeyState = stateSchema({
  /** Gigahost's id of the key. */
  keyId: z.string(),
  /** The key's label in the account. */
  name: z.string(),
  /** The public key as the account holds it; pass it to `DeployedServer.sshKeys`. */
  publicKey: z.string(),
  /** The key's OpenSSH SHA256 fingerprint, e.g. `"SHA256:…"`, computed from the key. */
  fingerprint: z.string(),
  /** When the key was added (ISO 8601); null when Gigahost does not say. */
  createdAt: z.string().nullable(),
});
export type SshKeyState = z.infer<typeof sshKeyState>;

const KIND = "gigahost:SshKey";

/** OpenSSH's SHA256 fingerprint: the key blob's digest in unpadded base64. Comments and spacing do not change it. */
export function sshKeyFingerprint(publicKey: string): string {
  const blob = publicKey.trim().split(/\s+/)[1] ?? "";
  return `SHA256:${createHash("sha256").update(Buffer.from(blob, "base64")).digest("base64").replace(/=+$/, "")}`;
}

function keyState(wire: SshKeyWire): SshKeyState {
  return { keyId: wire.key_id, name: wire.name, publicKey: wire.key, fingerprint: sshKeyFingerprint(wire.key), createdAt: wire.created_at ?? null };
}

async function keysWithFingerprint(client: GigahostClient, fingerprint: string): Promise<SshKeyWire[]> {
  return (await client.account.sshKeys()).filter((key) => sshKeyFingerprint(key.key) === fingerprint);
}

export const sshKeyDefinition: ResourceDefinition<SshKeyInputs, typeof sshKeyState> = {
  kind: KIND,
  inputs: sshKeyArgs,
  state: sshKeyState,
  // Gigahost has no key update (the document lists POST and DELETE only).
  replaceOnChanges: ["name", "publicKey"],
  // The account holds a key once (emulator's guess, docs/gigahost.md): the old key goes first.
  deleteBeforeReplace: true,
  /** `keyId`, e.g. `17` (GET /account's `ssh_keys[].key_id`): read gives back `name` and `publicKey`. */
  importId: sshKeyImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const fingerprint = sshKeyFingerprint(inputs.publicKey);
    const description = `${KIND} "${inputs.name}" (${fingerprint})`;
    if (context.creationTag) claimObject(`gigahost:sshkey:${fingerprint}`, context.creationTag, description);
    const existing = await keysWithFingerprint(client, fingerprint);
    // A key carries nothing of ours but its name: the same key under the same name is the one an
    // interrupted create added. The same key under another name is somebody else's.
    const foreign = existing.find((key) => key.name !== inputs.name);
    if (foreign) {
      throw new Error(
        `${KIND}: publicKey is already in the Gigahost account as "${foreign.name}" (key id ${foreign.key_id}); an account holds a key once. ` +
          `Use name "${foreign.name}", or remove that key from the account first.`,
      );
    }
    const find = async () => onlyCandidate(await keysWithFingerprint(client, fingerprint), (key) => key.key_id, description);
    const { object: created } = await createOnce<SshKeyWire>({
      attempt: async () => (await client.account.addSshKey({ name: inputs.name, key: inputs.publicKey })) ?? (await find()),
      find,
      description: `adding ${description}`,
      clock: context.clock,
      logger: context.logger,
    });
    return { id: created.key_id, state: keyState(created) };
  },

  async read(id, _state, context) {
    const keys = await gigahostClient("gigahost", context.settings, context).account.sshKeys();
    const found = keys.find((key) => key.key_id === id);
    return found && keyState(found);
  },

  async update(_id, olds) {
    // Both inputs replace: nothing changes in place.
    return { keyId: olds.keyId, name: olds.name, publicKey: olds.publicKey, fingerprint: olds.fingerprint, createdAt: olds.createdAt };
  },

  async delete(id, _state, context) {
    // An already-removed key is deleted.
    await gigahostClient("gigahost", context.settings, context).account.deleteSshKey(id);
  },
};

/**
 * An SSH public key of the Gigahost account (`POST /account/sshkey`).
 * Its `publicKey` output goes into `DeployedServer.sshKeys`. No property
 * changes in place (Gigahost has no key update): a change replaces the key,
 * the old one removed first. Delete removes it from the account; servers
 * already deployed with it keep it in their `authorized_keys`.
 */
export class SshKey extends resourceClass<SshKeyArgs>()(sshKeyDefinition) {}
