// Installs Debian packages a benchmark or test needs when they are missing (CI runs as root on a fresh Debian).
import { execFileSync, spawnSync } from 'node:child_process';

/** Make sure `command` exists, installing `pkg` with apt-get if not; throws with apt-get's output when that fails. */
export function ensureCommand(command: string, pkg: string): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return;
  installPackages([pkg]);
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) throw new Error(`${command} is still missing after installing ${pkg}`);
}

export function installPackages(pkgs: string[]): void {
  try {
    execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkgs.join(' ')}`], { stdio: 'pipe' });
  } catch (err) {
    const out = (err as { stderr?: Buffer }).stderr?.toString() ?? String(err);
    throw new Error(`apt-get install ${pkgs.join(' ')} failed: ${out.slice(-2000)}`);
  }
}
