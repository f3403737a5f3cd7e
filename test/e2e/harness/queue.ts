/**
 * n8n in queue mode, the way n8n documents scaling: one main process (`n8n start` with
 * EXECUTIONS_MODE=queue), workers (`n8n worker`) that take executions from a Redis (Bull) queue,
 * and webhook processors (`n8n webhook`) behind a load balancer, all on one PostgreSQL database.
 * Postgres and Redis come from services.ts; every n8n has its own user folder with this package
 * installed as a community package, its own HTTP port and its own task-runner broker port, and
 * the same encryption key.
 *
 * The load balancer is a round-robin HTTP proxy on 127.0.0.1 (what nginx or a cloud load balancer
 * does in a real deployment); WEBHOOK_URL points at it, so the webhook URLs n8n registers (and
 * hands to Altinn Events) reach the webhook processors in turn.
 */
import { randomBytes } from 'node:crypto';
import {
	createServer,
	request as httpRequest,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import { tail } from './exec';
import { N8nInstance, freePort, type N8nServerCommand } from './n8n';
import type { N8nHost } from './host';
import { installPackage, type PackedPackage } from './package';
import { defaultLogger, type Logger } from './progress';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './services';

export interface QueueClusterOptions {
	host: N8nHost;
	packed: PackedPackage;
	workers?: number;
	webhookProcessors?: number;
	/** `n8n worker --concurrency` (executions one worker runs at once). */
	workerConcurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	log?: Logger;
}

/** A round-robin HTTP proxy in front of the webhook processors. */
export class RoundRobinBalancer {
	private next = 0;
	private readonly server: Server;
	/** Requests forwarded to each target, by its origin. */
	readonly forwarded = new Map<string, number>();

	private constructor(
		readonly port: number,
		private readonly targets: () => string[],
	) {
		this.server = createServer((req, res) => this.forward(req, res));
	}

	static async start(targets: () => string[]): Promise<RoundRobinBalancer> {
		const balancer = new RoundRobinBalancer(await freePort(), targets);
		await new Promise<void>((resolve) =>
			balancer.server.listen(balancer.port, '127.0.0.1', resolve),
		);
		return balancer;
	}

	private forward(req: IncomingMessage, res: ServerResponse): void {
		const list = this.targets();
		if (list.length === 0) {
			res.writeHead(502).end('no webhook processor is running');
			return;
		}
		const target = new URL(list[this.next++ % list.length]);
		this.forwarded.set(target.origin, (this.forwarded.get(target.origin) ?? 0) + 1);
		const upstream = httpRequest(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: `127.0.0.1:${this.port}` },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			if (!res.headersSent) res.writeHead(502);
			res.end(`upstream ${target.origin}: ${error.message}`);
		});
		req.pipe(upstream);
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

export class QueueCluster {
	readonly workers: N8nInstance[] = [];

	private constructor(
		readonly postgres: PostgresServer,
		readonly redis: RedisServer,
		readonly balancer: RoundRobinBalancer,
		readonly main: N8nInstance,
		readonly webhookProcessors: N8nInstance[],
		private readonly env: Record<string, string>,
		private readonly options: QueueClusterOptions,
	) {}

	/**
	 * Starts Postgres and Redis, creates the n8n user folders (package installed in each) and the
	 * balancer. No n8n runs yet: import into `main` with its CLI, then `start()`.
	 */
	static async create(options: QueueClusterOptions): Promise<QueueCluster> {
		const log = options.log ?? defaultLogger;
		const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		try {
			await postgres.createDatabase('n8n');
			const webhookProcessors: N8nInstance[] = [];
			const balancer = await RoundRobinBalancer.start(() =>
				webhookProcessors.filter((w) => w.running).map((w) => w.baseUrl),
			);
			const env: Record<string, string> = {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.host,
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_PASSWORD: '',
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				QUEUE_BULL_PREFIX: `dialogporten-${randomBytes(4).toString('hex')}`,
				// The public address of the webhook processors (what Altinn Events is told to call).
				WEBHOOK_URL: `${balancer.baseUrl}/`,
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
				...options.env,
			};
			const main = await N8nInstance.create({
				host: options.host,
				log,
				command: 'start',
				env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
			});
			await installPackage(main.userFolder, options.packed);
			// Any n8n command that opens the database creates its tables first (some 350 migrations
			// on an empty Postgres): done once here, with time to spare on a busy machine.
			const migrated = await main.cli(['list:workflow'], 15 * 60_000);
			if (migrated.code !== 0)
				throw new Error(
					`n8n could not set up its database:\n${tail(migrated.stdout + migrated.stderr)}`,
				);
			const cluster = new QueueCluster(
				postgres,
				redis,
				balancer,
				main,
				webhookProcessors,
				env,
				options,
			);
			for (let i = 0; i < (options.workers ?? 2); i++) await cluster.addProcess('worker');
			for (let i = 0; i < (options.webhookProcessors ?? 2); i++)
				await cluster.addProcess('webhook');
			return cluster;
		} catch (error) {
			await Promise.all([postgres.stop(), redis.stop()]);
			throw error;
		}
	}

	/** Creates one more worker or webhook processor (not started). */
	async addProcess(command: Exclude<N8nServerCommand, 'start'>): Promise<N8nInstance> {
		const instance = await N8nInstance.create({
			host: this.options.host,
			log: this.options.log,
			command,
			commandArgs:
				command === 'worker' ? [`--concurrency=${this.options.workerConcurrency ?? 5}`] : [],
			env: this.env,
		});
		await installPackage(instance.userFolder, this.options.packed);
		(command === 'worker' ? this.workers : this.webhookProcessors).push(instance);
		return instance;
	}

	/** Every n8n process of the cluster: main, workers, webhook processors. */
	get processes(): N8nInstance[] {
		return [this.main, ...this.workers, ...this.webhookProcessors];
	}

	/**
	 * Starts main, the workers (`workers` limits how many) and the webhook processors together. Each
	 * migrates the database under Postgres's advisory lock, as n8n does; the CLI imports into main
	 * have usually migrated it already.
	 */
	async start(options: { workers?: number } = {}): Promise<void> {
		const workers = this.workers.slice(0, options.workers ?? this.workers.length);
		await Promise.all(
			[this.main, ...workers, ...this.webhookProcessors]
				.filter((instance) => !instance.running)
				.map((instance) => instance.start(10 * 60_000)),
		);
	}

	/** Stops every n8n (webhook processors and main first, then workers), the balancer, Redis and Postgres. */
	async stop(): Promise<void> {
		const results = await Promise.allSettled([
			...this.webhookProcessors.map((w) => w.dispose()),
			this.main.dispose(),
		]);
		results.push(...(await Promise.allSettled(this.workers.map((w) => w.dispose()))));
		results.push(
			...(await Promise.allSettled([
				this.balancer.stop(),
				this.redis.stop(),
				this.postgres.stop(),
			])),
		);
		const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
		if (failed) throw failed.reason;
	}

	/** Execution ids each worker started, from its log ("Worker started execution N"). */
	executionsByWorker(): number[][] {
		return this.workers.map((worker) =>
			[...worker.output.matchAll(/Worker started execution (\d+)/g)].map((m) => Number(m[1])),
		);
	}
}
