/**
 * Which examples the demo runs headless, in which order, and the short summary it prints of their
 * runs. Example 3 goes first so the dialog it creates shows up in the digest of example 1.
 */
import { nodeItems, type WorkflowRun } from './n8n';

export const DEMO_EXAMPLES = [
	{ id: 'dpExSvcOwner0001', title: 'Service owner' },
	{ id: 'dpExInboxDigest1', title: 'Inbox digest' },
	{ id: 'dpExReadConfirm1', title: 'Read and confirm' },
	{ id: 'dpExHttpRequest1', title: 'Any Altinn API (HTTP Request node)' },
] as const;

export type DemoRuns = Partial<Record<(typeof DEMO_EXAMPLES)[number]['id'], WorkflowRun>>;

export interface DemoSummary {
	partiesFound: string[];
	dialogsUpdated: number;
	dialogsFetched: number;
	dialogsConfirmed: number;
	/** Messages example 6's HTTP Request node read from the message API. */
	messagesRead: number;
	createdDialogId?: string;
	createdDialogStatus?: string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function demoSummary(runs: DemoRuns): DemoSummary {
	const summary: DemoSummary = {
		partiesFound: [],
		dialogsUpdated: 0,
		dialogsFetched: 0,
		dialogsConfirmed: 0,
		messagesRead: 0,
	};
	const serviceOwner = runs.dpExSvcOwner0001;
	if (serviceOwner) {
		const [readBack] = nodeItems(serviceOwner, 'Read it back');
		summary.createdDialogId = String(readBack?.id ?? '');
		summary.createdDialogStatus = String(readBack?.status ?? '');
	}
	const digest = runs.dpExInboxDigest1;
	if (digest) {
		summary.partiesFound = nodeItems(digest, 'Get parties').map((p) => String(p.name));
		summary.dialogsUpdated = nodeItems(digest, 'Digest line').length;
	}
	const confirm = runs.dpExReadConfirm1;
	if (confirm) {
		summary.dialogsFetched = nodeItems(confirm, 'Get dialog').length;
		summary.dialogsConfirmed = nodeItems(confirm, 'Result').filter((r) =>
			JSON.stringify(r.confirmation).includes('Confirmed'),
		).length;
	}
	const anyApi = runs.dpExHttpRequest1;
	if (anyApi) {
		summary.messagesRead = nodeItems(anyApi, 'Message').filter(
			(m) =>
				m.dialogId &&
				(m.message as { correspondenceId?: unknown })?.correspondenceId === m.dialogId,
		).length;
	}
	return summary;
}

/** Readable lines of what the demo's runs did. */
export function summarizeDemoRuns(runs: DemoRuns): string[] {
	const lines: string[] = [];
	const s = demoSummary(runs);
	if (runs.dpExSvcOwner0001) {
		lines.push(
			`Service owner: created dialog ${s.createdDialogId}, added a transmission, status now ${s.createdDialogStatus}`,
		);
	}
	if (runs.dpExInboxDigest1) {
		lines.push(
			`Inbox digest: ${plural(s.partiesFound.length, 'party')} found (${s.partiesFound.join(', ')}), ${plural(s.dialogsUpdated, 'dialog')} with new content since yesterday`,
		);
		for (const line of nodeItems(runs.dpExInboxDigest1, 'Digest line').slice(0, 5)) {
			lines.push(`    · ${line.title} — ${line.sender}, ${line.status}`);
		}
	}
	if (runs.dpExReadConfirm1) {
		const results = nodeItems(runs.dpExReadConfirm1, 'Result');
		lines.push(
			`Read and confirm: ${plural(s.dialogsFetched, 'unread dialog')} fetched, content read through the API action, ${s.dialogsConfirmed} confirmed (API action "confirm")`,
		);
		for (const result of results) lines.push(`    · ${result.title}`);
	}
	if (runs.dpExHttpRequest1) {
		lines.push(
			`Any Altinn API: ${plural(s.messagesRead, 'message')} read from the message API by the HTTP Request node with the Maskinporten credential (Altinn token)`,
		);
		for (const message of nodeItems(runs.dpExHttpRequest1, 'Message'))
			lines.push(`    · ${message.title} — ${message.status}`);
	}
	return lines;
}
