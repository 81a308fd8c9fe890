// The run doctor's fixes speak the CLI's language (`--init he`, `--lr 0.05`); the lab has no
// flags, so there they name the controls instead: the same advice, in the page's words.

const CONTROL: Record<string, string> = {
  '--init': 'initialization',
  '--activation': 'activation',
  '--lr': 'learning rate',
};

/**
 * One doctor line with every `--init NAME`, `--activation NAME`, `--lr X` said as the lab's
 * control and value ("initialization he"), and `initlab probe` / `initlab theory` as the CLI
 * commands they are.
 */
export function inLabWords(line: string): string {
  return line
    .replace(
      /--(init|activation|lr) (\S+?)([),.;]?)(?=\s|$)/g,
      (_, flag: string, value: string, end: string) => `${CONTROL[`--${flag}`]} ${value}${end}`,
    )
    .replace(/\binitlab (probe|theory)\b/g, 'the CLI’s initlab $1');
}
