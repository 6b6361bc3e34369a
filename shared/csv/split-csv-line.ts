/**
 * One line of a CSV file as spreadsheets save it (Excel's "CSV UTF-8", LibreOffice, Google
 * Sheets), for the files people fill in by hand: term dates and the imports. Shared so that
 * every import reads quoting the same way.
 */

/** Splits one CSV line; quoted fields may hold commas and doubled quotes but not line breaks. */
export function splitCsvLine(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i += 1;
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) return null;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      while (text[i] === ' ' || text[i] === '\t') i += 1;
      if (i < text.length && text[i] !== ',') return null;
      fields.push(value);
    } else {
      const comma = text.indexOf(',', i);
      const stop = comma === -1 ? text.length : comma;
      fields.push(text.slice(i, stop).trim());
      i = stop;
    }
    if (i >= text.length) return fields;
    i += 1; // past the comma
  }
}
