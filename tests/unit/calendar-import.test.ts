import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBankHolidaysJson } from '../../shared/calendar/bank-holidays.json';
import { formatTermDatesCsv, parseTermDatesCsv } from '../../shared/calendar/term-dates.csv';

const resources = path.resolve(import.meta.dirname, '../../resources/calendar');
const read = (name: string): string => readFileSync(path.join(resources, name), 'utf8');

describe('parseTermDatesCsv: good files', () => {
  it('reads the Lancashire defaults: six terms, six half terms, no INSET days', () => {
    const parsed = parseTermDatesCsv(read('lancashire-terms.csv'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value.terms).toHaveLength(6);
    expect(parsed.value.terms[0]).toEqual({ name: 'Autumn 2025', start: '2025-09-01', end: '2025-12-19' });
    expect(parsed.value.closures[3]).toEqual({ kind: 'half-term', name: 'Autumn half term 2026', start: '2026-10-26', end: '2026-10-30' });
    expect(parsed.value.insetDays).toEqual([]);
  });

  it('reads the template: quoted names with commas, a blank end for a single INSET or closure day, INSET ranges by weekday', () => {
    const parsed = parseTermDatesCsv(read('term-dates-template.csv'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value.insetDays).toEqual(['2026-09-01', '2026-11-02', '2026-11-03']);
    expect(parsed.value.closures).toContainEqual({ kind: 'closure', name: 'Polling day', start: '2026-11-26', end: '2026-11-26' });
  });

  it('tolerates a UTF-8 BOM, CRLF line ends, blank lines, rows of empty cells, comments, spaces and capitals', () => {
    const text = '\uFEFFkind,name,start,end\r\n\r\n# Autumn, first\r\n TERM , Autumn ,2026-09-01, 2026-12-18\r\n,,,\r\nInset,,2026-09-01,2026-09-01\r\n';
    expect(parseTermDatesCsv(text)).toEqual({
      ok: true,
      value: { terms: [{ name: 'Autumn', start: '2026-09-01', end: '2026-12-18' }], closures: [], insetDays: ['2026-09-01'] },
    });
  });

  it('takes the columns in any order, and without a name column', () => {
    const parsed = parseTermDatesCsv('start,end,kind\n2026-09-01,2026-12-18,term\n');
    expect(parsed).toEqual({ ok: true, value: { terms: [{ start: '2026-09-01', end: '2026-12-18' }], closures: [], insetDays: [] } });
  });

  it('accepts a long INSET range (a school closed to pupils for a fortnight), keeping its weekdays', () => {
    const parsed = parseTermDatesCsv('kind,name,start,end\ninset,Rebuild,2026-09-01,2026-09-14\n');
    expect(parsed.ok && parsed.value.insetDays).toHaveLength(10);
  });

  it('writes files back that read the same', () => {
    for (const name of ['lancashire-terms.csv', 'term-dates-template.csv']) {
      const parsed = parseTermDatesCsv(read(name));
      if (!parsed.ok) throw new Error(name);
      expect(parseTermDatesCsv(formatTermDatesCsv(parsed.value))).toEqual(parsed);
    }
  });
});

describe('parseTermDatesCsv: bad files report every bad line by number and apply nothing', () => {
  const bad = [
    /* 1 */ 'kind,name,start,end',
    /* 2 */ 'term,Autumn 2026,2026-09-01,2026-12-18',
    /* 3 */ '',
    /* 4 */ '# a comment, with "quotes',
    /* 5 */ 'term,Backwards,2027-03-25,2027-01-04',
    /* 6 */ 'term,Leap,2027-02-30,2027-03-01',
    /* 7 */ 'holiday,Christmas,2026-12-21,2026-12-31',
    /* 8 */ 'term,Short,2027-04-12',
    /* 9 */ 'half-term,Autumn half term,26/10/2026,2026-10-30',
    /* 10 */ 'term,Overlap,2026-12-01,2027-01-08',
    /* 11 */ 'inset,Weekend,2026-10-24,2026-10-25',
    /* 12 */ 'term,Wide,2027-04-12,2027-07-21,extra',
    /* 13 */ 'inset,"Unclosed,2026-09-01,2026-09-01',
    /* 14 */ ',,,',
    /* 15 */ 'term,,,',
    /* 16 */ 'term,Fine,2027-09-01,2027-12-17',
  ].join('\r\n');

  it('names each line and its problem', () => {
    expect(parseTermDatesCsv(bad)).toEqual({
      ok: false,
      errors: [
        { line: 5, message: 'end 2027-01-04 is before start 2027-03-25' },
        { line: 6, message: 'start is not a real date' },
        { line: 7, message: 'kind is not one of term, half-term, inset, closure' },
        { line: 8, message: 'the end column is missing' },
        { line: 9, message: 'start is not a date written YYYY-MM-DD' },
        { line: 10, message: 'the term 2026-12-01..2027-01-08 overlaps the term on line 2 (2026-09-01..2026-12-18)' },
        { line: 11, message: 'the inset days 2026-10-24..2026-10-25 fall only on a weekend' },
        { line: 12, message: 'there are 5 columns but the header names 4 (kind,name,start,end)' },
        { line: 13, message: 'a quoted field is not closed, or has text after its closing quote' },
        { line: 15, message: 'start is empty' },
        { line: 15, message: 'end is empty' },
      ],
    });
  });

  it('reports overlapping terms on the later line, whichever order they come in', () => {
    const parsed = parseTermDatesCsv('kind,name,start,end\nterm,B,2026-12-01,2027-01-08\nterm,A,2026-09-01,2026-12-18\n');
    expect(parsed).toEqual({ ok: false, errors: [{ line: 3, message: 'the term 2026-09-01..2026-12-18 overlaps the term on line 2 (2026-12-01..2027-01-08)' }] });
  });

  it('refuses a half term outside every term (a wrong year, say)', () => {
    const parsed = parseTermDatesCsv('kind,name,start,end\nterm,Autumn,2026-09-01,2026-12-18\nhalf-term,HT,2025-10-26,2025-10-30\n');
    expect(parsed).toEqual({ ok: false, errors: [{ line: 3, message: 'the half term 2025-10-26..2025-10-30 does not lie inside any term in the file' }] });
  });

  it('wants the header first, and at least one row', () => {
    expect(parseTermDatesCsv('term,Autumn,2026-09-01,2026-12-18\n')).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'the first line must be the header kind,name,start,end, but it names none of these columns' }],
    });
    expect(parseTermDatesCsv('# comment\nkind,title,start\n')).toEqual({
      ok: false,
      errors: [{ line: 2, message: 'the first line must be the header kind,name,start,end: column 2 is not a known column; there is no end column' }],
    });
    expect(parseTermDatesCsv('')).toMatchObject({ ok: false, errors: [{ line: 1, message: expect.stringMatching(/file is empty/) }] });
    expect(parseTermDatesCsv('\uFEFFkind,name,start,end\r\n')).toMatchObject({ ok: false, errors: [{ line: 1, message: 'the file has a header but no rows' }] });
  });
});

describe('parseBankHolidaysJson', () => {
  it('reads the England and Wales file: 24 dates for 2025–2027, sorted, with titles and substitute-day notes', () => {
    const parsed = parseBankHolidaysJson(read('england-and-wales-bank-holidays.json'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value.division).toBe('england-and-wales');
    expect(parsed.value.bankHolidays).toHaveLength(24);
    expect(parsed.value.bankHolidays).toContain('2026-05-04');
    expect(parsed.value.events).toContainEqual({ date: '2026-12-28', title: 'Boxing Day', notes: 'Substitute day', bunting: true });
  });

  it('reads the division asked for from a full gov.uk file, tolerating a BOM, CRLF and a date listed twice', () => {
    const text =
      '\uFEFF{"england-and-wales":{"division":"england-and-wales","events":[{"title":"Christmas Day","date":"2026-12-25"},{"title":"Christmas Day","date":"2026-12-25"}]},\r\n' +
      '"scotland":{"division":"scotland","events":[{"title":"St Andrew’s Day","date":"2026-11-30","notes":"","bunting":true}]}}';
    expect(parseBankHolidaysJson(text)).toMatchObject({ ok: true, value: { bankHolidays: ['2026-12-25'] } });
    expect(parseBankHolidaysJson(text, 'scotland')).toMatchObject({ ok: true, value: { division: 'scotland', bankHolidays: ['2026-11-30'] } });
  });

  it('names the line of every bad event and applies none', () => {
    const text = ['{', ' "england-and-wales": {', '  "events": [', '   {"title": "X", "date": "2026-02-30"},', '   {"title": 3, "date": "2026-12-25"},', '   "nope",', '   {"title": "Y", "date": "25/12/2026", "bunting": "yes"},', '   {"title": "Z"}', '  ]', ' }', '}'].join('\n');
    expect(parseBankHolidaysJson(text)).toEqual({
      ok: false,
      errors: [
        { line: 4, message: 'event 1: its date is not a real date' },
        { line: 5, message: 'event 2: title must be text' },
        { line: 6, message: 'event 3 is not an object with a date and a title' },
        { line: 7, message: 'event 4: its date is not written YYYY-MM-DD' },
        { line: 7, message: 'event 4: bunting must be true or false' },
        { line: 8, message: 'event 5 has no date' },
      ],
    });
  });

  it('names the line of a JSON syntax error, a missing division and a missing events list', () => {
    expect(parseBankHolidaysJson('{\n "england-and-wales": {\n  "events": [\n   {"date": "2026-12-25",}\n  ]\n }\n}')).toEqual({
      ok: false,
      errors: [{ line: 4, message: 'not valid JSON: a property name in double quotes was expected here' }],
    });
    expect(parseBankHolidaysJson('{\n "scotland": {"events": []}\n}')).toEqual({ ok: false, errors: [{ line: 1, message: 'there is no "england-and-wales" division: it lists scotland' }] });
    expect(parseBankHolidaysJson('{\n "england-and-wales":\n  {"division": "england-and-wales"}\n}')).toEqual({
      ok: false,
      errors: [{ line: 3, message: 'the "england-and-wales" division has no events list' }],
    });
    expect(parseBankHolidaysJson('[]')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(parseBankHolidaysJson('')).toMatchObject({ ok: false, errors: [{ line: 1, message: expect.stringMatching(/^not valid JSON/) }] });
  });

  it('reads JSON as JSON.parse does, __proto__ keys and escapes included', () => {
    const text = '{"__proto__": {"x": 1}, "england-and-wales": {"events": [{"title": "Caf\\u00e9 \\"day\\"", "date": "2026-12-25"}]}}';
    expect(parseBankHolidaysJson(text)).toMatchObject({ ok: true, value: { events: [{ title: 'Café "day"' }] } });
  });
});
