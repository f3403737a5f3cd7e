// Pushes per second one real n8n (`n8n start`, the e2e harness) accepts on the Dialogporten Events
// Trigger, against n8n's own bare Webhook node in the same n8n, with p50/p99 acknowledgement
// latency of each. Both are one-node workflows answering at once ('onReceived'), so each push is
// acknowledged and starts one execution: the difference is the trigger's own work (secret check,
// CloudEvent parsing, de-duplication). The trigger's subscription is made and validated by the
// stand-in's Altinn Events as in test/e2e/events.e2e.test.ts. Prints the figures; asserts nothing.
// Needs dist/ built (`npm run build`; `npm run bench` builds it), as prepareN8n installs it.
// Run: npx tsx bench/events-push.ts   (BENCH_EVENTS_PUSHES, BENCH_EVENTS_CONCURRENCY)
// The last stdout line is the figures as JSON (bench/index.ts reads it); progress goes to stderr.
import { randomUUID } from 'node:crypto';
import { startAltinnLocal, type AltinnLocal, type CloudEvent } from '../altinn-local';
import { organizations, orgUrn, resources } from '../altinn-local/fixtures';
import { prepareN8n, type PreparedN8n, type WorkflowFile } from '../test/e2e/harness';
import { OWNER, sleep } from '../test/e2e/support/harness';
import { maskinportenCredential, SERVICE_OWNER_SCOPES } from '../test/support/credentials';
import { DIALOG_CREATED, dialogCreatedTrigger } from '../test/e2e/support/workflows';

export interface PushFigures {
	perSecond: number;
	p50Ms: number;
	p99Ms: number;
}

export interface EventsPushFigures {
	/** Pushes per round and target. */
	pushes: number;
	/** Requests in flight at once. */
	concurrency: number;
	trigger: PushFigures;
	webhook: PushFigures;
	/** trigger.perSecond / webhook.perSecond */
	ratio: number;
	n8nVersion: string;
	/** Rounds per target (the best is reported). */
	rounds: number;
}

const CREDENTIAL = { id: 'benchEventsCred1', name: 'Maskinporten service owner (bench events)' };
const TRIGGER_WEBHOOK_ID = '7d3c1a9e-4b2f-4e6a-8c15-0f9e2d7b6a31';
const BARE_WEBHOOK_ID = '2e8f6b40-91c7-4d3a-b5e2-6a0c4f1d9b77';
const BARE_PATH = 'bench-bare';
const WARM_UP = 50;
const ROUNDS = 3;
/**
 * Pause after each burst. Both workflows answer before their execution has run, so a burst leaves
 * executions still running (and being saved) in n8n; without the pause that backlog would slow
 * the next burst, which is always the other target's, unfairly.
 */
const SETTLE_MS = 2000;

const triggerWorkflow: WorkflowFile = {
	id: 'benchEventsTrig1',
	name: 'Bench: Dialogporten Trigger',
	nodes: [dialogCreatedTrigger('benchEventsTrig1', TRIGGER_WEBHOOK_ID, CREDENTIAL)],
	connections: {},
	settings: { executionOrder: 'v1' },
	active: false,
};

const bareWorkflow: WorkflowFile = {
	id: 'benchEventsBare1',
	name: 'Bench: bare Webhook',
	nodes: [
		{
			id: 'benchEventsBare1-n0',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: BARE_WEBHOOK_ID,
			parameters: {
				httpMethod: 'POST',
				path: BARE_PATH,
				responseMode: 'onReceived',
				options: {},
			},
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	active: false,
};

const stderrLog = (line: string) => process.stderr.write(`${line}\n`);

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

interface Target {
	label: 'trigger' | 'webhook';
	/** Where to POST; the trigger's carries the subscription's secret, so it is never printed. */
	url: string;
}

/**
 * `count` POSTs of fresh events to one target, `concurrency` in flight at once. Every answer must
 * be 200; a push the trigger ignores (e.g. as a repeat) would start no execution and fails too.
 */
async function burst(
	target: Target,
	count: number,
	concurrency: number,
	nextEvent: () => CloudEvent,
): Promise<PushFigures> {
	const latencies: number[] = [];
	let issued = 0;
	let failure: Error | undefined;
	const worker = async () => {
		while (issued < count && !failure) {
			issued++;
			const body = JSON.stringify(nextEvent());
			const started = performance.now();
			try {
				const response = await fetch(target.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body,
				});
				const text = await response.text();
				latencies.push(performance.now() - started);
				if (response.status !== 200)
					throw new Error(
						`${target.label} push answered ${response.status}: ${text.slice(0, 300)}`,
					);
				if (/ignored/i.test(text))
					throw new Error(`${target.label} push was not taken: ${text.slice(0, 300)}`);
			} catch (error) {
				failure ??= error as Error;
			}
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	const seconds = (performance.now() - started) / 1000;
	if (failure) throw failure;
	latencies.sort((a, b) => a - b);
	return {
		perSecond: count / seconds,
		p50Ms: percentile(latencies, 0.5),
		p99Ms: percentile(latencies, 0.99),
	};
}

async function activate(ctx: PreparedN8n, apiKey: string, workflowId: string): Promise<void> {
	const { status, body } = await ctx.n8n.publicApi(
		apiKey,
		'POST',
		`workflows/${workflowId}/activate`,
	);
	if (status !== 200)
		throw new Error(`activate ${workflowId} answered ${status}: ${JSON.stringify(body)}`);
}

export async function measureEventsPush(
	options: {
		pushes?: number;
		concurrency?: number;
		log?: (line: string) => void;
		/** n8n settings for this run (e.g. its expression engine). */
		n8nEnv?: Record<string, string>;
	} = {},
): Promise<EventsPushFigures> {
	const pushes = options.pushes ?? 400;
	const concurrency = options.concurrency ?? 8;
	const log = options.log ?? stderrLog;
	let altinn: AltinnLocal | undefined;
	let ctx: PreparedN8n | undefined;
	try {
		// Modelled delays at 1/50, as in events.e2e: validation retries from 20 ms.
		altinn = await startAltinnLocal({ port: 0, quiet: true, seedDialogs: 3, timeScale: 0.02 });
		// One real event, made before anything subscribes, as the model of every push.
		const dialogId = await altinn.dialogs.create({
			serviceResource: resources.demo.urn,
			party: orgUrn(organizations.bakery.orgNumber),
			status: 'InProgress',
			isApiOnly: false,
			content: {
				title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Benchmark' }] },
			},
		});
		const model = altinn.events
			.published()
			.find((e) => e.resourceinstance === dialogId && e.type === DIALOG_CREATED);
		if (!model)
			throw new Error(`the stand-in published no ${DIALOG_CREATED} for dialog ${dialogId}`);
		// Only id (the trigger de-duplicates on it) and the dialog differ between pushes.
		const nextEvent = (): CloudEvent => ({
			...model,
			id: randomUUID(),
			resourceinstance: randomUUID(),
		});

		ctx = await prepareN8n({ log, env: options.n8nEnv });
		await ctx.n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'maskinportenApi',
				data: maskinportenCredential(altinn, 'serviceOwner', {
					exchangeToAltinn: true,
					scopes: `${SERVICE_OWNER_SCOPES} altinn:events.subscribe altinn:serviceowner`,
				}),
			},
		]);
		await ctx.n8n.importWorkflows([triggerWorkflow, bareWorkflow]);
		await ctx.n8n.start();
		await ctx.n8n.setupOwner(OWNER);
		const apiKey = await ctx.n8n.createApiKey('bench-events');
		await activate(ctx, apiKey, triggerWorkflow.id);
		await activate(ctx, apiKey, bareWorkflow.id);

		const triggerUrl = `${ctx.n8n.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
		const stand = altinn;
		const [subscription] = await stand.events.waitFor(() => {
			const list = stand.events.subscriptions().filter((s) => s.endPoint.startsWith(triggerUrl));
			return list.length === 1 && list[0].validated && list;
		}, 30_000);
		await ctx.n8n.waitForWebhook(`${TRIGGER_WEBHOOK_ID}/webhook`);
		await ctx.n8n.waitForWebhook(BARE_PATH);
		log(`subscription ${subscription.id} validated; both webhooks registered`);

		const targets: Target[] = [
			{ label: 'trigger', url: subscription.endPoint },
			{ label: 'webhook', url: `${ctx.n8n.baseUrl}/webhook/${BARE_PATH}` },
		];
		for (const target of targets) await burst(target, WARM_UP, concurrency, nextEvent);
		await sleep(SETTLE_MS);

		const best: Partial<Record<Target['label'], PushFigures>> = {};
		for (let round = 1; round <= ROUNDS; round++) {
			// The order alternates, so neither target always runs right after the other's burst.
			const order = round % 2 === 1 ? targets : [...targets].reverse();
			for (const target of order) {
				const figures = await burst(target, pushes, concurrency, nextEvent);
				log(
					`round ${round} ${target.label}: ${figures.perSecond.toFixed(0)}/s, ` +
						`p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms`,
				);
				const previous = best[target.label];
				if (!previous || figures.perSecond > previous.perSecond) best[target.label] = figures;
				await sleep(SETTLE_MS);
			}
		}
		const trigger = best.trigger as PushFigures;
		const webhook = best.webhook as PushFigures;
		const rounded = (f: PushFigures): PushFigures => ({
			perSecond: round2(f.perSecond),
			p50Ms: round2(f.p50Ms),
			p99Ms: round2(f.p99Ms),
		});
		return {
			pushes,
			concurrency,
			trigger: rounded(trigger),
			webhook: rounded(webhook),
			ratio: round2(trigger.perSecond / webhook.perSecond),
			n8nVersion: ctx.n8n.n8nVersion,
			rounds: ROUNDS,
		};
	} finally {
		await ctx?.n8n.dispose();
		await altinn?.stop();
	}
}

async function main(): Promise<void> {
	const figures = await measureEventsPush({
		pushes: process.env.BENCH_EVENTS_PUSHES ? Number(process.env.BENCH_EVENTS_PUSHES) : undefined,
		concurrency: process.env.BENCH_EVENTS_CONCURRENCY
			? Number(process.env.BENCH_EVENTS_CONCURRENCY)
			: undefined,
		// e.g. BENCH_EVENTS_N8N_ENV='{"N8N_EXPRESSION_ENGINE":"legacy"}'
		n8nEnv: process.env.BENCH_EVENTS_N8N_ENV
			? (JSON.parse(process.env.BENCH_EVENTS_N8N_ENV) as Record<string, string>)
			: undefined,
	});
	const { trigger, webhook } = figures;
	console.log(
		`n8n ${figures.n8nVersion}, ${figures.pushes} pushes × ${ROUNDS} rounds, ${figures.concurrency} in flight: ` +
			`Dialogporten Trigger ${trigger.perSecond.toFixed(0)}/s (p50 ${trigger.p50Ms.toFixed(1)} ms, p99 ${trigger.p99Ms.toFixed(1)} ms), ` +
			`bare Webhook ${webhook.perSecond.toFixed(0)}/s (p50 ${webhook.p50Ms.toFixed(1)} ms, p99 ${webhook.p99Ms.toFixed(1)} ms), ` +
			`ratio ${figures.ratio.toFixed(2)}`,
	);
	console.log(JSON.stringify(figures));
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
