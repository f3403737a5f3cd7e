/**
 * One real n8n (the pinned host install) with its own user folder: CLI commands (import, publish,
 * execute, version), `n8n start` on 127.0.0.1 with readiness and webhook polling, the owner account
 * and an API key over REST, and a clean stop.
 *
 * Everything that would call out is switched off (telemetry, templates, version checks, banners,
 * licence renewal, the MCP registry module), so n8n runs with no network but loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	appendFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commandLine, run, tail, type RunResult } from './exec';
import type { N8nHost } from './host';
import { defaultLogger, type Logger } from './progress';

export const DEFAULT_ENCRYPTION_KEY = 'dialogporten-e2e-local-only-key';

/**
 * The server `start()` runs: `n8n start` (the main process), or, in queue mode, `n8n worker` or
 * `n8n webhook` (a webhook processor).
 */
export type N8nServerCommand = 'start' | 'worker' | 'webhook';

/** The line each server prints once it serves. */
const READY_LINE: Record<N8nServerCommand, RegExp> = {
	start: /Editor is now accessible/,
	worker: /n8n worker is now ready/,
	webhook: /Webhook listener waiting for requests/,
};

export interface N8nInstanceOptions {
	host: N8nHost;
	/** N8N_USER_FOLDER; a fresh temporary folder when omitted. */
	userFolder?: string;
	/** HTTP port of `n8n start`; a free port when omitted. */
	port?: number;
	encryptionKey?: string;
	/** Extra environment for n8n (wins over the defaults). */
	env?: Record<string, string>;
	log?: Logger;
	/** Echo n8n's own output lines through `log` (also on with DIALOGPORTEN_E2E_VERBOSE=1). */
	verbose?: boolean;
	/** What `start()` runs (default `start`). A worker serves its health check on `port`. */
	command?: N8nServerCommand;
	/** Extra arguments of that command, e.g. `--concurrency=2` for a worker. */
	commandArgs?: string[];
}

export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters?: Record<string, unknown>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface NodeRunData {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	/** What the node said about its run (n8n shows these above the output). */
	hints?: Array<{ message: string; type?: string; location?: string }>;
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export interface WorkflowRun {
	data: {
		resultData: {
			runData: Record<string, NodeRunData[]>;
			lastNodeExecuted?: string;
			error?: {
				message?: string;
				description?: string;
				node?: { name?: string };
				[key: string]: unknown;
			};
		};
	};
	status?: string;
	[key: string]: unknown;
}

export interface ExecuteResult {
	/** Exit code of `n8n execute`: 0 on success, 1 when a node threw. */
	code: number | null;
	/** The run, parsed from the JSON block n8n prints (absent when it printed none). */
	run?: WorkflowRun;
	stdout: string;
	stderr: string;
	ms: number;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** `n8n execute --rawOutput` prints log lines, then the run as JSON starting at a line `{`. */
export function parseExecuteOutput(stdout: string): WorkflowRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return undefined;
	const text = lines.slice(start).join('\n').trim();
	try {
		return JSON.parse(text) as WorkflowRun;
	} catch {
		// Log lines after the block: cut at the last closing brace on its own line.
		const end = text.lastIndexOf('\n}');
		return JSON.parse(text.slice(0, end + 2)) as WorkflowRun;
	}
}

/** The JSON items a node emitted on one output (default: first run, first output). */
export function nodeItems(
	run: WorkflowRun,
	nodeName: string,
	output = 0,
	runIndex = 0,
): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
		);
	const nodeRun = runs[runIndex];
	if (nodeRun?.error) throw new Error(`node "${nodeName}" failed: ${nodeRun.error.message}`);
	return (nodeRun?.data?.main?.[output] ?? []).map((item) => item.json);
}

const OFFLINE_ENV: Record<string, string> = {
	DB_TYPE: 'sqlite',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	N8N_PROTOCOL: 'http',
	N8N_SECURE_COOKIE: 'false',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
	N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
	// DIALOGPORTEN_E2E_LOG_LEVEL=debug shows n8n's own debug lines (polls, webhooks) in its output.
	N8N_LOG_LEVEL: process.env.DIALOGPORTEN_E2E_LOG_LEVEL ?? 'info',
	NODE_ENV: 'production',
	// Altinn's users are in Norway; schedules and "$now" in the examples read in Norwegian time.
	GENERIC_TIMEZONE: 'Europe/Oslo',
};

export class N8nInstance {
	readonly host: N8nHost;
	readonly userFolder: string;
	readonly encryptionKey: string;
	readonly log: Logger;
	readonly verbose: boolean;
	readonly command: N8nServerCommand;
	private readonly commandArgs: string[];
	port = 0;
	/** Task-runner broker ports: the server and CLI commands must not share one. */
	private serverBrokerPort = 0;
	private cliBrokerPort = 0;
	private readonly extraEnv: Record<string, string>;
	private readonly ownsUserFolder: boolean;
	private server?: ChildProcess;
	private serverExit?: Promise<void>;
	private serverOutput = '';
	/** Cookies n8n set for the logged-in session (auth, OAuth browser binding), sent back as a browser would. */
	private readonly cookies = new Map<string, string>();
	private readonly browserId = 'dialogporten-e2e';
	private workCounter = 0;

	private constructor(options: N8nInstanceOptions) {
		this.host = options.host;
		this.ownsUserFolder = !options.userFolder;
		this.userFolder = options.userFolder ?? mkdtempSync(path.join(tmpdir(), 'dialogporten-n8n-'));
		this.encryptionKey = options.encryptionKey ?? DEFAULT_ENCRYPTION_KEY;
		this.extraEnv = options.env ?? {};
		this.log = options.log ?? defaultLogger;
		this.verbose = options.verbose ?? process.env.DIALOGPORTEN_E2E_VERBOSE === '1';
		this.command = options.command ?? 'start';
		this.commandArgs = options.commandArgs ?? [];
		if (options.port) this.port = options.port;
		mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
	}

	static async create(options: N8nInstanceOptions): Promise<N8nInstance> {
		const instance = new N8nInstance(options);
		if (!instance.port) instance.port = await freePort();
		instance.serverBrokerPort = await freePort();
		do instance.cliBrokerPort = await freePort();
		while (
			instance.cliBrokerPort === instance.serverBrokerPort ||
			instance.cliBrokerPort === instance.port
		);
		return instance;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get logFile(): string {
		return path.join(this.userFolder, 'n8n-output.log');
	}

	/** The environment n8n runs with; `brokerPort` differs between the server and CLI commands. */
	env(brokerPort = this.cliBrokerPort): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		for (const [key, value] of Object.entries(process.env)) {
			// Settings from the caller's shell must not change the instance under test.
			if (
				key.startsWith('N8N_') ||
				key.startsWith('DB_') ||
				key === 'NODE_OPTIONS' ||
				key === 'NODE_ENV'
			)
				continue;
			env[key] = value;
		}
		Object.assign(env, OFFLINE_ENV);
		if (
			existsSync(path.join(this.host.dir, 'node_modules', 'n8n', 'dist', 'modules', 'mcp-registry'))
		) {
			// This module calls n8n's cloud at start-up. Naming a module that does not exist is a
			// start-up error, so it is only named when this n8n has it.
			env.N8N_DISABLED_MODULES = 'mcp-registry';
		}
		Object.assign(env, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			WEBHOOK_URL: `${this.baseUrl}/`,
			PATH: `${this.host.binPath}${path.delimiter}${process.env.PATH ?? ''}`,
		});
		if (this.command === 'worker') {
			// A worker has no editor; its health check is what tells that it runs.
			Object.assign(env, {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(this.port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
		}
		Object.assign(env, this.extraEnv);
		return env;
	}

	private record(text: string): void {
		appendFileSync(this.logFile, text);
	}

	/** Runs `n8n <args>` to completion (a CLI command, not the server). */
	async cli(args: string[], timeoutMs = 120_000): Promise<RunResult> {
		this.record(`\n$ n8n ${args.join(' ')}\n`);
		const result = await run(this.host.node, [this.host.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(),
			timeoutMs,
			onLine: this.verbose ? (line) => this.log(`  [n8n] ${line}`) : undefined,
		});
		this.record(result.stdout + result.stderr);
		return result;
	}

	private async cliChecked(args: string[], timeoutMs?: number): Promise<RunResult> {
		const result = await this.cli(args, timeoutMs);
		if (result.code !== 0) {
			throw new Error(
				`${commandLine('n8n', args)} exited with ${result.code ?? result.signal}\n${tail(result.stdout + '\n' + result.stderr)}`,
			);
		}
		return result;
	}

	/** `n8n --version` */
	async version(): Promise<string> {
		const { stdout } = await this.cliChecked(['--version']);
		const line = stdout.trim().split('\n').pop() ?? '';
		return line.trim();
	}

	private scratchFile(prefix: string, content: unknown): string {
		const dir = path.join(this.userFolder, 'imports');
		mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${prefix}-${++this.workCounter}.json`);
		writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600 });
		return file;
	}

	/** `n8n import:credentials`: data in clear; n8n encrypts it with the instance's key. */
	async importCredentials(credentials: ImportedCredential[]): Promise<void> {
		const file = this.scratchFile('credentials', credentials);
		try {
			await this.cliChecked(['import:credentials', `--input=${file}`]);
		} finally {
			// The file holds credential data in clear: keep it only as long as the import needs it.
			rmSync(file, { force: true });
		}
	}

	/** `n8n import:workflow` of one workflow or several. Give each a fixed `id`. */
	async importWorkflows(workflows: WorkflowFile | WorkflowFile[]): Promise<void> {
		const list = Array.isArray(workflows) ? workflows : [workflows];
		for (const workflow of list) {
			if (!workflow.id)
				throw new Error(`workflow "${workflow.name}" needs a fixed id to be addressed`);
		}
		// One CLI start for all of them: a folder of files, imported with --separate.
		const dir = path.join(this.userFolder, 'imports', `workflows-${++this.workCounter}`);
		mkdirSync(dir, { recursive: true });
		list.forEach((workflow, i) =>
			writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(workflow, null, 2)),
		);
		await this.cliChecked(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** The n8n release this instance runs. */
	get n8nVersion(): string {
		return this.host.n8nVersion;
	}

	/** The major version of that release (1 for the maintained 1.x line). */
	get n8nMajor(): number {
		return Number(this.host.n8nVersion.split('.')[0]);
	}

	/**
	 * `n8n publish:workflow` (2.x's activation; on 1.x `update:workflow --active=true`); takes effect
	 * at the next `n8n start`.
	 */
	async publishWorkflow(id: string): Promise<void> {
		await this.cliChecked(
			this.n8nMajor < 2
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`],
		);
	}

	/** `n8n execute --id --rawOutput`: runs a workflow that starts with a Manual Trigger. */
	async execute(id: string, timeoutMs = 120_000): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], timeoutMs);
		let parsed: WorkflowRun | undefined;
		try {
			parsed = parseExecuteOutput(result.stdout);
		} catch (error) {
			throw new Error(
				`n8n execute --id=${id} printed output that is not a run: ${(error as Error).message}\n${tail(result.stdout)}`,
			);
		}
		return {
			code: result.code,
			run: parsed,
			stdout: result.stdout,
			stderr: result.stderr,
			ms: result.ms,
		};
	}

	/** `execute`, expecting success; returns the run. A failure shows n8n's error. */
	async executeOk(id: string, timeoutMs?: number): Promise<WorkflowRun> {
		const result = await this.execute(id, timeoutMs);
		const error = result.run?.data.resultData.error;
		if (result.code !== 0 || !result.run || error) {
			const where = error?.node?.name ? ` in node "${error.node.name}"` : '';
			const message = error
				? `${error.message ?? ''}${error.description ? ` (${error.description})` : ''}`
				: tail(result.stdout + '\n' + result.stderr);
			throw new Error(`workflow ${id} failed${where} (exit ${result.code}): ${message}`);
		}
		return result.run;
	}

	/** `n8n start` (or the instance's command) on 127.0.0.1; resolves once it serves. */
	async start(timeoutMs = 90_000): Promise<void> {
		if (this.server) throw new Error('n8n is already running');
		this.serverOutput = '';
		const args = [this.command, ...this.commandArgs];
		this.record(`\n$ n8n ${args.join(' ')} (port ${this.port})\n`);
		const child = spawn(this.host.node, [this.host.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(this.serverBrokerPort),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = child;
		runningServers.add(child);
		child.once('exit', () => runningServers.delete(child));
		const onData = (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			this.serverOutput += text;
			this.record(text);
			if (this.verbose)
				for (const line of text.split('\n')) if (line.trim()) this.log(`  [n8n] ${line}`);
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		this.serverExit = new Promise((resolve) => child.on('exit', () => resolve()));
		let exited = false;
		void this.serverExit.then(() => {
			exited = true;
		});

		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (exited) {
				this.server = undefined;
				throw new Error(
					`n8n ${this.command} exited before it was ready (code ${child.exitCode})\n${tail(this.serverOutput)}`,
				);
			}
			try {
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (response.ok && READY_LINE[this.command].test(this.serverOutput)) return;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > deadline) {
				await this.stop();
				throw new Error(
					`n8n did not become ready on ${this.baseUrl} within ${timeoutMs} ms\n${tail(this.serverOutput)}`,
				);
			}
			await delay(200);
		}
	}

	get running(): boolean {
		return Boolean(this.server);
	}

	/** What the running (or last) server printed. */
	get output(): string {
		return this.serverOutput;
	}

	/** SIGTERM and wait for n8n to shut down (it stops its task runner); SIGKILL after `graceMs`. */
	async stop(graceMs = 20_000): Promise<void> {
		const child = this.server;
		if (!child || !this.serverExit) return;
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const stopped = await Promise.race([
				this.serverExit.then(() => true),
				new Promise<boolean>((resolve) => {
					timer = setTimeout(() => resolve(false), graceMs);
				}),
			]);
			clearTimeout(timer);
			if (!stopped) {
				child.kill('SIGKILL');
				await this.serverExit;
			}
		}
		this.server = undefined;
		this.serverExit = undefined;
		this.cookies.clear();
	}

	/**
	 * Ends the server at once with `signal` (SIGKILL: as a crash or an OOM kill would), without
	 * n8n's shutdown, and waits until it is gone. The task runner n8n started goes with it.
	 */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const child = this.server;
		if (!child || !this.serverExit) return;
		const runners = child.pid ? descendants(child.pid) : [];
		child.kill(signal);
		await this.serverExit;
		for (const pid of runners) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
		this.server = undefined;
		this.serverExit = undefined;
		this.cookies.clear();
	}

	/**
	 * Waits until a published workflow's production webhook answers. A GET to a webhook that only
	 * accepts other methods names the method it wants once it is registered.
	 */
	async waitForWebhook(webhookPath: string, timeoutMs = 30_000): Promise<void> {
		const url = `${this.baseUrl}/webhook/${webhookPath.replace(/^\//, '')}`;
		const deadline = Date.now() + timeoutMs;
		let last = '';
		for (;;) {
			try {
				const response = await fetch(url, { method: 'GET' });
				last = `${response.status} ${await response.text()}`;
				if (response.status !== 404 || /Did you mean to make a/.test(last)) return;
			} catch (error) {
				last = (error as Error).message;
			}
			if (Date.now() > deadline)
				throw new Error(
					`webhook ${url} was not registered within ${timeoutMs} ms (last answer: ${last})`,
				);
			await delay(250);
		}
	}

	/** Calls n8n's internal REST API (`/rest/...`) with the session cookie of the last login. */
	async rest<T = unknown>(method: string, restPath: string, body?: unknown): Promise<T> {
		return this.sessionRequest<T>(
			method,
			`${this.baseUrl}/rest/${restPath.replace(/^\//, '')}`,
			body,
		);
	}

	/** GET of any n8n URL (e.g. `/types/nodes.json`) as the logged-in owner. */
	async authenticatedGet<T = unknown>(url: string): Promise<T> {
		return this.sessionRequest<T>('GET', url);
	}

	private async sessionRequest<T>(method: string, url: string, body?: unknown): Promise<T> {
		const response = await this.sessionFetch(method, url, body);
		const text = response.text;
		if (response.status < 200 || response.status >= 300)
			throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (
			parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'data' in parsed
				? parsed.data
				: parsed
		) as T;
	}

	/**
	 * Any request to n8n as the logged-in browser: the session's cookies go along and the cookies n8n
	 * sets are kept. Redirects are not followed; the answer is returned whatever its status.
	 */
	async sessionFetch(
		method: string,
		url: string,
		body?: unknown,
	): Promise<{ status: number; headers: Headers; text: string }> {
		const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		const response = await fetch(url, {
			method,
			redirect: 'manual',
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(cookie ? { cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const setCookie of response.headers.getSetCookie?.() ?? []) {
			const [pair, ...attributes] = setCookie.split(';');
			const eq = pair.indexOf('=');
			if (eq <= 0) continue;
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some(
				(a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
			);
			if (value === '' || expired) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return { status: response.status, headers: response.headers, text: await response.text() };
	}

	/** Creates the owner account (first start of a fresh user folder) and logs in as it. */
	async setupOwner(owner: {
		email: string;
		password: string;
		firstName?: string;
		lastName?: string;
	}): Promise<void> {
		await this.rest('POST', 'owner/setup', {
			email: owner.email,
			password: owner.password,
			firstName: owner.firstName ?? 'Local',
			lastName: owner.lastName ?? 'Owner',
		});
		await this.login(owner.email, owner.password);
	}

	async login(email: string, password: string): Promise<void> {
		await this.rest('POST', 'login', { emailOrLdapLoginId: email, password });
	}

	/** Whether a login (or the owner's setup) gave this instance a session. */
	get loggedIn(): boolean {
		return this.cookies.has('n8n-auth');
	}

	/** The last API key `createApiKey` made (n8n keeps it across restarts of the same user folder). */
	apiKey?: string;

	/** Creates an API key with every scope for the public API (`/api/v1`, header X-N8N-API-KEY). */
	async createApiKey(label = 'e2e'): Promise<string> {
		const scopes = await this.rest<string[]>('GET', 'api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', 'api-keys', {
			label,
			scopes,
			expiresAt: null,
		});
		this.apiKey = key.rawApiKey;
		return key.rawApiKey;
	}

	/** Every execution n8n stored, through the public API, page by page (with their data when asked). */
	async allExecutions<T extends { id: string } = { id: string; workflowId?: string }>(
		apiKey: string,
		includeData = true,
	): Promise<T[]> {
		const all: T[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({
				includeData: String(includeData),
				limit: '100',
				...(cursor ? { cursor } : {}),
			});
			const { status, body } = await this.publicApi<{ data: T[]; nextCursor?: string | null }>(
				apiKey,
				'GET',
				`executions?${query}`,
			);
			if (status !== 200)
				throw new Error(
					`GET /api/v1/executions answered ${status}: ${JSON.stringify(body).slice(0, 300)}`,
				);
			all.push(...body.data);
			cursor = body.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	/** Calls the public API with an API key. */
	async publicApi<T = unknown>(
		apiKey: string,
		method: string,
		apiPath: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.baseUrl}/api/v1/${apiPath.replace(/^\//, '')}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
	}

	/** Stops the server and removes the user folder when this instance created it. */
	async dispose(): Promise<void> {
		await this.stop();
		if (this.ownsUserFolder && process.env.DIALOGPORTEN_E2E_KEEP !== '1') {
			rmSync(this.userFolder, { recursive: true, force: true });
		}
	}
}

/** Servers started by this process; none may outlive it, however it ends. */
const runningServers = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of runningServers) child.kill('SIGKILL');
});

/** Every process below `pid` (from /proc), e.g. the task runner an n8n server started. */
function descendants(pid: number): number[] {
	let children: number[] = [];
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
	} catch {
		// Not Linux, or the process is gone.
	}
	return children.flatMap((child) => [child, ...descendants(child)]);
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
