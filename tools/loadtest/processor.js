'use strict';
// Artillery processor (CommonJS) for gymcoach.yml: what the app itself would compute between requests —
// a fresh Idempotency-Key per create, the ids and ETags it read, the next set of the plan it follows.
// Every function is synchronous work on context.vars; nothing here sends a request.

const crypto = require('node:crypto');

// Library exercises (services/Exercises/Library/exercises.json) the app's users train and browse.
const LIFTS = ['barbell-back-squat', 'barbell-bench-press', 'conventional-deadlift', 'overhead-press', 'barbell-bent-over-row', 'pull-up', 'romanian-deadlift', 'lat-pulldown'];
const MUSCLES = ['chest', 'quads', 'glutes', 'lats', 'hamstrings', 'upper-back', 'front-delts', 'triceps', 'biceps', 'abs'];
const EQUIPMENT = ['barbell', 'dumbbell', 'bodyweight', 'cable', 'machine', 'bench'];
const SEARCHES = ['bench', 'squat', 'row', 'press', 'curl', 'dead', 'pull', 'lunge', 'béNch pr', 'split squat'];

// The one plan each user follows: the same body for every user, so its deterministic Idempotency-Key
// (plan-v1-<sub>) makes concurrent "create my plan" attempts of one user create it exactly once.
const PLAN = {
  name: 'Load test full body',
  notes: 'Created by tools/loadtest',
  exercises: [
    { exerciseId: 'barbell-back-squat', sets: [{ reps: 5, weightKg: 100, restSeconds: 180 }, { reps: 5, weightKg: 100, restSeconds: 180 }, { reps: 5, weightKg: 100, restSeconds: 180 }] },
    { exerciseId: 'barbell-bench-press', sets: [{ repsMin: 6, repsMax: 8, weightKg: 70, restSeconds: 120 }, { repsMin: 6, repsMax: 8, weightKg: 70, restSeconds: 120 }] },
    { exerciseId: 'barbell-bent-over-row', sets: [{ reps: 8, weightKg: 60, restSeconds: 90 }, { reps: 8, weightKg: 60, restSeconds: 90 }] },
  ],
};

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function json(response) {
  try {
    return JSON.parse(response.body);
  } catch {
    return null;
  }
}

/** beforeScenario: what every flow templates (random filters and lifts, today's date range). */
function initUser(context, events, done) {
  const v = context.vars;
  v.muscle = pick(MUSCLES);
  v.equipment = pick(EQUIPMENT);
  v.search = pick(SEARCHES);
  v.liftId = pick(LIFTS);
  v.exerciseId = pick(LIFTS);
  v.planKey = `plan-v1-${v.sub}`;
  v.plan = PLAN;
  const today = new Date();
  v.today = today.toISOString().slice(0, 10);
  v.monthAgo = new Date(today.getTime() - 30 * 86400000).toISOString().slice(0, 10);
  return done();
}

/** beforeRequest: the virtual user's own bearer token (its CSV row), as the app sends it. */
function auth(requestParams, context, events, done) {
  requestParams.headers = requestParams.headers || {};
  requestParams.headers.authorization = `Bearer ${context.vars.token}`;
  return done();
}

/** A uuid for the next create (Idempotency-Key): one per logical request, reused only by a deliberate retry. */
function newKey(context, events, done) {
  context.vars.key = crypto.randomUUID();
  return done();
}

/** afterResponse: remembers the status (for ifTrue branches) and the resource's ETag. */
function remember(request, response, context, events, done) {
  context.vars.status = response.statusCode;
  context.vars.etag = response.headers.etag || '';
  return done();
}

/** afterResponse of an exercise list: a random exercise of the page to open next, and the next page's cursor. */
function pickExercise(request, response, context, events, done) {
  const page = json(response);
  const items = (page && page.items) || [];
  if (items.length > 0) {
    context.vars.exerciseId = pick(items).id;
  }
  context.vars.nextCursor = (page && page.nextCursor) || '';
  context.vars.hasNextPage = context.vars.nextCursor ? 1 : 0;
  return done();
}

/** afterResponse of GET /workouts/plans (or of creating one): the plan to start from, if the user has one. */
function rememberPlan(request, response, context, events, done) {
  const body = json(response);
  const plan = body && (Array.isArray(body.items) ? body.items[0] : body.id ? body : null);
  context.vars.status = response.statusCode;
  context.vars.planId = (plan && plan.id) || '';
  context.vars.hasPlan = plan ? 1 : 0;
  return done();
}

/** The body of POST /workouts/sessions: from the plan, or an empty quick-start session while the plan is being created. */
function sessionBody(context, events, done) {
  const v = context.vars;
  v.sessionBody = v.hasPlan ? { planId: v.planId } : { name: 'Quick start' };
  v.key = crypto.randomUUID();
  return done();
}

/** afterResponse of starting a session: its id and the targets to follow, flattened to one list of sets. */
function rememberSession(request, response, context, events, done) {
  const session = json(response) || {};
  const targets = [];
  for (const exercise of session.targets || []) {
    for (const set of exercise.sets || []) {
      targets.push({ exerciseId: exercise.exerciseId, reps: set.reps || set.repsMax || 8, weightKg: set.weightKg || 20 });
    }
  }
  context.vars.sessionId = session.id || '';
  context.vars.targets = targets;
  context.vars.setIndex = 0;
  return done();
}

/** Before logging a set: the next target (or a free set), the lifter's reps and load around it, and a new key. */
function nextSet(context, events, done) {
  const v = context.vars;
  const targets = v.targets || [];
  const target = targets.length > 0 ? targets[v.setIndex % targets.length] : { exerciseId: v.liftId, reps: 8, weightKg: 40 };
  v.setIndex = (v.setIndex || 0) + 1;
  const reps = Math.max(1, target.reps + Math.floor(Math.random() * 3) - 1);
  v.setBody = {
    exerciseId: target.exerciseId,
    reps,
    weightKg: Math.round(target.weightKg * (0.9 + Math.random() * 0.2) * 2) / 2,
    rpe: pick([7, 7.5, 8, 8.5, 9]),
    type: v.setIndex === 1 ? 'warmup' : 'normal',
  };
  v.key = crypto.randomUUID();
  return done();
}

/** afterResponse of logging a set: the set's id, to compare with a replay of the same key. */
function rememberSet(request, response, context, events, done) {
  const set = json(response) || {};
  context.vars.lastSetId = set.id || '';
  return done();
}

/** afterResponse of a retried set (same Idempotency-Key and body): it must answer the first set, not a second one. */
function checkReplay(request, response, context, events, done) {
  const set = json(response) || {};
  if (response.statusCode === 201 && set.id !== context.vars.lastSetId) {
    events.emit('counter', 'gymcoach.idempotency.mismatch', 1);
    return done(new Error('idempotent replay created another set'));
  }
  events.emit('counter', 'gymcoach.idempotency.replayed', 1);
  return done();
}

// Where offline workouts happen: the device states its own UTC offset, which the server keeps.
const OFFSETS = [660, 600, 0, 60, -300, -480, 540];

function stated(date, offsetMinutes) {
  const local = new Date(date.getTime() + offsetMinutes * 60000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A workout logged offline, as the device sends it when it is back online: its own ids (uuids), times by its
 * clock with its offset, an hour ago, the plan's lifts with LT_SETS sets in all.
 */
function offlineWorkout(context, events, done) {
  const v = context.vars;
  const offset = pick(OFFSETS);
  const end = new Date(Date.now() - 60000 * Math.floor(Math.random() * 60));
  const start = new Date(end.getTime() - 3600000);
  const sets = Math.max(1, Number(process.env.LT_SETS) || 8);
  const exercises = PLAN.exercises.map((e) => ({ exerciseId: e.exerciseId, sets: [] }));
  for (let i = 0; i < sets; i++) {
    const exercise = exercises[i % exercises.length];
    exercise.sets.push({
      id: crypto.randomUUID(),
      type: exercise.sets.length === 0 ? 'warmup' : 'normal',
      reps: 5 + Math.floor(Math.random() * 4),
      weightKg: 40 + 2.5 * Math.floor(Math.random() * 20),
      performedAt: stated(new Date(start.getTime() + (i + 1) * 3600000 / (sets + 1)), offset),
    });
  }
  v.offlineId = crypto.randomUUID();
  v.offlineBody = { name: 'Offline workout', startedAt: stated(start, offset), completedAt: stated(end, offset), exercises };
  return done();
}

/** afterResponse of an upload sent again (a lost answer): it must answer the workout the first one stored. */
function checkUploadReplay(request, response, context, events, done) {
  const session = json(response) || {};
  if (response.statusCode !== 201 || session.id !== context.vars.offlineId || session.version !== 1) {
    events.emit('counter', 'gymcoach.upload.mismatch', 1);
    return done(new Error('a resent upload did not answer the stored workout'));
  }
  events.emit('counter', 'gymcoach.upload.replayed', 1);
  return done();
}

/** A pause of the given milliseconds variable (think time that $env can set to 0 for a pure throughput run). */
function pause(context, events, done) {
  const ms = Number(process.env.LT_THINK_MS) || 0;
  if (ms <= 0) {
    return done();
  }
  return setTimeout(done, Math.round(ms * (0.5 + Math.random())));
}

module.exports = {
  initUser,
  auth,
  newKey,
  remember,
  pickExercise,
  rememberPlan,
  sessionBody,
  rememberSession,
  nextSet,
  rememberSet,
  checkReplay,
  offlineWorkout,
  checkUploadReplay,
  pause,
};
