/**
 * PostgreSQL and Redis for n8n's queue mode, from the machine's Debian packages (`postgresql`,
 * `redis-server`), started as child processes of the test run: each on a free port of 127.0.0.1,
 * with its data in a fresh temporary folder that is removed when it stops. Nothing is installed
 * as a service and nothing outlives the test process (stop(), or SIGQUIT/SIGKILL when the process
 * exits).
 *
 * Postgres refuses to run as root. When the tests run as root, initdb and postgres run as the
 * unprivileged user `nobody` (through `setpriv`, which execs in place, so the child's pid is the
 * server's and signals reach it directly) on a folder that user owns.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runChecked, tail } from './exec';
import { freePort } from './n8n';

export const POSTGRES_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin'];

/** The folder with initdb and postgres: POSTGRES_BIN_DIR, else Debian's versioned folder, else PATH. */
export function postgresBinDir(): string | undefined {
	const fromEnv = process.env.POSTGRES_BIN_DIR;
	if (fromEnv) return fromEnv;
	const debian = POSTGRES_BIN_DIRS.find((dir) => existsSync(path.join(dir, 'postgres')));
	if (debian) return debian;
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((v) => existsSync(path.join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

/** Why queue mode cannot run here, or undefined when Postgres and Redis are installed. */
export function missingServices(): string | undefined {
	const missing: string[] = [];
	if (!postgresBinDir()) missing.push('postgresql (initdb, postgres)');
	if (!onPath('redis-server')) missing.push('redis-server');
	return missing.length
		? `not installed: ${missing.join(', ')} (Debian: apt-get install -y postgresql redis-server)`
		: undefined;
}

function onPath(command: string): boolean {
	return (process.env.PATH ?? '')
		.split(path.delimiter)
		.some((dir) => dir && existsSync(path.join(dir, command)));
}

const UNPRIVILEGED = { uid: 65534, gid: 65534, name: 'nobody' };
const runsAsRoot = () => process.getuid?.() === 0;

/** command + args, run as `nobody` when this process is root. */
function unprivileged(command: string, args: string[]): [string, string[]] {
	if (!runsAsRoot()) return [command, args];
	return [
		'setpriv',
		[
			`--reuid=${UNPRIVILEGED.uid}`,
			`--regid=${UNPRIVILEGED.gid}`,
			'--clear-groups',
			'--',
			command,
			...args,
		],
	];
}

/** Children started here, with their folders; killed when the test process exits. */
const running = new Map<ChildProcess, { signal: NodeJS.Signals; folder: string }>();
process.once('exit', () => {
	for (const [child, { signal, folder }] of running) {
		child.kill(signal);
		rmSync(folder, { recursive: true, force: true });
	}
});

export interface ServiceProcess {
	readonly name: string;
	readonly port: number;
	/** What the process printed so far. */
	readonly output: string;
	stop(): Promise<void>;
}

class ChildService implements ServiceProcess {
	output = '';
	private readonly exited: Promise<void>;
	private exitedNow = false;

	constructor(
		readonly name: string,
		readonly port: number,
		private readonly child: ChildProcess,
		/** The signal that shuts the service down quickly and cleanly. */
		private readonly stopSignal: NodeJS.Signals,
		private readonly folder: string,
	) {
		// At exit there is no time to wait: SIGQUIT is Postgres's immediate shutdown (it still
		// removes its shared memory), SIGKILL is fine for an in-memory Redis.
		running.set(child, { signal: stopSignal === 'SIGTERM' ? 'SIGKILL' : 'SIGQUIT', folder });
		const collect = (chunk: Buffer) => {
			this.output += chunk.toString('utf8');
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		this.exited = new Promise((resolve) =>
			child.once('exit', () => {
				this.exitedNow = true;
				running.delete(child);
				resolve();
			}),
		);
	}

	get alive(): boolean {
		return !this.exitedNow;
	}

	async waitUntil(what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (!this.alive) throw new Error(`${this.name} exited before ${what}\n${tail(this.output)}`);
			if (await ready().catch(() => false)) return;
			if (Date.now() > deadline) {
				await this.stop();
				throw new Error(`${this.name}: no ${what} within ${timeoutMs} ms\n${tail(this.output)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	async stop(graceMs = 15_000): Promise<void> {
		if (this.alive) {
			this.child.kill(this.stopSignal);
			let timer: NodeJS.Timeout | undefined;
			const stopped = await Promise.race([
				this.exited.then(() => true),
				new Promise<boolean>((resolve) => {
					timer = setTimeout(() => resolve(false), graceMs);
				}),
			]);
			clearTimeout(timer);
			if (!stopped) {
				this.child.kill('SIGKILL');
				await this.exited;
			}
		}
		rmSync(this.folder, { recursive: true, force: true });
	}
}

function startChild(command: string, args: string[], cwd: string): ChildProcess {
	const [file, argv] = unprivileged(command, args);
	return spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

function ownedTempFolder(prefix: string): string {
	const folder = mkdtempSync(path.join(tmpdir(), prefix));
	if (runsAsRoot()) chownSync(folder, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
	chmodSync(folder, 0o700);
	return folder;
}

export interface PostgresServer extends ServiceProcess {
	readonly host: '127.0.0.1';
	readonly user: 'postgres';
	/** A database that exists (created by initdb). */
	readonly database: 'postgres';
	/** Runs SQL through psql and returns its unaligned, tuples-only output. */
	sql(statement: string, database?: string): Promise<string>;
	/** Creates an empty database owned by `postgres`. */
	createDatabase(name: string): Promise<void>;
}

/**
 * initdb into a fresh folder (trust authentication on loopback, no password), then postgres on a
 * free port of 127.0.0.1 with its socket in the same folder. Resolves once it accepts queries.
 */
export async function startPostgres(options: { timeoutMs?: number } = {}): Promise<PostgresServer> {
	const bin = postgresBinDir();
	if (!bin) throw new Error(missingServices());
	const folder = ownedTempFolder('dialogporten-pg-');
	const data = path.join(folder, 'data');
	const [initdb, initArgs] = unprivileged(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'--encoding=UTF8',
		'--locale=C',
		'--no-sync',
	]);
	try {
		await runChecked(initdb, initArgs, { cwd: folder, timeoutMs: 120_000 });
	} catch (error) {
		rmSync(folder, { recursive: true, force: true });
		throw error;
	}
	const port = await freePort();
	const child = startChild(
		path.join(bin, 'postgres'),
		[
			'-D',
			data,
			'-k',
			folder,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			// A test database: durability is not the point, start-up and writes are.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
			'-c',
			'shared_buffers=64MB',
		],
		folder,
	);
	// SIGINT is Postgres's "fast" shutdown: it ends open sessions instead of waiting for them.
	const service = new ChildService(`postgres on 127.0.0.1:${port}`, port, child, 'SIGINT', folder);
	const psql = path.join(bin, 'psql');
	const sql = async (statement: string, database = 'postgres') => {
		const [file, argv] = unprivileged(psql, [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			'postgres',
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-At',
			'-c',
			statement,
		]);
		const { stdout } = await runChecked(file, argv, { cwd: folder, timeoutMs: 60_000 });
		return stdout.trim();
	};
	await service.waitUntil(
		'accepted connections',
		async () => (await sql('select 1')) === '1',
		options.timeoutMs ?? 60_000,
	);
	return Object.assign(service, {
		host: '127.0.0.1' as const,
		user: 'postgres' as const,
		database: 'postgres' as const,
		sql,
		createDatabase: async (name: string) => {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
			await sql(`create database ${name}`);
		},
	});
}

export interface RedisServer extends ServiceProcess {
	readonly host: '127.0.0.1';
	/** Sends one command over RESP and returns the raw reply. */
	command(...args: string[]): Promise<string>;
}

/** redis-server on a free port of 127.0.0.1, in memory only (no RDB, no AOF). */
export async function startRedis(options: { timeoutMs?: number } = {}): Promise<RedisServer> {
	if (!onPath('redis-server')) throw new Error(missingServices());
	const folder = ownedTempFolder('dialogporten-redis-');
	const port = await freePort();
	const child = startChild(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
			'--daemonize',
			'no',
		],
		folder,
	);
	const service = new ChildService(`redis on 127.0.0.1:${port}`, port, child, 'SIGTERM', folder);
	const command = (...args: string[]) => redisCommand(port, args);
	await service.waitUntil(
		'PONG',
		async () => (await command('PING')).startsWith('+PONG'),
		options.timeoutMs ?? 30_000,
	);
	return Object.assign(service, { host: '127.0.0.1' as const, command });
}

/** One RESP command on a fresh connection (enough for readiness checks and counting keys). */
async function redisCommand(port: number, args: string[]): Promise<string> {
	const { connect } = await import('node:net');
	const payload =
		`*${args.length}\r\n` + args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('');
	return await new Promise<string>((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('redis did not answer within 5 s'));
		}, 5000);
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		socket.on('data', (chunk) => {
			reply += chunk.toString('utf8');
			if (reply.endsWith('\r\n')) {
				clearTimeout(timer);
				socket.end();
				resolve(reply);
			}
		});
		socket.write(payload);
	});
}
