// node lambda-report.js --stage staging --start <epoch s> --end <epoch s> [--out report.md]
//
// The server side of a staging run, from Lambda's own REPORT lines: per function, invocations, duration p50/p99/max
// as Lambda billed them (without the network and API Gateway the client-side figures include), cold starts and
// their mean init, and peak memory. Functions come from serverless.template; each one's log group is
// /aws/lambda/<its name>. One CloudWatch Logs Insights query per function, through the AWS CLI (AWS_CLI overrides
// the command). The functions log JSON (LoggingConfig.LogFormat), so REPORT lines are "platform.report" records.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const QUERY = [
  'filter type = "platform.report"',
  '| stats count(*) as invocations, pct(record.metrics.durationMs, 50) as p50, pct(record.metrics.durationMs, 99) as p99,',
  'max(record.metrics.durationMs) as max, count(record.metrics.initDurationMs) as cold, avg(record.metrics.initDurationMs) as init,',
  'max(record.metrics.maxMemoryUsedMB) as memory',
].join(' ');

function args(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    options[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const required of ['stage', 'start', 'end']) {
    if (!options[required]) {
      throw new Error(`--${required} is required`);
    }
  }
  return options;
}

/** Every function's deployed name for the stage, from the template's FunctionName (gymcoach-${Stage}-name). */
function functionNames(templatePath, stage) {
  const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Serverless::Function')
    .map((r) => r.Properties.FunctionName['Fn::Sub'].replace('${Stage}', stage));
}

function aws(cli, parameters) {
  return JSON.parse(execFileSync(cli, [...parameters, '--output', 'json'], { encoding: 'utf8' }));
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function query(cli, logGroup, start, end) {
  const { queryId } = aws(cli, ['logs', 'start-query', '--log-group-name', logGroup, '--start-time', String(start), '--end-time', String(end), '--query-string', QUERY]);
  for (let attempt = 0; attempt < 120; attempt++) {
    const result = aws(cli, ['logs', 'get-query-results', '--query-id', queryId]);
    if (result.status === 'Complete') {
      const row = (result.results || [])[0] || [];
      return Object.fromEntries(row.map((cell) => [cell.field, cell.value]));
    }
    if (['Failed', 'Cancelled', 'Timeout'].includes(result.status)) {
      throw new Error(`the query of ${logGroup} ended ${result.status}`);
    }
    sleep(500);
  }
  throw new Error(`the query of ${logGroup} did not complete in a minute`);
}

function number(value, digits) {
  return value === undefined || value === '' ? '–' : Number(value).toFixed(digits);
}

function main() {
  const options = args(process.argv.slice(2));
  const cli = process.env.AWS_CLI || 'aws';
  const template = options.template || path.join(__dirname, '..', '..', 'serverless.template');
  const lines = [
    '',
    `## Server side (Lambda REPORT lines, ${new Date(Number(options.start) * 1000).toISOString()} – ${new Date(Number(options.end) * 1000).toISOString()})`,
    '',
    '| function | invocations | p50 ms | p99 ms | max ms | cold starts | mean init ms | peak memory MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  let invocations = 0;
  for (const name of functionNames(template, options.stage)) {
    const row = query(cli, `/aws/lambda/${name}`, options.start, options.end);
    invocations += Number(row.invocations || 0);
    lines.push(`| ${name} | ${number(row.invocations, 0)} | ${number(row.p50, 1)} | ${number(row.p99, 1)} | ${number(row.max, 1)} | ${number(row.cold, 0)} | ${number(row.init, 1)} | ${number(row.memory, 0)} |`);
  }
  const text = lines.join('\n') + '\n';
  process.stdout.write(text);
  if (options.out) {
    fs.appendFileSync(options.out, text);
  }
  if (invocations === 0) {
    // No REPORT line at all: the window, the stage or the functions' SystemLogLevel (INFO keeps them) is wrong.
    throw new Error(`no function logged a REPORT line between ${options.start} and ${options.end}: check the stage, the window and SystemLogLevel (INFO)`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`lambda-report: ${error.message}\n`);
    process.exit(1);
  }
}

module.exports = { functionNames, QUERY };
