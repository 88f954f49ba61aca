import { describe, expect, it } from 'vitest';
import { normalizeForFingerprint } from '../../src/sql/index.js';

const BASE = `SELECT customer_id, SUM(amount) AS total_spend FROM orders WHERE status = 'done' GROUP BY customer_id`;

describe('normalizeForFingerprint', () => {
  it('ignores whitespace, comments, keyword case and trailing semicolons', () => {
    const reformatted = `-- customer spend
select
    customer_id,
    sum(amount)   as total_spend   /* the money */
from ORDERS
where status='done'
group by customer_id;;`;
    expect(normalizeForFingerprint(reformatted)).toBe(normalizeForFingerprint(BASE));
  });

  it('changes when a string literal changes', () => {
    expect(normalizeForFingerprint(BASE.replace("'done'", "'DONE'"))).not.toBe(normalizeForFingerprint(BASE));
  });

  it('changes when a number changes', () => {
    const a = 'SELECT amount * 1.5 AS x FROM t';
    expect(normalizeForFingerprint(a.replace('1.5', '1.50'))).not.toBe(normalizeForFingerprint(a));
  });

  it('changes when a quoted identifier changes case', () => {
    const a = 'SELECT "Amount" AS x FROM t';
    expect(normalizeForFingerprint(a.replace('"Amount"', '"AMOUNT"'))).not.toBe(normalizeForFingerprint(a));
  });

  it('changes when a $$ body changes, and keeps its inner whitespace', () => {
    const a = 'SELECT $$a  b$$ AS x';
    expect(normalizeForFingerprint('SELECT $$a b$$ AS x')).not.toBe(normalizeForFingerprint(a));
  });

  it('changes when the query changes', () => {
    expect(normalizeForFingerprint(BASE.replace('SUM', 'AVG'))).not.toBe(normalizeForFingerprint(BASE));
    expect(normalizeForFingerprint(BASE.replace('orders', 'orders_v2'))).not.toBe(normalizeForFingerprint(BASE));
  });
});
