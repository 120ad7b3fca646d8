/**
 * LSTM schematic (after Olah's "Understanding LSTM Networks"): the cell state runs along the
 * top, c_{t−1} ──×f──(+)── c_t, touched only by element-wise gates; h_{t−1} and x_t enter
 * bottom-left on one bus that feeds the four blocks σ σ tanh σ; tanh(c_t) × o leaves as h_t.
 */
import { type CellLayout, FRAME_X0, FRAME_X1, GHOST_W, OP_R, VIEW_W, p } from './geometry';

const W = VIEW_W;
const H = 476;
const CY = 84; // cell-state line
const HY = 372; // the h line: bus in, h_t out
const BT = 236; // gate blocks' top
const BB = 320; // and bottom
const BW = 90;
const XS = [108, 204, 300, 396] as const; // block left edges: forget, input, candidate, output
const cx = (k: number) => XS[k]! + BW / 2;
const XJ = 90; // where x_t joins the bus
const RX = 512; // right column: tanh(c_t) and × o
const MX = 297; // the i·g product and the + on the c line
const MY = 168;
const OY = 224;

export function lstmLayout(): CellLayout {
  const [fx, ix, gx, ox] = [cx(0), cx(1), cx(2), cx(3)];
  const R = OP_R;
  return {
    width: W,
    height: H,
    frame: { x: FRAME_X0, y: 8, w: FRAME_X1 - FRAME_X0, h: H - 16 },
    ports: { h: HY, c: CY },
    blocks: (['forget', 'input', 'candidate', 'output'] as const).map((gate, k) => ({
      gate,
      x: XS[k]!,
      y: BT,
      w: BW,
      h: BB - BT,
    })),
    ops: [
      { id: 'mulF', kind: 'mul', x: fx, y: CY },
      { id: 'add', kind: 'add', x: MX, y: CY },
      { id: 'mulIG', kind: 'mul', x: MX, y: MY },
      { id: 'tanhC', kind: 'box', x: RX, y: 150, text: 'tanh', w: 56, h: 28 },
      { id: 'mulO', kind: 'mul', x: RX, y: OY },
    ],
    wires: [
      { id: 'cPrev', flow: 'cPrev', points: [p(GHOST_W, CY), p(fx - R, CY)], arrow: true },
      { id: 'cKept', flow: 'cKept', points: [p(fx + R, CY), p(MX - R, CY)], arrow: true },
      { id: 'c', flow: 'c', points: [p(MX + R, CY), p(W - GHOST_W, CY)], arrow: true },
      { id: 'cDown', flow: 'c', points: [p(RX, CY), p(RX, 136)], arrow: true },
      { id: 'tanhC', flow: 'tanhC', points: [p(RX, 164), p(RX, OY - R)], arrow: true },
      { id: 'h', flow: 'h', points: [p(RX, OY + R), p(RX, HY), p(W - GHOST_W, HY)], arrow: true },
      { id: 'forget', flow: 'forget', points: [p(fx, BT), p(fx, CY + R)], arrow: true },
      { id: 'input', flow: 'input', points: [p(ix, BT), p(ix, MY), p(MX - R, MY)], arrow: true },
      {
        id: 'candidate',
        flow: 'candidate',
        points: [p(gx, BT), p(gx, MY), p(MX + R, MY)],
        arrow: true,
      },
      { id: 'cWrite', flow: 'cWrite', points: [p(MX, MY - R), p(MX, CY + R)], arrow: true },
      { id: 'output', flow: 'output', points: [p(ox, BT), p(ox, OY), p(RX - R, OY)], arrow: true },
      { id: 'hPrev', flow: 'hPrev', points: [p(GHOST_W, HY), p(XJ, HY)], arrow: false },
      { id: 'x', flow: 'x', points: [p(XJ, H - 8), p(XJ, HY)], arrow: false },
      { id: 'bus', flow: null, points: [p(XJ, HY), p(ox, HY)], arrow: false },
      ...[fx, ix, gx, ox].map((x, k) => ({
        id: `stub${k}`,
        flow: null,
        points: [p(x, HY), p(x, BB)],
        arrow: true,
      })),
    ],
    labels: [
      { id: 'cPrev', x: 100, y: CY - 14, text: 'c_{t−1}', anchor: 'middle', tone: 'name' },
      {
        id: 'cKept',
        x: 225,
        y: CY + 34,
        text: 'f·c_{t−1}',
        anchor: 'middle',
        flow: 'cKept',
        tone: 'name',
      },
      {
        id: 'cWrite',
        x: MX + 10,
        y: 128,
        text: 'i·g',
        anchor: 'start',
        flow: 'cWrite',
        tone: 'name',
      },
      { id: 'c', x: 405, y: CY - 14, text: 'c_t', anchor: 'middle', flow: 'c', tone: 'name' },
      {
        id: 'tanhC',
        x: RX - 12,
        y: 198,
        text: 'tanh c_t',
        anchor: 'end',
        flow: 'tanhC',
        tone: 'name',
      },
      { id: 'h', x: FRAME_X1 - 6, y: HY + 28, text: 'h_t', anchor: 'end', flow: 'h', tone: 'name' },
      { id: 'hPrev', x: GHOST_W + 4, y: HY - 14, text: 'h_{t−1}', anchor: 'start', tone: 'name' },
      { id: 'bus', x: 265, y: HY + 28, text: '[h_{t−1}, x_t]', anchor: 'middle', tone: 'note' },
      { id: 'x', x: XJ + 12, y: H - 20, text: 'x_t', anchor: 'start', flow: 'x', tone: 'name' },
    ],
    dots: [p(XJ, HY), p(fx, HY), p(ix, HY), p(gx, HY), p(RX, CY)],
  };
}
