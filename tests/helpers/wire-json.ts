/**
 * A JSON body as a platform fake recorded it or a fixture builds it. Tests read and set its fields freely; their
 * expectations, not this type, check the fields.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireJson = any;
