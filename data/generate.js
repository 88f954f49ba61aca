// Writes the example project's local data: orders, later outcomes and a scoring log,
// deterministic for the seeds below. Run `node data/generate.js` to regenerate the CSV files.
import { writeFileSync } from 'node:fs';

// mulberry32: a small seeded generator, so every run writes the same files.
function generator(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20261128);

const categories = ['electronics', 'home', 'apparel', 'grocery', 'sports', 'books', 'beauty', 'toys'];
const start = Date.UTC(2024, 0, 1);
const day = 86_400_000;
const customers = 600;
const orders = ['order_id,customer_id,order_date,amount,product_category'];
const actuals = ['customer_id,actual,outcome_date'];
const profiles = [];
let orderId = 1;
for (let c = 1; c <= customers; c++) {
  const activity = random();
  const basket = 20 + 180 * random() * random();
  const count = 1 + Math.floor(activity * 30);
  const first = Math.floor(random() * 600);
  const favourite = Math.floor(random() * categories.length);
  let spend = 0;
  for (let k = 0; k < count; k++) {
    const date = new Date(start + (first + Math.floor(random() * (700 - first))) * day).toISOString().slice(0, 10);
    const amount = Math.round(basket * (0.4 + 1.2 * random()) * 100) / 100;
    const category = categories[random() < 0.6 ? favourite : Math.floor(random() * categories.length)];
    spend += amount;
    orders.push(`${orderId++},${c},${date},${amount.toFixed(2)},${category}`);
  }
  // Outcome: did the customer turn out high-value? Mostly follows spend, with noise; the
  // last 60 customers behave differently (drift the monitor should catch).
  const drifted = c > customers - 60;
  const likely = drifted ? random() < 0.5 : spend > 1000 ? random() < 0.9 : random() < 0.1;
  const outcome = new Date(start + (700 + Math.floor(random() * 60)) * day).toISOString().slice(0, 10);
  actuals.push(`${c},${likely ? 1 : 0},${outcome}`);
  profiles.push({ id: c, spend, count });
}

// The production scoring log of November 2025, before the outcomes: each day the champion
// (v1) scored 40 customers, and the log kept the feature values it saw. From
// 24 November the order feed reported amounts in a currency worth a quarter of the old
// one, so total_spend reads four times higher: the drift the monitor should catch (and
// the accuracy it costs, as the model then calls ordinary customers high-value).
const logRandom = generator(20251101);
const log = ['customer_id,scored_at,model_version,variant,prediction_score,total_spend,total_transactions'];
const driftFrom = Date.UTC(2025, 10, 24);
for (let d = 0; d < 30; d++) {
  const date = Date.UTC(2025, 10, 1 + d);
  const stamp = `${new Date(date).toISOString().slice(0, 10)} 06:00:00`;
  for (let k = 0; k < 40; k++) {
    const customer = profiles[Math.floor(logRandom() * profiles.length)];
    const spend = date >= driftFrom ? customer.spend * 4 : customer.spend;
    // Like the champion's forest: sure of most customers, unsure near 1,000 of spend.
    const score = 1 / (1 + Math.exp(-(spend - 1000) / 40 + (logRandom() - 0.5)));
    log.push(`${customer.id},${stamp},v1,champion,${score.toFixed(2)},${spend.toFixed(2)},${customer.count}`);
  }
}
writeFileSync(new URL('./orders.csv', import.meta.url), `${orders.join('\n')}\n`);
writeFileSync(new URL('./actual_results.csv', import.meta.url), `${actuals.join('\n')}\n`);
writeFileSync(new URL('./scoring_log.csv', import.meta.url), `${log.join('\n')}\n`);
