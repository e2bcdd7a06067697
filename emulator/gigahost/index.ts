export {
  DEFAULT_GIGAHOST_API_KEY,
  DEFAULT_GIGAHOST_PASSWORD,
  DEFAULT_GIGAHOST_USERNAME,
  GIGAHOST_CUSTOMER_ID,
  GigahostEmulator,
  type GigahostEmulatorOptions,
} from "./emulator";
export { type GigahostUser, totpCode } from "./auth";
export { GigahostApiError } from "./envelope";
export type { RecordView, ZoneType, ZoneView } from "./dns-state";
export { ZoneFileError, type ZoneFileRecord, parseZoneFile } from "./zone-file";
export { DISTRIBUTIONS, OPERATING_SYSTEMS } from "./server-catalog";
export type { NewServer, StoredServer } from "./server-state";
