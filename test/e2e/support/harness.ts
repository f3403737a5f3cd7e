/** Shared pieces of the real-n8n test files. */
import type { INode } from 'n8n-workflow';
import type { WorkflowFile } from '../harness';

/** The local-only owner account of each test instance of n8n. */
export const OWNER = {
	email: 'owner@example.test',
	password: 'Local-only-0wner',
	firstName: 'Test',
	lastName: 'Owner',
};

/** Progress lines go straight to stdout so they are in the CI log in order, without Jest's console framing. */
export const e2eLog = (line: string) => process.stdout.write(`[e2e] ${line}\n`);

/** Node type of this package's nodes in a real n8n. */
export const ours = (name: string) => `n8n-nodes-dialogporten.${name}`;

type WorkflowNode = Pick<INode, 'name' | 'type' | 'typeVersion' | 'parameters'> &
	Partial<Pick<INode, 'credentials'>>;

/**
 * A workflow that starts with a Manual Trigger (what `n8n execute` runs) followed by `nodes` in a
 * chain, laid out left to right.
 */
export function chainWorkflow(id: string, name: string, nodes: WorkflowNode[]): WorkflowFile {
	const all: WorkflowNode[] = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		...nodes,
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		nodes: all.map((node, i) => ({ id: `${id}-n${i}`, position: [i * 240, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Every string in a value, deep (to check that no secret appears anywhere in an output). */
export function allText(value: unknown): string {
	return JSON.stringify(value) ?? '';
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value. */
export async function waitUntil<T>(
	what: string,
	check: () => Promise<T | undefined | false>,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}
