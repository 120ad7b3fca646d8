/** Public surface of the engine: pure TypeScript + TF.js, no DOM, React, Zustand or D3. */
export * from './types';
export * from './spec';
export { initWeights, initModel, type InitOptions } from './weights/init';
export { runTrace, type Trace } from './trace';
export { forwardBackward, checkBatch, checkWeights, weightTensors } from './network';
