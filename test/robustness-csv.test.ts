// The robustness suite's data inputs (issue 12 case 7 and its siblings; issue 11 case 3's
// finite checks): CSV files read by a kept parser, files that are not text, labels never
// guessed, non-finite data refused from every source. Each kind states how many inputs
// it tries; every refusal is one line with the right exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvTable } from '../src/data/csv.js';
import { DataError } from '../src/errors.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-csv-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const utf16le = (s: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};

/** Expects one line on stderr matching `message`, exit `code`, no stack trace. */
function refused(args: string[], code: number, message: RegExp, cwd?: string): void {
  const r = cli(args, cwd);
  expect(r.status, r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).not.toMatch(/internal error/);
}

/** `initlab data --dataset FILE --json` and its parsed output. */
function read(path: string, cwd?: string): { X: number[][]; Y: number[][] } {
  const r = cli(['data', '--dataset', path, '--json'], cwd);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------- read as they are meant
type Good = [string, string, { X: number[][]; Y: number[][] }];
const good: Good[] = [
  [
    'a comment with commas, then semicolon data',
    '# a, b\n1;2;0\n3;4;1\n',
    {
      X: [
        [1, 3],
        [2, 4],
      ],
      Y: [[0, 1]],
    },
  ],
  ['a comment with semicolons, then comma data', '# x; y; z\n1,2,0\n', { X: [[1], [2]], Y: [[0]] }],
  [
    'a tab file with a comma in a comment',
    '# note, with a comma\nx1\tx2\tlabel\n0.5\t-1\t1\n',
    { X: [[0.5], [-1]], Y: [[1]] },
  ],
  [
    'quoted numbers and a quoted header',
    '"x1","x2","label"\n"0.5","-1","1"\n"2",3,"0"\n',
    {
      X: [
        [0.5, 2],
        [-1, 3],
      ],
      Y: [[1, 0]],
    },
  ],
  [
    'a quoted header name holding the separator',
    '"x, first",x2,label\n1,2,0\n',
    { X: [[1], [2]], Y: [[0]] },
  ],
  [
    'decimal commas with semicolons',
    'x1;x2;label\n1,5;-2,25;1\n0,5;3;0\n',
    {
      X: [
        [1.5, 0.5],
        [-2.25, 3],
      ],
      Y: [[1, 0]],
    },
  ],
  ['decimal commas with tabs', '1,5\t2,5\t0\n', { X: [[1.5], [2.5]], Y: [[0]] }],
  [
    'an indented comment and blank lines',
    '1,2,0\n\n   # later\n\n3,4,1\n',
    {
      X: [
        [1, 3],
        [2, 4],
      ],
      Y: [[0, 1]],
    },
  ],
  [
    'old Mac line ends (\\r)',
    'x1,x2,label\r1,2,0\r3,4,1\r',
    {
      X: [
        [1, 3],
        [2, 4],
      ],
      Y: [[0, 1]],
    },
  ],
  [
    'a byte-order mark, CRLF and semicolons',
    '\ufeffa;b;label\r\n0.5;-1;1\r\n',
    { X: [[0.5], [-1]], Y: [[1]] },
  ],
  [
    "Excel's sep= line naming the separator",
    'sep=;\nx1;x2;label\n1,5;2;0\n',
    { X: [[1.5], [2]], Y: [[0]] },
  ],
];

describe(`CSV files read as they are meant (${good.length} inputs)`, () => {
  for (const [name, text, want] of good) {
    it(name, () => expect(read(file(`${name.replace(/\W+/g, '-')}.csv`, text))).toEqual(want));
  }
});

// ---------------------------------------------------------------- refused, at the right place
type Bad = [string, string | Uint8Array, RegExp];
const notText: Bad[] = [
  ['gzip', gzipSync('x1,x2,label\n1,2,0\n'), /gz\.csv: not a text CSV file \(gzip-compressed/],
  [
    'UTF-16 little-endian',
    utf16le('x1,x2,label\n1,2,0\n'),
    /utf16le\.csv: not a text CSV file \(UTF-16/,
  ],
  [
    'UTF-16 big-endian',
    utf16be('x1,x2,label\n1,2,0\n'),
    /utf16be\.csv: not a text CSV file \(UTF-16/,
  ],
  [
    'UTF-16 without a byte-order mark',
    Buffer.from('1,2,0\n', 'utf16le'),
    /nobom\.csv: not a text CSV file \(it holds NUL bytes/,
  ],
  ['NUL-filled', new Uint8Array(4096), /nul\.csv: not a text CSV file/],
  [
    'Latin-1 bytes',
    Buffer.from([0x23, 0x20, 0xe9, 0x0a, 0x31, 0x2c, 0x32, 0x2c, 0x30, 0x0a]),
    /latin1\.csv: not a text CSV file \(its bytes are not UTF-8/,
  ],
  [
    'a zip archive',
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
    /zip\.csv: not a text CSV file \(a zip archive/,
  ],
];
const fileNames: Record<string, string> = {
  gzip: 'gz.csv',
  'UTF-16 little-endian': 'utf16le.csv',
  'UTF-16 big-endian': 'utf16be.csv',
  'UTF-16 without a byte-order mark': 'nobom.csv',
  'NUL-filled': 'nul.csv',
  'Latin-1 bytes': 'latin1.csv',
  'a zip archive': 'zip.csv',
};

const badCells: Bad[] = [
  ['overflow in column 2', '1,1e999,0\n', /over2\.csv:1:3: 1e999 overflows to infinity/],
  [
    'overflow in column 3 of line 3',
    'x1,x2,x3,label\n1,2,3,0\n1,2,-1e400,1\n',
    /over3\.csv:3:5: -1e400 overflows/,
  ],
  ['overflow after a quoted cell', '"1",2,"3e999",0\n', /overq\.csv:1:7: 3e999 overflows/],
  ['a never-closed quote', '1,2,0\n3,"4,1\n', /quote\.csv:2: a quote opened here is never closed/],
  [
    'a word with a line break in quotes',
    '1,2,0\n1,"a\nb",1\n',
    /break\.csv:2:3: "a\\nb" is not a number/,
  ],
  [
    'a decimal comma in a comma file',
    'x1,x2,label\n"1,5",2,0\n',
    /dcomma\.csv:2:1: "1,5" is not a number \(a decimal comma in a comma-separated file/,
  ],
  [
    'decimal points and commas mixed',
    '1.5;2,5;0\n',
    /mixed\.csv:1:5: decimal points and decimal commas are mixed/,
  ],
  ['a bad cell in an old Mac file', '1,2,0\r1,q,0\r', /mac\.csv:2:3: "q" is not a number/],
  [
    'a label that is not 0/1 after a comment',
    '# labels\n1;2;0,5\n',
    /label\.csv:2:5: label 0,5 must be 0 or 1/,
  ],
  ['NaN after decimal commas', '1,5;nan;0\n', /nan\.csv:1:5: nan is not allowed/],
  [
    'a first line of NaN (data, not a header)',
    'NaN,NaN,NaN\n1,2,0\n',
    /nanrow\.csv:1:1: NaN is not allowed/,
  ],
  [
    'numbers separated by spaces',
    '1 2 0\n3 4 1\n',
    /spaces\.csv:1:1: "1 2 0" is not a number \(separate the cells with commas, tabs, semicolons or bars\)/,
  ],
  ['a bad cell after sep=', 'sep=|\n1|2|0\n1|x|1\n', /sepbar\.csv:3:3: "x" is not a number/],
];
const badNames: Record<string, string> = {
  'overflow in column 2': 'over2.csv',
  'overflow in column 3 of line 3': 'over3.csv',
  'overflow after a quoted cell': 'overq.csv',
  'a never-closed quote': 'quote.csv',
  'a word with a line break in quotes': 'break.csv',
  'a decimal comma in a comma file': 'dcomma.csv',
  'decimal points and commas mixed': 'mixed.csv',
  'a bad cell in an old Mac file': 'mac.csv',
  'a label that is not 0/1 after a comment': 'label.csv',
  'NaN after decimal commas': 'nan.csv',
  'a first line of NaN (data, not a header)': 'nanrow.csv',
  'numbers separated by spaces': 'spaces.csv',
  'a bad cell after sep=': 'sepbar.csv',
};

describe(`files that are not text CSV (${notText.length} inputs): "not a text CSV file", exit 1`, () => {
  for (const [name, bytes, message] of notText)
    it(name, () => refused(['data', '--dataset', file(fileNames[name], bytes)], 1, message));
  it('the web lab reads files as text: NUL bytes and undecodable bytes are refused there too', () => {
    expect(() => parseCsv('\u0000\u00001,2,0', 'dropped.csv')).toThrow(
      /dropped\.csv: not a text CSV file/,
    );
    expect(() => parseCsv('\ufffd\u00081,2,0\n', 'dropped.csv')).toThrow(
      /dropped\.csv: not a text CSV file/,
    );
  });
});

describe(`bad cells named by file:line:column (${badCells.length} inputs), exit 1`, () => {
  for (const [name, text, message] of badCells)
    it(name, () => refused(['data', '--dataset', file(badNames[name], text)], 1, message));
});

// ---------------------------------------------------------------- file or dataset name
describe('a file named without / or .csv (4 inputs)', () => {
  it('an existing file in the working folder is read', () => {
    file('mydata', 'x1,x2,label\n1,2,0\n');
    expect(read('mydata', dir)).toEqual({ X: [[1], [2]], Y: [[0]] });
  });
  it('an existing file with another extension is read', () => {
    file('points.dat', '1;2;1\n');
    expect(read('points.dat', dir)).toEqual({ X: [[1], [2]], Y: [[1]] });
  });
  it("a dataset's name stays the generator even when a file of that name exists", () => {
    file('moons', 'not,a,csv\n');
    const r = cli(['data', '--dataset', 'moons', '--json'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).X[0]).toHaveLength(300);
  });
  it('neither a file nor a dataset: an unknown dataset, exit 2', () =>
    refused(
      ['data', '--dataset', 'nosuchthing'],
      2,
      /unknown dataset "nosuchthing"; accepted: circles/,
      dir,
    ));
});

// ---------------------------------------------------------------- labels are said, never guessed
describe('predict says whether the data has labels (9 inputs)', () => {
  const model = join(dir, 'model.json');
  const predict = (data: string, ...more: string[]) => {
    const r = cli(['predict', '--model', model, '--data', data, '--json', ...more]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  it('the model is saved', () => {
    const r = cli(['train', '--iterations', '50', '--save', model, '--no-report', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
  });
  it('features only (as many columns as the model takes): predictions, no accuracy', () => {
    const p = predict(file('feat.csv', '0.2,0.4\n-0.1,0.3\n0.9,-0.8\n'));
    expect(p.predictions).toHaveLength(3);
    expect(p.accuracy).toBeNull();
    expect(p.labelled).toBe(false);
  });
  it('features only whose last feature happens to be 0/1: never read as labels', () => {
    const p = predict(file('feat01.csv', '0.5,1\n0.2,0\n'));
    expect(p.predictions).toHaveLength(2);
    expect(p.labelled).toBe(false);
  });
  it('features with a fractional last column (once refused as "label 0.2 must be 0 or 1")', () => {
    expect(predict(file('feat02.csv', '0.5,0.2\n')).labelled).toBe(false);
  });
  it('one column more than the model takes: labels in the last, accuracy computed', () => {
    const p = predict(file('lab.csv', '0.2,0.4,1\n-0.1,0.3,0\n'));
    expect(p.labelled).toBe(true);
    expect(typeof p.accuracy).toBe('number');
    expect(p.labels).toMatch(/last column/);
  });
  it('a header without a label column: no labels', () => {
    expect(predict(file('hfeat.csv', 'x1,x2\n0.5,1\n')).labelled).toBe(false);
  });
  it('a header naming the label column: labels', () => {
    const p = predict(file('hlab.csv', 'x1,x2,label\n0.5,0.5,1\n'));
    expect(p.labelled).toBe(true);
    expect(p.labels).toMatch(/"label"/);
  });
  it('--no-labels on generated data: predictions only', () => {
    expect(predict('circles:n=20', '--no-labels').accuracy).toBeNull();
  });
  it('--labels on a file without them: its last column is taken at its word and refused, exit 1', () => {
    refused(
      ['predict', '--model', model, '--data', join(dir, 'feat.csv'), '--labels'],
      1,
      /feat\.csv:1:5: label 0\.4 must be 0 or 1/,
    );
  });
  it('a width that fits neither: one line, exit 2', () => {
    refused(
      ['predict', '--model', model, '--data', file('wide.csv', '1,2,3,4\n')],
      2,
      /4 columns, but the model takes 2 features: give 2 columns, or 3 with 0\/1 labels last/,
    );
  });
  it('the text output says where the labels came from', () => {
    const r = cli(['predict', '--model', model, '--data', join(dir, 'feat.csv')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/labels: none \(2 columns for 2 features\)/);
    expect(r.stdout).toMatch(/Accuracy: not computed/);
  });
});

// ---------------------------------------------------------------- non-finite data, any source
describe('non-finite data is refused from every source (6 inputs)', () => {
  // each parameter is a finite float64 (a value like 1e400 is refused by the parameter's own schema),
  // yet centre + spread · N(0, 1) overflows: the generated points themselves are checked
  it('a parameter beyond float64 is refused by its schema', () =>
    refused(
      ['train', '--train', 'blobs:distance=1e400', '--iterations', '5', '--no-report'],
      2,
      /distance must be a finite number/,
    ));
  it('train on generated points that overflow: exit 2 before any work', () =>
    refused(
      [
        'train',
        '--train',
        'blobs:distance=-1e308,spread=1e308',
        '--iterations',
        '5',
        '--no-report',
      ],
      2,
      /dataset "blobs:distance=-1e308,spread=1e308": feature 1 of example 1 is not a finite number/,
    ));
  it('a test set that overflows', () =>
    refused(
      ['train', '--test', 'blobs:distance=1e308,spread=1e308', '--iterations', '5', '--no-report'],
      2,
      /not a finite number/,
    ));
  it('data on generated points that overflow', () =>
    refused(['data', '--dataset', 'blobs:distance=1e308,spread=1e308'], 2, /not a finite number/));
  it('predict on generated points that overflow', () =>
    refused(
      [
        'predict',
        '--model',
        join(dir, 'model.json'),
        '--data',
        'blobs:distance=1e308,spread=1e308',
      ],
      2,
      /not a finite number/,
    ));
  it('a CSV cell that overflows, to predict on', () =>
    refused(
      ['predict', '--model', join(dir, 'model.json'), '--data', file('predover.csv', '1,1e400\n')],
      1,
      /predover\.csv:1:3: 1e400 overflows/,
    ));
  it('the parser the web lab uses refuses Infinity and overflow', () => {
    expect(() => readCsvTable('1,Infinity,0\n', 'dropped.csv')).toThrow(DataError);
    expect(() => readCsvTable('1,2e308,0\n', 'dropped.csv')).toThrow(
      /dropped\.csv:1:3: 2e308 overflows/,
    );
  });
});
