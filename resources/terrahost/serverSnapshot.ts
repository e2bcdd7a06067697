import { ResourceClass, resourceClass } from "../../provider/resourceClass";
import { ServerSnapshotArgs, serverSnapshotDefinition, snapshotState } from "../gigahost/serverSnapshot";

// Annotated, because the state schema is declared in another module: the built
// declarations then name it, and editors find its doc comments (an inferred
// base class would inline the schema without them).
const ServerSnapshotClass: ResourceClass<ServerSnapshotArgs, typeof snapshotState> =
  resourceClass<ServerSnapshotArgs>()(serverSnapshotDefinition("terrahost"));

/** A snapshot of a Terrahost virtual server (the Gigahost implementation, bound to Terrahost). */
export class ServerSnapshot extends ServerSnapshotClass {}
