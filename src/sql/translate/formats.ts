/**
 * Snowflake date/time format strings (YYYY-MM-DD HH24:MI:SS …) as strftime/strptime
 * patterns. Returns undefined for an element with no strftime counterpart.
 */
const ELEMENTS: readonly [string, string][] = [
  ['YYYY', '%Y'],
  ['HH24', '%H'],
  ['HH12', '%I'],
  ['MMMM', '%B'],
  ['TZH:TZM', '%z'],
  ['FF9', '%n'],
  ['FF6', '%f'],
  ['FF3', '%g'],
  ['FF', '%f'],
  ['MON', '%b'],
  ['DY', '%a'],
  ['YY', '%y'],
  ['MM', '%m'],
  ['DD', '%d'],
  ['HH', '%I'],
  ['MI', '%M'],
  ['SS', '%S'],
  ['AM', '%p'],
  ['PM', '%p'],
];

export function strftimeFormat(snowflake: string): string | undefined {
  let out = '';
  let i = 0;
  const upper = snowflake.toUpperCase();
  while (i < snowflake.length) {
    const c = snowflake[i]!;
    if (c === '"') {
      // Quoted text in a Snowflake format is printed literally.
      const end = snowflake.indexOf('"', i + 1);
      if (end < 0) return undefined;
      out += snowflake.slice(i + 1, end).replace(/%/g, '%%');
      i = end + 1;
      continue;
    }
    const element = ELEMENTS.find(([name]) => upper.startsWith(name, i));
    if (element) {
      out += element[1];
      i += element[0].length;
    } else if (/[A-Za-z0-9]/.test(c)) {
      // Letters outside known elements, and digits (numeric formats such as 999.99), do not map.
      return undefined;
    } else {
      out += c === '%' ? '%%' : c;
      i++;
    }
  }
  return out;
}
