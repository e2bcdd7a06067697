// Local fakes of the vendor APIs, for tests, `npm run emulator` and demos.
export {
  type EmulatorClock,
  type EmulatorRequest,
  type EmulatorResponse,
  type EmulatorServer,
  type EmulatorServerOptions,
  type FaultKind,
  type FaultOptions,
  type RequestRecord,
  type Route,
  type VendorEmulator,
  createEmulatorClock,
  startEmulatorServer,
} from "./core";
export {
  DEFAULT_GIGAHOST_API_KEY,
  DEFAULT_GIGAHOST_PASSWORD,
  DEFAULT_GIGAHOST_USERNAME,
  GIGAHOST_CUSTOMER_ID,
  GigahostApiError,
  GigahostEmulator,
  type GigahostEmulatorOptions,
  type GigahostUser,
  type RecordView,
  type ZoneType,
  type ZoneView,
  totpCode,
} from "./gigahost";
export {
  type CreateAttempt,
  DEFAULT_GANDI_API_KEY,
  DEFAULT_GANDI_TOKEN,
  GANDI_ORGANIZATION_ID,
  GandiApiError,
  GandiEmulator,
  type GandiEmulatorOptions,
  type GandiTimings,
} from "./gandi";
