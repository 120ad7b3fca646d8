/**
 * The Jacobian lens (issue #18): how much of the state at step k still reaches step t,
 * ‖∂s_t/∂s_k‖₂ = ‖J_t ⋯ J_{k+1}‖₂ for every k ≤ t, and the singular values of every J_t. Its norm
 * falling with t − k *is* the vanishing gradient. All in float64, in pieces a worker can
 * interleave with messages (`LensJob.run`).
 *
 * For each column k the product P = J_t ⋯ J_{k+1} is carried as t grows, one matrix product per
 * step, renormalised every step with its log scale kept apart, so a norm of 1e−280 keeps its
 * digits. The work is T²/2 products of n·n·H multiply-adds (the LSTM's c-columns are diagonal).
 * A caller with a budget gets a band: only t − k ≤ maxLag, the rest NaN ("not computed").
 * A column whose every later entry is provably below `floor` (its norm times the largest growth
 * the remaining step Jacobians allow, from their Frobenius norms) stops there, its rest set to 0.
 */
import type { GateClamp } from '../interventions';
import type { Model } from '../types';
import { type LensInputs, type StepJacobian, denseJacobian, stepJacobians } from './stepJacobian';
import { spectralNorm } from './spectralNorm';
import { singularValues } from './svd';

export interface JacobianLens {
  T: number;
  /** size of the state s */
  n: number;
  /** Column-major [T, T]: norm[k·T + t] = ‖∂s_t/∂s_k‖₂; 1 at t = k, 0 for t < k, NaN not computed */
  norm: Float64Array;
  /** [T, svCount]: the singular values of J_t, descending (NaN not computed yet) */
  stepSingularValues: Float64Array;
  /** n, or 1 where only the largest is affordable */
  svCount: number;
  /** the largest t − k the map holds (T − 1: all of it) */
  maxLag: number;
  /** entries below this may be stored as 0 (0: none were) */
  floor: number;
  /** Elman: σ_max(W_hh), the base of the bound ‖∂h_t/∂h_k‖ ≤ σ_max^{t−k}; null otherwise */
  whhNorm: number | null;
}

export interface LensOptions {
  /** multiply-adds the whole lens may take; beyond it the map becomes a band (default: no limit) */
  maxWork?: number;
  /** see JacobianLens.floor (default 0: every entry exact) */
  floor?: number;
}

/** The step Jacobians are kept when they take at most this much memory. */
const CACHE_BYTES = 64 * 2 ** 20;
/** Multiply-adds of all singular values of an n×n matrix by one-sided Jacobi (~6 sweeps). */
const svdWork = (n: number) => 15 * n ** 3;
/** Multiply-adds of one product step: the n×n·H product and its norm (~8 Lanczos steps). */
const productWork = (n: number, H: number) => n * n * H + 20 * n * n;

/** The entry of column-major `norm` for (t, k). */
export const normAt = (lens: JacobianLens, t: number, k: number): number =>
  lens.norm[k * lens.T + t]!;

export class LensJob {
  readonly lens: JacobianLens;
  private readonly jac: ReturnType<typeof stepJacobians>;
  private readonly j: StepJacobian;
  /** prefix sums of log ‖J_s‖_F, and their suffix maxima: the growth bound for pruning */
  private readonly logGrowth: Float64Array;
  private readonly maxAhead: Float64Array;
  /** every J_t, when they fit in CACHE_BYTES (else each is rebuilt when used) */
  private readonly cache: StepJacobian[] | null;
  private svDone = 0;
  private column: number;
  private readonly total: number;
  private done = 0;

  constructor(model: Model, seq: LensInputs, clamps: readonly GateClamp[], opts: LensOptions = {}) {
    const jac = stepJacobians(model, seq, clamps);
    const { T, n, H } = jac;
    this.jac = jac;
    this.j = jac.newJacobian();
    const budget = opts.maxWork ?? Infinity;
    const svCount = T * svdWork(n) <= budget / 2 ? n : 1;
    const svCost = svCount === n ? svdWork(n) : 30 * 2 * n * n;
    const perProduct = productWork(n, H);
    const left = budget - T * svCost;
    let maxLag = Math.max(1, T - 1);
    while (maxLag > 1 && bandProducts(T, maxLag) * perProduct > left)
      maxLag = Math.ceil(maxLag / 1.25) - 1;
    maxLag = Math.max(1, Math.min(maxLag, T - 1));
    const norm = new Float64Array(T * T).fill(NaN);
    for (let k = 0; k < T; k++) {
      for (let t = 0; t < k; t++) norm[k * T + t] = 0;
      norm[k * T + k] = 1;
    }
    this.lens = {
      T,
      n,
      norm,
      stepSingularValues: new Float64Array(T * svCount).fill(NaN),
      svCount,
      maxLag,
      floor: opts.floor ?? 0,
      whhNorm: model.spec.cell === 'elman' ? whhNorm(model) : null,
    };
    this.logGrowth = new Float64Array(T);
    this.cache = T * n * (H + 1) * 8 <= CACHE_BYTES ? [] : null;
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const j = this.cache ? jac.newJacobian() : this.j;
      jac.fill(t, j);
      this.cache?.push(j);
      sum += Math.log(frobenius(j));
      this.logGrowth[t] = sum;
    }
    this.maxAhead = new Float64Array(T);
    for (let t = T - 1, m = -Infinity; t >= 0; t--)
      this.maxAhead[t] = m = Math.max(m, this.logGrowth[t]!);
    this.column = T - 2;
    this.total = bandProducts(T, maxLag) * perProduct + T * svCost;
  }

  /** Work done and to do, in multiply-adds (for a progress bar). */
  progress(): { done: number; total: number } {
    return { done: Math.min(this.done, this.total), total: this.total };
  }

  /** Columns of the map finished so far: k in [firstColumn, T), the rest still NaN below the diagonal. */
  get firstColumn(): number {
    return this.column + 1;
  }

  /** Steps whose singular values are done: t in [0, svDone). */
  get singularValuesDone(): number {
    return this.svDone;
  }

  get complete(): boolean {
    return this.column < 0 && this.svDone === this.lens.T;
  }

  /**
   * Computes whole columns (then step singular values) while `more()` is true; returns whether
   * the lens is complete. At least one piece is done per call.
   */
  run(more: () => boolean = () => true): boolean {
    do {
      if (this.column >= 0) this.computeColumn(this.column--);
      else if (this.svDone < this.lens.T) this.computeSingularValues(this.svDone++);
      else return true;
    } while (more());
    return this.complete;
  }

  private jacobian(t: number): StepJacobian {
    if (this.cache) return this.cache[t]!;
    this.jac.fill(t, this.j);
    return this.j;
  }

  private computeColumn(k: number): void {
    const { T, n, maxLag, norm, floor } = this.lens;
    const { H } = this.jac;
    const logFloor = Math.log(floor);
    let q: Float64Array = identity(n);
    let next: Float64Array = new Float64Array(n * n);
    const v = new Float64Array(n);
    let logScale = 0;
    const last = Math.min(T - 1, k + maxLag);
    const carried = new Float64Array(n);
    for (let t = k + 1; t <= last; t++) {
      const j = this.jacobian(t);
      // Row c of q is column c of P: each is carried through J_t on its own.
      applyJacobian(j, n, H, q, next);
      [q, next] = [next, q];
      this.done += productWork(n, H);
      // v is P's top left singular vector (q holds Pᵀ), in the space of s_t: the new product's is
      // close to J_t v, the warm start.
      jacobianTimes(j, n, H, v, carried);
      v.set(carried);
      const sigma = spectralNorm(q, n, v);
      if (sigma === 0 || !Number.isFinite(sigma)) {
        for (let r = t; r <= last; r++) norm[k * T + r] = sigma;
        return;
      }
      logScale += Math.log(sigma);
      for (let x = 0; x < q.length; x++) q[x]! /= sigma;
      norm[k * T + t] = Math.exp(logScale);
      const bound = logScale + this.maxAhead[Math.min(t + 1, T - 1)]! - this.logGrowth[t]!;
      if (t < last && bound < logFloor) {
        for (let r = t + 1; r <= last; r++) norm[k * T + r] = 0;
        this.done += (last - t) * productWork(n, H);
        return;
      }
    }
  }

  private computeSingularValues(t: number): void {
    const { n, svCount, stepSingularValues } = this.lens;
    const { H } = this.jac;
    const a = new Float64Array(n * n);
    denseJacobian(this.jacobian(t), n, H, a);
    if (svCount === n) stepSingularValues.set(singularValues(a, n), t * n);
    else stepSingularValues[t] = spectralNorm(a, n, new Float64Array(n));
    this.done += svCount === n ? svdWork(n) : 60 * n * n;
  }
}

/** The whole lens at once (the CLI, tests): every entry, every singular value. */
export function jacobianLens(
  model: Model,
  seq: LensInputs,
  clamps: readonly GateClamp[] = [],
): JacobianLens {
  const job = new LensJob(model, seq, clamps);
  job.run();
  return job.lens;
}

/** Products in the band t − k ≤ L of a T-step map (below the diagonal). */
function bandProducts(T: number, L: number): number {
  let s = 0;
  for (let k = 0; k < T; k++) s += Math.min(L, T - 1 - k);
  return s;
}

/**
 * Row c of `out` = J · row c of q, for every c: each column of the product carried one step.
 * Blocks of two rows of J by two rows of q, so each value loaded feeds two products.
 */
function applyJacobian(
  j: StepJacobian,
  n: number,
  H: number,
  q: Float64Array,
  out: Float64Array,
): void {
  const { dense, side } = j;
  const one = (c: number, r: number) => (out[c * n + r] = rowTimes(j, H, r, q, c * n));
  let c = 0;
  for (; c + 1 < n; c += 2) {
    const a = c * n;
    const b = a + n;
    let r = 0;
    for (; r + 1 < n; r += 2) {
      const d0 = r * H;
      const d1 = d0 + H;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let m = 0; m < H; m++) {
        const x0 = dense[d0 + m]!;
        const x1 = dense[d1 + m]!;
        const qa = q[a + m]!;
        const qb = q[b + m]!;
        s00 += x0 * qa;
        s01 += x0 * qb;
        s10 += x1 * qa;
        s11 += x1 * qb;
      }
      if (side) {
        const at0 = H + (r % H);
        const at1 = H + ((r + 1) % H);
        s00 += side[r]! * q[a + at0]!;
        s01 += side[r]! * q[b + at0]!;
        s10 += side[r + 1]! * q[a + at1]!;
        s11 += side[r + 1]! * q[b + at1]!;
      }
      out[a + r] = s00;
      out[b + r] = s01;
      out[a + r + 1] = s10;
      out[b + r + 1] = s11;
    }
    // An odd n (an Elman or GRU cell of odd H) leaves a row and a column.
    if (r < n) {
      one(c, r);
      one(c + 1, r);
    }
  }
  if (c < n) for (let r = 0; r < n; r++) one(c, r);
}

/** (J · x)[r], with x the n numbers of `x` from index `from`. */
function rowTimes(j: StepJacobian, H: number, r: number, x: Float64Array, from: number): number {
  let s = j.side ? j.side[r]! * x[from + H + (r % H)]! : 0;
  for (let m = 0; m < H; m++) s += j.dense[r * H + m]! * x[from + m]!;
  return s;
}

/** out = J · x for one vector x of size n. */
function jacobianTimes(
  j: StepJacobian,
  n: number,
  H: number,
  x: Float64Array,
  out: Float64Array,
): void {
  for (let r = 0; r < n; r++) out[r] = rowTimes(j, H, r, x, 0);
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function frobenius({ dense, side }: StepJacobian): number {
  let s = 0;
  for (const x of dense) s += x * x;
  if (side) for (const x of side) s += x * x;
  return Math.sqrt(s);
}

/** σ_max(W_hh) of an Elman model. */
function whhNorm(model: Model): number {
  const H = model.spec.hiddenSize;
  return singularValues(Float64Array.from(model.weights.wHh), H)[0]!;
}
