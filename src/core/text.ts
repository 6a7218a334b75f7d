/**
 * Text a database can store, the same on SQLite and PostgreSQL: no NUL (PostgreSQL's text
 * type cannot hold U+0000 and answers an error; SQLite would keep it and cut it off in C
 * APIs), and well-formed UTF-16, so no lone surrogate (the pg driver would store U+FFFD in
 * its place, SQLite the raw bytes: the two would disagree). Every dialect checks every
 * string it reads against this rule, once, at its edge, with its own invalid-parameter error.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\0') && value.isWellFormed();
}

/** What a dialect's message says about a string refused by isStorableText. */
export const STORABLE_TEXT_RULE = 'no NUL character and no lone UTF-16 surrogate';
