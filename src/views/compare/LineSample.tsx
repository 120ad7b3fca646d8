/** A short stroke in a line's colour and dash, for legends and the table's cell names. */
export function LineSample({
  color,
  dash,
  width = 3,
  length = 36,
}: {
  color: string;
  dash?: string;
  width?: number;
  length?: number;
}) {
  return (
    <svg width={length} height={10} aria-hidden="true">
      <line
        x1={2}
        x2={length - 2}
        y1={5}
        y2={5}
        stroke={color}
        strokeWidth={width}
        strokeDasharray={dash}
        strokeLinecap="round"
      />
    </svg>
  );
}
