/** A primitive's own class first, then the modifiers a feature adds. */
export function joinClasses(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}
