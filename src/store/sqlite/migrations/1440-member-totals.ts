import type { Db } from '../open-sqlite';

/**
 * One running balance per member over all branches, beside the per-branch rows of `ledger_totals`: a balance over
 * all branches (everyone's, a province-wide board) reads one row per member instead of grouping that member's rows.
 * Its own trigger writes it inside the transaction that inserts the entry, as the per-branch one does.
 *
 * This version sorts before the 学习/奉献 split (1520), so on a database older than both it runs first. The trigger
 * names `NEW.category` anyway: SQLite resolves a trigger's columns when a statement that fires it is prepared, and
 * the split is applied in the same migration transaction, before any entry is inserted. The fill is code for the
 * same reason: it counts the 奉献 share only where entries can have one.
 */
export const memberTotalsSchema = {
  version: 1440,
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
`,
  run(db: Db): void {
    const split = db.prepare("SELECT 1 FROM pragma_table_info('ledger') WHERE name = 'category'").get();
    const service = split ? "category = 'service'" : '0';
    db.exec(`INSERT INTO member_totals (member_id, total, entries, service_total, service_entries)
      SELECT member_id, SUM(delta), COUNT(*), SUM(CASE WHEN ${service} THEN delta ELSE 0 END),
        SUM(CASE WHEN ${service} THEN 1 ELSE 0 END) FROM ledger GROUP BY member_id`);
  },
};
