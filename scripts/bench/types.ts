/** Shapes of the bench's results, shared by the Node runner and the browser page. */
import type { CellKind } from '../../src/engine/types';

export type Where = 'node' | 'browser';
export type BackendId = 'cpu' | 'wasm' | 'webgl';

export interface CaseDef {
  /** e.g. "lstm-T100-H32" */
  id: string;
  cell: CellKind;
  T: number;
  H: number;
}

export interface Plan {
  /** untimed runs first (the first one is reported as firstMs: shader compilation, JIT) */
  warmup: number;
  /** timed runs: at least minRuns, then more until budgetMs of timed work or maxRuns */
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
}

export interface BenchOptions {
  quick: boolean;
  /** case ids to run (default: all of the mode's cases) */
  only?: string[];
}

export interface Timing {
  /** the first (warm-up) run, not part of min/median: shader compilation, JIT, allocation */
  firstMs: number;
  minMs: number;
  medianMs: number;
  /** number of timed runs */
  n: number;
  runsMs: number[];
}

export interface KernelCount {
  /** profile.kernels.length of one call */
  total: number;
  /** total / T */
  perStep: number;
  /** the same without records that move no data: Reshape, Identity and op-scope wrappers ("fusedMatMul__op") */
  workPerStep: number;
  /** records by kernel name */
  byName: Record<string, number>;
}

export interface CaseSanity {
  /** what the tf.layers predict check compared (the GRU case times reset-after, which tf.layers lacks) */
  layersCheck: string;
  /** max |h_ours − h_layers| over all steps and units; must be ≤ 1e-4 */
  hMaxAbsDiffVsLayers: number;
  /** max |y_ours − y_layers| (the Dense readout) */
  yMaxAbsDiffVsLayers: number;
  /** |loss_ours − loss_layers| relative to loss_layers */
  lossRelDiffVsLayers: number;
  /** scaled error (max abs diff / max |ref|) of the tf.layers gradients (kernel, recurrent kernel, readout kernel) vs ours */
  layersGradScaledErrVsOurs: number;
  /** scaled error of the timed variant's h vs the float64 reference */
  hScaledErrVsRef64: number;
  /** worst scaled error of the timed variant's weight gradients and ∂L/∂h vs the float64 reference */
  gradScaledErrVsRef64: number;
  /** tensors still allocated after all timed runs minus before (should be 0) */
  leakedTensors: number;
}

export interface CaseResult {
  where: Where;
  backend: BackendId;
  case: string;
  cell: CellKind;
  T: number;
  H: number;
  sanity: CaseSanity;
  timings: {
    /** runTrace: full trace + hand BPTT + one read-back, as the app does */
    ours: Timing;
    /** tf.layers model [rnn layer → Dense(1)] predict of h and y, one read-back */
    layersPredict: Timing;
    /** tf.variableGrads of the MSE over the layers model's output w.r.t. all its weights, one read-back */
    layersFwdGrad: Timing;
  };
  kernels: {
    ours: KernelCount;
    layersPredict: KernelCount;
    layersFwdGrad: KernelCount;
  };
}

export interface PlainResult {
  where: Where;
  case: string;
  cell: CellKind;
  T: number;
  H: number;
  /** tests/reference referenceBackward (float64, written for clarity; also stores every step's ∂L/∂W_hh) */
  reference64: Timing;
  /** scripts/bench/loops32.ts forward + BPTT on Float32Array */
  loop32: Timing;
  /** worst scaled error of loop32 (h, c, ∂L/∂h, weight gradients, ∂L/∂x, loss) vs the float64 reference */
  loop32ScaledErrVsRef64: number;
}

export interface SuiteResult {
  cases: CaseResult[];
  /** WebGL renderer string, webgl only */
  renderer?: string;
  /** e.g. "WebGL 2 · SwiftShader (software)" */
  backendLabel?: string;
}

/** What the bench page (bench/main.ts) exposes to the Node runner. */
export interface BenchPageApi {
  runBackend(backend: BackendId, opts: BenchOptions): Promise<SuiteResult>;
  runPlain(opts: BenchOptions): Promise<PlainResult[]>;
  userAgent(): string;
}

declare global {
  interface Window {
    gatescopeBench?: BenchPageApi;
  }
}
