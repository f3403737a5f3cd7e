/**
 * A running n8n driven the way an API client or the editor drives it: credentials and workflows
 * created through the public API, webhook workflows activated and called, executions read back.
 */
import { randomUUID } from 'node:crypto';
import type { N8nInstance, WorkflowFile } from '../harness';
import { chainWorkflow, waitUntil } from './harness';

export interface SavedCredential {
	id: string;
	name: string;
}

export interface StoredExecution {
	id: string;
	workflowId?: string;
	status?: string;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{
					error?: { message?: string; description?: string; httpCode?: string };
					data?: { main?: Array<Array<{ json: Record<string, unknown> }>> };
				}>
			>;
			error?: { message?: string; description?: string; [key: string]: unknown };
		};
	};
}

/** The items one node of an execution emitted on its first output (first run). */
export const emittedBy = (execution: StoredExecution, node: string) =>
	(execution.data?.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

export function without<T extends object>(value: T, keys: string[]): Partial<T> {
	return Object.fromEntries(
		Object.entries(value).filter(([key]) => !keys.includes(key)),
	) as Partial<T>;
}

/** n8n's public API (`/api/v1`) with one API key; a status other than 2xx is an error. */
export class PublicApi {
	constructor(
		readonly n8n: N8nInstance,
		readonly apiKey: string,
	) {}

	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const { status, body: answer } = await this.n8n.publicApi<T>(this.apiKey, method, path, body);
		if (status < 200 || status >= 300)
			throw new Error(`${method} /api/v1/${path} answered ${status}: ${JSON.stringify(answer)}`);
		return answer;
	}

	/** Creates a credential the way an API client or the editor saves one (data in clear, n8n encrypts it). */
	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<SavedCredential> {
		const created = await this.call<{ id: string; name: string }>('POST', 'credentials', {
			name,
			type,
			data,
		});
		return { id: created.id, name: created.name };
	}

	/** Creates a workflow (n8n gives the id) and returns its id. */
	async createWorkflow(workflow: WorkflowFile): Promise<string> {
		const { name, nodes, connections, settings } = workflow;
		const created = await this.call<{ id: string }>('POST', 'workflows', {
			name,
			nodes,
			connections,
			settings,
		});
		return created.id;
	}

	async setActive(workflowId: string, active: boolean): Promise<void> {
		await this.call('POST', `workflows/${workflowId}/${active ? 'activate' : 'deactivate'}`);
	}

	/** Creates and activates a webhook workflow; resolves once its webhook answers. */
	async activateWebhookWorkflow(workflow: WorkflowFile, path: string): Promise<string> {
		const id = await this.createWorkflow(workflow);
		await this.setActive(id, true);
		await this.n8n.waitForWebhook(path);
		return id;
	}

	/** The finished executions of a workflow, oldest first, with their data. */
	async executions(workflowId: string): Promise<StoredExecution[]> {
		const list = await this.call<{ data: StoredExecution[] }>(
			'GET',
			`executions?workflowId=${workflowId}&includeData=true&limit=100`,
		);
		return list.data
			.filter((e) => e.status !== 'running' && e.status !== 'new')
			.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** Waits for a workflow's execution number `count` (1-based) to be stored and returns it. */
	async nthExecution(workflowId: string, count: number): Promise<StoredExecution> {
		const list = await waitUntil(`execution ${count} of workflow ${workflowId}`, async () => {
			const found = await this.executions(workflowId);
			return found.length >= count && found;
		});
		return list[count - 1];
	}
}

/**
 * A workflow started by a POST webhook that answers with every item of its last node. POST, because
 * the harness's wait for a webhook sends a GET, which must not start a run.
 */
export function webhookWorkflow(
	name: string,
	path: string,
	nodes: Parameters<typeof chainWorkflow>[2],
): WorkflowFile {
	const workflow = chainWorkflow('unused', name, nodes);
	const [trigger, ...rest] = workflow.nodes;
	// The id is n8n's to give: the public API creates the workflow from name, nodes, connections, settings.
	return {
		...workflow,
		nodes: [
			{
				...trigger,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			...rest,
		],
		connections: {
			...Object.fromEntries(Object.entries(workflow.connections).filter(([k]) => k !== 'Start')),
			Webhook: workflow.connections.Start,
		},
	};
}

/** Runs a webhook workflow once; the items of its last node, or the error n8n answered with. */
export async function runWebhook(
	n8n: N8nInstance,
	path: string,
): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${n8n.baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	const text = await response.text();
	if (response.status !== 200)
		throw new Error(
			`workflow at /webhook/${path} answered ${response.status}: ${text.slice(0, 500)}`,
		);
	return JSON.parse(text) as Array<Record<string, unknown>>;
}

/**
 * Creates a credential as the editor's credential dialog saves one (n8n's internal REST API, as the
 * logged-in owner). n8n 1.x's public API asks OAuth2 credentials for fields of its generic OAuth2
 * form (serverUrl, allowedDomains, …) that a community credential does not show.
 */
export async function saveCredentialInEditor(
	n8n: N8nInstance,
	name: string,
	type: string,
	data: Record<string, unknown>,
): Promise<SavedCredential> {
	const created = await n8n.rest<{ id: string; name: string }>('POST', 'credentials', {
		name,
		type,
		data,
	});
	return { id: created.id, name: created.name };
}

/** The credential as the editor loads it: n8n replaces stored OAuth tokens with `true`. */
export async function credentialState(
	n8n: N8nInstance,
	id: string,
): Promise<Record<string, unknown>> {
	const credential = await n8n.rest<{ data: Record<string, unknown> }>(
		'GET',
		`credentials/${id}?includeData=true`,
	);
	return credential.data;
}
