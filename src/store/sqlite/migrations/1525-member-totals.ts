/**
 * One running balance per member over all branches, beside the per-branch rows of `ledger_totals`: a balance over
 * all branches (everyone's, a province-wide board) reads one row per member instead of grouping that member's rows.
 * Its own trigger writes it inside the transaction that inserts the entry, as the per-branch one does.
 * It comes after the 学习/奉献 split (1520), so the 奉献 share is kept here too and filled from the ledger.
 */
export const memberTotalsSchema = {
  version: 1525,
  name: 'member-totals',
  sql: `
CREATE TABLE member_totals (
  member_id INTEGER PRIMARY KEY,
  total INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  service_total INTEGER NOT NULL DEFAULT 0,
  service_entries INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER member_totals_add AFTER INSERT ON ledger BEGIN
  INSERT INTO member_totals (member_id, total, entries, service_total, service_entries)
    VALUES (NEW.member_id, NEW.delta, 1,
      CASE WHEN NEW.category = 'service' THEN NEW.delta ELSE 0 END, CASE WHEN NEW.category = 'service' THEN 1 ELSE 0 END)
    ON CONFLICT (member_id) DO UPDATE SET total = total + excluded.total, entries = entries + 1,
      service_total = service_total + excluded.service_total, service_entries = service_entries + excluded.service_entries;
END;
INSERT INTO member_totals (member_id, total, entries, service_total, service_entries)
  SELECT member_id, SUM(delta), COUNT(*), SUM(CASE WHEN category = 'service' THEN delta ELSE 0 END),
    SUM(CASE WHEN category = 'service' THEN 1 ELSE 0 END) FROM ledger GROUP BY member_id;
`,
};
