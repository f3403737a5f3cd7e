/** Workflows more than one real-n8n test file runs. */
import type { AltinnLocal } from '../../../altinn-local';
import { organizations, orgUrn, resources } from '../../../altinn-local/fixtures';
import { nodeItems, type WorkflowFile, type WorkflowRun } from '../harness';
import { allText, chainWorkflow, ours } from './harness';

/** A Dialogporten node on the end-user API, signed in with a Maskinporten (system user) credential. */
export const maskinportenEndUserNode = (
	credential: { id: string; name: string },
	parameters: Record<string, unknown>,
) => ({
	type: ours('dialogporten'),
	typeVersion: 1,
	parameters: { api: 'enduser', authentication: 'maskinportenApi', ...parameters },
	credentials: { maskinportenApi: credential },
});

/**
 * The end-user flow from the parties to an executed API action: the parties the system user acts
 * for, two dialogs of the demo service, each fetched, and each dialog's "confirm" action executed
 * with its dialog token.
 */
export function partiesSearchGetConfirm(
	id: string,
	credential: { id: string; name: string },
): WorkflowFile {
	const endUser = (parameters: Record<string, unknown>) =>
		maskinportenEndUserNode(credential, parameters);
	return chainWorkflow(id, 'Parties, search, get, confirm', [
		{ name: 'Parties', ...endUser({ resource: 'party', operation: 'getMany' }) },
		{
			name: 'Search',
			...endUser({
				resource: 'dialog',
				operation: 'search',
				returnAll: false,
				limit: 2,
				filters: {
					party: '={{ $json.party }}',
					serviceResource: 'urn:altinn:resource:ttd-dialogporten-demo',
				},
			}),
		},
		{
			name: 'Get',
			...endUser({
				resource: 'dialog',
				operation: 'get',
				dialogId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			}),
		},
		{
			name: 'Confirm',
			...endUser({
				resource: 'action',
				operation: 'execute',
				dialogId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				actionId: 'confirm',
				actionAuth: 'dialogToken',
			}),
		},
	]);
}

/**
 * What a run of `partiesSearchGetConfirm` must show: the bakery as the one party, two of its demo
 * dialogs found and fetched with a "confirm" action, and both confirmed at the stand-in (one
 * correspondence call each, recorded as an activity on the dialog).
 */
export function expectPartiesToConfirm(
	run: WorkflowRun,
	altinn: AltinnLocal,
	confirmsBefore: number,
): Record<'parties' | 'found' | 'confirmed', Array<Record<string, unknown>>> {
	const bakery = orgUrn(organizations.bakery.orgNumber);
	const parties = nodeItems(run, 'Parties');
	expect(parties.map((p) => p.party)).toEqual([bakery]);

	const found = nodeItems(run, 'Search');
	expect(found.length).toBe(2);
	for (const dialog of found) {
		expect(dialog.party).toBe(bakery);
		expect(dialog.serviceResource).toBe('urn:altinn:resource:ttd-dialogporten-demo');
	}

	const dialogs = nodeItems(run, 'Get');
	expect(dialogs.map((d) => d.id)).toEqual(found.map((d) => d.id));
	for (const dialog of dialogs) expect(allText(dialog.apiActions)).toContain('confirm');

	const confirmed = nodeItems(run, 'Confirm');
	expect(confirmed.length).toBe(2);
	expect(allText(confirmed)).toContain('Confirmed');
	expect(altinn.stats.requests('/platform/correspondence') - confirmsBefore).toBe(2);
	for (const dialog of found) {
		const activities = altinn.dialogs.get(String(dialog.id))?.details.activities ?? [];
		expect(activities.map((a) => a.type)).toContain('CorrespondenceConfirmed');
	}
	return { parties, found, confirmed };
}

/**
 * What a run of example 3 (Service owner) must show: a dialog created for the bakery, one
 * "Decision" transmission added, the dialog patched to Completed, and the dialog read back with
 * both. Returns the created dialog's id.
 */
export function expectServiceOwnerExample(run: WorkflowRun, altinn: AltinnLocal): string {
	const [created] = nodeItems(run, 'Create dialog');
	const dialogId = String(created.id);
	expect(dialogId).toMatch(/^[0-9a-f-]{36}$/);

	const stored = altinn.dialogs.get(dialogId);
	expect(stored?.party).toBe(orgUrn(organizations.bakery.orgNumber));
	expect(stored?.status).toBe('Completed');
	expect(stored?.details.transmissions.map((t) => t.type)).toEqual(['Decision']);

	const [readBack] = nodeItems(run, 'Read it back');
	expect(readBack.status).toBe('Completed');
	expect((readBack.content as Record<string, unknown>).title).toBe(
		'Your application has been received',
	);
	const transmissions = readBack.transmissions as Array<{ content: { title: string } }>;
	expect(transmissions.map((t) => t.content.title)).toEqual(['Decision on your application']);
	return dialogId;
}

/** The Altinn event type of a created dialog. */
export const DIALOG_CREATED = 'dialogporten.dialog.created.v1';

/**
 * The Dialogporten Trigger as node "Dialog Created" of workflow `workflowId`: dialogs created on the demo
 * service, delivered to n8n's webhook `webhookId`. `nodeType` may be the trigger's first type name,
 * which saved workflows still carry.
 */
export function dialogCreatedTrigger(
	workflowId: string,
	webhookId: string,
	credential: { id: string; name: string },
	nodeType: 'dialogportenTrigger' | 'dialogportenEventsTrigger' = 'dialogportenTrigger',
): WorkflowFile['nodes'][number] {
	return {
		id: `${workflowId}-trigger`,
		name: 'Dialog Created',
		type: ours(nodeType),
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: {
			serviceResource: resources.demo.urn,
			party: '',
			eventTypes: [DIALOG_CREATED],
			includeSubunits: false,
			options: {},
		},
		credentials: { maskinportenApi: credential },
	};
}

/** The Altinn event type of an "Information" activity on a dialog. */
export const INFORMATION_ACTIVITY = 'dialogporten.dialog.activity.information.v1';

/**
 * A workflow whose only node is the Polling Trigger on the Altinn Events API: Information
 * activities on the demo service, every minute, node name "Information Activities".
 */
export function informationPollingWorkflow(
	id: string,
	name: string,
	credential: { id: string; name: string },
): WorkflowFile {
	return {
		id,
		name,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Information Activities',
				type: ours('dialogportenPollingTrigger'),
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					source: 'events',
					serviceResource: resources.demo.urn,
					party: '',
					eventTypes: [INFORMATION_ACTIVITY],
					options: {},
				},
				credentials: { maskinportenApi: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
