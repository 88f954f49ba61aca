select 'abc' RLIKE 'b' as r1, RLIKE('abc', 'a.c') as r2, 'abc' NOT RLIKE 'a.*' as r3, REGEXP_LIKE('ABC', 'abc', 'i') as r4;
create table q as select 1 as id, '2024-01-05'::timestamp as ts union all select 2, '2024-01-01'::timestamp;
create table p as select 1 as id, '2024-01-03'::timestamp as ts, 9.5 as price;
select q.id, p.price from q ASOF JOIN p MATCH_CONDITION (q.ts >= p.ts) ON q.id = p.id order by q.id;
select q.id, p.price from q ASOF JOIN p MATCH_CONDITION (q.ts >= p.ts) order by q.id;
CREATE TASK t WAREHOUSE = w SCHEDULE = '1 minute' AS SELECT 1;
select m!PREDICT(1);
