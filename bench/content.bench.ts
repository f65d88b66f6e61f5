// 错敏字 scanning throughput (issue 14): the shipped dictionary plus generated literal rules
// over Chinese text, on one core, beside baselines measured in the same run.
//   npm run bench:content                       (5,000 generated rules, 40 MB of text)
//   npm run bench:content -- --rules 20000 --mb 100 --doc-chars 800
// Text: pages of --doc-chars characters assembled from the corpora in data/content-checks/
// (correct official sentences, with one wrong sentence in twenty so there are hits to
// report). Generated rules: 3–6 characters drawn from the same text's characters, so they
// share its alphabet and keep the automaton busy, as a real dictionary does. MB are 10^6
// bytes of UTF-8, the form the text is stored and sent in.
// Target: ≥ 20 MB/s through ContentMatcher.check (automaton, regex rules, overlap resolution,
// hit objects) on one core. Each rate is given per CPU-second of this process (Node runs the
// scan on one thread) and per wall-clock second: on a machine shared with other work the
// wall clock also counts the time the process waited for a core. The end-to-end part
// (1,000,000 titles read, checked and written) comes with the database tables.
import { readFileSync } from 'node:fs';
import { fromRoot } from '../src/common/paths';
import { ContentMatcher } from '../src/content-checks/content-matcher';
import { ContentRule, isRegexPattern, loadDefaultRules } from '../src/content-checks/content-rules';
import { LiteralAutomaton } from '../src/content-checks/literal-automaton';
import { foldText } from '../src/content-checks/text-fold';

const TARGET_MB_PER_S = 20;

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

// mulberry32: a tiny deterministic generator, so every run scans the same text.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/** Runs `work` and returns [wall seconds, CPU seconds of this process, its result]. */
function timed<T>(work: () => T): [number, number, T] {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  const result = work();
  const used = process.cpuUsage(cpu);
  return [seconds(wall), (used.user + used.system) / 1e6, result];
}
const corpus = (file: string) =>
  readFileSync(fromRoot('data/content-checks', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));

function main(): void {
  const generated = argument('--rules', 5_000);
  const megabytes = argument('--mb', 40);
  const docChars = argument('--doc-chars', 3_000);
  const runs = argument('--runs', 3);
  const seed = argument('--seed', 20250314);
  const next = random(seed);

  const correct = corpus('correct-sentences.txt');
  const wrong = corpus('wrong-sentences.tsv').map((l) => l.split('\t')[1]);
  const characters = [...correct.join('')].filter((c) => /\p{Script=Han}/u.test(c));

  const shipped = loadDefaultRules();
  const rules: ContentRule[] = [...shipped];
  const seen = new Set(shipped.map((r) => r.pattern));
  while (rules.length < shipped.length + generated) {
    const length = 3 + Math.floor(next() * 4);
    let pattern = '';
    for (let i = 0; i < length; i++) pattern += characters[Math.floor(next() * characters.length)];
    if (seen.has(pattern)) continue;
    seen.add(pattern);
    rules.push({ id: rules.length + 1, pattern, kind: 'typo', severity: 'suspected', suggestion: '（生成的规则）', note: null });
  }
  const literals = rules.filter((r) => !isRegexPattern(r.pattern)).map((r) => r.pattern);

  const documents: string[] = [];
  let bytes = 0;
  let chars = 0;
  while (bytes < megabytes * 1e6) {
    let doc = '';
    while (doc.length < docChars) doc += next() < 0.05 ? wrong[Math.floor(next() * wrong.length)] : correct[Math.floor(next() * correct.length)];
    documents.push(doc);
    bytes += Buffer.byteLength(doc);
    chars += doc.length;
  }

  const started = process.hrtime.bigint();
  const matcher = new ContentMatcher(rules);
  const buildSeconds = seconds(started);

  // Warm up so the JIT has compiled the scan before it is timed.
  for (let i = 0; i < Math.min(documents.length, 200); i++) matcher.check(documents[i]);
  let best = Infinity;
  let bestCpu = Infinity;
  let hits = 0;
  for (let run = 0; run < runs; run++) {
    const [wall, cpu, found] = timed(() => documents.reduce((n, doc) => n + matcher.check(doc).length, 0));
    best = Math.min(best, wall);
    bestCpu = Math.min(bestCpu, cpu);
    hits = found;
  }

  // One page of 100,000 characters, as POST /content-checks may receive.
  const big = documents.join('').slice(0, 100_000);
  matcher.check(big);
  const [bigWall, bigCpu, bigHits] = timed(() => matcher.check(big).length);

  // Baselines on a sample of the same pages (their rates are per byte, so comparable). They
  // match case-sensitively, so they get the text folded beforehand, untimed.
  const sample = (limit: number) => {
    const picked: string[] = [];
    let n = 0;
    for (const doc of documents) {
      if (n >= limit) break;
      picked.push(doc);
      n += doc.length;
    }
    return { docs: picked, folded: picked.map(foldText), bytes: picked.reduce((sum, d) => sum + Buffer.byteLength(d), 0) };
  };
  const over = (docs: string[], scan: (doc: string) => number) => {
    scan(docs[0]);
    const [wall, cpu, found] = timed(() => docs.reduce((n, doc) => n + scan(doc), 0));
    return { wall, cpu, found };
  };

  const automaton = new LiteralAutomaton(literals);
  const occurrences = (doc: string) => {
    let n = 0;
    automaton.forEachMatch(doc, () => n++);
    return n;
  };
  const naiveSample = sample(300_000);
  const naive = over(naiveSample.folded, (doc) => {
    let n = 0;
    for (const p of literals) for (let at = doc.indexOf(p); at >= 0; at = doc.indexOf(p, at + 1)) n++;
    return n;
  });
  const automatonOnSample = over(naiveSample.docs, occurrences);

  const alternationStart = process.hrtime.bigint();
  const alternation = new RegExp(literals.map((p) => foldText(p).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const alternationBuild = seconds(alternationStart);
  const regexSample = sample(60_000);
  const regexScan = over(regexSample.folded, (doc) => {
    let n = 0;
    alternation.lastIndex = 0;
    for (let m = alternation.exec(doc); m; m = alternation.exec(doc)) n++;
    return n;
  });

  const mbps = (b: number, secs: number) => b / 1e6 / secs;
  const rate = mbps(bytes, bestCpu);
  const row = (label: string, b: number, wall: number, cpu: number) =>
    `${label.padEnd(50)}${(b / 1e6).toFixed(1).padStart(7)} MB${mbps(b, cpu).toFixed(1).padStart(9)} MB/s${mbps(b, wall).toFixed(1).padStart(9)} MB/s`;

  console.log(`rules: ${shipped.length} shipped + ${generated.toLocaleString('en-US')} generated = ${rules.length.toLocaleString('en-US')} (${rules.length - literals.length} regular expressions); built in ${buildSeconds.toFixed(2)} s`);
  console.log(`text: ${documents.length.toLocaleString('en-US')} pages of ~${docChars} characters, ${(bytes / 1e6).toFixed(1)} MB UTF-8 (${(chars / 1e6).toFixed(1)} M characters), seed ${seed}`);
  console.log(`${'implementation'.padEnd(50)}${'text'.padStart(10)}${'per CPU-s'.padStart(14)}${'per wall-s'.padStart(14)}`);
  console.log(`${row(`ContentMatcher.check, best of ${runs}`, bytes, best, bestCpu)}  (${(chars / 1e6 / bestCpu).toFixed(1)} M chars per CPU-s, ${hits.toLocaleString('en-US')} hits)`);
  console.log(row('naive indexOf per literal rule (sample)', naiveSample.bytes, naive.wall, naive.cpu));
  console.log(`${row('one RegExp alternation of the literals (sample)', regexSample.bytes, regexScan.wall, regexScan.cpu)}  (compiled in ${alternationBuild.toFixed(2)} s)`);
  console.log(`one text of ${big.length.toLocaleString('en-US')} characters: ${(bigCpu * 1000).toFixed(1)} ms CPU, ${(bigWall * 1000).toFixed(1)} ms wall (${bigHits} hits)`);
  console.log(`speed-up per CPU-s: ${(rate / mbps(naiveSample.bytes, naive.cpu)).toFixed(0)}× naive indexOf, ${(rate / mbps(regexSample.bytes, regexScan.cpu)).toFixed(0)}× one RegExp`);
  const agree = naive.found === automatonOnSample.found;
  console.log(`agreement: occurrences of literal rules in the naive sample — indexOf ${naive.found}, the automaton ${automatonOnSample.found}${agree ? '' : '  DISAGREE'}`);
  console.log(`target: ≥ ${TARGET_MB_PER_S} MB/s per CPU-second ${rate >= TARGET_MB_PER_S ? 'met' : 'MISSED'}`);
  if (!agree) process.exitCode = 1;
}

main();
