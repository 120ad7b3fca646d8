/**
 * Elman schematic: h_{t−1} and x_t meet in one weighted sum a_t = W x_t + U h_{t−1} + b, which
 * the activation (tanh or ReLU) turns into h_t. No gates: the only memory is h itself.
 */
import { type CellLayout, FRAME_X0, FRAME_X1, GHOST_W, VIEW_W, p } from './geometry';

const W = VIEW_W;
const H = 296;
const HY = 122;
const SX = 240; // Σ node
const SR = 22;
const AX = 350; // activation block left edge
const AW = 100;

export function elmanLayout(): CellLayout {
  return {
    width: W,
    height: H,
    frame: { x: FRAME_X0, y: 8, w: FRAME_X1 - FRAME_X0, h: H - 16 },
    ports: { h: HY },
    blocks: [{ gate: 'act', x: AX, y: HY - 42, w: AW, h: 84 }],
    ops: [{ id: 'sum', kind: 'sum', x: SX, y: HY, w: SR * 2 }],
    wires: [
      { id: 'hPrev', flow: 'hPrev', points: [p(GHOST_W, HY), p(SX - SR, HY)], arrow: true },
      { id: 'x', flow: 'x', points: [p(SX, H - 8), p(SX, HY + SR)], arrow: true },
      { id: 'pre', flow: 'pre', points: [p(SX + SR, HY), p(AX, HY)], arrow: true },
      { id: 'h', flow: 'h', points: [p(AX + AW, HY), p(W - GHOST_W, HY)], arrow: true },
    ],
    labels: [
      { id: 'hPrev', x: 150, y: HY - 14, text: 'U h_{t−1}', anchor: 'middle', tone: 'name' },
      { id: 'b', x: SX - 28, y: HY + 40, text: '+ b', anchor: 'end', tone: 'note' },
      {
        id: 'pre',
        x: (SX + SR + AX) / 2,
        y: HY - 14,
        text: 'a_t',
        anchor: 'middle',
        flow: 'pre',
        tone: 'name',
      },
      { id: 'h', x: 498, y: HY - 14, text: 'h_t', anchor: 'middle', flow: 'h', tone: 'name' },
      { id: 'wx', x: SX + 12, y: HY + 70, text: 'W x_t', anchor: 'start', tone: 'name' },
      { id: 'x', x: SX + 12, y: H - 24, text: 'x_t', anchor: 'start', flow: 'x', tone: 'name' },
    ],
    dots: [],
  };
}
