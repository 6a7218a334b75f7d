/**
 * The natural sort key of a name, stored beside it (`entries.name_key`) so a folder listed
 * by name comes back as people count, f1, f2, f10, in keyset pages read straight off an
 * index. Neither database can compare names this way on its own (better-sqlite3 has no
 * collation PostgreSQL shares), so the order is spelled into a string that compares
 * byte by byte: SQLite's BINARY and PostgreSQL's `collate "C"` (the column's collation)
 * both compare UTF-8 bytes, which is code point order.
 *
 * The key is the name in lower case, every run of ASCII digits replaced by its value:
 * the count of its digits once leading zeros are dropped (`lengthCode`), then those
 * digits. A shorter number is then a smaller one, and numbers of one length compare digit
 * by digit. The encoded number starts with a digit, as the run did, so numbers keep their
 * place among other characters (after '-' and '.', before letters). Names equal but for
 * case or leading zeros (F3 and f3, a01 and a1) get the same key; listings break that
 * tie by the name, then the id.
 *
 * Keys are stored: a change to this function must come with a migration that writes them
 * again (0023's fillNameKeys rewrites every key that differs).
 */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[0-9]+/g, (run) => {
    const digits = run.replace(/^0+/, '');
    return lengthCode(digits.length) + digits;
  });
}

/**
 * A digit count as a string that sorts in numeric order and is never a prefix of another:
 * 0 to 8 as one digit; from 9 on, '9', the count's own number of digits, then the count.
 * Names hold at most 1024 bytes, far below the 999,999,999 digits this reaches.
 */
function lengthCode(n: number): string {
  if (n < 9) return String(n);
  const s = String(n);
  return `9${s.length}${s}`;
}
