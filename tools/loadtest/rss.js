'use strict';
// Resident memory of every function instance of the local stack over a run: does any instance grow?
//   node rss.js sample OUT.csv [INTERVAL_SECONDS]     (until killed: one row per instance per interval)
//   node rss.js report OUT.csv SKIP_SECONDS [out.md]  (per instance: first, last, max, slope; SKIP_SECONDS of warm-up left out)
// An instance is a function process (…/bootstrap) named by its AWS_LAMBDA_FUNCTION_NAME; its RSS is VmRSS of
// /proc/<pid>/status. The slope is a least-squares fit over the samples after the warm-up, in MB per minute.

const fs = require('node:fs');

function instances() {
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      if (!/(^|\/)bootstrap$/.test(cmd)) {
        continue;
      }

      const env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      const name = (env.find((e) => e.startsWith('AWS_LAMBDA_FUNCTION_NAME=')) || '=?').split('=')[1];
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) {
        found.push({ pid, name, kb: Number(rss[1]) });
      }
    } catch {
      // gone meanwhile
    }
  }

  return found;
}

function sample(out, interval) {
  const started = Date.now();
  fs.writeFileSync(out, 'seconds,pid,function,rss_kb\n');
  const take = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    fs.appendFileSync(out, instances().map((i) => `${seconds},${i.pid},${i.name},${i.kb}\n`).join(''));
  };
  take();
  setInterval(take, interval * 1000);
}

function report(csv, skip) {
  const rows = fs.readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => {
    const [s, pid, name, kb] = l.split(',');
    return { s: Number(s), pid, name, mb: Number(kb) / 1024 };
  });
  const byInstance = new Map();
  for (const r of rows) {
    const key = `${r.name} (pid ${r.pid})`;
    if (!byInstance.has(key)) byInstance.set(key, []);
    byInstance.get(key).push(r);
  }

  const lines = [
    `Resident memory per function instance (${rows.length} samples; the first ${skip} s left out as warm-up):`,
    '',
    '| instance | samples | first MB | last MB | max MB | slope MB/min |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  let worst = 0;
  for (const [key, all] of [...byInstance.entries()].sort()) {
    const samples = all.filter((r) => r.s >= skip);
    if (samples.length < 3) {
      lines.push(`| ${key} | ${samples.length} | – | – | – | – (too few after warm-up) |`);
      continue;
    }

    const n = samples.length;
    const mx = samples.reduce((a, r) => a + r.s, 0) / n;
    const my = samples.reduce((a, r) => a + r.mb, 0) / n;
    const sxx = samples.reduce((a, r) => a + (r.s - mx) ** 2, 0);
    const slope = sxx === 0 ? 0 : (samples.reduce((a, r) => a + (r.s - mx) * (r.mb - my), 0) / sxx) * 60;
    worst = Math.max(worst, slope);
    const max = Math.max(...samples.map((r) => r.mb));
    lines.push(`| ${key} | ${n} | ${samples[0].mb.toFixed(1)} | ${samples[n - 1].mb.toFixed(1)} | ${max.toFixed(1)} | ${slope.toFixed(2)} |`);
  }

  const limit = Number(process.env.LT_RSS_MAX_GROWTH || 1);
  lines.push('', `Steepest growth: ${worst.toFixed(2)} MB/min: ${worst <= limit ? 'flat' : 'GROWING'} (limit ${limit} MB/min, LT_RSS_MAX_GROWTH).`);
  return { text: lines.join('\n') + '\n', worst };
}

const [command, ...args] = process.argv.slice(2);
if (command === 'sample' && args.length >= 1) {
  sample(args[0], Number(args[1] || 10));
} else if (command === 'report' && args.length >= 2) {
  const { text } = report(args[0], Number(args[1]));
  process.stdout.write(text);
  if (args[2]) {
    fs.appendFileSync(args[2], '\n' + text);
  }
} else {
  process.stderr.write('usage: node rss.js sample OUT.csv [INTERVAL_SECONDS] | report OUT.csv SKIP_SECONDS [out.md]\n');
  process.exit(2);
}
