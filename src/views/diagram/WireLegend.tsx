/** The diagram's key: what a wire's colour and width mean (a legend states its domain). */
import { memo } from 'react';
import { signedColor } from '../scales';
import { CASING_COLOR } from './wireStyle';

function Sample({ v, width }: { v: number; width: number }) {
  return (
    <svg width={36} height={14} aria-hidden="true">
      <line x1={2} x2={34} y1={7} y2={7} stroke={CASING_COLOR} strokeWidth={width + 2.5} />
      <line x1={2} x2={34} y1={7} y2={7} stroke={signedColor(v)} strokeWidth={width} />
    </svg>
  );
}

/** Fixed content: memoised so stepping through time never re-renders it. */
export const WireLegend = memo(function WireLegend() {
  return (
    <ul className="legend gs-wire-legend" aria-label="Wire key">
      <li>
        <Sample v={-1} width={8.5} /> −1
      </li>
      <li>
        <Sample v={0} width={2.5} /> 0
      </li>
      <li>
        <Sample v={1} width={8.5} /> +1
      </li>
      <li>width ∝ |value|; gate wires in the gate’s hue, as wide as it is open</li>
    </ul>
  );
});
