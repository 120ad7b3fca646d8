/** Built-in lesson: where recurrent cells are used — language, forecasting, anomaly detection. */
import { LESSON_FORMAT, type Lesson } from '../../config/lesson';

export const USES: Lesson = {
  format: LESSON_FORMAT,
  title: 'Where recurrent networks are used',
  level: 'beginner',
  summary: 'A character language model, a forecaster and an anomaly detector, each trained live.',
  steps: [
    {
      title: 'Next character',
      text:
        'A character language model reads text one character at a time and, at every step, ' +
        'gives a probability to each character that could come next. Sample from it and it ' +
        'writes. Here an LSTM reads a short text; the output is scored at every step.',
      view: { task: 'charlm', cell: 'lstm', H: 16, t: 8 },
      focus: 'strip',
    },
    {
      title: 'The readout is big here',
      text:
        'The readout maps h to one score per character of the alphabet, so its size grows with ' +
        'the alphabet, not with the sequence.',
      view: { task: 'charlm', cell: 'lstm', H: 16, t: 8 },
      focus: 'equations',
      ask: {
        kind: 'number',
        prompt: 'How many weights does this model have in all, readout included?',
        answer: { probe: 'paramCount', readout: true },
        tolerance: { abs: 0, rel: 0 },
      },
    },
    {
      title: 'Does it learn spelling?',
      text:
        'The baseline for this task is the loss of a model that knows only how often each ' +
        'character occurs, not what came before it.',
      view: { task: 'charlm', cell: 'lstm', H: 16 },
      focus: 'training',
      ask: {
        kind: 'experiment',
        prompt: 'Predict: after 150 updates, does the LSTM beat the letter-frequency baseline?',
        answer: { probe: 'beatsBaseline' },
        train: 150,
      },
    },
    {
      title: 'Forecasting',
      text:
        'Sensor readings, prices and weather are sequences too. The forecast task feeds a sum of ' +
        'waves with noise and asks for the next value at every step. A GRU is a common choice: ' +
        'cheaper than an LSTM and often as good on such signals.',
      view: { task: 'forecast', cell: 'gru', H: 16, t: 20 },
      focus: 'strip',
      ask: {
        kind: 'experiment',
        prompt:
          'Predict: after 200 updates, does the GRU forecast better than the best straight-line ' +
          'guess from the current reading alone?',
        answer: { probe: 'beatsBaseline' },
        train: 200,
      },
    },
    {
      title: 'What does the forecaster keep?',
      text:
        'To predict a wave the network needs its phase, which no single reading tells. It must ' +
        'carry it in h. Watch the state traces follow the rhythm of the input.',
      view: { task: 'forecast', cell: 'gru', H: 16, unit: 1 },
      focus: 'traces',
      reveal: ['traces', 'heatmaps'],
      ask: {
        kind: 'point',
        prompt: 'At which step is unit 1 of h largest? Point at it.',
        answer: { probe: 'extremeStep', of: 'h', which: 'largest', unit: 1 },
        tolerance: 1,
      },
    },
    {
      title: 'Spotting anomalies',
      text:
        'An anomaly detector reads a signal and flags the steps that do not fit what it has ' +
        'seen: here a spike or a jump relative to the last few readings. The baseline guesses ' +
        'how often anomalies happen and ignores the signal. The plain Elman cell may do, since ' +
        'the clue is close by.',
      view: { task: 'anomaly', cell: 'elman', H: 16 },
      focus: 'training',
      ask: {
        kind: 'experiment',
        prompt: 'Predict: after 200 updates, does the Elman detector beat the baseline?',
        answer: { probe: 'beatsBaseline' },
        train: 200,
      },
    },
    {
      title: 'Choosing a cell',
      text:
        'Short dependencies and a tight budget: an Elman cell may do. Long ones: an LSTM or a ' +
        'GRU, whose gates keep a path open for the gradient. Try each task with each cell in the ' +
        'compare view and see which trade-off wins.',
      view: { task: 'anomaly', cell: 'elman', H: 16, view: 'compare' },
      focus: 'compare',
    },
  ],
};
