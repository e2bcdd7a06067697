import type * as pulumi from "@pulumi/pulumi";
import { BrandServerSnapshot, ServerSnapshotArgs } from "../gigahost/serverSnapshot";

/** A snapshot of a Terrahost virtual server (the Gigahost implementation, bound to Terrahost). */
export class ServerSnapshot extends BrandServerSnapshot {
  constructor(name: string, args: ServerSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    super("terrahost", name, args, opts);
  }
}
