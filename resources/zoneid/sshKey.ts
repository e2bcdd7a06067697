import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { sshPublicKeyWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";
import { comment } from "./hostingFields";

/** "type base64 [comment]" with the whitespace collapsed, so a pasted key with a trailing newline is the same key. */
export function normalizePublicKey(key: string): string {
  return key.trim().split(/\s+/).join(" ");
}

const sshKey = hostingCollection({
  kind: "zoneid:SshKey",
  noun: "SSH public key",
  collection: "ssh/publickey",
  wire: sshPublicKeyWire,
  fields: {
    /** An OpenSSH public key, e.g. "ssh-ed25519 AAAA… me@laptop". */
    publicKey: z
      .string({ error: "is required" })
      .transform(normalizePublicKey)
      .refine((key) => /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(key), "must be an OpenSSH public key (ssh-ed25519 AAAA…, ssh-rsa AAAA…, ecdsa-sha2-nistp256 AAAA…)"),
    comment,
  },
  idOf: (wire) => wire.identificator,
  key: { input: "publicKey", ofWire: (wire) => normalizePublicKey(wire.public_key) },
  // The API has no PUT for a key: a change is a new key.
  // The comment carries the creation tag on its last line (stripped on read, kept on update).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: ["publicKey", "comment"],
  secrets: [],
  updatable: false,
  toWire: (args) => ({ public_key: args.publicKey, comment: args.comment }),
  fromWire: (wire) => ({ publicKey: normalizePublicKey(wire.public_key), comment: wire.comment, fingerprint: wire.fingerprint, keyType: wire.type, size: wire.size }),
});

export const sshKeyArgs = sshKey.args;
export type SshKeyArgs = Inputs<z.input<typeof sshKeyArgs>>;
export const sshKeyDefinition = sshKey.definition;

/** An SSH public key allowed to log in to a ZoneID web hosting service (`/vserver/{service}/ssh/publickey`); any change replaces it. */
export class SshKey extends pulumi.dynamic.Resource {
  declare readonly service: pulumi.Output<string>;
  declare readonly publicKey: pulumi.Output<string>;
  declare readonly comment: pulumi.Output<string>;
  declare readonly fingerprint: pulumi.Output<string | null>;
  declare readonly keyType: pulumi.Output<string | null>;
  declare readonly size: pulumi.Output<number | null>;

  constructor(name: string, args: SshKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(serializableProvider(sshKeyDefinition.kind), name, withCreationTag(sshKeyDefinition.kind, name, { fingerprint: undefined, keyType: undefined, size: undefined, ...args }, opts), opts, "zoneid", "SshKey");
  }
}
