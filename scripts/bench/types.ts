/** Shapes of the bench's results, shared by the Node runner and the browser page. */
import type { CellKind } from '../../src/engine/types';

export type Where = 'node' | 'browser';
import type { BackendName } from '../../src/engine/backend/backends';

export type { BackendName };

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
  /** the per-case suite and plain loops (default true) */
  cases?: boolean;
  /** the training-throughput case (default true) */
  training?: boolean;
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
  /** records of the fused recurrence kernels (GatescopeRnnForward/Backward) */
  fusedCalls: number;
  /** programs run inside the fused kernels (fusedStats.programs) / T: WebGL runs one per step or chunk */
  fusedProgramsPerStep: number;
  /** what the backend really dispatches per step: data-moving records outside the fused kernels plus the programs inside them, / T */
  programsPerStep: number;
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
  /** ours (fused) vs ours (path 'ops'): worst max |Δ| / max(1, max |ops|) over h, c, gates, y, loss and every gradient; must be ≤ 1e-5 */
  oursVsOpsErr: number;
  /** tensors still allocated after all timed runs minus before (should be 0) */
  leakedTensors: number;
}

export interface CaseResult {
  where: Where;
  backend: BackendName;
  case: string;
  cell: CellKind;
  T: number;
  H: number;
  /** 'fused' when ours ran the fused recurrence kernels (tf.profile saw them), else 'ops' */
  oursPath: 'fused' | 'ops';
  /** cpu/wasm: whether the fused loops' products and activations ran in WebAssembly SIMD
   * (src/engine/fused/simd.ts) or its plain-JS fallback; webgl: null */
  loopsSimd: boolean | null;
  sanity: CaseSanity;
  timings: {
    /** runTrace: full trace + hand BPTT + one read-back, as the app does (fused kernels where registered) */
    ours: Timing;
    /** runTrace with path 'ops': the op-by-op cells, the "before" of the fused kernels */
    oursOps: Timing;
    /** tf.layers model [rnn layer → Dense(1)] predict of h and y, one read-back */
    layersPredict: Timing;
    /** tf.variableGrads of the MSE over the layers model's output w.r.t. all its weights, one read-back */
    layersFwdGrad: Timing;
  };
  kernels: {
    ours: KernelCount;
    oursOps: KernelCount;
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
  /** reference/ referenceBackward (float64, written for clarity; also stores every step's ∂L/∂W_hh) */
  reference64: Timing;
  /** scripts/bench/loops32.ts forward + BPTT on Float32Array */
  loop32: Timing;
  /** worst scaled error of loop32 (h, c, ∂L/∂h, weight gradients, ∂L/∂x, loss) vs the float64 reference */
  loop32ScaledErrVsRef64: number;
}

/** The Jacobian lens's time in one place (scripts/bench/lens.ts). */
export interface LensResult {
  where: Where;
  /** the TF.js backend active beside it; the lens itself never uses TF.js */
  backend: string;
  cell: string;
  T: number;
  H: number;
  /** size of the state s (2H for the LSTM) */
  n: number;
  /** until the map is whole, and until the singular values are too (over `repeats` runs) */
  mapMs: { medianMs: number; minMs: number; maxMs: number };
  totalMs: { medianMs: number; minMs: number; maxMs: number };
}

export interface SuiteResult {
  cases: CaseResult[];
  lens: LensResult[];
  /** WebGL renderer string, webgl only */
  renderer?: string;
  /** e.g. "WebGL 2 · SwiftShader (software)" */
  backendLabel?: string;
}

/** What the bench page (bench/main.ts) exposes to the Node runner. */
export interface BenchPageApi {
  runBackend(backend: BackendName, opts: BenchOptions): Promise<SuiteResult>;
  /** the training case on a backend (after runBackend started it) */
  runTraining(backend: BackendName, opts: BenchOptions): Promise<TrainingResult>;
  runPlain(opts: BenchOptions): Promise<PlainResult[]>;
  userAgent(): string;
}

declare global {
  interface Window {
    gatescopeBench?: BenchPageApi;
  }
}

// ---------------------------------------------------------------- training throughput

export interface TrainingCaseDef {
  /** e.g. "adding-lstm-T100-H32-B32" */
  id: string;
  task: 'adding';
  cell: CellKind;
  T: number;
  H: number;
  batchSize: number;
}

export interface TrainingPlan {
  /** untimed runs after the first (cold) one */
  warmup: number;
  /** timed runs; each is `stepsPerRun` optimizer updates */
  runs: number;
  stepsPerRun: number;
}

/** Milliseconds per optimizer update (a run's time / its steps) and the updates per second. */
export interface StepTiming extends Timing {
  stepsPerRun: number;
  /** 1000 / medianMs */
  stepsPerSec: number;
}

export interface TrainingResult {
  where: Where;
  backend: BackendName;
  case: string;
  T: number;
  H: number;
  batchSize: number;
  timings: {
    /** our Trainer.step() with fused kernels (the default) */
    ours: StepTiming;
    /** the same with setFusedKernels(false): the op-by-op "before" */
    oursOps: StepTiming;
    /** tf.layers [lstm → dense] model.fit, one epoch over stepsPerRun batches */
    layersFit: StepTiming;
  };
  ratios: {
    /** ours steps/s ÷ tf.layers fit steps/s (target ≥ 3) */
    oursOverLayersFit: number;
    /** ours steps/s ÷ op-by-op steps/s */
    oursOverOursOps: number;
  };
  sanity: {
    /** loss of the first and the last update run (every one must be finite, else the bench stops) */
    oursLoss: [number, number];
    oursOpsLoss: [number, number];
    layersLoss: [number, number];
    /** tensors tf.layers left behind after its model, optimizer and data were disposed (ours must leave none: checked) */
    leakedTensorsLayers: number;
  };
}

// ---------------------------------------------------------------- the app: size, first frame, playback

export interface InitialJsResult {
  /** the manifest key of the HTML entry */
  entry: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  /** gzip level 9, summed per file */
  gzipBytes: number;
  gzipKB: number;
  /** chunks loaded only on demand (dynamic imports), not counted */
  lazyChunks: number;
}

export interface FirstFrameResult {
  mark: string;
  /** performance.mark startTime per fresh load, null where the mark never came */
  runsMs: (number | null)[];
  /** null unless every load had the mark */
  medianMs: number | null;
  minMs: number | null;
}

export interface PlaybackPlan {
  cell: CellKind;
  task: 'adding';
  T: number;
  H: number;
  /** playback speeds to measure (steps/s = 4 × speed) */
  speeds: number[];
  /** seconds of playing per speed */
  seconds: number;
  viewport: { width: number; height: number };
}

export interface FrameStats {
  /** rAF intervals measured */
  frames: number;
  durationMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  fps: number;
  /** intervals over 1.5 frame budgets (a missed vsync) */
  longFrames: number;
}

export interface RenderCounts {
  frames: number;
  /** frames in which the shown step changed */
  stepFrames: number;
  stepsAdvanced: number;
  /** React commits in the window */
  commits: number;
  commitsPerFrame: number;
  commitsPerStepFrame: number;
  /** commits that did not change the shown step (should be 0 while playing) */
  commitsWithoutStep: number;
  /** components rendered per step, by panel ('panel-…', 'playback', 'layout', 'other') */
  rendersPerStep: Record<string, number>;
  /** renders per step outside the views that show the step (should be 0) */
  unchangedViewRendersPerStep: number;
  unchangedViews: string[];
}

export interface PlaybackRun {
  speed: number;
  frames: FrameStats;
  react: RenderCounts | null;
}

export interface AppResult {
  initialJs: InitialJsResult;
  firstFrame: FirstFrameResult;
  playback: {
    plan: PlaybackPlan;
    /** the hash opened, in the app's link schema */
    link: string;
    /** the window measured in: the plan's width, the page's full height */
    viewport: { width: number; height: number };
    runs: PlaybackRun[];
  };
}
