/** A select over a fixed list of labelled values; the value chosen comes back typed, not as the option's text. */
export interface Choice<T> {
  value: T;
  label: string;
}

export function ChoiceSelect<T>({ choices, value, onChoose, disabled = false, autofocus = false }: {
  choices: readonly Choice<T>[];
  value: T;
  onChoose: (value: T) => void;
  disabled?: boolean;
  /** The element a dialog focuses first. */
  autofocus?: boolean;
}) {
  return (
    <select
      value={String(value)}
      disabled={disabled}
      onChange={(event) => {
        const choice = choices.find((c) => String(c.value) === event.currentTarget.value);
        if (choice) onChoose(choice.value);
      }}
      {...(autofocus ? { 'data-autofocus': true } : {})}
    >
      {choices.map((choice) => (
        <option key={String(choice.value)} value={String(choice.value)}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
