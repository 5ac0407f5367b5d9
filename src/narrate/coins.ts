/** "1 coin", "12 coins": prices read as figures, like HP and weights. */
export function coins(n: number): string {
  return `${n} coin${n === 1 ? '' : 's'}`;
}
