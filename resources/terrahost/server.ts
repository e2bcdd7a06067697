import type * as pulumi from "@pulumi/pulumi";
import { BrandServer, ServerArgs } from "../gigahost/server";

/**
 * An existing Terrahost server, taken over by `serverId` (the Gigahost
 * implementation, bound to Terrahost). Deleting the resource stops managing
 * the server; it keeps running.
 */
export class Server extends BrandServer {
  constructor(name: string, args: ServerArgs, opts?: pulumi.CustomResourceOptions) {
    super("terrahost", name, args, opts);
  }
}
