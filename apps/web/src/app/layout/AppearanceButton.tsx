import { useState } from 'react';
import {
  type Appearance,
  appearanceLabels,
  applyAppearance,
  nextAppearance,
  storedAppearance,
} from '../appearance.ts';
import { Button } from '../../ui/Button.tsx';
import { MonitorIcon, MoonIcon, SunIcon } from '../../ui/icons.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';

const icons: Record<Appearance, typeof SunIcon> = {
  system: MonitorIcon,
  light: SunIcon,
  dark: MoonIcon,
};

/** Steps the desk through system, light and dark; the name says what it is and what comes next. */
export function AppearanceButton() {
  const [appearance, setAppearance] = useState(storedAppearance);
  const next = nextAppearance(appearance);
  const Icon = icons[appearance];
  const label = `Appearance: ${appearanceLabels[appearance]}. Switch to ${appearanceLabels[next].toLowerCase()}`;
  return (
    <Tooltip content={label}>
      <Button
        variant="ghost"
        size="sm"
        className="icon-button"
        aria-label={label}
        onClick={() => {
          applyAppearance(next);
          setAppearance(next);
        }}
      >
        <Icon />
      </Button>
    </Tooltip>
  );
}
