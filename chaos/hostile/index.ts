export { writeHostileRecords, HostileWriteOptions, HostileWriteReport } from './write';
export { HostileMaterial, CapturedRecord } from './material';
export { captureRecords } from './capture';
export { HOSTILE_KINDS, HostileKind, KEYLESS_KINDS, STOLEN_KEY_KINDS, ROUTED_AS_DUPLICATE, REPORTED_TO_KEY_OWNER, DEFAULT_WEIGHTS, hugeArrayCount } from './kinds';
export { allowNullHeaderValues, NULL_HEADER_VALUE } from './null-header';
