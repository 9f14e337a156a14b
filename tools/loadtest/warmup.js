#!/usr/bin/env node
'use strict';
// node warmup.js BASE_URL TOKENS.csv [concurrency] [rounds]
//
// Starts instances of every function before a measured run: each service answers `concurrency` requests at
// once, `rounds` times, as different users. A fresh local stack (or a deployment idle for a while) would
// otherwise put its cold starts — a new bootstrap process each — into the first seconds of the measured
// percentiles; steady traffic has warm instances. Prints what it saw; exits 1 only if the API is unreachable
// or refuses the tokens (401/403), since that run would measure nothing.

const fs = require('node:fs');

const PATHS = ['/analytics/dashboard', '/profiles/me', '/exercises?limit=5', '/workouts/plans?limit=1'];

async function main([baseUrl, tokensPath, concurrencyArg, roundsArg]) {
  if (!baseUrl || !tokensPath) {
    process.stderr.write('usage: node warmup.js BASE_URL TOKENS.csv [concurrency] [rounds]\n');
    return 2;
  }
  const concurrency = Number(concurrencyArg) || 4;
  const rounds = Number(roundsArg) || 3;
  const tokens = fs.readFileSync(tokensPath, 'utf8').split('\n').slice(1).filter(Boolean).map((row) => row.slice(row.indexOf(',') + 1));
  if (tokens.length === 0) {
    process.stderr.write(`no tokens in ${tokensPath}\n`);
    return 1;
  }
  const statuses = {};
  let slowest = 0;
  for (let round = 0; round < rounds; round++) {
    await Promise.all(PATHS.flatMap((path) => Array.from({ length: concurrency }, async (_, i) => {
      const token = tokens[(round * concurrency + i) % tokens.length];
      const started = process.hrtime.bigint();
      let status;
      try {
        const response = await fetch(baseUrl.replace(/\/$/, '') + path, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        status = response.status;
      } catch (error) {
        status = `error: ${error.cause ? error.cause.code || error.cause.message : error.message}`;
      }
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      slowest = Math.max(slowest, elapsed);
      const key = `${path.split('?')[0]} ${status}`;
      statuses[key] = (statuses[key] || 0) + 1;
    })));
  }
  process.stdout.write(`warm-up: ${rounds} rounds × ${concurrency} concurrent per service, slowest ${slowest.toFixed(0)} ms; ${Object.entries(statuses).map(([k, n]) => `${k} ×${n}`).join(', ')}\n`);
  const fatal = Object.keys(statuses).some((k) => / (error|401|403)/.test(k));
  return fatal ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
