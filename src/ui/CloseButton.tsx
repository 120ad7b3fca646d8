/** The × that closes a card, a dialog or a notice; its accessible name says what it closes. */
export function CloseButton(props: {
  label: string;
  onClick: () => void;
  className?: string;
  title?: string;
}) {
  return (
    <button
      type="button"
      className={props.className}
      aria-label={props.label}
      title={props.title}
      onClick={props.onClick}
    >
      ×
    </button>
  );
}
