/**
 * Running balances beside the ledger: one row per member and branch (0 for an entry without a branch) holding the
 * sum and count of that member's entries there. A trigger writes it inside the transaction that inserts the entry,
 * so every writer (the bot, `zhibu migrate`, a dump import) keeps it exact, and a refused or repeated insert adds
 * nothing. Rankings over all time read it instead of summing a million entries; the rows are filled once from the
 * ledger here.
 */
export const ledgerTotalsSchema = {
  version: 1400,
  name: 'ledger-totals',
  sql: `
CREATE TABLE ledger_totals (
  member_id INTEGER NOT NULL,
  branch_id INTEGER NOT NULL,
  total INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  PRIMARY KEY (member_id, branch_id)
) WITHOUT ROWID;
INSERT INTO ledger_totals (member_id, branch_id, total, entries)
  SELECT member_id, IFNULL(branch_id, 0), SUM(delta), COUNT(*) FROM ledger GROUP BY member_id, IFNULL(branch_id, 0);
CREATE TRIGGER ledger_totals_add AFTER INSERT ON ledger BEGIN
  INSERT INTO ledger_totals (member_id, branch_id, total, entries) VALUES (NEW.member_id, IFNULL(NEW.branch_id, 0), NEW.delta, 1)
    ON CONFLICT (member_id, branch_id) DO UPDATE SET total = total + excluded.total, entries = entries + 1;
END;
`,
};
