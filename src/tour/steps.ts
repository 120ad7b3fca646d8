/**
 * The guided tour as data: each step names the store state it shows (config, cursor, selection,
 * compare view) instead of poking at the page, so a step is reproducible, testable and can be
 * linked to (ui.tourStep travels in the URL). The texts are short on purpose: two to four
 * sentences a teacher can read aloud while the class looks at the picture.
 */
import { type Config, DEFAULT_CONFIG } from '../config/config';
import type { Selection } from '../config/selection';

export interface TourState {
  /** set over TOUR_BASE, so each step looks the same whichever step came before */
  config: Partial<Config>;
  /** the cursor, 0-based, or the last step; applied once the step's trace is ready */
  playback?: { t: number | 'end' };
  /** the selection, and the micro-step shown (config/microOps.ts) when the step walks the ops */
  ui?: { selection: Selection; microOp?: string };
  /** whether the side-by-side comparison is open (closed when absent) */
  compare?: { open: boolean };
}

export interface TourStep {
  id: string;
  title: string;
  text: string;
  state: TourState;
  /** test id of the region the step talks about: scrolled into view and outlined */
  focus: string;
}

/**
 * Settings every step starts from. A step only states what it is about; everything else goes
 * back to a plain seeded network (no clamp, no scaling), so Back and Next never leave a knob of
 * an earlier step behind.
 */
// The page's defaults, except the cell (each step picks one) and the custom text (left alone).
const { cell: _cell, customText: _customText, ...plainDefaults } = DEFAULT_CONFIG;
export const TOUR_BASE: Partial<Config> = { ...plainDefaults, taskParams: { length: 50 } };

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'recurrence',
    title: 'A loop through time',
    text:
      'An Elman cell is the plainest recurrent network. At each step it adds the new input to a ' +
      'weighted copy of its own previous hidden state, squashes the sum with tanh and passes the ' +
      'result on, and that loop is all the memory it has. Step through the sequence with the ' +
      'playback bar or the arrow keys and follow h in the diagram.',
    state: {
      config: { cell: 'elman' },
      playback: { t: 5 },
      ui: { selection: { unit: 0, gate: null } },
    },
    focus: 'panel-diagram',
  },
  {
    id: 'vanishing',
    title: 'Why gradients vanish',
    text:
      'To learn the adding task, the error at the last step has to reach back to the two marked ' +
      'inputs. In an Elman cell that signal is multiplied by the recurrent weights and a tanh ' +
      'slope once per step; with W_hh scaled to a spectral radius of 0.8 every step shrinks it. ' +
      'Read the gradient chart from right to left: early steps get almost no say in training.',
    state: {
      config: { cell: 'elman', recurrentScale: 0.8 },
      playback: { t: 'end' },
      ui: { selection: { unit: 0, gate: null } },
    },
    focus: 'panel-gradients',
  },
  {
    id: 'forget-gate',
    title: 'The forget gate is a memory valve',
    text:
      'An LSTM carries a second state, the cell state c, from step to step with no weight ' +
      'matrix and no squashing: it is only multiplied by the forget gate. Starting that ' +
      "gate's bias at 3 leaves the valve about 95% open, so memories fade slowly. The " +
      'highlighted heatmap shows the forget gate of every unit at every step.',
    state: {
      config: { cell: 'lstm', forgetBias: 3 },
      playback: { t: 24 },
      ui: { selection: { unit: 0, gate: 'forget' } },
    },
    focus: 'panel-heatmaps',
  },
  {
    id: 'micro-lstm',
    title: 'One LSTM step, op by op',
    text:
      'Here we are inside step 25, at the forget gate: its pre-activation, the sum of this ' +
      "unit's input and recurrent projections and its bias, goes through σ. Press ↓ (or op ▶) " +
      'to go on op by op: the gates, the new cell state, h, the readout, and then backward, ' +
      'how the gradient reaching h_t splits into each gate. The diagram lights the wires each op uses.',
    state: {
      config: { cell: 'lstm', forgetBias: 3 },
      playback: { t: 24 },
      ui: { selection: { unit: 0, gate: null }, microOp: 'gate-forget' },
    },
    focus: 'panel-equations',
  },
  {
    id: 'clamp-forget',
    title: 'Hold the valve wide open',
    text:
      'This what-if clamps the forget gate to exactly 1 at every step. The dashed memory path ' +
      'in the gradient chart becomes a flat line: the cell state hands the gradient back across ' +
      'all 50 steps unchanged. A trained LSTM learns when to open and close the valve; the ' +
      'badge on each panel says this picture is an intervention.',
    state: {
      config: { cell: 'lstm', clampGate: 'forget', clampValue: 1 },
      playback: { t: 'end' },
      ui: { selection: { unit: 0, gate: 'forget' } },
    },
    focus: 'panel-gradients',
  },
  {
    id: 'update-gate',
    title: 'The GRU keeps the old state with z',
    text:
      "A GRU folds the LSTM's two states into one. Its update gate z decides, unit by unit, " +
      'how much of the previous state to keep; only the share 1 − z is replaced by the new ' +
      'candidate. When z is close to 1 the state, and the gradient with it, passes a step almost ' +
      'untouched: the forget-gate trick with fewer parts.',
    state: {
      config: { cell: 'gru' },
      playback: { t: 10 },
      ui: { selection: { unit: 0, gate: 'update' } },
    },
    focus: 'panel-diagram',
  },
  {
    id: 'lens-elman',
    title: 'The product that makes gradients vanish',
    text:
      'The Jacobian lens shows, for every pair of steps k ≤ t, how large a change of the state ' +
      'at step k can still be at step t: the norm of the product of the step Jacobians between ' +
      'them. For this Elman cell, with W_hh scaled to ρ = 0.8, the map turns from pale (1) on ' +
      'the diagonal to deep blue away from it, and the row chart stays under the dashed bound ' +
      'σ_max(W_hh)^(t−k). ' +
      'Click any cell to pick t and k.',
    state: {
      config: { cell: 'elman', recurrentScale: 0.8 },
      playback: { t: 'end' },
      ui: { selection: { unit: 0, gate: null, from: 9 } },
    },
    focus: 'panel-lens',
  },
  {
    id: 'lens-lstm',
    title: 'An LSTM keeps the map bright',
    text:
      'The same map for an LSTM with its forget bias at 3. Its state is h and c together, and ' +
      'the cell-state route passes only through forget gates, so far from the diagonal the map ' +
      'stays pale or even turns orange: a change made early still reaches the end, and can grow ' +
      'on the way. Read the row chart against the Elman one: that one fell through decades.',
    state: {
      config: { cell: 'lstm', forgetBias: 3 },
      playback: { t: 'end' },
      ui: { selection: { unit: 0, gate: null, from: 9 } },
    },
    focus: 'panel-lens',
  },
  {
    id: 'compare',
    title: 'All three side by side',
    text:
      'Here Elman, LSTM and GRU run on the same sequence with the same seed, hidden size and ' +
      'optimizer. The overlaid gradient chart shows which memory routes fade and which hold. ' +
      'Press "Train all three" to see whether the gated cells also learn the task sooner.',
    state: {
      config: { cell: 'lstm' },
      playback: { t: 'end' },
      compare: { open: true },
    },
    focus: 'compare-view',
  },
];
