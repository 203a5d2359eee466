/**
 * 学习 and 奉献 points: each ledger entry may carry a category (NULL is 学习, which every earlier entry is), and the
 * running totals keep the 奉献 share beside the whole, so a 学习 or 奉献 board over all time still reads one row per
 * member and branch (学习 = total − 奉献). The trigger is replaced to keep both inside the entry's transaction.
 */
export const ledgerCategorySchema = {
  version: 1520,
  name: 'ledger-category',
  sql: `
ALTER TABLE ledger ADD COLUMN category TEXT;
ALTER TABLE ledger_totals ADD COLUMN service_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_totals ADD COLUMN service_entries INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER ledger_totals_add;
CREATE TRIGGER ledger_totals_add AFTER INSERT ON ledger BEGIN
  INSERT INTO ledger_totals (member_id, branch_id, total, entries, service_total, service_entries)
    VALUES (NEW.member_id, IFNULL(NEW.branch_id, 0), NEW.delta, 1,
      CASE WHEN NEW.category = 'service' THEN NEW.delta ELSE 0 END, CASE WHEN NEW.category = 'service' THEN 1 ELSE 0 END)
    ON CONFLICT (member_id, branch_id) DO UPDATE SET total = total + excluded.total, entries = entries + 1,
      service_total = service_total + excluded.service_total, service_entries = service_entries + excluded.service_entries;
END;
`,
};
