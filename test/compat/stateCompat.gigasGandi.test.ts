import { describeRecordedStates } from "./recordedStates";

describeRecordedStates(["gigas", "gandi"]);
