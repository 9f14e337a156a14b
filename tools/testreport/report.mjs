#!/usr/bin/env node
// Where a test run's time went: one row per test assembly (wall time from its TRX's start to finish, tests,
// outcomes) and the slowest tests, read from the TRX files `dotnet test --logger trx` wrote.
// Usage: node tools/testreport/report.mjs <results-dir> [--slowest N] [--wall SECONDS]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) {
  console.error('usage: report.mjs <results-dir> [--slowest N] [--wall SECONDS]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i > 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const slowest = option('--slowest', 20);
const wall = option('--wall', NaN);

const attribute = (tag, name) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
};
const seconds = (duration) => {
  if (!duration) return 0;
  const [h, m, s] = duration.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
};
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const fmt = (s) => (s >= 60 ? `${Math.floor(s / 60)} m ${String(Math.round(s % 60)).padStart(2, '0')} s` : `${s.toFixed(1)} s`);

const assemblies = [];
const tests = [];
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.trx')).sort() : [];
for (const file of files) {
  const xml = readFileSync(join(dir, file), 'utf8');
  const times = /<Times [^>]*>/.exec(xml)?.[0] ?? '';
  const start = Date.parse(attribute(times, 'start'));
  const finish = Date.parse(attribute(times, 'finish'));
  const storage = /<UnitTest [^>]*storage="([^"]*)"/.exec(xml)?.[1] ?? file;
  // TRX lower-cases the path; the assembly's own name is in the test names' namespace.
  const results = [...xml.matchAll(/<UnitTestResult [^>]*>/g)].map((m) => m[0]);
  const firstName = results.length ? unescape(attribute(results[0], 'testName')) : basename(storage);
  const name = (/^(GymCoach\.[A-Za-z]+\.Tests)/.exec(firstName)?.[1]) ?? basename(storage, '.dll');
  const counts = { Passed: 0, Failed: 0, NotExecuted: 0 };
  for (const m of xml.matchAll(/<UnitTestResult [^>]*?(\/>|>[\s\S]*?<\/UnitTestResult>)/g)) {
    const r = m[0];
    const outcome = attribute(r, 'outcome');
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(r)?.[1];
    tests.push({ assembly: name, name: unescape(attribute(r, 'testName')), seconds: seconds(attribute(r, 'duration')), outcome, message: message && unescape(message) });
  }
  assemblies.push({ name, start, finish, seconds: (finish - start) / 1000, total: results.length, ...counts });
}

if (assemblies.length === 0) {
  console.log(`(no TRX files in ${dir})`);
  process.exit(0);
}

const first = Math.min(...assemblies.map((a) => a.start));
console.log('| test assembly | starts at | wall | tests | passed | failed | skipped |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const a of assemblies.sort((x, y) => x.start - y.start)) {
  console.log(`| ${a.name} | +${fmt((a.start - first) / 1000)} | ${fmt(a.seconds)} | ${a.total} | ${a.Passed} | ${a.Failed} | ${a.NotExecuted} |`);
}
const sum = (k) => assemblies.reduce((s, a) => s + a[k], 0);
const last = Math.max(...assemblies.map((a) => a.finish));
console.log(`| all (first test to last) | | ${fmt((last - first) / 1000)} | ${sum('total')} | ${sum('Passed')} | ${sum('Failed')} | ${sum('NotExecuted')} |`);
if (!Number.isNaN(wall)) console.log(`\nWhole command, builds included: ${fmt(wall)}.`);

console.log(`\nSlowest ${slowest} tests (a test's own time; a collection fixture's start-up is charged to its first test):\n`);
console.log('| # | test | assembly | time | outcome |');
console.log('| ---: | --- | --- | ---: | --- |');
tests.sort((x, y) => y.seconds - x.seconds).slice(0, slowest).forEach((t, i) => {
  const short = t.name.replace(/^GymCoach\.[A-Za-z]+\.Tests\./, '');
  console.log(`| ${i + 1} | ${short.length > 170 ? short.slice(0, 167) + '…' : short} | ${t.assembly.replace(/^GymCoach\./, '').replace(/\.Tests$/, '')} | ${fmt(t.seconds)} | ${t.outcome} |`);
});

const skipped = tests.filter((t) => t.outcome === 'NotExecuted');
if (skipped.length) {
  console.log(`\nSkipped (${skipped.length}):`);
  for (const t of skipped) console.log(`- ${t.name}: ${t.message ?? '(no reason given)'}`);
}
