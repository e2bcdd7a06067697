import { ServerArgs, serverDefinition, serverState } from "../gigahost/server";
import { ResourceClass, resourceClass } from "../../provider/resourceClass";

// Annotated, because the state schema is declared in another module: the built
// declarations then name it, and editors find its doc comments (an inferred
// base class would inline the schema without them).
const ServerClass: ResourceClass<ServerArgs, typeof serverState, "primaryIp"> =
  resourceClass<ServerArgs, "primaryIp">()(serverDefinition("terrahost"));

/**
 * An existing Terrahost server, taken over by `serverId` (the Gigahost
 * implementation, bound to Terrahost). Deleting the resource stops managing
 * the server; it keeps running.
 */
export class Server extends ServerClass {}
