/**
 * Workflows run in a started n8n (`n8n start`) the way a production workflow runs: created and
 * activated through n8n's public API, started by a POST to their webhook, their executions read
 * back through the public API.
 */
import { chainWorkflow, waitUntil } from './harness';
import { PublicApi, webhookWorkflow, type StoredExecution } from './n8n-api';

type WorkflowNode = Parameters<typeof chainWorkflow>[2][number];

export class WebhookWorkflows extends PublicApi {
	/**
	 * Creates and activates a workflow of `nodes` in a chain behind a POST webhook at `path` that
	 * answers with every item of the last node; resolves once the webhook answers. POST, because the
	 * harness's wait for a webhook sends a GET, which must not start a run.
	 */
	async activate(name: string, path: string, nodes: WorkflowNode[]): Promise<string> {
		const workflow = webhookWorkflow(name, path, nodes);
		const created = await this.call<{ id: string }>('POST', 'workflows', {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings,
		});
		await this.call('POST', `workflows/${created.id}/activate`);
		await this.n8n.waitForWebhook(path);
		return created.id;
	}

	/** Runs a webhook workflow once: the status n8n answered with and the items of its last node (or its error text). */
	async run(
		path: string,
		body: unknown = {},
	): Promise<{ status: number; items: Array<Record<string, unknown>>; text: string }> {
		const response = await fetch(`${this.n8n.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		let items: Array<Record<string, unknown>> = [];
		if (response.status === 200) items = JSON.parse(text) as Array<Record<string, unknown>>;
		return { status: response.status, items, text };
	}

	/** Runs a webhook workflow once and expects it to succeed; the items of its last node. */
	async runOk(path: string, body: unknown = {}): Promise<Array<Record<string, unknown>>> {
		const { status, items, text } = await this.run(path, body);
		if (status !== 200)
			throw new Error(`workflow at /webhook/${path} answered ${status}: ${text.slice(0, 500)}`);
		return items;
	}

	/** Finished executions of a workflow, oldest first, with their data. */
	async executions(workflowId: string): Promise<StoredExecution[]> {
		const all = await this.n8n.allExecutions<StoredExecution>(this.apiKey, true);
		return all
			.filter((e) => e.workflowId === workflowId && e.status !== 'running' && e.status !== 'new')
			.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** The newest execution once there are more than `before`. */
	async newestExecution(workflowId: string, before: number): Promise<StoredExecution> {
		const list = await waitUntil('the execution to be saved', async () => {
			const found = await this.executions(workflowId);
			return found.length > before && found;
		});
		return list[list.length - 1];
	}
}
