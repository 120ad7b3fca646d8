/** Built-in lesson: the GRU's update and reset gates, and what clamping each one does. */
import { LESSON_FORMAT, type Lesson } from '../../config/lesson';

const BASE = { cell: 'gru', task: 'adding', 'p.length': 50, H: 16 } as const;

export const GRU: Lesson = {
  format: LESSON_FORMAT,
  title: 'The GRU: update and reset',
  level: 'intermediate',
  summary: 'Two gates, no separate cell state: how the GRU blends old and new.',
  steps: [
    {
      title: 'A blend, not a sum',
      text:
        'The GRU has no c. Its update gate z chooses, unit by unit, between keeping hₜ₋₁ and ' +
        'taking a new candidate: hₜ = (1 − z)·n + z·hₜ₋₁ in PyTorch’s convention. The reset ' +
        'gate r decides how much of the old state the candidate n may look at.',
      view: { ...BASE, t: 10 },
      focus: 'diagram',
    },
    {
      title: 'Fewer weights than an LSTM',
      text:
        'Three blocks of weights (update, reset, candidate) where the LSTM has four. Each block ' +
        'has an H×I input matrix, an H×H recurrent matrix and two biases. Here H = 16 and I = 2.',
      view: { ...BASE, t: 10 },
      focus: 'equations',
      ask: {
        kind: 'number',
        prompt: 'How many weights does this GRU cell have, not counting the readout?',
        answer: { probe: 'paramCount' },
        tolerance: { abs: 0, rel: 0 },
      },
    },
    {
      title: 'Which gate leads?',
      text:
        'Fresh from its seeded start, no gate has learned anything yet, and both sit near 0.5. ' +
        'Which one is a little higher depends on the seed: change it and ask again.',
      view: { ...BASE, t: 1 },
      focus: 'traces',
      reveal: ['heatmaps', 'traces'],
      ask: {
        kind: 'choice',
        prompt: 'Averaged over every unit and step, which gate is larger: update or reset?',
        options: ['update', 'reset'],
        answer: { probe: 'gateExtreme', which: 'largest' },
      },
    },
    {
      title: 'Hold the update gate open',
      text:
        'A what-if clamps z to 1 at every step: each unit keeps its old value and ignores the ' +
        'input. The gradient then passes back unchanged, step after step.',
      view: { ...BASE, clamp: 'update', clampv: 1, t: 50 },
      focus: 'gradients',
      reveal: ['gradients'],
      ask: {
        kind: 'number',
        prompt:
          'For how many steps back from the loss does ‖∂L/∂h‖ stay above a thousandth of its ' +
          'value there?',
        answer: { probe: 'gradReach', fraction: 0.001 },
        tolerance: { abs: 2 },
      },
    },
    {
      title: 'Halfway',
      text:
        'With z clamped to 0.5 half of the old state survives each step, and half of the ' +
        'gradient with it, before the candidate path adds its own share.',
      view: { ...BASE, clamp: 'update', clampv: 0.5, t: 50 },
      focus: 'gradients',
      reveal: ['gradients'],
      ask: {
        kind: 'point',
        prompt:
          'Reading back from the loss, where does ‖∂L/∂h‖ first drop below a thousandth of its ' +
          'value at the loss?',
        answer: { probe: 'gradDropStep', below: 0.001, relative: true },
        tolerance: 2,
      },
    },
    {
      title: 'Reset closed',
      text:
        'Clamping r to 0 makes the candidate ignore the old state: it is built from xₜ alone. ' +
        'Memory now rests on z by itself.',
      view: { ...BASE, clamp: 'reset', clampv: 0, t: 50 },
      focus: 'gradients',
      reveal: ['gradients'],
      ask: {
        kind: 'range',
        prompt:
          'How many orders of magnitude does ‖∂L/∂h‖ lose from the loss back to step 1? Give a ' +
          'range at most 4 wide.',
        answer: { probe: 'gradOrders', at: 1 },
        maxWidth: 4,
      },
    },
    {
      title: 'Train it',
      text:
        'The clamps are gone. With both gates free to learn, does the GRU find the two marked ' +
        'numbers within a few hundred updates?',
      view: { ...BASE, 'p.length': 30 },
      focus: 'training',
      ask: {
        kind: 'experiment',
        prompt: 'Predict: after 300 updates, is the GRU below the baseline?',
        answer: { probe: 'beatsBaseline' },
        train: 300,
      },
    },
  ],
};
