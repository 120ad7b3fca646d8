/**
 * Timing, kernel counting and comparison helpers shared by the bench's suites (Node and the
 * browser page). The caller picks the TF.js backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  FUSED_BACKWARD,
  FUSED_FORWARD,
  FUSED_WEIGHT_GRADS,
  fusedStats,
} from '../../src/engine/fused/contract';
import { median, round } from './stats';
import type { KernelCount, Plan, Timing } from './types';

/** Summary of timed runs; `firstMs` is the first (cold) run, not part of min/median. */
export function timingOf(runs: number[], firstMs: number): Timing {
  return {
    firstMs: round(firstMs, 2),
    minMs: round(Math.min(...runs)),
    medianMs: round(median(runs)),
    n: runs.length,
    runsMs: runs.map((r) => round(r, 2)),
  };
}

/**
 * Times `fn`: `firstMs` is the caller's first (cold) run, then plan.warmup untimed runs,
 * then at least minRuns timed runs, more while under budgetMs, at most maxRuns.
 */
export async function measure(fn: () => unknown, plan: Plan, firstMs: number): Promise<Timing> {
  for (let k = 0; k < plan.warmup; k++) await fn();
  const runs: number[] = [];
  let spent = 0;
  while (runs.length < plan.minRuns || (runs.length < plan.maxRuns && spent < plan.budgetMs)) {
    const t0 = performance.now();
    await fn();
    const d = performance.now() - t0;
    runs.push(d);
    spent += d;
  }
  return timingOf(runs, firstMs);
}

export async function timeOnce<R>(fn: () => R | Promise<R>): Promise<{ ms: number; value: R }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Records of tf.profile that move no data: reshapes, identities and op-scope wrappers. */
const NO_WORK = (name: string) =>
  name === 'Reshape' || name === 'Identity' || name.endsWith('__op');
const FUSED = (name: string) =>
  name === FUSED_FORWARD || name === FUSED_BACKWARD || name === FUSED_WEIGHT_GRADS;

/**
 * tf.profile of one call. A fused kernel is one record however many programs it runs inside
 * (WebGL: one shader program per step or chunk), so the programs it reports through
 * fusedStats are counted too.
 */
export async function countKernels(fn: () => Promise<unknown>, T: number): Promise<KernelCount> {
  const programs0 = fusedStats.programs;
  const info = await tf.profile(async () => {
    await fn();
  });
  const fusedPrograms = fusedStats.programs - programs0;
  const byName: Record<string, number> = {};
  for (const k of info.kernels) byName[k.name] = (byName[k.name] ?? 0) + 1;
  const work = info.kernels.filter((k) => !NO_WORK(k.name)).length;
  const fused = info.kernels.filter((k) => FUSED(k.name)).length;
  return {
    total: info.kernels.length,
    perStep: round(info.kernels.length / T, 2),
    workPerStep: round(work / T, 2),
    fusedCalls: fused,
    fusedProgramsPerStep: round(fusedPrograms / T, 2),
    programsPerStep: round((work - fused + fusedPrograms) / T, 2),
    byName,
  };
}

/** Largest |a − e| relative to the largest |e| (float32 judged at the magnitudes it holds). */
export function scaledError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length)
    throw new Error(`length mismatch: ${actual.length} vs ${expected.length}`);
  let scale = 0;
  let worst = 0;
  for (let k = 0; k < expected.length; k++) scale = Math.max(scale, Math.abs(expected[k]!));
  for (let k = 0; k < expected.length; k++)
    worst = Math.max(worst, Math.abs(actual[k]! - expected[k]!));
  return worst / (scale || 1);
}

/** Largest |a − e| over max(1, max |e|): absolute below 1, relative above (fused vs ops). */
export function diffOverMax1(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 1;
  for (let k = 0; k < expected.length; k++) scale = Math.max(scale, Math.abs(expected[k]!));
  return maxAbsDiff(actual, expected) / scale;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
  return worst;
}

export function check(what: string, value: number, tol: number): void {
  if (!(value <= tol)) {
    throw new Error(
      `bench sanity check failed: ${what} = ${value.toExponential(3)} > ${tol} (refusing to time wrong code)`,
    );
  }
}
