/**
 * A stand-in for n8n's webhook HTTP server: receives real HTTP POSTs (from the local Altinn
 * stand-in's Events push), runs the node's `webhook()` on n8n's WebhookContext through the
 * runtime, and answers the way n8n's webhook-helpers do for a trigger with responseMode
 * `onReceived`: the node's own response when it says `noWebhookResponse`, its `webhookResponse`
 * (200) when it starts no execution, and 200 "Workflow was started" when it returns workflowData.
 * Body parsing follows n8n's: `application/json` is parsed (invalid JSON → 422 before the node
 * runs), other content types leave the body empty with the bytes on `rawBody`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import type { N8nRuntime, NodeRunOptions } from '../../../../support/n8n-runtime';

export interface BridgeRequest {
	path: string;
	query: Record<string, string>;
	status: number;
	body: unknown;
	/** What webhook() returned (undefined when the request never reached it). */
	result?: IWebhookResponseData;
}

export type NodeOptions = Pick<NodeRunOptions, 'parameters' | 'credentials'>;

export function webhookDataFor(
	nodeType: INodeType,
	nodeName: string,
	isTest = false,
	workflowId = 'workflow',
): IWebhookData {
	const description = nodeType.description.webhooks?.[0];
	if (!description) throw new Error(`${nodeType.description.name} has no webhooks`);
	return {
		httpMethod: 'POST',
		node: nodeName,
		path: description.path,
		webhookDescription: description,
		workflowId,
		workflowExecuteAdditionalData: {} as IWebhookData['workflowExecuteAdditionalData'],
		isTest,
	};
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export class WebhookBridge {
	readonly requests: BridgeRequest[] = [];
	/** workflowData of every execution the node started, in order. */
	readonly executions: INodeExecutionData[][][] = [];
	private server?: Server;
	private waiters: Array<() => void> = [];

	constructor(
		private readonly runtime: () => N8nRuntime,
		private readonly nodeType: INodeType,
		private readonly nodeOptions: () => NodeOptions,
	) {}

	/** n8n's WEBHOOK_URL + '/webhook' for this bridge. */
	async start(): Promise<string> {
		this.server = createServer((req, res) => {
			void this.handle(req).then(
				({ status, body }) => {
					res.statusCode = status;
					res.setHeader('content-type', 'application/json');
					res.end(JSON.stringify(body));
				},
				(error: Error) => {
					res.statusCode = 500;
					res.end(JSON.stringify({ message: error.message }));
				},
			);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	/** Resolves once `count` requests have been answered (or rejects after `timeoutMs`). */
	async waitForRequests(count: number, timeoutMs = 5000): Promise<BridgeRequest[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.requests.length < count) {
			const remaining = deadline - Date.now();
			if (remaining <= 0)
				throw new Error(`Expected ${count} webhook requests, got ${this.requests.length}`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, remaining);
				this.waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		return this.requests.slice(0, count);
	}

	private record(entry: BridgeRequest) {
		this.requests.push(entry);
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}

	private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
		const url = new URL(req.url ?? '/', 'http://bridge.invalid');
		const query = Object.fromEntries(url.searchParams.entries());
		const rawBody = await readBody(req);
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		let body: unknown = {};
		if (contentType === 'application/json' && rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody.toString('utf8').replace(/^\uFEFF/, ''));
			} catch {
				const entry = {
					path: url.pathname,
					query,
					status: 422,
					body: { message: 'Failed to parse request body' },
				};
				this.record(entry);
				return entry;
			}
		} else if (contentType === 'text/plain') {
			body = rawBody.toString('utf8');
		}
		const nodeOptions = this.nodeOptions();
		const nodeName =
			this.nodeType.description.defaults.name ?? this.nodeType.description.displayName;
		const { context, sent } = this.runtime().webhookContext(
			this.nodeType,
			nodeOptions,
			webhookDataFor(this.nodeType, nodeName, false, this.runtime().workflowId),
			{ body, rawBody, query, headers: req.headers as Record<string, string>, method: req.method },
		);
		const result = await this.nodeType.webhook!.call(context);
		let response: { status: number; body: unknown };
		if (result.noWebhookResponse) response = { status: sent.status ?? 200, body: sent.body };
		else if (result.workflowData === undefined)
			response = {
				status: 200,
				body: result.webhookResponse ?? { message: 'Webhook call received' },
			};
		else {
			this.executions.push(result.workflowData);
			response = { status: 200, body: { message: 'Workflow was started' } };
		}
		this.record({ path: url.pathname, query, ...response, result });
		return response;
	}
}
