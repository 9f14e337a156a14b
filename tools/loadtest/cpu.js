'use strict';
// CPU time of the local stack's processes over a run, per request: where a 2-core machine's capacity goes.
//   node cpu.js snapshot > before.json                                 (user + system seconds per process class)
//   node cpu.js report before.json after.json results.json LOADGEN_SECONDS WALL_SECONDS [out.md]
// Classes come from each process's command line; a process that exits between the two snapshots takes its CPU
// with it (instances live 10 minutes idle, so a run's are all counted). LOADGEN_SECONDS is what ./run measured for
// its own children (artillery) with the shell's `times`.

const fs = require('node:fs');

const CLASSES = [
  ['DynamoDB Local', /DynamoDBLocal/],
  ['s3rver', /s3rver/],
  ['gateway + emulator', /GymCoach\.Local(\.dll)?(\s|$)|bash -c .*kill -0/],
  ['functions', /\/bootstrap(\s|$)/],
];

function snapshot() {
  const tick = 100; // USER_HZ: 100 on every Linux the project runs on
  const totals = Object.fromEntries(CLASSES.map(([name]) => [name, 0]));
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd;
    let stat;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }

    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
    const match = CLASSES.find(([, pattern]) => pattern.test(cmd));
    if (match) {
      totals[match[0]] += seconds;
    }
  }

  return totals;
}

function report(before, after, results, loadgenSeconds, wallSeconds) {
  const requests = results.aggregate.counters['http.requests'] || 0;
  const rows = CLASSES.map(([name]) => [name, Math.max(0, (after[name] || 0) - (before[name] || 0))]);
  rows.push(['artillery (with its start-up)', loadgenSeconds]);
  const total = rows.reduce((sum, [, s]) => sum + s, 0);
  const lines = [
    `CPU over the run (${requests.toLocaleString('en-US')} requests, ${wallSeconds.toFixed(0)} s):`,
    '',
    '| process | CPU s | ms per request | cores |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(([name, s]) => `| ${name} | ${s.toFixed(1)} | ${requests ? ((s * 1000) / requests).toFixed(2) : '–'} | ${(s / wallSeconds).toFixed(2)} |`),
    `| **total** | ${total.toFixed(1)} | ${requests ? ((total * 1000) / requests).toFixed(2) : '–'} | ${(total / wallSeconds).toFixed(2)} of ${require('node:os').availableParallelism()} |`,
  ];
  return lines.join('\n') + '\n';
}

const [command, ...args] = process.argv.slice(2);
if (command === 'snapshot') {
  process.stdout.write(JSON.stringify(snapshot()));
} else if (command === 'report' && args.length >= 5) {
  const read = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
  const text = report(read(args[0]), read(args[1]), read(args[2]), Number(args[3]), Number(args[4]));
  process.stdout.write(text);
  if (args[5]) {
    fs.appendFileSync(args[5], '\n' + text);
  }
} else {
  process.stderr.write('usage: node cpu.js snapshot | report before.json after.json results.json LOADGEN_SECONDS WALL_SECONDS [out.md]\n');
  process.exit(2);
}
