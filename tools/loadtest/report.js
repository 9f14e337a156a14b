#!/usr/bin/env node
'use strict';
// node report.js results.json report.html [--meta results.meta.json] [--summary report.md] [--p99 50] [--max-error-rate 0]
//
// Turns artillery's --output JSON into one self-contained HTML page (inline SVG charts of p50/p95/p99 and
// requests/s over the 10 s periods, a table per phase, per endpoint, status codes, errors, the ensure
// verdict) and a short markdown summary. No network, no dependencies beyond Node itself. The meta file
// (written by plugins/artillery-plugin-gymcoach-meta during ./run) adds phase boundaries and ensure's own
// verdicts; without it the whole run is one phase and the checks are evaluated here from --p99 and
// --max-error-rate (defaults: LT_P99_MS, LT_MAX_ERROR_RATE, else 50 and 0).

const fs = require('node:fs');
const path = require('node:path');

const PERCENTILES = ['p50', 'p95', 'p99'];
const COLORS = { p50: '#2f80ed', p95: '#f2994a', p99: '#d64545', rps: '#27ae60', errors: '#d64545' };

function main(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      options[argv[i].slice(2)] = argv[++i];
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length < 1 || options.help !== undefined) {
    process.stderr.write('usage: node report.js results.json [report.html] [--meta FILE] [--summary FILE] [--p99 MS] [--max-error-rate PCT]\n');
    return 2;
  }
  const resultsPath = positional[0];
  const htmlPath = positional[1] || resultsPath.replace(/\.json$/, '') + '.html';
  const metaPath = options.meta || resultsPath.replace(/\.json$/, '') + '.meta.json';
  const summaryPath = options.summary || htmlPath.replace(/\.html?$/, '') + '.md';
  const results = JSON.parse(fs.readFileSync(resultsPath, 'utf8'));
  const meta = fs.existsSync(metaPath) ? JSON.parse(fs.readFileSync(metaPath, 'utf8')) : null;
  const limits = {
    p99: num(options.p99 ?? process.env.LT_P99_MS ?? 50),
    maxErrorRate: num(options['max-error-rate'] ?? process.env.LT_MAX_ERROR_RATE ?? 0),
  };

  // The limits ensure actually applied (the meta file has the script's resolved checks) win over the defaults.
  for (const c of (meta && meta.ensure && meta.ensure.conditions) || []) {
    const m = /http\.response_time\.p99\s*<=?\s*([\d.]+)/.exec(c.expression || '');
    if (m && options.p99 === undefined) {
      limits.p99 = num(m[1]);
    }
  }
  if (meta && meta.ensure && meta.ensure.maxErrorRate !== undefined && options['max-error-rate'] === undefined) {
    limits.maxErrorRate = num(meta.ensure.maxErrorRate);
  }

  const model = analyse(results, meta, limits);
  fs.writeFileSync(htmlPath, renderHtml(model));
  fs.writeFileSync(summaryPath, renderMarkdown(model));
  process.stdout.write(renderMarkdown(model));
  process.stdout.write(`\nreport: ${path.resolve(htmlPath)}\nsummary: ${path.resolve(summaryPath)}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------- analysis

function num(value) {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

function sumMatching(counters, test) {
  let total = 0;
  for (const [key, value] of Object.entries(counters || {})) {
    if (test(key)) {
      total += value;
    }
  }
  return total;
}

function codesOf(counters) {
  const codes = {};
  for (const [key, value] of Object.entries(counters || {})) {
    const m = /^http\.codes\.(\d+)$/.exec(key);
    if (m) {
      codes[m[1]] = (codes[m[1]] || 0) + value;
    }
  }
  return codes;
}

function errorsOf(counters) {
  const errors = {};
  for (const [key, value] of Object.entries(counters || {})) {
    if (key.startsWith('errors.')) {
      errors[key.slice('errors.'.length)] = value;
    }
  }
  return errors;
}

function latencyOf(summaries) {
  const s = (summaries || {})['http.response_time'];
  return s ? { count: s.count, min: s.min, max: s.max, mean: s.mean, p50: s.p50 ?? s.median, p95: s.p95, p99: s.p99 } : null;
}

/** Seconds a period's metrics span: the 10 s window, shorter for the first and last (partial) ones. */
function spanSeconds(period) {
  const start = num(period.firstMetricAt) || num(period.period);
  const end = num(period.lastMetricAt) || start;
  return Math.min(10, Math.max(1, (end - start) / 1000));
}

function analyse(results, meta, limits) {
  const aggregate = results.aggregate || {};
  const periods = (results.intermediate || [])
    .map((p) => ({ ...p, at: num(p.period) }))
    .filter((p) => p.at > 0)
    .sort((a, b) => a.at - b.at);
  // Time 0 is the first phase's start (or the first metric); a period is drawn at the middle of the span its
  // metrics cover, not at the wall-clock 10 s boundary artillery files it under.
  const firstPhase = meta && (meta.phaseEvents || []).find((e) => e.event === 'started');
  const origin = (firstPhase && num(firstPhase.at)) || (periods.length > 0 ? num(periods[0].firstMetricAt) || periods[0].at : num(aggregate.firstMetricAt));

  const points = periods.map((p) => {
    const requests = num((p.counters || {})['http.requests']);
    const rate = (p.rates || {})['http.request_rate'];
    const mid = (num(p.firstMetricAt) + num(p.lastMetricAt)) / 2 || p.at + 5000;
    return {
      t: Math.max(0, Math.round((mid - origin) / 1000)),
      at: p.at,
      requests,
      rps: rate !== undefined ? num(rate) : requests / spanSeconds(p),
      errors: sumMatching(p.counters, (k) => k.startsWith('errors.')),
      failed: num((p.counters || {})['vusers.failed']),
      codes: codesOf(p.counters),
      latency: latencyOf(p.summaries) || { count: 0 },
      span: spanSeconds(p),
      mid,
    };
  });

  const phases = phasesOf(meta, points, aggregate);
  for (const point of points) {
    const phase = phases.find((ph) => point.mid >= ph.start && point.mid < ph.end) || phases[phases.length - 1];
    point.phase = phase ? phase.name : '';
    if (phase) {
      phase.points.push(point);
    }
  }
  for (const phase of phases) {
    summarisePhase(phase);
  }

  const counters = aggregate.counters || {};
  const requests = num(counters['http.requests']);
  const activeSeconds = Math.max(1, (num(aggregate.lastCounterAt) - num(aggregate.firstCounterAt)) / 1000);
  const errors = errorsOf(counters);
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  const vusers = { created: num(counters['vusers.created']), completed: num(counters['vusers.completed']), failed: num(counters['vusers.failed']) };
  const errorRate = vusers.created > 0 ? ((vusers.created - vusers.completed) / vusers.created) * 100 : 0;
  const latency = latencyOf(aggregate.summaries) || { count: 0 };
  const totals = {
    requests,
    responses: num(counters['http.responses']),
    seconds: activeSeconds,
    rps: requests / activeSeconds,
    peakRps: points.reduce((m, p) => Math.max(m, p.rps), 0),
    latency,
    codes: codesOf(counters),
    errors,
    errorCount,
    vusers,
    errorRate,
    byScenario: Object.fromEntries(Object.entries(counters).filter(([k]) => k.startsWith('vusers.created_by_name.')).map(([k, v]) => [k.slice('vusers.created_by_name.'.length), v])),
    expectFailed: num(counters['plugins.expect.failed']),
    idempotentReplays: num(counters['gymcoach.idempotency.replayed']),
  };

  const checks = checksOf(meta, totals, limits);
  return {
    title: 'GymCoach load test',
    environment: (meta && meta.environment) || process.env.LT_PHASE || '',
    target: (meta && meta.target) || '',
    startedAt: origin,
    points,
    phases,
    totals,
    endpoints: endpointsOf(aggregate),
    checks,
    passed: checks.length > 0 ? checks.every((c) => c.passed || !c.strict) : errorCount === 0,
    limits,
  };
}

function phasesOf(meta, points, aggregate) {
  const end = Math.max(num(aggregate.lastMetricAt), ...points.map((p) => p.at + 10000)) + 1;
  if (!meta || !Array.isArray(meta.phases) || meta.phases.length === 0) {
    return [{ name: 'run', start: 0, end, points: [], spec: {} }];
  }
  const started = {};
  const completed = {};
  for (const e of meta.phaseEvents || []) {
    (e.event === 'started' ? started : completed)[e.index] = e.at;
  }
  let cursor = num(meta.startedAt);
  return meta.phases.map((spec, i) => {
    const start = started[i] || cursor;
    const nextStart = started[i + 1];
    const stop = nextStart || (i === meta.phases.length - 1 ? end : completed[i] || start + num(spec.duration) * 1000);
    cursor = stop;
    return { name: spec.name || `phase ${i + 1}`, start: i === 0 ? 0 : start, end: stop, spec, points: [], startedAt: start };
  });
}

function summarisePhase(phase) {
  const pts = phase.points;
  const requests = pts.reduce((a, p) => a + p.requests, 0);
  const seconds = pts.reduce((a, p) => a + p.span, 0);
  const weight = pts.reduce((a, p) => a + (p.latency.count || 0), 0);
  const weighted = (key) => (weight > 0 ? pts.reduce((a, p) => a + (p.latency[key] || 0) * (p.latency.count || 0), 0) / weight : null);
  const codes = {};
  for (const p of pts) {
    for (const [c, n] of Object.entries(p.codes)) {
      codes[c] = (codes[c] || 0) + n;
    }
  }
  phase.summary = {
    periods: pts.length,
    requests,
    seconds,
    rps: seconds > 0 ? requests / seconds : 0,
    p50: weighted('p50'),
    p95: weighted('p95'),
    p99: weighted('p99'),
    worstP99: pts.reduce((m, p) => Math.max(m, p.latency.p99 || 0), 0),
    max: pts.reduce((m, p) => Math.max(m, p.latency.max || 0), 0),
    errors: pts.reduce((a, p) => a + p.errors, 0),
    codes,
  };
}

function endpointsOf(aggregate) {
  const prefix = 'plugins.metrics-by-endpoint.response_time.';
  const counters = aggregate.counters || {};
  const rows = [];
  for (const [key, s] of Object.entries(aggregate.summaries || {})) {
    if (!key.startsWith(prefix)) {
      continue;
    }
    const name = key.slice(prefix.length);
    const codes = {};
    let errors = 0;
    for (const [ck, n] of Object.entries(counters)) {
      if (ck.startsWith(`plugins.metrics-by-endpoint.${name}.codes.`)) {
        codes[ck.slice(`plugins.metrics-by-endpoint.${name}.codes.`.length)] = n;
      } else if (ck.startsWith(`plugins.metrics-by-endpoint.${name}.errors.`)) {
        errors += n;
      }
    }
    // A response that failed its expectation stops the virtual user before metrics-by-endpoint counts its
    // status, so its errors are read from the expect plugin's own counter for the request's name.
    errors += num(counters[`errors.Failed expectations for request ${name}`]);
    rows.push({ name, count: s.count, p50: s.p50 ?? s.median, p95: s.p95, p99: s.p99, max: s.max, codes, errors });
  }
  return rows.sort((a, b) => b.count - a.count);
}

function checksOf(meta, totals, limits) {
  if (meta && Array.isArray(meta.checks)) {
    return meta.checks.map((c) => ({ ...c, label: labelOf(c.check) }));
  }
  // Evaluated here (a run without the meta plugin): the same two the script declares.
  const p99 = totals.latency.p99;
  return [
    { check: `http.response_time.p99 <= ${limits.p99}`, label: `p99 ≤ ${limits.p99} ms`, strict: true, passed: p99 !== undefined && p99 <= limits.p99, evaluatedHere: true },
    { check: `maxErrorRate < ${limits.maxErrorRate}`, label: `error rate ≤ ${limits.maxErrorRate} %`, strict: true, passed: totals.errorRate <= limits.maxErrorRate, evaluatedHere: true },
  ];
}

function labelOf(check) {
  let m = /^maxErrorRate < (.+)$/.exec(check);
  if (m) {
    return `error rate ≤ ${m[1]} % (virtual users not completed)`; // ensure's maxErrorRate compares with <=
  }
  m = /^http\.response_time\.(\w+) (<=|<|>=|>|==) (.+)$/.exec(check);
  if (m) {
    return `${m[1]} ${{ '<=': '≤', '>=': '≥' }[m[2]] || m[2]} ${m[3]} ms`;
  }
  return check;
}

// ---------------------------------------------------------------------------------------------- rendering

function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function ms(value) {
  return value === null || value === undefined ? '–' : `${fmt(value, 1)} ms`;
}

function codesText(codes) {
  const entries = Object.entries(codes).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '–' : entries.map(([c, n]) => `${c}: ${fmt(n, 0)}`).join(', ');
}

function niceMax(value) {
  if (!(value > 0)) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * magnitude) {
      return step * magnitude;
    }
  }
  return 10 * magnitude;
}

/** A round tick step (1, 2 or 5 × 10^n) for about `span / step` ticks. */
function niceStep(value) {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  return [1, 2, 5, 10].map((k) => k * magnitude).find((step) => step >= value) || 10 * magnitude;
}

/** A line chart as inline SVG; every series and point carries data-* attributes a test can count. */
function lineChart({ id, title, unit, series, bands, threshold, bars }) {
  const width = 920;
  const height = 280;
  const m = { top: 16, right: 20, bottom: 36, left: 56 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const xMax = Math.max(10, ...xs, ...(bands || []).map((b) => b.to));
  const yValues = series.flatMap((s) => s.points.map((p) => p.y)).concat(threshold ? [threshold.value * 1.1] : []).concat((bars || []).map((b) => b.y));
  const yMax = niceMax(Math.max(0, ...yValues));
  const x = (v) => m.left + (v / xMax) * w;
  const y = (v) => m.top + h - (Math.min(v, yMax) / yMax) * h;
  const pointCount = Math.max(0, ...series.map((s) => s.points.length));
  const out = [];
  out.push(`<svg id="${id}" class="chart" data-chart="${id}" data-points="${pointCount}" data-series-count="${series.length}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title>${esc(title)}</title>`);
  for (const [i, band] of (bands || []).entries()) {
    const x0 = x(Math.max(0, band.from));
    const x1 = x(Math.min(xMax, band.to));
    out.push(`<rect class="phase-band" data-phase="${esc(band.name)}" x="${x0.toFixed(1)}" y="${m.top}" width="${Math.max(0, x1 - x0).toFixed(1)}" height="${h}" fill="${i % 2 ? '#f4f6fa' : '#eaf0fb'}"/>`);
    out.push(`<text x="${(x0 + 4).toFixed(1)}" y="${m.top + 12}" class="band-label">${esc(band.name)}</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const v = (yMax / 4) * i;
    out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`);
    out.push(`<text x="${m.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="tick">${fmt(v, 1)}</text>`);
  }
  const xStep = niceStep(xMax / 8);
  for (let v = 0; v <= xMax + 0.001; v += xStep) {
    out.push(`<text x="${x(v).toFixed(1)}" y="${m.top + h + 16}" text-anchor="middle" class="tick">${fmt(v, 0)} s</text>`);
  }
  out.push(`<text x="${m.left + w / 2}" y="${height - 4}" text-anchor="middle" class="axis-label">seconds since the first phase started (one point per 10 s period)</text>`);
  out.push(`<text x="14" y="${m.top + h / 2}" text-anchor="middle" class="axis-label" transform="rotate(-90 14 ${m.top + h / 2})">${esc(unit)}</text>`);
  for (const bar of bars || []) {
    if (bar.y > 0) {
      out.push(`<rect class="error-bar" data-x="${bar.x}" data-y="${bar.y}" x="${(x(bar.x) - 6).toFixed(1)}" y="${y(bar.y).toFixed(1)}" width="12" height="${(m.top + h - y(bar.y)).toFixed(1)}" fill="${COLORS.errors}" opacity="0.7"><title>${esc(bar.label)}</title></rect>`);
    }
  }
  if (threshold) {
    out.push(`<line class="threshold" data-threshold="${threshold.value}" x1="${m.left}" x2="${m.left + w}" y1="${y(threshold.value).toFixed(1)}" y2="${y(threshold.value).toFixed(1)}" stroke="${COLORS.p99}" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${m.left + w - 4}" y="${(y(threshold.value) - 5).toFixed(1)}" text-anchor="end" class="threshold-label">${esc(threshold.label)}</text>`);
  }
  for (const s of series) {
    const d = s.points.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
    out.push(`<g class="series" data-series="${esc(s.name)}" data-points="${s.points.length}">`);
    out.push(`<polyline points="${d}" fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linejoin="round"/>`);
    for (const p of s.points) {
      out.push(`<circle class="point" data-series="${esc(s.name)}" data-x="${p.x}" data-y="${p.y}" cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(`${s.name} at ${p.x} s: ${fmt(p.y, 1)} ${unit}`)}</title></circle>`);
    }
    out.push('</g>');
  }
  out.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + h}" class="axis"/><line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" class="axis"/>`);
  out.push('</svg>');
  const legend = series.map((s) => `<span class="key"><i style="background:${s.color}"></i>${esc(s.name)}</span>`).join('') + (bars && bars.some((b) => b.y > 0) ? `<span class="key"><i style="background:${COLORS.errors}"></i>errors/s</span>` : '');
  return `<figure><figcaption>${esc(title)}</figcaption>${out.join('\n')}<div class="legend">${legend}</div></figure>`;
}

function renderHtml(model) {
  const { totals, points, phases } = model;
  const bands = phases.length > 1 || (phases[0] && phases[0].name !== 'run')
    ? phases.map((ph) => ({ name: ph.name, from: Math.max(0, (ph.startedAt || model.startedAt) - model.startedAt) / 1000, to: (Math.min(ph.end, model.startedAt + (points.length ? points[points.length - 1].t * 1000 + 5000 : 0)) - model.startedAt) / 1000 }))
    : [];
  const latencySeries = PERCENTILES.map((k) => ({ name: k, color: COLORS[k], points: points.filter((p) => p.latency[k] !== undefined).map((p) => ({ x: p.t, y: p.latency[k] })) }));
  const latencyChart = lineChart({
    id: 'latency-chart', title: 'Response time percentiles per 10 s period', unit: 'ms', series: latencySeries, bands,
    threshold: { value: model.limits.p99, label: `p99 limit ${model.limits.p99} ms` },
  });
  const rpsChart = lineChart({
    id: 'rps-chart', title: 'Requests per second per 10 s period', unit: 'req/s', bands,
    series: [{ name: 'requests/s', color: COLORS.rps, points: points.map((p) => ({ x: p.t, y: Math.round(p.rps * 10) / 10 })) }],
    bars: points.map((p) => ({ x: p.t, y: Math.round((p.errors / p.span) * 10) / 10, label: `${p.errors} errors in the period around ${p.t} s` })),
  });
  const verdict = model.passed ? 'PASS' : 'FAIL';
  const tiles = [
    ['requests', fmt(totals.requests, 0)],
    ['mean req/s', fmt(totals.rps, 1)],
    ['peak req/s (10 s)', fmt(totals.peakRps, 1)],
    ['p50', ms(totals.latency.p50)],
    ['p95', ms(totals.latency.p95)],
    ['p99', ms(totals.latency.p99)],
    ['max', ms(totals.latency.max)],
    ['errors', fmt(totals.errorCount, 0)],
  ];
  const checkRows = model.checks.map((c) => `<tr class="check ${c.passed ? 'ok' : 'fail'}" data-passed="${c.passed}"><td>${c.passed ? '✔ pass' : '✘ fail'}</td><td>${esc(c.label)}</td><td><code>${esc(c.check)}</code>${c.strict ? '' : ' (optional)'}${c.evaluatedHere ? ' (evaluated by report.js)' : ''}</td></tr>`).join('');
  const phaseRows = phases.map((ph) => {
    const s = ph.summary;
    const spec = ph.spec || {};
    const rate = spec.arrivalRate !== undefined ? `${spec.arrivalRate}${spec.rampTo !== undefined ? ` → ${spec.rampTo}` : ''}/s × ${spec.duration} s` : '–';
    return `<tr data-phase="${esc(ph.name)}"><td>${esc(ph.name)}</td><td>${esc(rate)}</td><td>${s.periods}</td><td class="n">${fmt(s.requests, 0)}</td><td class="n">${fmt(s.rps, 1)}</td><td class="n">${ms(s.p50)}</td><td class="n">${ms(s.p95)}</td><td class="n">${ms(s.p99)}</td><td class="n">${ms(s.worstP99)}</td><td class="n ${s.errors ? 'bad' : ''}">${fmt(s.errors, 0)}</td><td>${esc(codesText(s.codes))}</td></tr>`;
  }).join('');
  const worst = Math.max(1, ...model.endpoints.map((e) => e.p99 || 0));
  const endpointRows = model.endpoints.map((e) => `<tr><td><code>${esc(e.name)}</code></td><td class="n">${fmt(e.count, 0)}</td><td class="n">${ms(e.p50)}</td><td class="n">${ms(e.p95)}</td><td class="n">${ms(e.p99)}</td><td class="bar"><span style="width:${((e.p99 || 0) / worst) * 100}%"></span></td><td>${esc(codesText(e.codes))}</td><td class="n ${e.errors ? 'bad' : ''}">${fmt(e.errors, 0)}</td></tr>`).join('');
  const errorRows = Object.entries(totals.errors).sort((a, b) => b[1] - a[1]).map(([k, n]) => `<tr><td><code>${esc(k)}</code></td><td class="n">${fmt(n, 0)}</td></tr>`).join('');
  const scenarioText = Object.entries(totals.byScenario).map(([k, n]) => `${esc(k)} ${fmt(n, 0)}`).join(' · ');
  const when = model.startedAt ? new Date(model.startedAt).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(model.title)} — ${esc(model.environment || 'run')} — ${verdict}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;background:#f7f8fb;margin:0}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
.sub{color:#5b6475}.verdict{display:inline-block;padding:2px 12px;border-radius:12px;font-weight:700;color:#fff;margin-left:8px;font-size:14px;vertical-align:middle}
.verdict.PASS{background:#27ae60}.verdict.FAIL{background:#d64545}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-top:16px}
.tile{background:#fff;border-radius:8px;padding:10px 14px;box-shadow:0 1px 2px #0001}.tile b{display:block;font-size:22px}.tile span{color:#5b6475;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
figure{background:#fff;border-radius:8px;box-shadow:0 1px 2px #0001;margin:16px 0;padding:12px}figcaption{font-weight:600;margin-bottom:4px}
svg.chart{width:100%;height:auto}.grid{stroke:#e3e7ef}.axis{stroke:#9aa3b5}.tick{font-size:11px;fill:#5b6475}.axis-label{font-size:11px;fill:#5b6475}
.band-label{font-size:11px;fill:#48608f}.threshold-label{font-size:11px;fill:#d64545}
.legend{display:flex;gap:16px;font-size:12px;color:#5b6475;padding:4px 0 0 56px}.key i{display:inline-block;width:12px;height:4px;border-radius:2px;margin-right:6px;vertical-align:middle}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px #0001}
th,td{padding:6px 10px;border-bottom:1px solid #eef0f5;text-align:left;vertical-align:top}th{background:#f0f2f7;font-size:12px;color:#48506a}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.bad{color:#d64545;font-weight:700}
tr.check.ok td:first-child{color:#1e8449;font-weight:700}tr.check.fail td:first-child{color:#d64545;font-weight:700}
td.bar{width:120px}td.bar span{display:block;height:8px;border-radius:4px;background:#f2994a}
code{font-size:12px}.note{color:#5b6475;font-size:12px}
</style></head>
<body><main>
<h1>${esc(model.title)}${model.environment ? ` — ${esc(model.environment)}` : ''}<span class="verdict ${verdict}" id="verdict" data-passed="${model.passed}">${verdict}</span></h1>
<div class="sub">${esc(model.target)} · ${esc(when)} · ${fmt(totals.seconds, 0)} s · virtual users ${fmt(totals.vusers.created, 0)} created, ${fmt(totals.vusers.completed, 0)} completed, ${fmt(totals.vusers.failed, 0)} failed${scenarioText ? ` · ${scenarioText}` : ''}</div>
<div class="tiles" id="totals" data-requests="${totals.requests}" data-rps="${totals.rps.toFixed(1)}" data-p99="${totals.latency.p99 ?? ''}" data-errors="${totals.errorCount}">${tiles.map(([k, v]) => `<div class="tile"><span>${esc(k)}</span><b>${esc(v)}</b></div>`).join('')}</div>
<h2>Checks (artillery ensure)</h2>
<table id="checks"><tr><th>result</th><th>check</th><th>expression</th></tr>${checkRows || '<tr><td colspan="3">no checks</td></tr>'}</table>
${latencyChart}
${rpsChart}
<h2>Phases</h2>
<table id="phases"><tr><th>phase</th><th>arrivals</th><th>periods</th><th>requests</th><th>req/s</th><th title="mean of its 10 s periods">≈p50</th><th title="mean of its 10 s periods">≈p95</th><th title="mean of its 10 s periods">≈p99</th><th>worst 10 s p99</th><th>errors</th><th>status codes</th></tr>${phaseRows}</table>
<p class="note">A phase's percentiles are the request-weighted mean of its 10 s periods' percentiles (artillery's JSON keeps no mergeable histograms per period); a period is counted in the phase it mostly falls in. The totals above are artillery's exact aggregate.</p>
<h2>Endpoints</h2>
<table id="endpoints"><tr><th>request</th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>p99</th><th>status codes</th><th>errors</th></tr>${endpointRows || '<tr><td colspan="8">no per-endpoint metrics</td></tr>'}</table>
<h2>Status codes and errors</h2>
<table id="codes"><tr><th>all requests</th><td>${esc(codesText(totals.codes))}</td></tr><tr><th>expectations failed</th><td>${fmt(totals.expectFailed, 0)}</td></tr><tr><th>idempotent retries answered with the first set</th><td>${fmt(totals.idempotentReplays, 0)}</td></tr></table>
${errorRows ? `<table id="errors" style="margin-top:10px"><tr><th>error</th><th>count</th></tr>${errorRows}</table>` : '<p class="note" id="errors">No errors: every response had a status the app expects.</p>'}
</main></body></html>
`;
}

function renderMarkdown(model) {
  const t = model.totals;
  const lines = [];
  lines.push(`**${model.title}${model.environment ? ` — ${model.environment}` : ''}: ${model.passed ? 'PASS' : 'FAIL'}** (${model.target || 'target unknown'})`);
  lines.push('');
  lines.push(`${fmt(t.requests, 0)} requests in ${fmt(t.seconds, 0)} s · ${fmt(t.rps, 1)} req/s mean, ${fmt(t.peakRps, 1)} peak (10 s) · p50 ${ms(t.latency.p50)}, p95 ${ms(t.latency.p95)}, p99 ${ms(t.latency.p99)}, max ${ms(t.latency.max)} · ${fmt(t.errorCount, 0)} errors · codes ${codesText(t.codes)}`);
  lines.push('');
  // Per phase only an approximation exists (artillery keeps no mergeable histogram per period): the mean of its
  // periods' percentiles, which dilutes one bad period, so the worst period's p99 stands beside it.
  lines.push('| phase | req/s | ≈p50 | ≈p95 | ≈p99 (mean of 10 s periods) | worst 10 s p99 | errors |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const ph of model.phases) {
    const s = ph.summary;
    lines.push(`| ${ph.name} | ${fmt(s.rps, 1)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.worstP99)} | ${fmt(s.errors, 0)} |`);
  }
  lines.push('');
  lines.push(`Checks: ${model.checks.map((c) => `${c.passed ? '✔' : '✘'} ${c.label}`).join(' · ') || 'none'}`);
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

module.exports = { analyse, renderHtml, renderMarkdown };
