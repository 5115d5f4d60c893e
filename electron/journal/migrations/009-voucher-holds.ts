// The offline voucher ledger: vouchers (and gift-card amounts) a purchase of this terminal
// spends, held while CareCloud has not confirmed that purchase; a held code is not taken twice.
export const sql = `
CREATE TABLE voucher_holds (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (entry_id, code)
);
CREATE INDEX voucher_holds_code ON voucher_holds (code);
`;
