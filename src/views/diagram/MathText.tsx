/**
 * Math markup (see math.ts) drawn as HTML (<sub>/<sup>, variables in <var>) or as SVG
 * <tspan>s (baseline shifts), so equations and diagram labels share one notation.
 */
import { Fragment, memo } from 'react';
import { baselineShifts, italicRuns, mathSegments } from './math';

function Runs({ text }: { text: string }) {
  return (
    <>
      {italicRuns(text).map((r, k) =>
        r.italic ? <var key={k}>{r.text}</var> : <Fragment key={k}>{r.text}</Fragment>,
      )}
    </>
  );
}

/**
 * HTML math: "h_{t−1}" → h<sub>t−1</sub>, with single-letter variables italic. Memoised (like
 * MathSvg): most math text is fixed while the numbers around it change on every step.
 */
export const MathHtml = memo(function MathHtml({ text }: { text: string }) {
  return (
    <>
      {mathSegments(text).map((s, k) =>
        s.pos === 'sub' ? (
          <sub key={k}>
            <Runs text={s.text} />
          </sub>
        ) : s.pos === 'sup' ? (
          <sup key={k}>
            <Runs text={s.text} />
          </sup>
        ) : (
          <Runs key={k} text={s.text} />
        ),
      )}
    </>
  );
});

/**
 * SVG math as tspans inside a <text>. Sub/superscripts are 85 % size (not the usual 70 %) so
 * they stay legible on a projector; every shift is undone by the next segment.
 */
export const MathSvg = memo(function MathSvg({ text }: { text: string }) {
  const segs = mathSegments(text);
  const { dy, reset } = baselineShifts(segs);
  return (
    <>
      {segs.flatMap((s, k) =>
        italicRuns(s.text).map((r, j) => (
          <tspan
            key={`${k}.${j}`}
            dy={j === 0 && dy[k] !== 0 ? dy[k] : undefined}
            fontSize={s.pos === 'base' ? undefined : '85%'}
            fontStyle={r.italic ? 'italic' : undefined}
            className={r.italic ? 'gs-var' : undefined}
          >
            {r.text}
          </tspan>
        )),
      )}
      {/* undo the last shift so text after this (a value) sits on the baseline */}
      {reset !== 0 && <tspan dy={reset}>{'\u200b'}</tspan>}
    </>
  );
});
