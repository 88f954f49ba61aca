import { significantTokens } from './significant-tokens.js';

/**
 * A canonical form of a statement for fingerprints: whitespace, comments, the case of
 * unquoted words (keywords and identifiers, which Snowflake treats case-insensitively)
 * and trailing semicolons do not matter; strings, quoted identifiers and numbers do.
 * Text the tokenizer rejects is returned as is: it cannot be run, so any change counts.
 */
export function normalizeForFingerprint(sql: string): string {
  const tokenized = significantTokens(sql);
  if ('error' in tokenized) return sql;
  const { tokens } = tokenized;
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.kind === 'op' && tokens[end - 1]!.text === ';') end--;
  const parts: string[] = new Array<string>(end);
  for (let k = 0; k < end; k++) {
    const token = tokens[k]!;
    parts[k] = token.kind === 'word' ? token.text.toLowerCase() : token.text;
  }
  return parts.join(' ');
}
