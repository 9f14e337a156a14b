'use strict';
// An artillery plugin (CommonJS, main thread only) that writes what --output leaves out and report.js needs:
// when each phase started and ended (to cut the 10 s periods by phase), the resolved phases and target, and
// the ensure plugin's verdict on every check. ./run loads it with ARTILLERY_PLUGIN_PATH and ARTILLERY_PLUGINS
// and names the file with LT_META; without LT_META it does nothing.

const fs = require('node:fs');

class GymcoachMetaPlugin {
  constructor(script) {
    const out = process.env.LT_META;
    if (!out || !global.artillery || typeof process.env.LOCAL_WORKER_ID !== 'undefined') {
      return;
    }

    const config = script.config || {};
    const ensure = config.ensure || (config.plugins && config.plugins.ensure) || null;
    const meta = {
      environment: script._environment || process.env.LT_PHASE || null,
      target: config.target || null,
      phases: (config.phases || []).map((p, index) => ({ index, ...p })),
      ensure,
      startedAt: Date.now(),
      endedAt: null,
      phaseEvents: [],
      checks: null,
      exitCode: null,
    };
    const events = global.artillery.globalEvents;
    events.on('phaseStarted', (p) => meta.phaseEvents.push({ index: p.index, name: p.name || null, event: 'started', at: p.startTime || Date.now() }));
    events.on('phaseCompleted', (p) => meta.phaseEvents.push({ index: p.index, name: p.name || null, event: 'completed', at: p.endTime || Date.now() }));
    events.on('checks', (checks) => {
      meta.checks = checks.map((c) => ({ check: c.original, strict: c.strict !== false, passed: c.result === 1 || c.result === true }));
    });
    global.artillery.ext({
      ext: 'beforeExit',
      method: async (data) => {
        // Every beforeExit handler is called before any is awaited: one turn later ensure has emitted its checks.
        await new Promise((resolve) => setImmediate(resolve));
        meta.endedAt = Date.now();
        meta.earlyStop = Boolean(data && data.earlyStop);
        meta.exitCode = global.artillery.suggestedExitCode || (data && data.exitCode) || 0;
        fs.writeFileSync(out, JSON.stringify(meta, null, 2));
      },
    });
  }
}

module.exports = { Plugin: GymcoachMetaPlugin };
