// Builds the web console when its build is missing (a fresh clone), so `npm start` is enough.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const force = process.argv.includes('--force');
if (force || !existsSync(new URL('../apps/web/dist/index.html', import.meta.url))) {
  console.log(force ? 'Building the web console…' : 'Building the web console (first start)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@parley/web'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
