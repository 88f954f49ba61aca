/** Names a project may give its tables, functions and nodes. */

/** Snowflake's reserved keywords: an unquoted identifier may not be one of these. */
const RESERVED = new Set(
  `ACCOUNT ALL ALTER AND ANY AS BETWEEN BY CASE CAST CHECK COLUMN CONNECT CONNECTION CONSTRAINT CREATE CROSS CURRENT
   CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DELETE DISTINCT DROP ELSE EXISTS FALSE FOLLOWING
   FOR FROM FULL GRANT GROUP GSCLUSTER HAVING ILIKE IN INCREMENT INNER INSERT INTERSECT INTO IS ISSUE JOIN LATERAL LEFT
   LIKE LOCALTIME LOCALTIMESTAMP MINUS NATURAL NOT NULL OF ON OR ORDER ORGANIZATION QUALIFY REGEXP REVOKE RIGHT RLIKE
   ROW ROWS SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER TRUE TRY_CAST UNION UNIQUE UPDATE
   USING VALUES VIEW WHEN WHENEVER WHERE WINDOW WITH`.split(/\s+/),
);

/** Why a name cannot be an unquoted identifier on both targets, or undefined when it can. */
export function identifierProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return `'${name}' is not a valid identifier: use letters, digits and _ only, not starting with a digit`;
  }
  if (RESERVED.has(name.toUpperCase())) return `'${name}' is a reserved word in Snowflake`;
  if (name.length > 255) return `'${name}' is longer than 255 characters`;
  return undefined;
}
