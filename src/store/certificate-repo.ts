import type { Certificate, CertificateIssue } from '../certificates/certificate';

/** 流动党员证明 the branches issued. Append-only: a new certificate replaces an old one by being newer. */
export interface CertificateRepo {
  /** Issues one; with a `sourceKey` seen before it returns that one and `created: false`. */
  issue(input: CertificateIssue, now: Date): Promise<{ certificate: Certificate; created: boolean }>;
  get(id: number): Promise<Certificate | undefined>;
  /** Newest first; `memberIds` (an empty list matches nothing) narrows to those members. */
  list(filter?: { memberIds?: number[] }): Promise<Certificate[]>;
}
