import { ResourceClass, resourceClass } from "../../provider/resourceClass";
import { ServerIpv4Args, serverIpv4Definition, serverIpv4State } from "../gigahost/serverIpv4";

// Annotated, because the state schema is declared in another module: the built
// declarations then name it, and editors find its doc comments (an inferred
// base class would inline the schema without them).
const ServerIpv4Class: ResourceClass<ServerIpv4Args, typeof serverIpv4State> =
  resourceClass<ServerIpv4Args>()(serverIpv4Definition("terrahost"));

/**
 * One more IPv4 address for a Terrahost server, ordered through `POST
 * /servers/{id}/ipv4` (billed; the Gigahost implementation, bound to
 * Terrahost). Terrahost documents no move: `serverId` cannot change. Deleting
 * the resource only removes it from the stack: the API cannot release an address.
 */
export class ServerIpv4 extends ServerIpv4Class {}
