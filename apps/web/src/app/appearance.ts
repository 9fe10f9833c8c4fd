/**
 * Light or dark: the system's choice unless the person picks one in the desk. Kept in this
 * browser (a screen's lighting is a property of where one sits), applied as data-theme on the
 * root element, which theme.css reads.
 */
export type Appearance = 'system' | 'light' | 'dark';

const KEY = 'parley.appearance';
export const appearances: readonly Appearance[] = ['system', 'light', 'dark'];

export function storedAppearance(): Appearance {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function applyAppearance(appearance: Appearance) {
  const root = document.documentElement;
  if (appearance === 'system') delete root.dataset.theme;
  else root.dataset.theme = appearance;
  try {
    if (appearance === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, appearance);
  } catch {
    // Storage may be off (private windows): the choice lasts for this page.
  }
}

/** The one after this, in the order the button steps through them. */
export const nextAppearance = (a: Appearance): Appearance =>
  appearances[(appearances.indexOf(a) + 1) % appearances.length]!;

export const appearanceLabels: Record<Appearance, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
};
