import { randomBytes } from 'node:crypto';
import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';
import {
	assertAltinnTokenExchange,
	createSubscription,
	credentialFacts,
	deleteSubscription,
	getSubscription,
	settle,
} from '../../events/eventsApi';
import { httpStatusOf } from '../../transport';
import {
	filterKey,
	planSubscriptions,
	subscriptionBody,
	subscriptionMatches,
	type SubscriptionFilter,
} from '../../events/subscriptions';
import { readEventsTriggerParameters } from './parameters';
import { dedupeMemoryKey, forgetRememberedIds } from '../../events/dedupe';
import { hashSecret, secretMatchesHash } from './secret';

/** Query parameter that carries the per-activation secret in the subscription's endpoint. */
export const SECRET_QUERY_PARAMETER = 'secret';

/**
 * What the trigger keeps in the node's static data between activation and deactivation. The
 * secret itself lives only in the endpoint Altinn keeps; static data holds its SHA-256, because
 * n8n copies a workflow's static data into the executions it stores (n8n 1.123 and 2.20 do) and
 * shows it wherever the workflow is exported.
 */
export interface StoredSubscriptions {
	/** SHA-256 of the per-activation secret, hex. */
	secretHash?: string;
	subscriptions?: Array<{ id: number | string; filter: string }>;
}

export function storedState(staticData: IDataObject): StoredSubscriptions {
	const secretHash =
		typeof staticData.secretHash === 'string' && /^[0-9a-f]{64}$/.test(staticData.secretHash)
			? staticData.secretHash
			: // An activation by an earlier version of this package stored the secret itself.
				typeof staticData.secret === 'string' && staticData.secret !== ''
				? hashSecret(staticData.secret)
				: undefined;
	const subscriptions = Array.isArray(staticData.subscriptions)
		? (staticData.subscriptions as Array<{ id: number | string; filter: string }>).filter(
				(s) =>
					s !== null &&
					typeof s === 'object' &&
					(typeof s.id === 'number' || typeof s.id === 'string'),
			)
		: undefined;
	return { secretHash, subscriptions };
}

export function endpointWithSecret(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SECRET_QUERY_PARAMETER, secret);
	return url.href;
}

/** The secret in an endpoint URL Altinn keeps for a subscription, if it has one. */
export function secretOfEndpoint(endPoint: unknown): string | undefined {
	if (typeof endPoint !== 'string') return undefined;
	try {
		return new URL(endPoint).searchParams.get(SECRET_QUERY_PARAMETER) ?? undefined;
	} catch {
		return undefined;
	}
}

function plannedFilters(this: IHookFunctions): SubscriptionFilter[] {
	const parameters = readEventsTriggerParameters.call(this);
	return planSubscriptions(parameters);
}

function webhookUrlOf(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(
			this.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	return url;
}

/**
 * True when every stored subscription still exists at Altinn, is validated, and delivers what the
 * current parameters ask for to this node's URL. Anything else makes n8n call create(), which
 * replaces them.
 */
export async function subscriptionsExist(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const { secretHash, subscriptions } = storedState(staticData);
	if (!secretHash || !subscriptions || subscriptions.length === 0) return false;
	const facts = await credentialFacts.call(this);
	assertAltinnTokenExchange.call(this, facts);
	const planned = plannedFilters.call(this);
	if (planned.length !== subscriptions.length) return false;
	const webhookUrl = webhookUrlOf.call(this);
	const unmatched = [...planned];
	for (const stored of subscriptions) {
		const remote = await getSubscription.call(this, stored.id);
		// Never validated means Altinn will never deliver to it; creating it again starts a new handshake.
		if (!remote || remote.validated === false) return false;
		// It must deliver with this activation's secret, which only Altinn's copy of the endpoint holds.
		const secret = secretOfEndpoint(remote.endPoint);
		if (!secret || !secretMatchesHash(secretHash, secret)) return false;
		const endPoint = endpointWithSecret(webhookUrl, secret);
		const index = unmatched.findIndex((filter) => subscriptionMatches(remote, filter, endPoint));
		if (index === -1) return false;
		unmatched.splice(index, 1);
	}
	return true;
}

/** Deletes subscriptions left from an earlier activation, so they stop delivering with an old secret. */
async function removeStale(
	this: IHookFunctions,
	subscriptions: Array<{ id: number | string }>,
): Promise<void> {
	for (const { id } of subscriptions) {
		const outcome = await settle(deleteSubscription.call(this, id));
		if (!outcome.ok) {
			// 403: the subscription belongs to another consumer (the credential changed) and cannot be
			// removed with this one. Activation goes on; the old one keeps failing on its old secret.
			if (httpStatusOf(outcome.error) !== 403) throw outcome.error;
			this.logger.warn(
				`Altinn Events subscription ${id} from an earlier activation could not be deleted (403)`,
				{
					subscriptionId: id,
				},
			);
		}
	}
}

export async function createSubscriptions(this: IHookFunctions): Promise<boolean> {
	const node = this.getNode();
	const facts = await credentialFacts.call(this);
	assertAltinnTokenExchange.call(this, facts);
	const planned = plannedFilters.call(this);
	const webhookUrl = webhookUrlOf.call(this);
	if (!webhookUrl.startsWith('https://') && facts.environment !== 'custom') {
		throw new NodeOperationError(node, 'Altinn Events can only deliver to a public HTTPS URL', {
			description: `This workflow's webhook URL is ${webhookUrl}. Run n8n behind HTTPS with a publicly trusted certificate and set WEBHOOK_URL to its public address, or use the Dialogporten Polling Trigger, which needs no public URL.`,
		});
	}

	const staticData = this.getWorkflowStaticData('node');
	const previous = storedState(staticData).subscriptions ?? [];
	if (previous.length > 0) await removeStale.call(this, previous);

	// The secret is in static data before the first POST. n8n writes static data to its database only
	// after create() returns, so a validation request that arrives sooner is answered 503 by
	// webhook() and Altinn retries it; where static data is shared in memory it is known at once.
	const secret = randomBytes(32).toString('base64url');
	staticData.secretHash = hashSecret(secret);
	delete staticData.secret;
	staticData.subscriptions = [];
	const endPoint = endpointWithSecret(webhookUrl, secret);
	const created: Array<{ id: number | string; filter: string }> = [];
	for (const filter of planned) {
		const outcome = await settle(createSubscription.call(this, subscriptionBody(filter, endPoint)));
		const id = outcome.ok ? outcome.value?.id : undefined;
		if (id === undefined || id === null) {
			// Leave nothing half-made behind: n8n does not call delete() after a failed activation.
			const cleanup = await settle(removeStale.call(this, created));
			if (!cleanup.ok) {
				this.logger.warn(
					'Could not delete the Altinn Events subscriptions made before activation failed',
					{
						subscriptionIds: created.map((c) => c.id),
					},
				);
			}
			delete staticData.secretHash;
			delete staticData.subscriptions;
			if (!outcome.ok) throw outcome.error;
			throw new NodeOperationError(node, 'Altinn Events created a subscription but returned no id');
		}
		created.push({ id, filter: filterKey(filter) });
	}
	staticData.subscriptions = created;
	return true;
}

export async function deleteSubscriptions(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const { subscriptions } = storedState(staticData);
	if (subscriptions && subscriptions.length > 0) {
		const facts = await credentialFacts.call(this);
		assertAltinnTokenExchange.call(this, facts);
		const remaining = [...subscriptions];
		while (remaining.length > 0) {
			await deleteSubscription.call(this, remaining[0].id);
			remaining.shift();
			// Keep only what is still to be deleted, so a failure part-way leaves an accurate record.
			staticData.subscriptions = [...remaining];
		}
	}
	delete staticData.subscriptions;
	delete staticData.secretHash;
	delete staticData.secret;
	delete staticData.seenEventIds;
	forgetRememberedIds(dedupeMemoryKey(this.getWorkflow().id, this.getNode().name));
	return true;
}
