/** Single-use values (signed callback headers) with their expiry, shared by every process on the database. */
export const noncesSchema = {
  version: 1170,
  name: 'nonces',
  sql: `
CREATE TABLE nonces (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX nonces_expiry ON nonces(expires_at);
`,
};
