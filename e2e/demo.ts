/** What every browser test and script shares: the browser to drive and the seeded accounts. */

/** Debian's Chromium: `npx playwright install` cannot download browsers here. */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Seeded on the first start with an empty database (PARLEY_DEMO is on by default). */
export const demoPassword = 'demo-password-1';

export const demoStaff = {
  admin: { email: 'admin@demo.parley', name: 'Ada Adams' },
  supervisor: { email: 'supervisor@demo.parley', name: 'Sam Sibiya' },
  agent1: { email: 'agent1@demo.parley', name: 'Lerato Mokoena' },
  agent2: { email: 'agent2@demo.parley', name: 'Johan Botha' },
} as const;

export type DemoPerson = (typeof demoStaff)[keyof typeof demoStaff];
