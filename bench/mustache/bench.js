// bench.js: the same page as bench.c, rendered by mustache.js (the
// `mustache` npm package) under node, for comparison.
//
// mustache.js 4 has no template inheritance, so page.mustache is first
// flattened into base.mustache (its blocks replaced by the page's
// overrides) once, before timing; the partials are passed as usual and
// mustache.js caches the parsed templates, so the loop measures rendering.
//
// usage: node bench.js [-t SECONDS] [-r ROUNDS] [-o OUT.html]
//                       TEMPLATE_DIR DATA.json
// Like bench.c it reports the best of ROUNDS rounds (default 5) of
// SECONDS each (default 1).
// With -o, the page is first rendered with an escaper that matches
// pmsite's (& < > " ' only) and written to OUT.html, so run.sh can check
// that both engines produce the same bytes.
'use strict';

const fs = require('fs');
const path = require('path');
const Mustache = require('mustache');

function usage() {
  console.error('usage: node bench.js [-t SECONDS] [-r ROUNDS] ' +
    '[-o OUT.html] TEMPLATE_DIR DATA.json');
  process.exit(2);
}

let seconds = 1;
let rounds = 5;
let outPath = null;
const args = process.argv.slice(2);
while (args.length > 2 && args[0].startsWith('-')) {
  const flag = args.shift();
  const value = args.shift();
  if (flag === '-t') seconds = Number(value);
  else if (flag === '-r') rounds = Number(value);
  else if (flag === '-o') outPath = value;
  else usage();
}
if (args.length !== 2) usage();
const [dir, dataPath] = args;

const read = (name) => fs.readFileSync(path.join(dir, name + '.mustache'),
  'utf8');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The overrides of a page: {{$name}}body{{/name}} inside {{<base}}.  A
// newline right after the opening tag belongs to the tag, and so do the
// blanks before a closing tag that starts its line.
function overrides(src) {
  const found = {};
  const re = /\{\{\$(\w+)\}\}(\r?\n)?([\s\S]*?)\{\{\/\1\}\}/g;
  let m;
  while ((m = re.exec(src)) !== null)
    found[m[1]] = m[3].replace(/(^|\n)[ \t]*$/, '$1');
  return found;
}

// The base with each block replaced by its override, or by its default
// content.  A block whose tags stand alone on their lines takes the lines.
function flatten(base, subs) {
  for (const name of Object.keys(subs).concat(['title', 'main'])) {
    const n = escapeRe(name);
    const standalone = new RegExp('^[ \\t]*\\{\\{\\$' + n +
      '\\}\\}\\n([\\s\\S]*?)^[ \\t]*\\{\\{/' + n + '\\}\\}\\n', 'm');
    const inline = new RegExp('\\{\\{\\$' + n + '\\}\\}([\\s\\S]*?)' +
      '\\{\\{/' + n + '\\}\\}');
    const pick = (all, def) => (name in subs ? subs[name] : def);
    base = standalone.test(base) ? base.replace(standalone, pick) :
      base.replace(inline, pick);
  }
  return base;
}

const data = JSON.parse(fs.readFileSync(dataPath, 'utf8'));
const partials = {
  header: read('header'),
  footer: read('footer'),
  incident: read('incident'),
};
const page = flatten(read('base'), overrides(read('page')));

if (outPath !== null) {
  const defaultEscape = Mustache.escape;
  const map = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;' };
  Mustache.escape = (s) => String(s).replace(/[&<>"']/g, (c) => map[c]);
  fs.writeFileSync(outPath, Mustache.render(page, data, partials));
  Mustache.escape = defaultEscape;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
let out = '';
let batch = 0;
let t0 = now();
for (; now() - t0 < 0.2; batch++)
  out = Mustache.render(page, data, partials);
batch = Math.floor(batch / 20) + 1;
let rate = 0;
for (let round = 0; round < rounds; round++) {
  let renders = 0;
  let t1;
  t0 = now();
  do {
    for (let k = 0; k < batch; k++)
      out = Mustache.render(page, data, partials);
    renders += batch;
    t1 = now();
  } while (t1 - t0 < seconds);
  rate = Math.max(rate, renders / (t1 - t0));
}

const bytes = Buffer.byteLength(out, 'utf8');
console.log('mustache.js  ' + rate.toFixed(1).padStart(10) +
  ' renders/s ' + (rate * bytes / 1e6).toFixed(1).padStart(9) +
  ' MB/s  ' + bytes + ' bytes/page');
